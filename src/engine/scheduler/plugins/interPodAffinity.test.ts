import { describe, expect, it } from "vitest";
import type { Affinity, Pod } from "../../api/types";
import { SchedulerCache } from "../cache";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  InterPodAffinity,
} from "./interPodAffinity";

const zone = (z: string) => ({ "topology.kubernetes.io/zone": z });
const hostname = "kubernetes.io/hostname";

function cluster(): SchedulerCache {
  const c = new SchedulerCache();
  c.addNode(makeNode("a1", { labels: zone("a") }));
  c.addNode(makeNode("a2", { labels: zone("a") }));
  c.addNode(makeNode("b1", { labels: zone("b") }));
  return c;
}

function filterAll(c: SchedulerCache, pod: Pod): Record<string, string> | "skip" {
  const pl = new InterPodAffinity(c);
  const st = new CycleState();
  const pi = new PodInfo(pod);
  if (pl.preFilter(st, pi, c.list()).status?.code === "Skip") return "skip";
  const out: Record<string, string> = {};
  for (const ni of c.list()) {
    const s = pl.filter(st, pi, ni);
    out[ni.name] = s === null ? "ok" : `${s.code}: ${s.reasons.join(", ")}`;
  }
  return out;
}

const antiWeb: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: hostname, labelSelector: { matchLabels: { app: "web" } } }] } };

describe("InterPodAffinity Filter", () => {
  it("skips when neither the pod nor any existing pod has required terms", () => {
    const c = cluster();
    c.addPod(makePod("x", { nodeName: "a1", labels: { app: "web" } }));
    expect(filterAll(c, makePod("p"))).toBe("skip");
  });

  it("anti-affinity: one web pod per host", () => {
    const c = cluster();
    c.addPod(makePod("x", { nodeName: "a1", labels: { app: "web" } }));
    expect(filterAll(c, makePod("p", { labels: { app: "web" }, affinity: antiWeb }))).toEqual({
      a1: `Unschedulable: ${ErrReasonAntiAffinityRulesNotMatch}`,
      b1: "ok",
      a2: "ok",
    });
  });

  it("existing pods' anti-affinity rejects the incoming pod (symmetry)", () => {
    const c = cluster();
    c.addPod(makePod("x", { nodeName: "a2", labels: { app: "web" }, affinity: antiWeb }));
    expect(filterAll(c, makePod("p", { labels: { app: "web" } }))).toEqual({
      a1: "ok",
      b1: "ok",
      a2: `Unschedulable: ${ErrReasonExistingAntiAffinityRulesNotMatch}`,
    });
  });

  it("affinity: only the zone that already runs a matching pod", () => {
    const c = cluster();
    c.addPod(makePod("db", { nodeName: "b1", labels: { app: "db" } }));
    const affinity: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "topology.kubernetes.io/zone", labelSelector: { matchLabels: { app: "db" } } }] } };
    expect(filterAll(c, makePod("p", { affinity }))).toEqual({
      a1: `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}`,
      b1: "ok",
      a2: `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}`,
    });
  });

  it("the first pod of a self-affine group may go anywhere; a non-matching one nowhere", () => {
    const affinity: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "topology.kubernetes.io/zone", labelSelector: { matchLabels: { app: "db" } } }] } };
    expect(filterAll(cluster(), makePod("p", { labels: { app: "db" }, affinity }))).toEqual({ a1: "ok", b1: "ok", a2: "ok" });
    const out = filterAll(cluster(), makePod("p", { labels: { app: "other" }, affinity }));
    expect(Object.values(out as Record<string, string>).every((v) => v.includes(ErrReasonAffinityRulesNotMatch))).toBe(true);
  });
});

describe("InterPodAffinity Score", () => {
  it("preferred affinity by zone, min-max normalized", () => {
    const c = cluster();
    c.addPod(makePod("cache", { nodeName: "a1", labels: { app: "cache" } }));
    const affinity: Affinity = {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 80, podAffinityTerm: { topologyKey: "topology.kubernetes.io/zone", labelSelector: { matchLabels: { app: "cache" } } } }] },
    };
    const pl = new InterPodAffinity(c);
    const pod = new PodInfo(makePod("p", { affinity }));
    const st = new CycleState();
    expect(pl.preScore(st, pod)).toBeNull();
    const scores = c.list().map((n) => pl.score(st, pod, n));
    expect(scores).toEqual([80, 0, 80]); // a1, b1, a2
    pl.normalizeScore(st, pod, scores);
    expect(scores).toEqual([100, 0, 100]);
  });

  it("an existing pod's required affinity to the incoming pod counts hardPodAffinityWeight (1)", () => {
    const c = cluster();
    const affinity: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "topology.kubernetes.io/zone", labelSelector: { matchLabels: { app: "web" } } }] } };
    c.addPod(makePod("sidecar", { nodeName: "b1", affinity }));
    const pl = new InterPodAffinity(c);
    const pod = new PodInfo(makePod("p", { labels: { app: "web" } }));
    const st = new CycleState();
    expect(pl.preScore(st, pod)).toBeNull();
    expect(c.list().map((n) => pl.score(st, pod, n))).toEqual([0, 1, 0]);
  });

  it("preferred anti-affinity subtracts; all-equal scores normalize to 0", () => {
    const c = cluster();
    c.addPod(makePod("x", { nodeName: "b1", labels: { app: "web" } }));
    const affinity: Affinity = {
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { app: "web" } } } }] },
    };
    const pl = new InterPodAffinity(c);
    const pod = new PodInfo(makePod("p", { affinity }));
    const st = new CycleState();
    pl.preScore(st, pod);
    const scores = c.list().map((n) => pl.score(st, pod, n));
    expect(scores).toEqual([0, -10, 0]);
    pl.normalizeScore(st, pod, scores);
    expect(scores).toEqual([100, 0, 100]);
    const flat = [5, 5];
    pl.normalizeScore(st, pod, flat);
    expect(flat).toEqual([0, 0]);
  });

  it("skips PreScore when no pod has any affinity", () => {
    const c = cluster();
    c.addPod(makePod("x", { nodeName: "b1" }));
    expect(new InterPodAffinity(c).preScore(new CycleState(), new PodInfo(makePod("p")))).toEqual({ code: "Skip", reasons: [] });
  });
});
