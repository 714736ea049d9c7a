import { describe, expect, it } from "vitest";
import { SimClock } from "../sim/clock";
import { EventQueue } from "../sim/eventQueue";
import { WorkQueue } from "./workqueue";

function setup(sync: (k: string) => void) {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const errors: string[] = [];
  const q = new WorkQueue("test", events, sync, { onError: (_q, k) => errors.push(`${k}@${clock.now()}`) });
  return { clock, events, q, errors };
}

describe("WorkQueue (client-go rate-limited workqueue)", () => {
  it("deduplicates a key that is already waiting", () => {
    const synced: string[] = [];
    const { events, q } = setup((k) => synced.push(k));
    q.add("a");
    q.add("a");
    q.add("b");
    events.runUntil(10);
    expect(synced).toEqual(["a", "b"]);
  });

  it("retries a failing key with exponential backoff from 5ms (ItemExponentialFailureRateLimiter)", () => {
    let n = 0;
    const { events, q, errors } = setup(() => {
      if (n++ < 4) throw new Error("boom");
    });
    q.add("k");
    events.runUntil(1000);
    expect(errors).toEqual(["k@0", "k@5", "k@15", "k@35"]);
    expect(q.numRequeues("k")).toBe(0); // forgotten after the success at t=75
  });

  it("addAfter delays, and the earlier of two delays wins", () => {
    const at: number[] = [];
    const { clock, events, q } = setup(() => at.push(clock.now()));
    q.addAfter("k", 500);
    q.addAfter("k", 200);
    events.runUntil(1000);
    expect(at).toEqual([200]);
  });

  it("holds keys while paused and processes them on resume", () => {
    const synced: string[] = [];
    const { events, q } = setup((k) => synced.push(k));
    q.paused = true;
    q.add("a");
    events.runUntil(100);
    expect(synced).toEqual([]);
    q.resume();
    events.runUntil(200);
    expect(synced).toEqual(["a"]);
  });
});
