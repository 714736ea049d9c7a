import { describe, expect, it } from "vitest";
import { PodInfo } from "../framework/podInfo";
import { makePod } from "../testing/wrappers";
import { SchedulingGates } from "./schedulingGates";

describe("SchedulingGates", () => {
  it("gates a pod with the Go %v rendering of the gate names", () => {
    const pl = new SchedulingGates();
    expect(pl.preEnqueue(new PodInfo(makePod("p", { gates: ["example.com/foo", "example.com/bar"] })))).toEqual({
      code: "UnschedulableAndUnresolvable",
      reasons: ["waiting for scheduling gates: [example.com/foo example.com/bar]"],
    });
    expect(pl.preEnqueue(new PodInfo(makePod("p")))).toBeNull();
  });
});
