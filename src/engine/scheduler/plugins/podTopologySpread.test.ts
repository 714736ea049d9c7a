import { describe, expect, it } from "vitest";
import type { Pod, TopologySpreadConstraint } from "../../api/types";
import { SchedulerCache } from "../cache";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { PodTopologySpread } from "./podTopologySpread";
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch, systemDefaultConstraints } from "./podTopologySpreadCommon";
import { topologyNormalizingWeight } from "./podTopologySpreadScore";

const zone = (z: string) => ({ "topology.kubernetes.io/zone": z });

/** The docs' example: zoneA {node1: 1, node2: 1}, zoneB {node3: 1, node4: 0} pods labelled foo=bar. */
function docsCluster(): SchedulerCache {
  const c = new SchedulerCache();
  c.addNode(makeNode("node1", { labels: zone("zoneA") }));
  c.addNode(makeNode("node2", { labels: zone("zoneA") }));
  c.addNode(makeNode("node3", { labels: zone("zoneB") }));
  c.addNode(makeNode("node4", { labels: zone("zoneB") }));
  c.addNode(makeNode("nolabel"));
  for (const [i, n] of ["node1", "node2", "node3"].entries()) c.addPod(makePod(`e${i}`, { nodeName: n, labels: { foo: "bar" } }));
  return c;
}

const zoneConstraint = (extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew: 1,
  topologyKey: "topology.kubernetes.io/zone",
  whenUnsatisfiable: "DoNotSchedule",
  labelSelector: { matchLabels: { foo: "bar" } },
  ...extra,
});

function filterAll(c: SchedulerCache, pod: Pod): Record<string, string> {
  const pl = new PodTopologySpread(c);
  const st = new CycleState();
  const pi = new PodInfo(pod);
  pl.preFilter(st, pi, c.list());
  const out: Record<string, string> = {};
  for (const ni of c.list()) {
    const s = pl.filter(st, pi, ni);
    out[ni.name] = s === null ? "ok" : `${s.code}: ${s.reasons.join(", ")}`;
  }
  return out;
}

describe("PodTopologySpread Filter", () => {
  it("rejects the domain whose skew would exceed maxSkew (zoneA: 2 + 1 − 1 = 2 > 1)", () => {
    const out = filterAll(docsCluster(), makePod("p", { labels: { foo: "bar" }, spread: [zoneConstraint()] }));
    expect(out).toEqual({
      node1: `Unschedulable: ${ErrReasonConstraintsNotMatch}`,
      node3: "ok",
      nolabel: `UnschedulableAndUnresolvable: ${ErrReasonNodeLabelNotMatch}`,
      node2: `Unschedulable: ${ErrReasonConstraintsNotMatch}`,
      node4: "ok",
    });
    expect(ErrReasonNodeLabelNotMatch).toBe("node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it("with minDomains above the number of domains the global minimum is 0", () => {
    const out = filterAll(docsCluster(), makePod("p", { labels: { foo: "bar" }, spread: [zoneConstraint({ minDomains: 3 })] }));
    // zoneB: 1 + 1 − 0 = 2 > 1 now fails too.
    expect(out.node3).toBe(`Unschedulable: ${ErrReasonConstraintsNotMatch}`);
    expect(out.node4).toBe(`Unschedulable: ${ErrReasonConstraintsNotMatch}`);
  });

  it("a pod that does not match its own selector does not count itself", () => {
    const out = filterAll(docsCluster(), makePod("p", { labels: { other: "x" }, spread: [zoneConstraint()] }));
    // zoneA: 2 + 0 − 1 = 1 ≤ 1.
    expect(out.node1).toBe("ok");
  });

  it("skips pods without hard constraints (the system defaults are ScheduleAnyway)", () => {
    const pl = new PodTopologySpread(docsCluster());
    expect(pl.preFilter(new CycleState(), new PodInfo(makePod("p")), []).status).toEqual({ code: "Skip", reasons: [] });
    expect(systemDefaultConstraints.map((c) => [c.topologyKey, c.maxSkew, c.whenUnsatisfiable])).toEqual([
      ["kubernetes.io/hostname", 3, "ScheduleAnyway"],
      ["topology.kubernetes.io/zone", 5, "ScheduleAnyway"],
    ]);
  });
});

describe("PodTopologySpread Score", () => {
  it("applies the system defaults to a ReplicaSet's pods and prefers emptier nodes", () => {
    const c = new SchedulerCache();
    for (const n of ["n1", "n2", "n3"]) c.addNode(makeNode(n, { labels: zone("z") }));
    c.addPod(makePod("a", { nodeName: "n1", labels: { app: "web" } }));
    c.addPod(makePod("b", { nodeName: "n1", labels: { app: "web" } }));
    c.addPod(makePod("c", { nodeName: "n2", labels: { app: "web" } }));
    const pl = new PodTopologySpread(c, { defaultSelectorInputs: () => ({ ownerSelector: { matchLabels: { app: "web" } } }) });
    const pod = new PodInfo(makePod("p", { labels: { app: "web" } }));
    const st = new CycleState();
    expect(pl.preScore(st, pod, c.list())).toBeNull();
    // hostname weight ln(3 + 2), zone weight ln(1 + 2); score = Σ cnt·w + (maxSkew − 1), rounded:
    // n1: 2·ln5 + 2 + 3·ln3 + 4 = 12.51 → 13; n2: 10.91 → 11; n3: 9.30 → 9.
    const scores = c.list().map((n) => pl.score(st, pod, n));
    expect(scores).toEqual([13, 11, 9]);
    pl.normalizeScore(st, pod, scores, c.list());
    // 100·(max + min − s)/max = 100·(22 − s)/13 → 69, 84, 100.
    expect(scores).toEqual([69, 84, 100]);
    expect(topologyNormalizingWeight(3)).toBeCloseTo(Math.log(5), 12);
  });

  it("skips scoring when the pod has no default selector (no Service, no controller)", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("n1"));
    const pl = new PodTopologySpread(c);
    expect(pl.preScore(new CycleState(), new PodInfo(makePod("p", { labels: { app: "web" } })), c.list())).toEqual({ code: "Skip", reasons: [] });
  });

  it("ignores nodes missing a topology key of a user constraint (score 0 after normalizing)", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("a", { labels: zone("z1") }));
    c.addNode(makeNode("b", { labels: zone("z2") }));
    c.addNode(makeNode("bare"));
    c.addPod(makePod("x", { nodeName: "a", labels: { app: "w" } }));
    const pl = new PodTopologySpread(c);
    const spread: TopologySpreadConstraint[] = [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "w" } } }];
    const pod = new PodInfo(makePod("p", { labels: { app: "w" }, spread }));
    const st = new CycleState();
    pl.preScore(st, pod, c.list());
    const scores = c.list().map((n) => pl.score(st, pod, n));
    // weight ln(2 + 2); a: 1·ln4 + 0 = 1.386 → 1; b: 0 → 0.
    expect(scores).toEqual([1, 0, 0]);
    pl.normalizeScore(st, pod, scores, c.list());
    // max 1, min 0: a → 100·(1 + 0 − 1)/1 = 0; b → 100; bare (ignored) → 0.
    expect(scores).toEqual([0, 100, 0]);
  });
});
