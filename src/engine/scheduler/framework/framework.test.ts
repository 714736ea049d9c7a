import { describe, expect, it } from "vitest";
import { SchedulerCache } from "../cache";
import { newDefaultFramework } from "../plugins/registry";
import { selectHost } from "../scheduleOne";
import { ControlPlaneTaint, makeNode, makePod } from "../testing/wrappers";
import { SeededRandom } from "../../sim/random";
import type { FilterPlugin, ScorePlugin } from "./types";
import { CycleState } from "./types";
import { Framework, type Profile } from "./framework";
import type { NodeInfo } from "./nodeInfo";
import { PodInfo } from "./podInfo";

/** A Filter that counts its calls: reusing a verdict must not call it. */
function countingFilter(name: string, verdict: (ni: NodeInfo) => boolean, key: string | undefined): FilterPlugin & { calls: number } {
  const pl = {
    name,
    calls: 0,
    filter(_s: CycleState, _p: PodInfo, ni: NodeInfo) {
      pl.calls++;
      return verdict(ni) ? null : { code: "Unschedulable" as const, reasons: [`${name} says no`] };
    },
    filterReuseKey: key === undefined ? undefined : () => key,
  };
  return pl;
}

function profile(filter: FilterPlugin[], score: ScorePlugin[] = []): Profile {
  return {
    schedulerName: "test",
    preEnqueue: [],
    queueSort: { name: "q", less: () => false },
    preFilter: [],
    filter,
    postFilter: [],
    preScore: [],
    score: score.map((plugin) => ({ plugin, weight: 1 })),
    enqueueExtensions: [],
  };
}

describe("Framework.runFilterPlugins reusing verdicts", () => {
  it("runs the plugins again only for a NodeInfo that changed, with the same statuses", () => {
    const cache = new SchedulerCache();
    const n1 = cache.addNode(makeNode("n1"));
    const n2 = cache.addNode(makeNode("n2"));
    const roomy = countingFilter("Roomy", (ni) => ni.pods.length < 1, "k");
    const fwk = new Framework(profile([roomy]));
    const pod = new PodInfo(makePod("p"));
    const run = () => cache.list().map((ni) => fwk.runFilterPlugins(new CycleState(), pod, ni));
    expect(run()).toEqual([null, null]);
    expect(roomy.calls).toBe(2);
    expect(run()).toEqual([null, null]);
    expect(roomy.calls).toBe(2);
    cache.addPod(makePod("q", { nodeName: "n2" }));
    // n2 changed: Filter runs there again and rejects; n1 keeps its verdict.
    expect(run()).toEqual([null, { code: "Unschedulable", reasons: ["Roomy says no"], plugin: "Roomy" }]);
    expect(roomy.calls).toBe(3);
    // A remembered rejection runs the rejecting plugin again, so that the Status is a fresh one.
    const again = run();
    expect(again[1]).toEqual({ code: "Unschedulable", reasons: ["Roomy says no"], plugin: "Roomy" });
    expect(roomy.calls).toBe(4);
    expect([n1.name, n2.name]).toEqual(["n1", "n2"]);
  });

  it("does not reuse verdicts when a plugin depends on more than the pod and the node", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode("n1"));
    const keyed = countingFilter("Keyed", () => true, "k");
    const unkeyed = countingFilter("Unkeyed", () => true, undefined);
    const fwk = new Framework(profile([keyed, unkeyed]));
    const pod = new PodInfo(makePod("p"));
    for (let i = 0; i < 3; i++) fwk.runFilterPlugins(new CycleState(), pod, cache.list()[0]!);
    expect(keyed.calls).toBe(3);
    expect(unkeyed.calls).toBe(3);
  });

  it("gives the default plugins' verdicts (taints, resources) whether or not they were remembered", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode("cp", { taints: [ControlPlaneTaint] }));
    cache.addNode(makeNode("small", { cpu: "1" }));
    cache.addNode(makeNode("big", { cpu: "8" }));
    const fwk = newDefaultFramework(cache);
    const pod = new PodInfo(makePod("p", { cpu: "2" }));
    const verdicts = () => {
      const state = new CycleState();
      fwk.runPreFilterPlugins(state, pod, cache.list());
      return cache.list().map((ni) => fwk.runFilterPlugins(state, pod, ni));
    };
    const first = verdicts();
    expect(first.map((s) => s?.reasons ?? null)).toEqual([["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"], ["Insufficient cpu"], null]);
    expect(verdicts()).toEqual(first);
    cache.addPod(makePod("hog", { nodeName: "big", cpu: "7" }));
    expect(verdicts()[2]?.reasons).toEqual(["Insufficient cpu"]);
  });
});

describe("Framework.runScorePlugins for selection only", () => {
  it("leaves out rows equal on every node, and selectHost picks the same node with the same random draws", () => {
    const rnd = new SeededRandom(3);
    const nodes = Array.from({ length: 40 }, (_, i) => ({ name: `n${i}` }) as unknown as NodeInfo);
    for (let trial = 0; trial < 50; trial++) {
      const rows = [0, 1, 2].map(() => {
        const constant = rnd.next() < 0.4;
        const c = Math.floor(rnd.next() * 101);
        return nodes.map(() => (constant ? c : Math.floor(rnd.next() * 3) * 50));
      });
      const score = rows.map((row, p): ScorePlugin => ({ name: `S${p}`, score: (_s, _p, ni) => row[nodes.indexOf(ni)]! }));
      const fwk = new Framework(profile([], score));
      const pod = new PodInfo(makePod("p"));
      const full = Array.from(fwk.runScorePlugins(new CycleState(), pod, nodes).outcome!.totals);
      const relative = Array.from(fwk.runScorePlugins(new CycleState(), pod, nodes, true).outcome!.totals);
      const draws = (totals: number[]) => {
        const r = new SeededRandom(trial);
        let calls = 0;
        const chosen = selectHost(totals, () => (calls++, r.next()));
        return [chosen, calls];
      };
      expect(draws(relative)).toEqual(draws(full));
      // The difference is one constant.
      expect(new Set(full.map((t, i) => t - relative[i]!)).size).toBe(1);
    }
  });

  it("still reports an out-of-range score, even from a plugin whose scores are all equal", () => {
    const nodes = [{ name: "a" }, { name: "b" }] as unknown as NodeInfo[];
    const fwk = new Framework(profile([], [{ name: "Bad", score: () => 101 }]));
    const r = fwk.runScorePlugins(new CycleState(), new PodInfo(makePod("p")), nodes, true);
    expect(r.status?.reasons[0]).toBe('plugin "Bad" returns an invalid score 101, it should in the range of [0, 100] after normalizing');
  });
});
