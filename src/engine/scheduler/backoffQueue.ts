// backoffQ: pods waiting out their backoff before another attempt. Two heaps: pods rejected by plugins
// (podBackoffQ, drained early by Pop when activeQ is empty) and pods that hit an error (podErrorBackoffQ).
// Mirrors backoffQueue (pkg/scheduler/backend/queue/backoff_queue.go) with SchedulerPopFromBackoffQ on.

import { Heap } from "./heap";
import type { QueuedPodInfo } from "./queuedPodInfo";

/** backoffQOrderingWindowDuration: expirations are truncated to whole seconds and flushed once per window */
export const BackoffQOrderingWindowDuration = 1_000;

// mirrors calculateBackoffDuration
/** initial × 2^(attempts−1), capped at max; 0 before the first attempt. */
export function calculateBackoffDuration(attempts: number, initial = 1_000, max = 10_000): number {
  if (attempts === 0) return 0;
  let d = initial;
  for (let i = 1; i < attempts; i++) {
    if (d > max - d) return max;
    d += d;
  }
  return d;
}

function alignToWindow(t: number): number {
  return Math.floor(t / BackoffQOrderingWindowDuration) * BackoffQOrderingWindowDuration;
}

export class BackoffQueue {
  private readonly podBackoffQ: Heap<QueuedPodInfo>;
  private readonly podErrorBackoffQ: Heap<QueuedPodInfo>;

  constructor(
    private readonly initial: number,
    private readonly max: number,
    activeQLess: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
  ) {
    const key = (p: QueuedPodInfo) => p.podInfo.uid;
    // lessBackoffCompletedWithPriority: same window → activeQ order.
    this.podBackoffQ = new Heap(key, (a, b) => {
      const ba = this.getBackoffTime(a);
      const bb = this.getBackoffTime(b);
      return ba !== bb ? ba < bb : activeQLess(a, b);
    });
    this.podErrorBackoffQ = new Heap(key, (a, b) => this.getBackoffTime(a) < this.getBackoffTime(b));
  }

  /** getBackoffTime: Timestamp + backoff, truncated to its 1s window; −∞ before the first attempt. */
  getBackoffTime(p: QueuedPodInfo): number {
    if (p.attempts === 0) return Number.NEGATIVE_INFINITY;
    if (p.backoffExpiration === undefined) p.backoffExpiration = alignToWindow(p.timestamp + calculateBackoffDuration(p.attempts, this.initial, this.max));
    return p.backoffExpiration;
  }

  /** isPodBackingoff: true while the expiration is not before the current one */
  isPodBackingoff(p: QueuedPodInfo, now: number): boolean {
    return !(this.getBackoffTime(p) < alignToWindow(now));
  }

  /** add: to podErrorBackoffQ when no plugin rejected the pod (an error), else to podBackoffQ. */
  add(p: QueuedPodInfo): void {
    const uid = p.podInfo.uid;
    if (p.unschedulablePlugins.size === 0 && p.pendingPlugins.size === 0) {
      this.podBackoffQ.delete(uid);
      this.podErrorBackoffQ.addOrUpdate(p);
    } else {
      this.podErrorBackoffQ.delete(uid);
      this.podBackoffQ.addOrUpdate(p);
    }
  }

  has(uid: string): boolean {
    return this.podBackoffQ.has(uid) || this.podErrorBackoffQ.has(uid);
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.podBackoffQ.get(uid) ?? this.podErrorBackoffQ.get(uid);
  }

  delete(uid: string): QueuedPodInfo | undefined {
    return this.podBackoffQ.delete(uid) ?? this.podErrorBackoffQ.delete(uid);
  }

  /** popBackoff: the head of podBackoffQ, regardless of its remaining backoff. Error pods still wait. */
  popBackoff(): QueuedPodInfo | undefined {
    return this.podBackoffQ.pop();
  }

  lenBackoff(): number {
    return this.podBackoffQ.length;
  }

  /** popEachBackoffCompleted over both heaps. */
  popAllBackoffCompleted(now: number): QueuedPodInfo[] {
    const out: QueuedPodInfo[] = [];
    for (const q of [this.podBackoffQ, this.podErrorBackoffQ]) {
      for (let head = q.peek(); head !== undefined && !this.isPodBackingoff(head, now); head = q.peek()) out.push(q.pop()!);
    }
    return out;
  }

  /** The first whole second at which a flush would release a pod: the window after the head's expiration. */
  nextCompletion(): number | undefined {
    let t: number | undefined;
    for (const q of [this.podBackoffQ, this.podErrorBackoffQ]) {
      const head = q.peek();
      if (head === undefined) continue;
      const due = this.getBackoffTime(head) + BackoffQOrderingWindowDuration;
      if (t === undefined || due < t) t = due;
    }
    return t;
  }

  list(): QueuedPodInfo[] {
    return [...this.podBackoffQ.list(), ...this.podErrorBackoffQ.list()];
  }

  get length(): number {
    return this.podBackoffQ.length + this.podErrorBackoffQ.length;
  }
}
