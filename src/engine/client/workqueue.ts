// WorkQueue mirrors client-go's rate-limited workqueue (util/workqueue): a key is queued at most once
// (dirty set), a key re-added while being processed is processed again afterwards, failures back off
// exponentially (ItemExponentialFailureRateLimiter 5ms..1000s, the controllers' default), and
// addAfter() delays a key. Processing runs as tasks on the simulated event queue, never on a timer.
import type { EventQueue, ScheduledTask } from "../sim/eventQueue";

export interface WorkQueueOptions {
  /** Simulated delay between a key becoming ready and its sync running (a worker picking it up). */
  pickupDelayMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told about every failed sync: conflicts are routine, but a TypeError is a bug tests must see. */
  onError?: (queue: string, key: string, err: unknown) => void;
}

export class WorkQueue {
  private queue: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, ScheduledTask>();
  private scheduled: ScheduledTask | undefined;
  /** Simulated work done in the current drain (ms); the worker is busy that long before the next drain. */
  private busyMs = 0;
  /** Set by the controller while it is shut down (kube-controller-manager stopped): keys wait. */
  paused = false;
  /** Task labels and the drain body, made once instead of per scheduled task. */
  private readonly syncLabel: string;
  private readonly requeueLabel: string;
  private readonly drainFn = (): void => this.drain();

  constructor(
    readonly name: string,
    private readonly events: EventQueue,
    private readonly sync: (key: string) => void,
    private readonly opts: WorkQueueOptions = {},
  ) {
    this.syncLabel = `${name}:sync`;
    this.requeueLabel = `${name}:requeue`;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    this.queue.push(key);
    this.kick();
  }

  /** Adds `key` after `delayMs`; an earlier pending addAfter for the same key wins (as client-go's heap). */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    const at = this.events.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending && !pending.cancelled && pending.at <= at) return;
    if (pending) pending.cancelled = true;
    this.delayed.set(key, this.events.at(at, this.requeueLabel, () => {
      this.delayed.delete(key);
      this.add(key);
    }));
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const base = this.opts.baseDelayMs ?? 5;
    const max = this.opts.maxDelayMs ?? 1_000_000;
    this.addAfter(key, Math.min(max, base * 2 ** n));
  }

  forget(key: string): void {
    // Every successful sync forgets its key; nearly always nothing has failed (no lookup then).
    if (this.failures.size !== 0) this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /**
   * Charges simulated processing time to the current sync. A controller that examined 150,000 pods is
   * busy for a while, during which new events for the same key coalesce into one later sync — the way a
   * real controller under load batches its work.
   */
  charge(ms: number): void {
    this.busyMs += ms;
  }

  /** Resumes processing after a pause (controller manager restarted). */
  resume(): void {
    this.paused = false;
    this.kick();
  }

  private kick(): void {
    if (this.scheduled || this.paused || this.length === 0) return;
    // Simulated time stays in whole milliseconds (timestamps, event names and ordering rely on it).
    const delay = Math.ceil(Math.max(this.opts.pickupDelayMs ?? 0, this.busyMs));
    this.busyMs = 0;
    this.scheduled = this.events.after(delay, this.syncLabel, this.drainFn);
  }

  private drain(): void {
    this.scheduled = undefined;
    this.busyMs = 0;
    // Process the keys that were queued when the drain started; keys added during it run in a later task
    // at the same instant, which keeps one sync's writes ordered before the reactions to them.
    const end = this.queue.length;
    while (this.head < end && !this.paused) {
      const key = this.queue[this.head++]!;
      this.dirty.delete(key);
      try {
        this.sync(key);
        this.forget(key);
      } catch (err) {
        this.opts.onError?.(this.name, key, err);
        this.addRateLimited(key);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.kick();
  }
}
