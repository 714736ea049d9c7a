// Every node-failure experiment, run headless, against the upstream timeline of KUBERNETES-FACTS.md §1:
// last heartbeat T0 → Ready=Unknown at T0+50–55s (node-monitor-grace-period 50s, node-monitor-period 5s),
// pods NotReady and out of the endpoints at once, the unreachable NoExecute taint ≈5s later, deletion
// tolerationSeconds (300s) after the taint, replacements at once: 5m50s–6m10s after the kill.
import { describe, expect, it } from "vitest";
import { ExperimentRun, findExperiment } from "../../experiments";
import type { MarkKind, TimelineMark } from "../../experiments";

function run(name: string, set: Record<string, string> = {}) {
  const r = new ExperimentRun(findExperiment(name)!, set);
  const report = r.runToEnd();
  const marks = r.marks();
  const first = (kind: MarkKind, pred: (m: TimelineMark) => boolean = () => true) => marks.find((m) => m.kind === kind && pred(m));
  return { r, report, marks, first };
}

describe("experiment kill-node (FACTS §1)", () => {
  it("follows the upstream timeline, each mark with the component that acted", () => {
    const { r, report, first } = run("kill-node");
    expect(r.phase).toBe("done");
    const heartbeat = first("heartbeat")!;
    expect(heartbeat.dt).toBeLessThanOrEqual(0);
    expect(heartbeat.dt).toBeGreaterThan(-10_000); // leases are renewed every 10s
    const unknown = first("nodeNotReady")!;
    expect(unknown.actor).toBe("node-controller");
    expect(unknown.text).toContain("Ready=Unknown (NodeStatusUnknown: Kubelet stopped posting node status.)");
    expect(unknown.t - heartbeat.t).toBeGreaterThanOrEqual(50_000);
    expect(unknown.t - heartbeat.t).toBeLessThanOrEqual(55_000);
    const notReady = first("podsNotReady")!;
    expect(notReady.actor).toBe("node-controller");
    expect(notReady.t - unknown.t).toBeLessThanOrEqual(100);
    const removed = first("endpointsRemoved")!;
    expect(removed.actor).toBe("endpointslice-controller");
    expect(removed.t - notReady.t).toBeLessThanOrEqual(100);
    const taint = first("taint")!;
    expect(taint.text).toContain("node.kubernetes.io/unreachable:NoExecute");
    expect(taint.t - unknown.t).toBeLessThanOrEqual(6_000);
    const eviction = first("eviction")!;
    expect(eviction.actor).toBe("taint-eviction-controller");
    expect(eviction.t - taint.t).toBeGreaterThanOrEqual(300_000);
    expect(eviction.t - taint.t).toBeLessThanOrEqual(301_000);
    const created = first("replacementCreated")!;
    expect(created.actor).toBe("replicaset-controller");
    // The acceptance check: replacements 5m50s–6m10s after the kill.
    expect(created.dt).toBeGreaterThanOrEqual(350_000);
    expect(created.dt).toBeLessThanOrEqual(370_000);
    expect(first("scheduled")!.actor).toBe("kube-scheduler");
    const running = first("running")!;
    expect(running.actor).toMatch(/^kubelet\/node-\d$/);
    expect(first("endpointsRestored")!.t).toBeGreaterThanOrEqual(running.t);
    expect(report.metrics.timeToReplaceMs).toBe(created.dt);
    expect(report.metrics.minReadyReplicas).toBe(2);
    // 1 of 3 endpoints is dead until the pods are marked NotReady: ≈ a third of ~50s of traffic fails.
    expect(report.metrics.requestsFailed).toBeGreaterThan(0);
    expect(report.hypotheses.map((h) => h.held)).toEqual([true, false, true]);
    expect(r.cluster.internalErrors).toEqual([]);
  });

  it("with tolerationSeconds 30 the replacements come about 4m30s sooner", () => {
    const a = run("kill-node");
    const b = run("kill-node", { tolerationSeconds: "30" });
    const diff = a.report.metrics.timeToReplaceMs! - b.report.metrics.timeToReplaceMs!;
    expect(diff).toBeGreaterThanOrEqual(268_000);
    expect(diff).toBeLessThanOrEqual(272_000);
    expect(b.first("eviction")!.why).toContain("tolerationSeconds 30 for node.kubernetes.io/unreachable");
  });

  it("a shorter node-monitor-grace-period detects the failure sooner", () => {
    const a = run("kill-node", { nodeMonitorGracePeriod: "20s" });
    const hb = a.first("heartbeat")!;
    const unknown = a.first("nodeNotReady")!;
    expect(unknown.t - hb.t).toBeGreaterThanOrEqual(20_000);
    expect(unknown.t - hb.t).toBeLessThanOrEqual(25_000);
  });

  it("is deterministic: the same seed gives the same timeline", () => {
    const a = run("kill-node");
    const b = run("kill-node");
    expect(b.marks).toEqual(a.marks);
    expect(b.report).toEqual(a.report);
  });
});

describe("experiment kill-single-replica", () => {
  it("breaks the hypothesis: no ready replica from detection until the replacement runs", () => {
    const { report, first } = run("kill-single-replica");
    expect(report.held).toBe(false);
    expect(report.metrics.minReadyReplicas).toBe(0);
    expect(first("endpointsRemoved")!.text).toBe("Service web now has 0 ready endpoints (was 1)");
    // Nothing serves from the kill until the replacement is Ready (≈6m).
    expect(report.metrics.downtimeMs).toBeGreaterThanOrEqual(350_000);
    expect(report.metrics.downtimeMs).toBeLessThanOrEqual(375_000);
    expect(report.metrics.requestsFailed! / report.metrics.requestsTotal!).toBeGreaterThan(0.7);
  });
});

