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
export class TokenBucketRateLimiter implements RateLimiter {
  private tokens: number;
  private last: number | undefined;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  tryAccept(nowMs: number): boolean {
    if (this.last !== undefined && nowMs > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.last) / 1000) * this.rate);
    }
    this.last = this.last === undefined ? nowMs : Math.max(this.last, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
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
export class RateLimitedTimedQueue {
  /** Ordered by processAt, then insertion (a stable stand-in for container/heap's order). */
  private queue: TimedValue[] = [];
  /** Values added and not Removed: a processed value stays here so it is not added a second time. */
  private readonly set = new Set<string>();

  constructor(private limiter: RateLimiter) {}

  get length(): number {
    return this.queue.length;
  }

  /** Adds `value` unless it was added before and not removed. Returns true if added. */
  add(value: string, uid: string, nowMs: number): boolean {
    if (this.set.has(value)) return false;
    this.insert({ value, uid, addedAt: nowMs, processAt: nowMs });
    this.set.add(value);
    return true;
  }

  /** Forgets `value` entirely, so a later add() queues it again. */
  remove(value: string): boolean {
    if (!this.set.has(value)) return false;
    this.set.delete(value);
    this.removeFromQueue(value);
    return true;
  }

  clear(): void {
    this.queue = [];
    this.set.clear();
  }

  /**
   * Try: while the limiter grants a token and the head is due, run `fn` on it. A token is spent on
   * every look at the head, even one that is not due yet (upstream checks the limiter first).
   */
  try(nowMs: number, fn: ActionFunc): void {
    let head = this.queue[0];
    while (head) {
      if (!this.limiter.tryAccept(nowMs)) break;
      if (nowMs < head.processAt) break;
      const [done, waitMs] = fn(head);
      if (!done) {
        // Replace: re-queue with the new processAt.
        this.removeFromQueue(head.value);
        this.insert({ ...head, processAt: nowMs + waitMs + 1e-6 });
      } else {
        // RemoveFromQueue: out of the queue but still in the set.
        this.removeFromQueue(head.value);
      }
      head = this.queue[0];
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

  private insert(v: TimedValue): void {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.processAt > v.processAt) i--;
    this.queue.splice(i, 0, v);
  }

  private removeFromQueue(value: string): void {
    const i = this.queue.findIndex((v) => v.value === value);
    if (i >= 0) this.queue.splice(i, 1);
  }
}
