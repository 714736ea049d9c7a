import { describe, expect, it } from "vitest";
import { EngineHost } from "../engine/host/engineHost";
import type { Batch, WorkerToPage } from "../engine/protocol";
import { ACK_TIMEOUT_MS, FRAME_MS, MAX_UNACKED, RealtimeLoop, SLICE_MS } from "./realtimeLoop";

/** A fake wall clock: time moves only when the test (or the engine's work, via `cost`) moves it. */
function harness(costPerCheckMs = 0) {
  const host = new EngineHost();
  host.handle({ kind: "init", nodes: 1 });
  let real = 0;
  const posted: WorkerToPage[] = [];
  const queue: (() => void)[] = [];
  const loop = new RealtimeLoop({
    host,
    post: (m) => posted.push(m),
    now: () => (real += costPerCheckMs),
    schedule: (fn) => queue.push(fn),
  });
  loop.start();
  const runFor = (ms: number, step = 4) => {
    const end = real + ms;
    while (real < end) {
      real += step;
      const fn = queue.shift();
      fn?.();
    }
  };
  return { host, loop, posted, runFor, batches: () => posted.filter((m): m is Batch => m.type === "batch") };
}

describe("RealtimeLoop", () => {
  it("lets speed × real time pass in simulated time", () => {
    const h = harness();
    const t0 = h.host.now;
    h.host.speed = 10;
    h.runFor(1000);
    // Each slice accounts for the real time since the previous one; the last few ms may be pending.
    expect(h.host.now - t0).toBeGreaterThan(9_800);
    expect(h.host.now - t0).toBeLessThanOrEqual(10_000);
  });

  it("stops the clock while paused", () => {
    const h = harness();
    h.host.paused = true;
    const t0 = h.host.now;
    h.runFor(2000);
    expect(h.host.now).toBe(t0);
  });

  it("posts at most one batch per frame", () => {
    const h = harness();
    h.host.speed = 100;
    h.runFor(1000, 1);
    const n = h.batches().length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(Math.ceil(1000 / FRAME_MS) + 1);
    const seqs = h.batches().map((b) => b.seq);
    seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1]! + 1));
  });

  it("yields after a slice of engine work", () => {
    // Every clock read costs 1 ms of fake real time: each instant the engine runs "takes" 1 ms.
    const h = harness(1);
    h.host.speed = 100;
    h.host.handle({ kind: "run", line: "kubectl create deployment web --image=nginx --replicas=20" });
    const spans: number[] = [];
    const advance = h.host.advance.bind(h.host);
    h.host.advance = (ms, shouldYield) => {
      let reads = 0;
      const n = advance(ms, () => (reads++, shouldYield!()));
      spans.push(reads);
      return n;
    };
    h.runFor(500);
    expect(spans.length).toBeGreaterThan(0);
    // The deadline is checked once per instant; a slice never runs more than SLICE_MS instants here.
    expect(Math.max(...spans)).toBeLessThanOrEqual(SLICE_MS);
    expect(SLICE_MS).toBeLessThan(FRAME_MS);
  });

  it("reports an exception as Fatal and stops", () => {
    const h = harness();
    h.host.advance = () => {
      throw new TypeError("boom");
    };
    h.runFor(50);
    expect(h.posted.filter((m) => m.type === "fatal")).toEqual([{ type: "fatal", message: "TypeError: boom" }]);
  });

  it("keeps at most MAX_UNACKED batches in flight once the page acknowledges, folding changes meanwhile", () => {
    const h = harness();
    h.host.speed = 10;
    h.host.handle({ kind: "run", line: "kubectl create deployment web --image=nginx --replicas=5" });
    h.loop.ack(0);
    h.runFor(200, 1);
    // The page has acknowledged nothing since: the worker stopped after MAX_UNACKED batches.
    expect(h.batches()).toHaveLength(MAX_UNACKED);
    h.loop.ack(h.batches()[h.batches().length - 1]!.seq);
    h.runFor(FRAME_MS + 2, 1);
    // The page caught up: the changes held back arrive together, in order.
    expect(h.batches().length).toBeGreaterThan(MAX_UNACKED);
    const seqs = h.batches().map((b) => b.seq);
    seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1]! + 1));
  });

  it("follows a new cluster's sequence when the page acknowledges its snapshot", () => {
    const h = harness();
    h.host.speed = 10;
    h.host.handle({ kind: "run", line: "kubectl create deployment web --image=nginx --replicas=5" });
    h.loop.ack(0);
    h.runFor(200, 1);
    h.loop.ack(h.batches()[h.batches().length - 1]!.seq);
    // A reset: the new cluster's snapshot is seq 0, and its batches count from 1 again.
    h.host.handle({ kind: "init", nodes: 1 });
    h.loop.ack(0);
    const before = h.batches().length;
    h.host.handle({ kind: "run", line: "kubectl create deployment db --image=nginx --replicas=2" });
    h.runFor(FRAME_MS + 2, 1);
    expect(h.batches().length).toBeGreaterThan(before);
    expect(h.batches()[before]!.seq).toBe(1);
  });

  it("sends anyway to a page that stopped acknowledging (it may have missed a batch)", () => {
    const h = harness();
    h.host.speed = 10;
    h.loop.ack(0);
    h.runFor(100, 1);
    const held = h.batches().length;
    h.runFor(ACK_TIMEOUT_MS + FRAME_MS, 1);
    expect(h.batches().length).toBeGreaterThan(held);
  });

  it("counts batches and their bytes when measuring", () => {
    const h = harness();
    h.loop.statsReply(true);
    h.host.speed = 10;
    h.runFor(500);
    const s = h.loop.statsReply(false);
    expect(s.batches).toBe(h.batches().length);
    expect(s.bytes).toBe(h.batches().reduce((n, b) => n + JSON.stringify(b).length, 0));
    expect(s.simulatedMs).toBeGreaterThan(0);
  });
});
