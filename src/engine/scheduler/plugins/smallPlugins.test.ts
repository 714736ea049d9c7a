import { describe, expect, it } from "vitest";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { NodeName } from "./nodeName";
import { NodeUnschedulable } from "./nodeUnschedulable";
import { PrioritySort } from "./prioritySort";
import { SchedulingGates } from "./schedulingGates";

function ni(name: string, unschedulable = false): NodeInfo {
  const n = new NodeInfo(name);
  n.setNode(makeNode(name, { unschedulable }));
  return n;
}

describe("NodeUnschedulable", () => {
  const pl = new NodeUnschedulable();
  it("rejects cordoned nodes unless the pod tolerates node.kubernetes.io/unschedulable", () => {
    expect(pl.filter(new CycleState(), new PodInfo(makePod("p")), ni("n", true))).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["node(s) were unschedulable"] });
    const tolerant = new PodInfo(makePod("p", { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] }));
    expect(pl.filter(new CycleState(), tolerant, ni("n", true))).toBeNull();
    expect(pl.filter(new CycleState(), new PodInfo(makePod("p")), ni("n"))).toBeNull();
  });
});

describe("NodeName", () => {
  it("fits only the named node", () => {
    const pl = new NodeName();
    const pod = new PodInfo(makePod("p", { nodeName: "a" }));
    expect(pl.filter(new CycleState(), pod, ni("a"))).toBeNull();
    expect(pl.filter(new CycleState(), pod, ni("b"))).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["node(s) didn't match the requested node name"] });
  });
});

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
