// TimedWorkerQueue runs one piece of work per key no earlier than its fireAt, on the simulated clock.
// Work due at once runs as soon as the current task ends; while it runs, its key holds a null worker
// (it can no longer be cancelled). Mirrors pkg/controller/tainteviction/timed_workers.go.
import type { EventQueue, ScheduledTask } from "../../sim/eventQueue";

export interface WorkArgs {
  namespace: string;
  name: string;
}

/** KeyFromWorkArgs: NamespacedName.String() = "namespace/name". */
export function keyFromWorkArgs(a: WorkArgs): string {
  return `${a.namespace}/${a.name}`;
}

export class TimedWorker {
  cancelled = false;
  constructor(
    readonly args: WorkArgs,
    /** Simulated ms when the work was created (upstream CreatedAt). */
    readonly createdAt: number,
    readonly fireAt: number,
    public task: ScheduledTask | undefined,
  ) {}

  cancel(): void {
    this.cancelled = true;
    if (this.task) this.task.cancelled = true;
  }
}

/**
 * The work. It may ask to be run again `n` ms later by returning n (upstream's handler retries a few
 * times with a short sleep); the key stays "running" until a run returns nothing.
 */
export type WorkFunc = (fireAt: number, args: WorkArgs, attempt: number) => number | void;

export class TimedWorkerQueue {
  /** key → worker; null while the work already runs (AddWork with a past fireAt). */
  private readonly workers = new Map<string, TimedWorker | null>();
  /** Workers whose time came while the queue was paused: they run on resume, in firing order. */
  private deferred: TimedWorker[] = [];
  private paused = false;

  constructor(
    private readonly events: EventQueue,
    private readonly workFunc: WorkFunc,
    private readonly label = "taint-eviction:worker",
  ) {}

  get size(): number {
    return this.workers.size;
  }

  // mirrors AddWork: an existing key (scheduled or running) is left alone.
  addWork(args: WorkArgs, createdAt: number, fireAt: number): void {
    const key = keyFromWorkArgs(args);
    if (this.workers.has(key)) return;
    const worker = new TimedWorker(args, createdAt, fireAt, undefined);
    if (fireAt - createdAt <= 0) {
      // createWorker returns nil for work due now: the key maps to null while it runs.
      this.workers.set(key, null);
      worker.task = this.events.after(0, this.label, () => this.fire(key, worker, false));
      return;
    }
    this.workers.set(key, worker);
    worker.task = this.events.at(fireAt, this.label, () => this.fire(key, worker, true));
  }

  // mirrors CancelWork: true only when a scheduled (not yet running) worker was cancelled.
  cancelWork(key: string): boolean {
    if (!this.workers.has(key)) return false;
    const w = this.workers.get(key);
    this.workers.delete(key);
    if (!w) return false;
    w.cancel();
    this.deferred = this.deferred.filter((d) => d !== w);
    return true;
  }

  // mirrors GetWorkerUnsafe
  getWorker(key: string): TimedWorker | null | undefined {
    return this.workers.get(key);
  }

  /** Cancels every worker (CancelAndWait without the wait). */
  cancelAll(): void {
    for (const w of this.workers.values()) w?.cancel();
    this.workers.clear();
    this.deferred = [];
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const due = this.deferred;
    this.deferred = [];
    for (const w of due) this.run(keyFromWorkArgs(w.args), w);
  }

  private fire(key: string, worker: TimedWorker, scheduled: boolean): void {
    if (worker.cancelled) return;
    if (this.paused) {
      this.deferred.push(worker);
      return;
    }
    // A timer that fired has started its work: from now on it cannot be cancelled.
    if (scheduled && this.workers.get(key) === worker) this.workers.set(key, null);
    this.run(key, worker);
  }

  /** getWrappedWorkerFunc: run (with the work's own retries), then forget the key. */
  private run(key: string, worker: TimedWorker, attempt = 0): void {
    if (this.workers.get(key) === worker) this.workers.set(key, null);
    let retryAfter: number | void = undefined;
    try {
      retryAfter = this.workFunc(worker.fireAt, worker.args, attempt);
    } finally {
      if (typeof retryAfter === "number") {
        this.events.after(retryAfter, this.label, () => this.run(key, worker, attempt + 1));
      } else if (this.workers.get(key) === null) {
        this.workers.delete(key);
      }
    }
  }
}
