// Main-thread time by trace event (dev only): node trace.mjs "?size=big" → where frames go (style, layout, paint, script).
import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto("http://localhost:4321/" + (process.argv[2] ?? "?size=big"));
await page.waitForTimeout(1500);
await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
await page.waitForTimeout(3000);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
const sums = new Map();
for (const e of events) {
  if (e.ph !== "X" || !e.dur || (main && e.tid !== main.tid)) continue;
  const s = sums.get(e.name) ?? { wall: 0, cpu: 0, n: 0, maxCpu: 0 };
  s.wall += e.dur / 1000;
  s.cpu += (e.tdur ?? 0) / 1000;
  s.n++;
  s.maxCpu = Math.max(s.maxCpu, (e.tdur ?? 0) / 1000);
  sums.set(e.name, s);
}
// cpu = thread time (what the page itself costs, whatever else the machine is doing); wall includes waiting.
for (const [k, v] of [...sums].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 14))
  console.log(`${v.cpu.toFixed(0).padStart(6)} ms cpu ${v.wall.toFixed(0).padStart(6)} ms wall  n=${String(v.n).padStart(5)} max cpu ${v.maxCpu.toFixed(1)} ms  ${k}`);
await browser.close();
