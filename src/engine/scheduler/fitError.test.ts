import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../api/types";
import { SchedulerCache } from "./cache";
import { FitError, goStringCompare, newDiagnosis } from "./fitError";
import { newStatus } from "./framework/types";
import { newDefaultFramework } from "./plugins/registry";
import { scheduleOne, type ScheduleOutcome } from "./scheduleOne";
import { SeededRandom } from "../sim/random";
import { ControlPlaneTaint, makeNode, makePod } from "./testing/wrappers";

function run(nodes: Node[], pods: Pod[], pod: Pod): ScheduleOutcome {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  return scheduleOne(pod, cache, { framework: newDefaultFramework(cache), random: new SeededRandom(1).fn, state: { nextStartNodeIndex: 0 } });
}

function message(o: ScheduleOutcome): string {
  if (o.kind !== "unschedulable") throw new Error(`expected unschedulable, got ${o.kind}`);
  return o.fitError.error();
}

describe("FitError.Error() (framework/types.go)", () => {
  it("reproduces the classic control-plane + Insufficient cpu event, with DefaultPreemption's part", () => {
    const nodes = [makeNode("cp", { cpu: "2", taints: [ControlPlaneTaint] }), makeNode("w1", { cpu: "2" }), makeNode("w2", { cpu: "2" }), makeNode("w3", { cpu: "2" })];
    const pods = ["w1", "w2", "w3"].map((n) => makePod(`busy-${n}`, { nodeName: n, cpu: "1500m" }));
    expect(message(run(nodes, pods, makePod("p", { cpu: "1" })))).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. " +
        "preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it("node selector mismatch: preemption cannot help anywhere", () => {
    const nodes = [makeNode("a"), makeNode("b"), makeNode("c")];
    expect(message(run(nodes, [], makePod("p", { nodeSelector: { disktype: "ssd" } })))).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it("counts every reason of a node and each rejected node", () => {
    const nodes = [makeNode("a", { cpu: "1", memory: "1Gi" }), makeNode("b", { cpu: "1", memory: "1Gi", pods: "1" })];
    const pods = [makePod("x", { nodeName: "b" })];
    // Both requests exceed the nodes' allocatable: every verdict is unresolvable, preemption cannot help.
    expect(message(run(nodes, pods, makePod("p", { cpu: "2", memory: "2Gi" })))).toBe(
      "0/2 nodes are available: 1 Too many pods, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it("a PreFilter rejection replaces the per-node histogram", () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In" as const, values: ["a"] }, { key: "metadata.name", operator: "In" as const, values: ["b"] }] }],
        },
      },
    };
    expect(message(run([makeNode("a"), makeNode("b")], [], makePod("p", { affinity })))).toBe(
      "0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it("nodes excluded by a PreFilterResult are counted as not satisfying that plugin", () => {
    const affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In" as const, values: ["a"] }] }] } },
    };
    const nodes = [makeNode("a", { cpu: "2" }), makeNode("b"), makeNode("c")];
    const pods = [makePod("busy", { nodeName: "a", cpu: "1500m" })];
    expect(message(run(nodes, pods, makePod("p", { cpu: "1", affinity })))).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it("preemptionPolicy: Never", () => {
    const nodes = [makeNode("a", { cpu: "1" })];
    expect(message(run(nodes, [], makePod("p", { cpu: "2", preemptionPolicy: "Never" })))).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
    );
  });

  it("successful preemption leaves only the fit part, and names node and victims", () => {
    const nodes = [makeNode("a", { cpu: "2" })];
    const pods = [makePod("low", { nodeName: "a", cpu: "1500m", priority: 0 })];
    const out = run(nodes, pods, makePod("p", { cpu: "1", priority: 1000 }));
    expect(message(out)).toBe("0/1 nodes are available: 1 Insufficient cpu.");
    expect(out.kind === "unschedulable" && out.nominatedNodeName).toBe("a");
    expect(out.kind === "unschedulable" && out.victims!.map((v) => v.name)).toEqual(["low"]);
  });

  it("no nodes at all is ErrNoNodesAvailable, not a FitError", () => {
    expect(run([], [], makePod("p"))).toEqual({ kind: "error", message: "no nodes available to schedule pods" });
  });

  it("sorts the histogram entries as Go's sort.Strings does (\"10 …\" before \"2 …\")", () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`x${i}`, newStatus("Unschedulable", "Insufficient cpu"));
    d.nodeToStatus.set("y0", newStatus("Unschedulable", "Too many pods"));
    d.nodeToStatus.set("y1", newStatus("Unschedulable", "Too many pods"));
    expect(new FitError("default/p", 12, d).error()).toBe("0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods.");
    expect(["b", "B", "a", "é", "z"].sort(goStringCompare)).toEqual(["B", "a", "b", "z", "é"]);
  });
});
