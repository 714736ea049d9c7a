// RealtimeLoop paces the engine against the wall clock: at speed s, every real ms lets s simulated ms
// pass. It is the only place timers exist (the engine has none). Two budgets keep the page smooth:
// - at most SLICE_MS of engine work per slice, so requests (a typed command) are answered promptly;
// - at most one Batch per FRAME_MS, so the page gets changes no faster than it can draw them;
// - once the page acknowledges batches (RequestBody "ack"), at most MAX_UNACKED of them in flight: a page
//   that falls behind (a busy or throttled tab) gets fewer, fuller batches — the view model folds every
//   change of a pod since the last batch into one upsert — instead of a queue of stale ones.
// When the engine cannot keep up (a 3,000-pod rollout at 100×), simulated time runs slower than asked
// rather than piling up a backlog that would freeze the tab later.
import type { EngineHost } from "../engine/host/engineHost";
import type { WorkerStats, WorkerToPage } from "../engine/protocol";

export const SLICE_MS = 10;
export const FRAME_MS = 16;
/** Most real time one slice may account for (a throttled background tab must not jump hours ahead). */
const MAX_ELAPSED_MS = 250;
/** Most backlog kept when the engine is slower than the requested speed, in real ms. */
const MAX_DEBT_REAL_MS = 500;
/** Batches posted but not yet acknowledged, at most (one being applied, one on its way). */
export const MAX_UNACKED = 2;
/** A page that has not acknowledged for this long gets the next batch anyway (it may have missed one). */
export const ACK_TIMEOUT_MS = 500;

export interface LoopDeps {
  host: EngineHost;
  post(msg: WorkerToPage): void;
  /** Monotonic real ms (performance.now). */
  now(): number;
  /** Calls `fn` after `ms` real ms. */
  schedule(fn: () => void, ms: number): void;
}

export class RealtimeLoop {
  private lastTick = 0;
  private debt = 0;
  private lastPost = -Infinity;
  /** Flow control starts with the page's first ack (pages and tests that never ack are not throttled). */
  private acking = false;
  private postedSeq = 0;
  private ackedSeq = 0;
  private stopped = false;
  private measuring = false;
  private stats = { batches: 0, bytes: 0, busyMs: 0, simulatedMs: 0, since: 0 };

  constructor(private readonly deps: LoopDeps) {}

  start(): void {
    this.lastTick = this.deps.now();
    this.deps.schedule(() => this.tick(), 0);
  }

  stop(): void {
    this.stopped = true;
  }

  /** Forget the real time that passed while the engine was busy elsewhere (init, a long command). */
  resetTiming(): void {
    this.lastTick = this.deps.now();
    this.debt = 0;
  }

  /** One slice: advance, maybe post a batch, schedule the next slice. Any exception is fatal. */
  tick(): void {
    if (this.stopped) return;
    const { host, now } = this.deps;
    try {
      const t0 = now();
      const elapsed = Math.min(Math.max(0, t0 - this.lastTick), MAX_ELAPSED_MS);
      this.lastTick = t0;
      if (host.started && !host.paused) {
        this.debt += elapsed * host.speed;
        const deadline = t0 + SLICE_MS;
        const advanced = host.advance(this.debt, () => now() >= deadline);
        this.debt = Math.min(this.debt - advanced, host.speed * MAX_DEBT_REAL_MS);
        if (this.measuring) {
          this.stats.busyMs += now() - t0;
          this.stats.simulatedMs += advanced;
        }
      } else {
        this.debt = 0;
      }
      const since = now() - this.lastPost;
      if (since >= FRAME_MS && (!this.acking || this.postedSeq - this.ackedSeq < MAX_UNACKED || since >= ACK_TIMEOUT_MS)) this.postBatch();
    } catch (e) {
      this.fatal(e);
      return;
    }
    // Running: come back almost at once (the slice budget bounds the work); paused: a relaxed poll.
    this.deps.schedule(() => this.tick(), host.started && !host.paused ? 1 : FRAME_MS);
  }

  /** The page applied everything up to `seq` (a batch, or the snapshot it was sent). */
  ack(seq: number): void {
    this.acking = true;
    // Acks come in order. One past the last batch is a snapshot's; one going back is a new cluster's
    // snapshot (its batches count from 0 again): either way nothing sent before it is in flight any more.
    if (seq > this.postedSeq || seq < this.ackedSeq) this.postedSeq = seq;
    this.ackedSeq = seq;
  }

  /** Posts what changed now (after a request), ahead of the frame cadence. */
  postBatch(): void {
    const batch = this.deps.host.flush();
    this.lastPost = this.deps.now();
    if (!batch) return;
    this.postedSeq = batch.seq;
    if (this.measuring) {
      this.stats.batches++;
      this.stats.bytes += JSON.stringify(batch).length;
    }
    this.deps.post(batch);
  }

  fatal(e: unknown): void {
    this.stopped = true;
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.deps.post({ type: "fatal", message });
  }

  /** Benchmark counters; `measure` true resets and starts them, false stops. */
  statsReply(measure: boolean | undefined): WorkerStats {
    if (measure === true) {
      this.measuring = true;
      this.stats = { batches: 0, bytes: 0, busyMs: 0, simulatedMs: 0, since: this.deps.now() };
    }
    const s = this.stats;
    const out: WorkerStats = { measuring: this.measuring, batches: s.batches, bytes: s.bytes, busyMs: s.busyMs, simulatedMs: s.simulatedMs, elapsedMs: this.deps.now() - s.since };
    if (measure === false) this.measuring = false;
    return out;
  }
}
