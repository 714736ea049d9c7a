// Screenshots of the graph preview (dev only). Start the preview server first:
//   npx vite preview --config src/components/graph/preview/vite.config.ts --port 4321 &
//   node src/components/graph/preview/shoot.mjs [outDir]
// Also measures frame times on the big cluster while it churns (requestAnimationFrame deltas).
import { chromium } from "@playwright/test";

const out = process.argv[2] ?? "/tmp/kubelab-graph-shots";
const base = "http://localhost:4321/";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

async function shot(name, query, { wait = 800, reduced = false, action } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: reduced ? "reduce" : "no-preference" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(base + query);
  await page.waitForTimeout(wait);
  if (action) await action(page);
  await page.screenshot({ path: `${out}/${name}.png` });
  if (errors.length) console.log(name, "errors:", JSON.stringify(errors));
  return page;
}

await import("node:fs").then((fs) => fs.mkdirSync(out, { recursive: true }));
await (await shot("small-light", "?size=small&at=99999")).close();
await (await shot("small-dark", "?size=small&at=99999&theme=dark")).close();
await (await shot("small-pending", "?size=small&at=2000")).close();
await (await shot("small-late", "?size=small&at=99999&late=600", { wait: 1500 })).close();
const live = await shot("small-live", "?size=small", { wait: 3650 });
await live.waitForTimeout(5500);
await live.screenshot({ path: `${out}/small-live-2.png` });
await live.waitForTimeout(8000);
await live.screenshot({ path: `${out}/small-live-3.png` });
await live.close();
const zoomed = await shot("small-zoom", "?size=small&at=11000", {
  action: async (p) => {
    await p.getByRole("button", { name: /^Pod nginx-deployment-7c5ddbdf54-x2kqz/ }).click();
    await p.getByRole("button", { name: "zoom in" }).click();
    await p.getByRole("button", { name: "zoom in" }).click();
    await p.getByRole("group", { name: "node-2", exact: true }).getByRole("button", { name: "Kill node" }).click();
    await p.waitForTimeout(2500);
    await p.getByRole("group", { name: "node-2", exact: true }).getByRole("button", { name: "Kill node" }).isDisabled();
    await p.getByRole("button", { name: "Add node" }).click();
    await p.waitForTimeout(300);
  },
});
console.log("node-2:", await zoomed.getByRole("button", { name: /^Node node-2 / }).getAttribute("aria-label"));
await zoomed.close();
const big = await shot("big-light", "?size=big", { wait: 1500 });
const frames = await big.evaluate(
  () =>
    new Promise((resolve) => {
      const deltas = [];
      let last = performance.now();
      const start = last;
      const step = (t) => {
        deltas.push(t - last);
        last = t;
        if (t - start < 4000) requestAnimationFrame(step);
        else resolve(deltas);
      };
      requestAnimationFrame(step);
    }),
);
frames.sort((a, b) => a - b);
const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))].toFixed(1);
console.log(`big cluster frames: n=${frames.length} p50=${pct(0.5)}ms p95=${pct(0.95)}ms max=${pct(1)}ms`);
console.log("node-7:", await big.getByRole("button", { name: /^Node node-7 / }).getAttribute("aria-label"));
await big.close();
await (await shot("big-dark", "?size=big&theme=dark&still=1")).close();
await (await shot("small-reduced", "?size=small", { wait: 3650, reduced: true })).close();
await browser.close();
