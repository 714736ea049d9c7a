import { describe, expect, it } from "vitest";
import { NeverRateLimiter, RateLimitedTimedQueue, TokenBucketRateLimiter } from "./rateLimitedQueue";

describe("TokenBucketRateLimiter (x/time/rate, burst 1)", () => {
  it("starts full and refills one token every 1/qps seconds, even when polled every 100ms", () => {
    const l = new TokenBucketRateLimiter(0.1, 1);
    expect(l.tryAccept(0)).toBe(true);
    let granted = -1;
    for (let t = 100; t <= 20_000 && granted < 0; t += 100) if (l.tryAccept(t)) granted = t;
    expect(granted).toBe(10_000);
  });

  it("never holds more than burst tokens", () => {
    const l = new TokenBucketRateLimiter(1, 1);
    expect(l.tryAccept(60_000)).toBe(true);
    expect(l.tryAccept(60_000)).toBe(false);
  });
});

describe("RateLimitedTimedQueue", () => {
  it("adds a value once until it is removed; a processed value stays known", () => {
    const q = new RateLimitedTimedQueue(new TokenBucketRateLimiter(10, 1));
    expect(q.add("node-1", "u1", 0)).toBe(true);
    expect(q.add("node-1", "u1", 0)).toBe(false);
    const seen: string[] = [];
    q.try(0, (v) => (seen.push(v.value), [true, 0]));
    expect(seen).toEqual(["node-1"]);
    expect(q.length).toBe(0);
    expect(q.add("node-1", "u1", 1_000)).toBe(false); // RemoveFromQueue keeps it in the set
    expect(q.remove("node-1")).toBe(true);
    expect(q.add("node-1", "u1", 1_000)).toBe(true);
  });

  it("processes one value per token, in processAt order", () => {
    const q = new RateLimitedTimedQueue(new TokenBucketRateLimiter(0.1, 1));
    q.add("a", "1", 0);
    q.add("b", "2", 0);
    const seen: string[] = [];
    const fn = (v: { value: string }): [boolean, number] => (seen.push(v.value), [true, 0]);
    q.try(0, fn);
    expect(seen).toEqual(["a"]);
    q.try(9_900, fn);
    expect(seen).toEqual(["a"]);
    q.try(10_000, fn);
    expect(seen).toEqual(["a", "b"]);
  });

  it("re-queues a failed value after its wait", () => {
    const q = new RateLimitedTimedQueue(new TokenBucketRateLimiter(1000, 1));
    q.add("a", "1", 0);
    let calls = 0;
    q.try(0, () => (calls++, [false, 50]));
    expect(calls).toBe(1);
    q.try(40, () => (calls++, [true, 0]));
    expect(calls).toBe(1);
    q.try(51, () => (calls++, [true, 0]));
    expect(calls).toBe(2);
  });

  it("swapLimiter(0) stops processing; a positive rate starts it again (drained if the old one was empty)", () => {
    const q = new RateLimitedTimedQueue(new TokenBucketRateLimiter(0.1, 1));
    q.swapLimiter(0, 0);
    expect(q.qps()).toBe(0);
    q.add("a", "1", 0);
    let calls = 0;
    q.try(0, () => (calls++, [true, 0]));
    expect(calls).toBe(0);
    q.swapLimiter(0.1, 1_000); // the never-limiter has no token: the new bucket starts drained
    q.try(1_000, () => (calls++, [true, 0]));
    expect(calls).toBe(0);
    q.try(11_000, () => (calls++, [true, 0]));
    expect(calls).toBe(1);
  });

  it("NeverRateLimiter refuses everything", () => {
    expect(new NeverRateLimiter().tryAccept()).toBe(false);
  });
});
