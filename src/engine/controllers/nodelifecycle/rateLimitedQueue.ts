// The per-zone queue that paces NoExecute tainting of unhealthy nodes: a unique priority queue ordered by
// processAt, drained through a token bucket (0.1 nodes/s by default, burst 1). Time is simulated ms.
// Mirrors pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go and client-go's
// flowcontrol.NewTokenBucketRateLimiter (golang.org/x/time/rate: the bucket starts full).

/** NodeEvictionPeriod: how often the tainting pass tries the queues. */
export const NODE_EVICTION_PERIOD_MS = 100;
/** EvictionRateLimiterBurst. */
export const EVICTION_RATE_LIMITER_BURST = 1;

export interface RateLimiter {
  tryAccept(nowMs: number): boolean;
  qps(): number;
}

// mirrors flowcontrol.NewTokenBucketRateLimiter (x/time/rate Limiter.AllowN)
/**
 * Tokens refill continuously at `rate` per second up to `burst`. The count is kept as "tokens at
 * baseTime" and only rebased when a token is taken, so that frequent polling does not accumulate
 * floating-point error (0.1/s polled every 100ms gives a token exactly every 10s).
 */
export class TokenBucketRateLimiter implements RateLimiter {
  private base: number;
  private baseTime: number | undefined;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.base = burst;
  }

  private tokensAt(nowMs: number): number {
    if (this.baseTime === undefined || nowMs <= this.baseTime) return this.base;
    return Math.min(this.burst, this.base + ((nowMs - this.baseTime) * this.rate) / 1000);
  }

  tryAccept(nowMs: number): boolean {
    const tokens = this.tokensAt(nowMs);
    if (tokens < 1 - 1e-9) return false;
    this.base = tokens - 1;
    this.baseTime = this.baseTime === undefined ? nowMs : Math.max(this.baseTime, nowMs);
    return true;
  }

  qps(): number {
    return this.rate;
  }
}

// mirrors flowcontrol.NewFakeNeverRateLimiter: used while evictions are stopped (qps 0).
export class NeverRateLimiter implements RateLimiter {
  tryAccept(): boolean {
    return false;
  }
  qps(): number {
    return 0;
  }
}

export interface TimedValue {
  value: string;
  uid: string;
  addedAt: number;
  processAt: number;
}

/** ActionFunc: true when done, or false plus a minimum wait before the value is tried again. */
export type ActionFunc = (v: TimedValue) => [done: boolean, waitMs: number];

// mirrors RateLimitedTimedQueue (with its UniqueQueue)
/**
 * The queue is a binary heap on (processAt, insertion order) with lazy deletion: `queued` maps each
 * value to its live entry, and heap entries that are no longer live are skipped. remove() is O(1)
 * and add() O(log n), which matters when thousands of unhealthy nodes are re-queued every pass.
 */
export class RateLimitedTimedQueue {
  private heap: (TimedValue & { seq: number })[] = [];
  private readonly queued = new Map<string, TimedValue & { seq: number }>();
  /** Values added and not Removed: a processed value stays here so it is not added a second time. */
  private readonly set = new Set<string>();
  private seq = 0;

  constructor(private limiter: RateLimiter) {}

  get length(): number {
    return this.queued.size;
  }

  /** Adds `value` unless it was added before and not removed. Returns true if added. */
  add(value: string, uid: string, nowMs: number): boolean {
    if (this.set.has(value)) return false;
    this.push({ value, uid, addedAt: nowMs, processAt: nowMs });
    this.set.add(value);
    return true;
  }

  /** Forgets `value` entirely, so a later add() queues it again. */
  remove(value: string): boolean {
    if (!this.set.has(value)) return false;
    this.set.delete(value);
    this.queued.delete(value);
    return true;
  }

  clear(): void {
    this.heap = [];
    this.queued.clear();
    this.set.clear();
  }

  /**
   * Try: while the limiter grants a token and the head is due, run `fn` on it. A token is spent on
   * every look at the head, even one that is not due yet (upstream checks the limiter first).
   */
  try(nowMs: number, fn: ActionFunc): void {
    let head = this.head();
    while (head) {
      if (!this.limiter.tryAccept(nowMs)) break;
      if (nowMs < head.processAt) break;
      const [done, waitMs] = fn(head);
      // fn may have removed or re-added the value: only touch the entry if it is still the live one.
      if (this.queued.get(head.value) === head) {
        this.queued.delete(head.value);
        // Replace (re-queue with a new processAt) or RemoveFromQueue (out of the queue, still in the set).
        if (!done) this.push({ value: head.value, uid: head.uid, addedAt: head.addedAt, processAt: nowMs + waitMs + 1e-6 });
      }
      head = this.head();
    }
  }

  // mirrors SwapLimiter
  swapLimiter(newQPS: number, nowMs: number): void {
    if (this.limiter.qps() === newQPS) return;
    let next: RateLimiter;
    if (newQPS <= 0) {
      next = new NeverRateLimiter();
    } else {
      next = new TokenBucketRateLimiter(newQPS, EVICTION_RATE_LIMITER_BURST);
      // If the old limiter had no token, drain the new one too (fine with burst 1).
      if (!this.limiter.tryAccept(nowMs)) next.tryAccept(nowMs);
    }
    this.limiter = next;
  }

  qps(): number {
    return this.limiter.qps();
  }

  private push(v: TimedValue): void {
    const e = { ...v, seq: this.seq++ };
    this.queued.set(v.value, e);
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
    // Stale entries pile up when values are re-queued every pass: rebuild when they dominate.
    if (h.length > 64 && h.length > 4 * this.queued.size) this.rebuild();
  }

  /** The live entry with the smallest (processAt, seq), dropping stale ones on the way. */
  private head(): (TimedValue & { seq: number }) | undefined {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0]!;
      if (this.queued.get(top.value) === top) return top;
      this.popTop();
    }
    return undefined;
  }

  private popTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l]!, h[m]!)) m = l;
      if (r < h.length && less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  private rebuild(): void {
    const live = [...this.queued.values()].sort((a, b) => (less(a, b) ? -1 : 1));
    this.heap = live; // a sorted array is a valid heap
  }
}

function less(a: TimedValue & { seq: number }, b: TimedValue & { seq: number }): boolean {
  return a.processAt < b.processAt || (a.processAt === b.processAt && a.seq < b.seq);
}
