import { describe, expect, it } from "vitest";
import { HostPortInfo, NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { NodePorts } from "./nodePorts";

describe("HostPortInfo.CheckConflict", () => {
  it("0.0.0.0 conflicts with any IP, a specific IP with itself and 0.0.0.0; protocols are separate", () => {
    const h = new HostPortInfo();
    h.add("127.0.0.1", "TCP", 8080);
    expect(h.checkConflict("", "", 8080)).toBe(true);
    expect(h.checkConflict("127.0.0.1", "TCP", 8080)).toBe(true);
    expect(h.checkConflict("10.0.0.1", "TCP", 8080)).toBe(false);
    expect(h.checkConflict("127.0.0.1", "UDP", 8080)).toBe(false);
    h.add("", "", 9090);
    expect(h.checkConflict("10.0.0.1", "TCP", 9090)).toBe(true);
  });
});

describe("NodePorts", () => {
  const pl = new NodePorts();
  it("skips pods without host ports", () => {
    expect(pl.preFilter(new CycleState(), new PodInfo(makePod("p"))).status).toEqual({ code: "Skip", reasons: [] });
  });
  it("rejects a node where the host port is taken", () => {
    const ni = new NodeInfo("n");
    ni.setNode(makeNode("n"));
    ni.addPod(new PodInfo(makePod("web", { nodeName: "n", hostPort: 80 })));
    const pod = new PodInfo(makePod("p", { hostPort: 80 }));
    const st = new CycleState();
    pl.preFilter(st, pod);
    expect(pl.filter(st, pod, ni)).toEqual({ code: "Unschedulable", reasons: ["node(s) didn't have free ports for the requested pod ports"] });
    ni.removePod("uid-default-web");
    expect(pl.filter(st, pod, ni)).toBeNull();
  });
});
