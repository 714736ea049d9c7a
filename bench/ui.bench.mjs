// `npm run bench:ui`: how the page holds up while the engine works hard. Builds the site, serves the
// production build, opens it in Chromium (Debian's, as the e2e tests do) with a 100-node cluster, creates a
// 3,000-replica Deployment, then measures a rolling update (`kubectl set image`) of all 3,000 pods:
//   - frame time p50/p95 (requestAnimationFrame deltas on the page's main thread),
//   - long tasks over 50 ms (PerformanceObserver "longtask"),
//   - worker→page bytes per second (the worker's own count of the batches it posted, as JSON),
// and the first-load JavaScript size, gzip (the entry chunk and its modulepreloads from dist/index.html,
// not the lazily loaded chunks such as Monaco's, nor the worker's).
// Not a test: it prints numbers (the README quotes them).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { chromiumPath } from "../scripts/ensure-chromium.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const PORT = 4180;
const NODES = 100;
const REPLICAS = 3000;
const SPEED = 10;
const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

function log(...args) {
  console.log(...args);
}

function build() {
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("vite build failed");
}

/** The JS a first visit downloads before the app runs: the entry script and its modulepreloads. */
function firstLoadJs() {
  const html = readFileSync(join(ROOT, "dist/index.html"), "utf8");
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(m[1]);
  let raw = 0;
  let gz = 0;
  const rows = [];
  for (const f of files) {
    const buf = readFileSync(join(ROOT, "dist", f.replace(/^\//, "")));
    const g = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz += g;
    rows.push({ file: f, raw: buf.length, gzip: g });
  }
  return { raw, gzip: gz, rows };
}

async function serve() {
  // Its own process group, so stopping it also stops the vite process npx starts (else the server
  // outlives the benchmark, holding the port and keeping this script from exiting).
  const child = spawn("npx", ["vite", "preview", "--port", String(PORT), "--strictPort"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const url = `http://localhost:${PORT}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return { child, url };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  stop(child);
  throw new Error("vite preview did not start");
}

function stop(child) {
  try {
    process.kill(-child.pid);
  } catch {
    child.kill();
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

async function main() {
  log("building the production site…");
  build();
  const js = firstLoadJs();
  const { child, url } = await serve();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const t0 = Date.now();
    await page.goto(`${url}/?nodes=${NODES}&seed=1`);
    await page.waitForFunction(() => "kubelab" in window && !document.body.textContent?.includes("Starting the cluster…") && /\d:\d\d:\d\d/.test(document.querySelector('[role="timer"]')?.textContent ?? ""), null, { timeout: 120_000 });
    log(`cluster of ${NODES} nodes ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const run = (line) => page.evaluate((l) => window.kubelab.run(l), line);
    const request = (body) => page.evaluate((b) => window.kubelab.request(b), body);
    const jsonpath = async (expr) => (await run(`kubectl get deployment bench -o jsonpath=${expr}`)).trim();
    await request({ kind: "clock", speed: SPEED, paused: false });

    log(`creating a Deployment of ${REPLICAS} replicas…`);
    const c0 = Date.now();
    await run(`kubectl create deployment bench --image=nginx:1.27 --replicas=${REPLICAS}`);
    for (;;) {
      if ((await jsonpath("{.status.readyReplicas}")) === String(REPLICAS)) break;
      if (Date.now() - c0 > ROLLOUT_TIMEOUT_MS) throw new Error("the Deployment did not become ready in time");
      await new Promise((r) => setTimeout(r, 1000));
    }
    log(`${REPLICAS} pods Running after ${((Date.now() - c0) / 1000).toFixed(1)} s`);

    // Measure from here: frames and long tasks on the page, bytes in the worker.
    await page.evaluate(() => {
      const w = window;
      w.__bench = { frames: [], longTasks: [], running: true };
      let last = performance.now();
      const frame = (t) => {
        if (!w.__bench.running) return;
        w.__bench.frames.push(t - last);
        last = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame((t) => {
        last = t;
        requestAnimationFrame(frame);
      });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
      }).observe({ type: "longtask" });
    });
    await request({ kind: "stats", measure: true });

    log("rolling update: kubectl set image deployment/bench nginx=nginx:1.28 …");
    const r0 = Date.now();
    const simStart = await page.evaluate(() => document.querySelector('[role="timer"]')?.textContent ?? "");
    await run("kubectl set image deployment/bench nginx=nginx:1.28");
    for (;;) {
      const status = await jsonpath("{.status.updatedReplicas},{.status.availableReplicas},{.status.replicas}");
      if (status === `${REPLICAS},${REPLICAS},${REPLICAS}`) break;
      if (Date.now() - r0 > ROLLOUT_TIMEOUT_MS) throw new Error(`the rollout did not finish in time (${status})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const rolloutWall = Date.now() - r0;
    const statsReply = await request({ kind: "stats", measure: false });
    const bench = await page.evaluate(() => {
      window.__bench.running = false;
      return { frames: window.__bench.frames, longTasks: window.__bench.longTasks };
    });
    const simEnd = await page.evaluate(() => document.querySelector('[role="timer"]')?.textContent ?? "");

    const frames = [...bench.frames].sort((a, b) => a - b);
    const longTasks = bench.longTasks;
    const stats = statsReply.kind === "stats" ? statsReply.stats : undefined;
    log("");
    log(`UI benchmark: ${NODES} nodes, ${REPLICAS} pods, rolling update at ${SPEED}× (Chromium ${browser.version()}, 1280×720)`);
    log(`  rollout                 ${fmt(rolloutWall / 1000)} s wall (simulated clock ${simStart} → ${simEnd})`);
    log(`  frames                  ${frames.length} (${fmt(frames.length / (rolloutWall / 1000))} fps)`);
    log(`  frame time p50 / p95    ${fmt(percentile(frames, 50), 2)} ms / ${fmt(percentile(frames, 95), 2)} ms (p99 ${fmt(percentile(frames, 99), 2)} ms, max ${fmt(frames[frames.length - 1] ?? NaN, 2)} ms)`);
    // At 60 Hz a frame cannot be shorter than one vsync interval (16.67 ms) and rAF timestamps jitter by
    // a few hundredths of a millisecond around it; a frame that missed its vsync is at least 1.5 intervals.
    const missed = frames.filter((f) => f > 25).length;
    log(`  missed frames (> 25 ms) ${missed} of ${frames.length} (${fmt((missed / Math.max(1, frames.length)) * 100)}%)`);
    log(`  long tasks > 50 ms      ${longTasks.length}${longTasks.length ? ` (longest ${fmt(Math.max(...longTasks))} ms, total ${fmt(longTasks.reduce((a, b) => a + b, 0))} ms)` : ""}`);
    if (stats) {
      const secs = stats.elapsedMs / 1000;
      log(`  worker → page           ${fmt(stats.bytes / 1024 / secs)} KiB/s in ${fmt(stats.batches / secs)} batches/s (${fmt(stats.bytes / 1024 / 1024, 2)} MiB total)`);
      log(`  engine                  busy ${fmt((stats.busyMs / stats.elapsedMs) * 100, 0)}% of the worker; ${fmt(stats.simulatedMs / 1000)} simulated s in ${fmt(secs)} real s`);
    }
    log(`  first-load JS (gzip)    ${fmt(js.gzip / 1024)} KiB (${fmt(js.raw / 1024)} KiB raw, ${js.rows.length} file${js.rows.length === 1 ? "" : "s"}; lazy chunks and the worker excluded)`);
    for (const r of js.rows) log(`    ${r.file}  ${fmt(r.gzip / 1024)} KiB gzip`);
    if (pageErrors.length) log(`  page errors: ${pageErrors.join(" | ")}`);
  } finally {
    await browser.close();
    stop(child);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
