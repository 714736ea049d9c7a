import { describe, expect, it } from "vitest";
import { SimClock } from "../../sim/clock";
import { EventQueue } from "../../sim/eventQueue";
import { TimedWorkerQueue, type WorkArgs } from "./timedWorkers";

function setup(retries = 0) {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const fired: [number, string, number][] = [];
  const q = new TimedWorkerQueue(events, (_fireAt, args: WorkArgs, attempt) => {
    fired.push([clock.now(), args.name, attempt]);
    if (attempt < retries) return 10;
  });
  return { clock, events, q, fired };
}

describe("TimedWorkerQueue", () => {
  it("fires at fireAt and forgets the key afterwards", () => {
    const { events, q, fired } = setup();
    q.addWork({ namespace: "default", name: "a" }, 0, 1_000);
    expect(q.getWorker("default/a")?.fireAt).toBe(1_000);
    events.runUntil(999);
    expect(fired).toEqual([]);
    events.runUntil(1_000);
    expect(fired).toEqual([[1_000, "a", 0]]);
    expect(q.getWorker("default/a")).toBeUndefined();
  });

  it("runs work that is already due after the current task, and it cannot be cancelled", () => {
    const { events, q, fired } = setup();
    q.addWork({ namespace: "default", name: "a" }, 0, 0);
    expect(q.getWorker("default/a")).toBeNull();
    expect(q.cancelWork("default/a")).toBe(false);
    events.runUntil(0);
    expect(fired).toEqual([[0, "a", 0]]);
  });

  it("does not replace existing work; cancelWork stops a scheduled worker", () => {
    const { events, q, fired } = setup();
    q.addWork({ namespace: "default", name: "a" }, 0, 1_000);
    q.addWork({ namespace: "default", name: "a" }, 0, 500);
    expect(q.getWorker("default/a")?.fireAt).toBe(1_000);
    expect(q.cancelWork("default/a")).toBe(true);
    expect(q.cancelWork("default/a")).toBe(false);
    events.runUntil(10_000);
    expect(fired).toEqual([]);
  });

  it("retries when the work asks to, keeping the key busy meanwhile", () => {
    const { events, q, fired } = setup(2);
    q.addWork({ namespace: "default", name: "a" }, 0, 100);
    events.runUntil(105);
    expect(q.getWorker("default/a")).toBeNull();
    events.runUntil(1_000);
    expect(fired).toEqual([[100, "a", 0], [110, "a", 1], [120, "a", 2]]);
    expect(q.getWorker("default/a")).toBeUndefined();
  });

  it("defers work that comes due while paused", () => {
    const { events, q, fired } = setup();
    q.addWork({ namespace: "default", name: "a" }, 0, 100);
    q.pause();
    events.runUntil(5_000);
    expect(fired).toEqual([]);
    q.resume();
    expect(fired).toEqual([[5_000, "a", 0]]);
  });
});
