// The control-plane and disaster-recovery experiments, run headless: what stops, what keeps serving,
// and what kubectl says.
import { describe, expect, it } from "vitest";
import { EXPERIMENTS, ExperimentRun, findExperiment } from "../../experiments";
import { LEADER_ELECTION } from "../sim/chaos/controlPlane";

function run(name: string, set: Record<string, string> = {}) {
  const r = new ExperimentRun(findExperiment(name)!, set);
  const report = r.runToEnd();
  return { r, report, marks: r.marks() };
}

describe("experiment stop-scheduler", () => {
  it("creates the new pods but binds none until kube-scheduler is back; running pods are untouched", () => {
    const { r, report, marks } = run("stop-scheduler");
    const created = marks.find((m) => m.kind === "replacementCreated")!;
    expect(created.actor).toBe("replicaset-controller");
    expect(created.dt).toBeLessThan(1_000);
    const start = marks.find((m) => m.kind === "step")!;
    expect(start.text).toBe("sim control-plane start kube-scheduler");
    const bound = marks.filter((m) => m.kind === "scheduled");
    expect(bound.length).toBe(3);
    for (const b of bound) {
      expect(b.t).toBeGreaterThanOrEqual(start.t + LEADER_ELECTION.retryPeriodMs);
      expect(b.t - start.t).toBeLessThanOrEqual(LEADER_ELECTION.retryPeriodMs + 100);
    }
    expect(report.hypotheses.map((h) => h.held)).toEqual([true, false]);
    expect(report.metrics.minReadyReplicas).toBe(2);
    expect(r.cluster.internalErrors).toEqual([]);
  });
});

describe("experiment stop-apiserver", () => {
  it("refuses kubectl while the pods keep serving; the leaders restart and no node goes NotReady", () => {
    const { r, report, marks } = run("stop-apiserver");
    const get = marks.find((m) => m.kind === "failure" && m.text.startsWith("kubectl get pods"))!;
    expect(get.text).toBe("kubectl get pods (failed)");
    expect(get.why).toBe("The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?");
    const lost = marks.filter((m) => m.kind === "component" && m.text.startsWith("leaderelection lost"));
    expect(lost.map((m) => [m.actor, m.dt])).toEqual([
      ["kube-controller-manager", LEADER_ELECTION.renewDeadlineMs],
      ["kube-scheduler", LEADER_ELECTION.renewDeadlineMs],
    ]);
    expect(marks.some((m) => m.kind === "nodeNotReady")).toBe(false);
    expect(report.held).toBe(true);
    expect(report.metrics.requestsFailed).toBe(0);
    expect(r.cluster.internalErrors).toEqual([]);
  });
});

describe("experiment etcd-quorum", () => {
  it("answers with one of three members down, fails every request with two down, serves traffic throughout", () => {
    const { r, report, marks } = run("etcd-quorum");
    const scale = marks.find((m) => m.kind === "failure" && m.text.startsWith("kubectl scale"))!;
    expect(scale.text).not.toContain("(failed)");
    const get = marks.find((m) => m.kind === "step" && m.text.startsWith("kubectl get pods"))!;
    expect(get.text).toBe("kubectl get pods (failed)");
    expect(get.why).toContain("etcdserver: request timed out");
    expect(report.held).toBe(true);
    expect(report.metrics.requestsFailed).toBe(0);
    expect(r.cluster.componentStatus().every((c) => c.up)).toBe(true);
    expect(r.cluster.internalErrors).toEqual([]);
  });
});

describe("experiment etcd-restore", () => {
  it("loses what changed after the snapshot: the extra Deployment and the scale-up", () => {
    const { r, marks } = run("etcd-restore");
    expect(r.cluster.store.get("deployments", "deployments/default/extra")).toBeUndefined();
    expect((r.cluster.store.get("deployments", "deployments/default/web") as { spec: { replicas: number } }).spec.replicas).toBe(3);
    const removed = marks.filter((m) => m.kind === "podDeleted" && m.actor === "etcd");
    expect(removed.flatMap((m) => m.objects).length).toBe(2);
    expect(marks.filter((m) => m.kind === "component").map((m) => m.text)).toEqual([
      "kube-controller-manager restarted after the etcd restore",
      "kube-scheduler restarted after the etcd restore",
    ]);
    expect(r.cluster.internalErrors).toEqual([]);
  });
});

describe("experiment drain-pdb", () => {
  it("evicts one pod at a time: the budget refuses the second eviction until the replacement is ready", () => {
    const { r, report, marks } = run("drain-pdb");
    const evictions = marks.filter((m) => m.kind === "eviction");
    expect(evictions.map((m) => m.text.replace(/: .*/, ""))).toEqual(["kubectl evicted 1 pod", "kubectl evicted 1 pod"]);
    // kubectl drain retries a refused (429) eviction every 5 seconds.
    expect(evictions[1]!.t - evictions[0]!.t).toBe(5_000);
    const ready = marks.find((m) => m.kind === "running")!;
    expect(ready.t).toBeLessThan(evictions[1]!.t);
    expect(report.held).toBe(true);
    expect(report.metrics.minReadyReplicas).toBe(3);
    expect(r.cluster.internalErrors).toEqual([]);
  });

  it("without a budget both pods go at once", () => {
    const { report, marks } = run("drain-pdb", { minAvailable: "0" });
    expect(marks.filter((m) => m.kind === "eviction").map((m) => m.text.replace(/: .*/, ""))).toEqual(["kubectl evicted 2 pods"]);
    expect(report.metrics.minReadyReplicas).toBe(2);
    expect(report.held).toBe(false);
  });
});

describe("every ready-made experiment", () => {
  it("runs headless to a report without internal errors", () => {
    for (const e of EXPERIMENTS) {
      const r = new ExperimentRun(e);
      const report = r.runToEnd();
      expect({ name: e.name, error: report.error }).toEqual({ name: e.name, error: undefined });
      expect(r.marks().length).toBeGreaterThan(0);
      expect(r.cluster.internalErrors).toEqual([]);
    }
  });
});
