import { describe, expect, it } from "vitest";
import { SeededRandom } from "../sim/random";
import { SchedulerCache } from "./cache";
import { explainNode } from "./decision";
import { newDefaultFramework } from "./plugins/registry";
import { numFeasibleNodesToFind, type ScheduleContext, scheduleOne, selectHost } from "./scheduleOne";
import { ControlPlaneTaint, makeNode, makePod } from "./testing/wrappers";

function cacheWith(n: number, opts: Parameters<typeof makeNode>[1] = {}): SchedulerCache {
  const c = new SchedulerCache();
  for (let i = 0; i < n; i++) c.addNode(makeNode(`node-${String(i).padStart(4, "0")}`, opts));
  return c;
}

function ctx(cache: SchedulerCache, seed = 42): ScheduleContext {
  return { framework: newDefaultFramework(cache), random: new SeededRandom(seed).fn, state: { nextStartNodeIndex: 0 } };
}

describe("numFeasibleNodesToFind (schedule_one.go)", () => {
  it("evaluates all nodes below 100, else max(100, N·pct/100) with pct = max(5, 50 − N/125)", () => {
    expect(numFeasibleNodesToFind(undefined, 5000)).toBe(500); // pct 10
    expect(numFeasibleNodesToFind(undefined, 99)).toBe(99);
    expect(numFeasibleNodesToFind(undefined, 100)).toBe(100); // 50% = 50 → at least 100
    expect(numFeasibleNodesToFind(undefined, 1000)).toBe(420); // pct 42
    expect(numFeasibleNodesToFind(undefined, 6000)).toBe(300); // pct 2 → 5
    expect(numFeasibleNodesToFind(10, 2000)).toBe(200); // configured percentage
  });
});

describe("selectHost (reservoir sampling)", () => {
  it("picks the highest total; among ties, each later tie replaces with probability 1/count", () => {
    expect(selectHost([10, 30, 20], () => 0.5)).toBe(1);
    // random() = 0 always replaces: the last of the tied nodes wins; 0.99 never replaces after the first.
    expect(selectHost([30, 10, 30, 30], () => 0)).toBe(3);
    expect(selectHost([30, 10, 30, 30], () => 0.99)).toBe(0);
  });

  it("spreads ties uniformly with a seeded random", () => {
    const r = new SeededRandom(7).fn;
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[selectHost([5, 5, 5], r)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});

describe("scheduleOne", () => {
  it("starts each attempt where the previous one stopped (nextStartNodeIndex)", () => {
    const cache = cacheWith(200); // numFeasibleNodesToFind(200) = 100
    const c = ctx(cache);
    const a = scheduleOne(makePod("a"), cache, c);
    expect(a.kind).toBe("scheduled");
    expect(a.decision!.nodes[0]).toBe("node-0000");
    expect(a.decision!.nodes.length).toBe(100);
    expect(c.state.nextStartNodeIndex).toBe(100);
    const b = scheduleOne(makePod("b"), cache, c);
    expect(b.decision!.nodes[0]).toBe("node-0100");
    expect(c.state.nextStartNodeIndex).toBe(0);
  });

  it("is deterministic for a seed", () => {
    const pick = (seed: number) => {
      const cache = cacheWith(20);
      const c = ctx(cache, seed);
      const out: string[] = [];
      for (let i = 0; i < 50; i++) {
        const pod = makePod(`p${i}`, { cpu: "100m", memory: "128Mi" });
        const r = scheduleOne(pod, cache, c);
        if (r.kind !== "scheduled") throw new Error(r.kind);
        cache.assumePod(pod, r.nodeName);
        out.push(r.nodeName);
      }
      return out.join(",");
    };
    expect(pick(3)).toBe(pick(3));
    expect(pick(3)).not.toBe(pick(4));
  });

  it("records each plugin's verdict and weighted score per node", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode("cp", { taints: [ControlPlaneTaint] }));
    cache.addNode(makeNode("big", { cpu: "8", memory: "16Gi" }));
    cache.addNode(makeNode("small", { cpu: "2", memory: "4Gi" }));
    const r = scheduleOne(makePod("p", { cpu: "1", memory: "1Gi" }), cache, ctx(cache));
    expect(r.kind).toBe("scheduled");
    const d = r.decision!;
    expect(d.selected).toBe("big");
    const cp = explainNode(d, "cp");
    expect(cp.filters.map((f) => `${f.plugin}:${f.verdict}`)).toEqual([
      "NodeUnschedulable:passed",
      "NodeName:passed",
      "TaintToleration:rejected",
      "NodeAffinity:skipped",
      "NodePorts:skipped",
      "NodeResourcesFit:not run",
      "PodTopologySpread:skipped",
      "InterPodAffinity:skipped",
    ]);
    expect(cp.filters[2]!.reasons).toEqual(["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"]);
    const big = explainNode(d, "big");
    // Skipped at PreScore: NodeAffinity (no preferences), PodTopologySpread (no selector), InterPodAffinity (no affinity).
    expect(big.scores!.map((s) => s.plugin)).toEqual(["TaintToleration", "NodeResourcesFit", "NodeResourcesBalancedAllocation", "ImageLocality"]);
    // TaintToleration: 0 intolerable PreferNoSchedule → normalized 100 × 3. LeastAllocated: cpu (8000−1000)·100/8000 = 87,
    // memory (16−1)/16 = 93 → 90. Balanced: 1/8 vs 1/16 → std 0.03125 → 96. ImageLocality: 0.
    expect(big.scores!.map((s) => s.score)).toEqual([300, 90, 96, 0]);
    expect(big.total).toBe(486);
    const small = explainNode(d, "small");
    // cpu (2000−1000)·100/2000 = 50, memory (4−1)/4 = 75 → 62; balanced 1/2 vs 1/4 → 87.
    expect(small.scores!.map((s) => s.score)).toEqual([300, 62, 87, 0]);
  });

  it("schedules 3,000 pods onto 100 nodes, within allocatable and evenly spread", () => {
    const cache = cacheWith(100);
    const c = ctx(cache);
    c.recordDecision = false;
    for (let i = 0; i < 3000; i++) {
      const pod = makePod(`p${i}`, { cpu: "100m", memory: "128Mi" });
      const r = scheduleOne(pod, cache, c);
      if (r.kind !== "scheduled") throw new Error(`pod ${i}: ${r.kind}`);
      expect(cache.assumePod(pod, r.nodeName)).toBeNull();
    }
    const counts = cache.list().map((n) => n.pods.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
    for (const n of cache.list()) expect(n.requested.milliCPU).toBeLessThanOrEqual(n.allocatable.milliCPU);
  });

  it("tries the nominated node first", () => {
    const cache = cacheWith(5);
    const r = scheduleOne(makePod("p", { nominatedNodeName: "node-0003" }), cache, ctx(cache));
    expect(r.kind === "scheduled" && r.nodeName).toBe("node-0003");
  });
});
