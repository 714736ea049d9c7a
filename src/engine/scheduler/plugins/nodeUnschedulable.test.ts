import { describe, expect, it } from "vitest";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { NodeUnschedulable } from "./nodeUnschedulable";

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