describe("experiment partition-node", () => {
  it("evicts and replaces like a dead node; on heal the kubelet finds its pod deleted and kills it", () => {
    const { r, first } = run("partition-node");
    const node = first("failure")!.text.replace("sim node partition ", "");
    expect(first("eviction")!.dt).toBeGreaterThanOrEqual(350_000);
    const heal = first("step")!;
    expect(heal.text).toBe(`sim node heal ${node}`);
    const gone = first("podDeleted")!;
    expect(gone.actor).toBe(`kubelet/${node}`);
    expect(gone.t).toBeGreaterThanOrEqual(heal.t);
    expect(gone.t - heal.t).toBeLessThanOrEqual(35_000);
    expect(first("nodeReady")!.t).toBeGreaterThanOrEqual(heal.t);
    expect(r.cluster.internalErrors).toEqual([]);
  });

  it("keeps the partitioned pod's container running until the heal", () => {
    const r = new ExperimentRun(findExperiment("partition-node")!);
    r.start();
    const node = r.marks().find((m) => m.kind === "failure")!.text.replace("sim node partition ", "");
    r.cluster.advance(7 * 60_000);
    r.poll();
    const k = r.cluster.kubelets.get(node)!;
    const running = k.activePods().filter((w) => w.pod.metadata.namespace === "default");
    expect(running.length).toBeGreaterThan(0);
    // The API already deleted it (Terminating) and replaced it elsewhere.
    const inApi = r.cluster.store.get("pods", `pods/default/${running[0]!.pod.metadata.name}`);
    expect(inApi?.metadata.deletionTimestamp).toBeDefined();
  });
});

describe("experiment statefulset-dead-node", () => {
  it("keeps web-1 Terminating until the node is out of service; only then is web-1 recreated", () => {
    const { report, marks, first } = run("statefulset-dead-node");
    const oos = first("taint", (m) => m.text.includes("out-of-service"))!;
    expect(first("eviction")!.t).toBeLessThan(oos.t);
    const created = first("replacementCreated")!;
    expect(created.actor).toBe("statefulset-controller");
    expect(created.text).toContain("web-1");
    expect(created.t).toBeGreaterThan(oos.t);
    // PodGC (every 20s) force-deletes the terminating pod first, then the StatefulSet creates web-1.
    const gone = marks.find((m) => m.kind === "podDeleted" && m.actor === "pod-garbage-collector")!;
    expect(gone.t - oos.t).toBeLessThanOrEqual(20_000);
    expect(created.t).toBeGreaterThanOrEqual(gone.t);
    expect(report.hypotheses.find((h) => h.text.includes("back to 3"))!.held).toBe(false);
  });
});

describe("experiment zone-failure", () => {
  it("without topology spread every replica sits in the lost zone; with it, 4 of 6 survive", () => {
    const packed = run("zone-failure");
    expect(packed.report.metrics.minReadyReplicas).toBe(0);
    const spread = run("zone-failure", { spread: "true" });
    expect(spread.report.metrics.minReadyReplicas).toBe(4);
    expect(spread.report.hypotheses[0]!.held).toBe(true);
    expect(spread.report.metrics.timeToRecoverMs).toBeDefined();
  });

  it("with nodeTaintsPolicy Ignore the replacements stay Pending: the dead zone still counts as a domain", () => {
    const { report, first } = run("zone-failure", { spread: "true", honorTaints: "false" });
    expect(first("replacementCreated")).toBeDefined();
    expect(first("scheduled")).toBeUndefined();
    expect(report.metrics.timeToRecoverMs).toBeUndefined();
  });
});

describe("experiment graceful-shutdown", () => {
  it("fails the pods (Terminated) at once and replaces them within a second", () => {
    const { report, first } = run("graceful-shutdown");
    const nr = first("nodeNotReady")!;
    expect(nr.dt).toBe(0);
    expect(nr.actor).toMatch(/^kubelet\//);
    expect(nr.text).toContain("Ready=False (KubeletNotReady: node is shutting down)");
    expect(first("podFailed")!.why).toBe("Pod was terminated in response to imminent node shutdown.");
    expect(report.metrics.timeToReplaceMs!).toBeLessThanOrEqual(1_000);
    expect(report.held).toBe(true);
  });
});

describe("experiment memory-pressure", () => {
  it("reports MemoryPressure and evicts the hog (most usage above its request), not web", () => {
    const { r, report, marks, first } = run("memory-pressure");
    const pressure = first("nodePressure")!;
    expect(pressure.actor).toMatch(/^kubelet\//);
    // The eviction manager runs every 10s (evictionMonitoringPeriod).
    expect(pressure.dt).toBeLessThanOrEqual(10_000);
    const evicted = marks.find((m) => m.kind === "podFailed")!;
    expect(evicted.workload).toBe(false);
    expect(evicted.text).toContain("memory-hog-");
    expect(evicted.why).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: /);
    expect(first("taint")!.text).toContain("node.kubernetes.io/memory-pressure:NoSchedule");
    // The condition clears evictionPressureTransitionPeriod (5m) after the last pressure.
    const cleared = marks.filter((m) => m.kind === "nodePressure")[1]!;
    expect(cleared.text).toContain("MemoryPressure=False");
    expect(cleared.t - pressure.t).toBeGreaterThanOrEqual(5 * 60_000);
    expect(cleared.t - pressure.t).toBeLessThanOrEqual(5 * 60_000 + 10_000);
    expect(report.held).toBe(true);
    expect(report.metrics.timeToEvictMs).toBeUndefined();
    expect(r.cluster.internalErrors).toEqual([]);
  });
});
