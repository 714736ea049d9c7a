// The real app with 100 nodes and a 3,000-pod Deployment rolling (dev only):
//   node app-big.mjs http://localhost:4322 [outDir]
// Prints frame times and the page's own main-thread CPU per task (trace thread time), and screenshots.
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:4322";
const out = process.argv[3] ?? "/tmp/kubelab-graph-shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
page.on("pageerror", (e) => console.log("pageerror", e.message));
await page.goto(`${base}/?nodes=100&seed=1`);
await page.getByRole("button", { name: /^Node node-100 / }).first().waitFor({ state: "attached", timeout: 120000 }).catch(() => {});
await page.waitForFunction(() => typeof window.kubelab?.run === "function", null, { timeout: 120000 });
const run = (line) => page.evaluate((l) => window.kubelab.run(l), line);
await page.evaluate(() => window.kubelab.request({ kind: "clock", speed: 10, paused: false }));
console.log(await run("kubectl create deployment web --image=nginx --replicas=3000"));
await page.waitForTimeout(20000);
await page.screenshot({ path: `${out}/app-big-1.png`, timeout: 60000 }).catch((e) => console.log("screenshot:", e.message.split("\n")[0]));
console.log(await run("kubectl set image deployment/web nginx=nginx:1.27"));
await browser.startTracing(page, { categories: ["devtools.timeline"] });
const frames = await page.evaluate(
  () =>
    new Promise((resolve) => {
      const d = [];
      let last = performance.now();
      const start = last;
      const step = (t) => {
        d.push(t - last);
        last = t;
        if (t - start < 8000) requestAnimationFrame(step);
        else resolve(d);
      };
      requestAnimationFrame(step);
    }),
);
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
const tasks = events.filter((e) => e.name === "RunTask" && e.ph === "X" && e.tid === main?.tid).map((e) => (e.tdur ?? 0) / 1000);
tasks.sort((a, b) => a - b);
frames.sort((a, b) => a - b);
const p = (a, q) => a[Math.min(a.length - 1, Math.floor(a.length * q))]?.toFixed(1);
console.log(`frames n=${frames.length} p50=${p(frames, 0.5)} p95=${p(frames, 0.95)} max=${p(frames, 1)}`);
console.log(`main-thread task cpu: n=${tasks.length} total=${tasks.reduce((s, x) => s + x, 0).toFixed(0)}ms p95=${p(tasks, 0.95)} max=${p(tasks, 1)} over50=${tasks.filter((x) => x > 50).length}`);
await page.screenshot({ path: `${out}/app-big-2.png`, timeout: 60000 }).catch((e) => console.log("screenshot:", e.message.split("\n")[0]));
console.log(await page.getByRole("button", { name: /^Node node-7 / }).getAttribute("aria-label"));
await browser.close();
