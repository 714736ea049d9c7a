import { describe, expect, it } from "vitest";
import { PodInfo } from "../framework/podInfo";
import { makePod } from "../testing/wrappers";
import { PrioritySort } from "./prioritySort";

describe("PrioritySort", () => {
  it("orders by priority, then queue timestamp, then insertion", () => {
    const pl = new PrioritySort();
    const q = (prio: number, timestamp: number, seq: number) => ({ podInfo: new PodInfo(makePod(`p${seq}`, { priority: prio })), timestamp, seq });
    expect(pl.less(q(10, 5, 2), q(0, 1, 1))).toBe(true);
    expect(pl.less(q(0, 1, 2), q(0, 5, 1))).toBe(true);
    expect(pl.less(q(0, 1, 1), q(0, 1, 2))).toBe(true);
    expect(pl.less(q(0, 1, 2), q(0, 1, 1))).toBe(false);
  });
});
