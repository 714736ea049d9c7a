import { describe, expect, it } from "vitest";
import { SimClock } from "./clock";
import { EventQueue } from "./eventQueue";
import { SeededRandom } from "./random";

describe("EventQueue", () => {
  it("runs tasks in (time, insertion) order and moves the clock to each", () => {
    const clock = new SimClock();
    const q = new EventQueue(clock);
    const seen: string[] = [];
    q.at(20, "b", () => seen.push(`b@${clock.now()}`));
    q.at(10, "a", () => seen.push(`a@${clock.now()}`));
    q.at(20, "c", () => seen.push(`c@${clock.now()}`));
    const cancelled = q.at(15, "x", () => seen.push("x"));
    cancelled.cancelled = true;
    q.runUntil(100);
    expect(seen).toEqual(["a@10", "b@20", "c@20"]);
    expect(clock.now()).toBe(100);
  });

  it("never moves time backwards: a task scheduled in the past runs now", () => {
    const clock = new SimClock();
    const q = new EventQueue(clock);
    q.runUntil(50);
    const t = q.at(10, "late", () => {});
    expect(t.at).toBe(50);
  });
});

describe("SeededRandom", () => {
  it("gives the same sequence for the same seed and a different one for another", () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    for (const v of sa) expect(v >= 0 && v < 1).toBe(true);
    a.reseed(7);
    expect(a.next()).toBe(sa[0]);
  });
});
