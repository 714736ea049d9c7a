// EventQueue is the discrete-event heart of the simulation: every future action (a watch delivery, a
// controller sync, a kubelet heartbeat, a container exit) is an entry ordered by (time, sequence).
// The sequence number makes ties deterministic: entries at the same time run in the order scheduled.
import type { SimClock } from "./clock";

export interface ScheduledTask {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  cancelled: boolean;
  run: () => void;
}

export class EventQueue {
  private heap: ScheduledTask[] = [];
  private seq = 0;
  /** Number of tasks run since start: a cheap progress/perf counter. */
  executed = 0;

  constructor(private readonly clock: SimClock) {}

  now(): number {
    return this.clock.now();
  }

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at absolute simulated time `at` (never earlier than now). */
  at(at: number, label: string, run: () => void): ScheduledTask {
    // Invariant: simulated time is a whole number of milliseconds.
    const task: ScheduledTask = { at: Math.max(Math.ceil(at), this.clock.now()), seq: this.seq++, label, cancelled: false, run };
    this.push(task);
    return task;
  }

  after(delayMs: number, label: string, run: () => void): ScheduledTask {
    return this.at(this.clock.now() + Math.max(0, delayMs), label, run);
  }

  /** Time of the next live task, or undefined when nothing is scheduled. */
  nextTime(): number | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0]?.at;
  }

  /** Runs the next task (advancing the clock to it). Returns false when the queue is empty. */
  step(): boolean {
    for (;;) {
      const task = this.pop();
      if (!task) return false;
      if (task.cancelled) continue;
      this.clock.set(task.at);
      this.executed++;
      task.run();
      return true;
    }
  }

  /** Runs every task due at or before `until`, then sets the clock to `until`. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.nextTime();
      if (next === undefined || next > until) break;
      this.step();
    }
    if (until > this.clock.now()) this.clock.set(until);
  }

  private less(x: ScheduledTask, y: ScheduledTask): boolean {
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private push(task: ScheduledTask): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): ScheduledTask | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
