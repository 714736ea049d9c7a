import { describe, expect, it } from "vitest";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { NodeName } from "./nodeName";

function ni(name: string, unschedulable = false): NodeInfo {
  const n = new NodeInfo(name);
  n.setNode(makeNode(name, { unschedulable }));
  return n;
}

describe("NodeName", () => {
  it("fits only the named node", () => {
    const pl = new NodeName();
    const pod = new PodInfo(makePod("p", { nodeName: "a" }));
    expect(pl.filter(new CycleState(), pod, ni("a"))).toBeNull();
    expect(pl.filter(new CycleState(), pod, ni("b"))).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["node(s) didn't match the requested node name"] });
  });
});
