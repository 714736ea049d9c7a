import { describe, expect, it } from "vitest";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { balancedResourceScorer, NodeResourcesBalancedAllocation } from "./nodeResourcesBalancedAllocation";
import { leastRequestedScore, NodeResourcesFit } from "./nodeResourcesFit";

/** A 4-CPU / 8Gi node with the given pods on it. */
function node(pods: { cpu?: string; memory?: string }[] = [], opts: { pods?: string } = {}): NodeInfo {
  const ni = new NodeInfo("n");
  ni.setNode(makeNode("n", { cpu: "4", memory: "8Gi", pods: opts.pods }));
  pods.forEach((p, i) => ni.addPod(new PodInfo(makePod(`e${i}`, { ...p, nodeName: "n" }))));
  return ni;
}

function filter(pod: PodInfo, ni: NodeInfo) {
  const pl = new NodeResourcesFit();
  const st = new CycleState();
  pl.preFilter(st, pod);
  return pl.filter(st, pod, ni);
}

describe("NodeResourcesFit Filter", () => {
  it("accepts a pod that fits exactly", () => {
    expect(filter(new PodInfo(makePod("p", { cpu: "3", memory: "6Gi" })), node([{ cpu: "1", memory: "2Gi" }]))).toBeNull();
  });

  it("reports every insufficient resource, Unschedulable while an empty node could hold it", () => {
    const s = filter(new PodInfo(makePod("p", { cpu: "3500m", memory: "7Gi" })), node([{ cpu: "1", memory: "2Gi" }]));
    expect(s).toEqual({ code: "Unschedulable", reasons: ["Insufficient cpu", "Insufficient memory"] });
  });

  it("is UnschedulableAndUnresolvable when the request exceeds the node's allocatable", () => {
    const s = filter(new PodInfo(makePod("p", { cpu: "5" })), node());
    expect(s).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["Insufficient cpu"] });
  });

  it("reports Too many pods even for a pod without requests", () => {
    const s = filter(new PodInfo(makePod("p")), node([{}, {}], { pods: "2" }));
    expect(s).toEqual({ code: "Unschedulable", reasons: ["Too many pods"] });
  });

  it("ignores the 100m/200Mi scoring defaults when filtering", () => {
    // 40 request-less pods would be 4 CPU of non-zero requests, but they request nothing.
    expect(filter(new PodInfo(makePod("p", { cpu: "4" })), node(Array.from({ length: 40 }, () => ({}))))).toBeNull();
  });
});

describe("NodeResourcesFit Score (LeastAllocated, least_allocated.go)", () => {
  const pl = new NodeResourcesFit();
  const score = (pod: PodInfo, ni: NodeInfo) => pl.score(new CycleState(), pod, ni);

  it("leastRequestedScore uses integer division", () => {
    expect(leastRequestedScore(100, 4000)).toBe(97); // 3900·100/4000 = 97.5
    expect(leastRequestedScore(5000, 4000)).toBe(0);
    expect(leastRequestedScore(1, 0)).toBe(0);
  });

  it("1 CPU / 2Gi used + a 1 CPU / 2Gi pod on 4 CPU / 8Gi → (50 + 50) / 2 = 50", () => {
    // cpu: (4000 − 2000)·100/4000 = 50; memory: (8Gi − 4Gi)·100/8Gi = 50.
    expect(score(new PodInfo(makePod("p", { cpu: "1", memory: "2Gi" })), node([{ cpu: "1", memory: "2Gi" }]))).toBe(50);
  });

  it("3 CPU / 1Gi requested → cpu 25, memory 87 (87.5 truncated), node (25 + 87) / 2 = 56", () => {
    expect(score(new PodInfo(makePod("p", { cpu: "3", memory: "1Gi" })), node())).toBe(56);
  });

  it("a pod without requests counts as 100m / 200Mi: cpu 97, memory 97 (7992Mi·100/8192Mi = 97.56)", () => {
    expect(score(new PodInfo(makePod("p")), node())).toBe(97);
  });

  it("existing request-less pods count with their defaults (NonZeroRequested)", () => {
    // 10 default pods = 1000m / 2000Mi; plus the pod 1000m / 1024Mi:
    // cpu (4000−2000)·100/4000 = 50; memory (8192−3024)·100/8192 = 63.08 → 63; (50+63)/2 = 56.
    expect(score(new PodInfo(makePod("p", { cpu: "1", memory: "1Gi" })), node(Array.from({ length: 10 }, () => ({}))))).toBe(56);
  });
});

describe("NodeResourcesBalancedAllocation", () => {
  const pl = new NodeResourcesBalancedAllocation();

  it("skips best-effort pods in PreScore", () => {
    expect(pl.preScore(new CycleState(), new PodInfo(makePod("p")))).toEqual({ code: "Skip", reasons: [] });
    expect(pl.preScore(new CycleState(), new PodInfo(makePod("p", { cpu: "1" })))).toBeNull();
  });

  it("cpu 2/4 = 0.5, memory 2Gi/8Gi = 0.25 → std 0.125 → 87", () => {
    expect(pl.score(new CycleState(), new PodInfo(makePod("p", { cpu: "1", memory: "1Gi" })), node([{ cpu: "1", memory: "1Gi" }]))).toBe(87);
    expect(balancedResourceScorer([2000, 2 * 2 ** 30], [4000, 8 * 2 ** 30])).toBe(87);
  });

  it("uses real requests (not the non-zero defaults) and caps fractions at 1", () => {
    // cpu 1/4 = 0.25 (request-less pods add nothing); memory 16Gi/8Gi → 1: std = 0.375 → 62.
    expect(pl.score(new CycleState(), new PodInfo(makePod("p", { cpu: "1", memory: "16Gi" })), node([{}, {}]))).toBe(62);
  });

  it("with three resources uses the population standard deviation", () => {
    // fractions 0.2, 0.5, 0.8: mean 0.5, variance 0.06, std 0.2449… → (1 − 0.2449)·100 = 75.5 → 75.
    expect(balancedResourceScorer([2, 5, 8], [10, 10, 10])).toBe(75);
  });
});
