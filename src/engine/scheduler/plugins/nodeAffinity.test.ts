import { describe, expect, it } from "vitest";
import type { Affinity } from "../../api/types";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { ErrReasonNodeAffinity, NodeAffinity } from "./nodeAffinity";

const pl = new NodeAffinity();

function ni(name: string, labels: Record<string, string>): NodeInfo {
  const n = new NodeInfo(name);
  n.setNode(makeNode(name, { labels }));
  return n;
}

function run(pod: PodInfo, node: NodeInfo) {
  const st = new CycleState();
  const pre = pl.preFilter(st, pod);
  if (pre.status?.code === "Skip") return "skip";
  return pl.filter(st, pod, node);
}

describe("NodeAffinity Filter", () => {
  it("skips pods with neither nodeSelector nor required node affinity", () => {
    expect(run(new PodInfo(makePod("p")), ni("n", {}))).toBe("skip");
  });

  it("requires every nodeSelector label", () => {
    const pod = new PodInfo(makePod("p", { nodeSelector: { disktype: "ssd" } }));
    expect(run(pod, ni("n", { disktype: "ssd" }))).toBeNull();
    expect(run(pod, ni("n", { disktype: "hdd" }))).toEqual({ code: "UnschedulableAndUnresolvable", reasons: [ErrReasonNodeAffinity] });
    expect(ErrReasonNodeAffinity).toBe("node(s) didn't match Pod's node affinity/selector");
  });

  it("ORs terms and ANDs expressions; NotIn matches a missing label; Gt compares integers", () => {
    const affinity: Affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }, { key: "spot", operator: "NotIn", values: ["true"] }] },
            { matchExpressions: [{ key: "cores", operator: "Gt", values: ["32"] }] },
          ],
        },
      },
    };
    const pod = new PodInfo(makePod("p", { affinity }));
    expect(run(pod, ni("n", { zone: "a" }))).toBeNull();
    expect(run(pod, ni("n", { zone: "a", spot: "true" }))).not.toBeNull();
    expect(run(pod, ni("n", { cores: "64" }))).toBeNull();
    expect(run(pod, ni("n", { cores: "16" }))).not.toBeNull();
  });

  it("narrows the nodes with a metadata.name matchFields term (PreFilterResult)", () => {
    const affinity: Affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["n2"] }] }] } },
    };
    const out = pl.preFilter(new CycleState(), new PodInfo(makePod("p", { affinity })));
    expect([...out.result!.nodeNames!]).toEqual(["n2"]);
  });
});

describe("NodeAffinity Score", () => {
  it("sums the weights of matching preferred terms, then normalizes to the best node", () => {
    const affinity: Affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } },
          { weight: 50, preference: { matchExpressions: [{ key: "ssd", operator: "Exists" }] } },
        ],
      },
    };
    const pod = new PodInfo(makePod("p", { affinity }));
    const st = new CycleState();
    expect(pl.preScore(st, pod)).toBeNull();
    const nodes = [ni("a", { zone: "a" }), ni("b", { ssd: "" }), ni("c", { zone: "a", ssd: "1" }), ni("d", {})];
    const scores = nodes.map((n) => pl.score(st, pod, n));
    expect(scores).toEqual([1, 50, 51, 0]);
    pl.normalizeScore(st, pod, scores);
    // 100·s/51 truncated.
    expect(scores).toEqual([1, 98, 100, 0]);
    expect(pl.preScore(new CycleState(), new PodInfo(makePod("q")))).toEqual({ code: "Skip", reasons: [] });
  });
});
