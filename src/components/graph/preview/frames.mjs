import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const q of process.argv.slice(2)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto("http://localhost:4321/" + q);
  await page.waitForTimeout(1500);
  const r = await page.evaluate(() => new Promise((resolve) => {
    const long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(Math.round(e.duration)); }).observe({ type: "longtask", buffered: false });
    const deltas = []; let last = performance.now(); const start = last;
    const step = (t) => { deltas.push(t - last); last = t; if (t - start < 4000) requestAnimationFrame(step); else resolve({ deltas, long }); };
    requestAnimationFrame(step);
  }));
  const d = r.deltas.sort((a, b) => a - b);
  const pct = (p) => d[Math.min(d.length - 1, Math.floor(d.length * p))].toFixed(1);
  console.log(q, `frames n=${d.length} p50=${pct(0.5)} p95=${pct(0.95)} long=${JSON.stringify(r.long.slice(0, 20))}`);
  await page.close();
}
await browser.close();
