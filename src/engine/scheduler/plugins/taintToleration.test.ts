import { describe, expect, it } from "vitest";
import type { Taint } from "../../api/types";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { ControlPlaneTaint, makeNode, makePod } from "../testing/wrappers";
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, TaintToleration, toleratesTaint, tolerationsTolerateTaint } from "./taintToleration";

function nodeInfo(name: string, taints: Taint[]): NodeInfo {
  const ni = new NodeInfo(name);
  ni.setNode(makeNode(name, { taints }));
  return ni;
}

describe("ToleratesTaint (api core/v1 toleration.go)", () => {
  const taint: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
  it("matches key, value and effect with the Equal (or empty) operator", () => {
    expect(toleratesTaint({ key: "dedicated", value: "gpu", effect: "NoSchedule" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", operator: "Equal", value: "gpu" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", value: "cpu", effect: "NoSchedule" }, taint)).toBe(false);
  });
  it("Exists ignores the value; an empty key with Exists tolerates everything", () => {
    expect(toleratesTaint({ key: "dedicated", operator: "Exists" }, taint)).toBe(true);
    expect(toleratesTaint({ operator: "Exists" }, taint)).toBe(true);
  });
  it("an explicit effect must equal the taint's", () => {
    expect(toleratesTaint({ key: "dedicated", operator: "Exists", effect: "NoExecute" }, taint)).toBe(false);
    expect(tolerationsTolerateTaint([{ key: "other", operator: "Exists" }, { key: "dedicated", operator: "Exists" }], taint)).toBe(true);
  });
  it("an unknown operator tolerates nothing", () => {
    expect(toleratesTaint({ key: "dedicated", operator: "Gt" as never, value: "gpu" }, taint)).toBe(false);
  });
  it("finds the first untolerated NoSchedule/NoExecute taint in node order", () => {
    const taints: Taint[] = [
      { key: "soft", effect: "PreferNoSchedule" },
      { key: "a", effect: "NoExecute" },
      { key: "b", effect: "NoSchedule" },
    ];
    expect(findMatchingUntoleratedTaint(taints, [], isDoNotScheduleTaint)).toEqual(taints[1]);
    expect(findMatchingUntoleratedTaint(taints, [{ key: "a", operator: "Exists" }], isDoNotScheduleTaint)).toEqual(taints[2]);
  });
});

describe("TaintToleration plugin", () => {
  const pl = new TaintToleration();
  it("rejects with UnschedulableAndUnresolvable and the upstream reason (empty value prints nothing)", () => {
    const s = pl.filter(new CycleState(), new PodInfo(makePod("p")), nodeInfo("cp", [ControlPlaneTaint]));
    expect(s).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"] });
    const s2 = pl.filter(new CycleState(), new PodInfo(makePod("p")), nodeInfo("g", [{ key: "dedicated", value: "gpu", effect: "NoExecute" }]));
    expect(s2!.reasons).toEqual(["node(s) had untolerated taint {dedicated: gpu}"]);
  });

  it("passes tolerated taints and ignores PreferNoSchedule in Filter", () => {
    const pod = new PodInfo(makePod("p", { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] }));
    expect(pl.filter(new CycleState(), pod, nodeInfo("cp", [ControlPlaneTaint]))).toBeNull();
    expect(pl.filter(new CycleState(), new PodInfo(makePod("p")), nodeInfo("s", [{ key: "x", effect: "PreferNoSchedule" }]))).toBeNull();
  });

  it("scores by intolerable PreferNoSchedule taints, normalized in reverse (DefaultNormalizeScore)", () => {
    const state = new CycleState();
    const pod = new PodInfo(makePod("p", { tolerations: [{ key: "ok", operator: "Exists", effect: "PreferNoSchedule" }] }));
    pl.preScore(state, pod);
    const nodes = [
      nodeInfo("clean", []),
      nodeInfo("one", [{ key: "x", effect: "PreferNoSchedule" }]),
      nodeInfo("two", [{ key: "x", effect: "PreferNoSchedule" }, { key: "y", effect: "PreferNoSchedule" }, { key: "ok", effect: "PreferNoSchedule" }]),
    ];
    const scores = nodes.map((n) => pl.score(state, pod, n));
    expect(scores).toEqual([0, 1, 2]);
    pl.normalizeScore(state, pod, scores);
    // maxCount 2: 100 − 100·s/2 → 100, 50, 0.
    expect(scores).toEqual([100, 50, 0]);
  });
});
