// A machine dies under a Deployment: KUBERNETES-FACTS.md §1 "Replacement timeline" — last heartbeat T0,
// Ready=Unknown at ≈T0+50–55s (node-monitor-grace-period 50s, checked every 5s), NoExecute
// unreachable taint ≈5s later, pods deleted tolerationSeconds (300s) after the taint, the ReplicaSet
// replaces them at once: ≈5m55s–6m in all on v1.32+. The deleted pods stay Terminating (their kubelet
// cannot confirm) until the node comes back or is deleted.
import { describe, expect, it } from "vitest";
import type { Lease, Node, Pod } from "../api/types";
import { deployment, fixture, newCluster, pods, rolledOut } from "./testCluster";

describe("kill the node under a Deployment (FACTS §1)", () => {
  it("marks the node Unknown, taints it, evicts after 300s and replaces the pods on the upstream timeline", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("nginx-deployment.yaml"));
    c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 60_000);
    const victim = pods(c)[0]!.spec.nodeName!;
    const onVictim = () => pods(c).filter((p) => p.spec.nodeName === victim);
    const doomed = onVictim().map((p) => p.metadata.name);
    expect(doomed.length).toBeGreaterThan(0);

    c.killNode(victim);
    const lease = c.store.get("leases", `leases/kube-node-lease/${victim}`) as Lease;
    const t0 = Date.parse(lease.spec.renewTime!) - c.clock.absolute(0); // last heartbeat, sim ms

    const node = () => c.store.get("nodes", `nodes/${victim}`) as Node;
    const ready = () => node().status.conditions?.find((x) => x.type === "Ready");
    expect(c.runUntil(() => ready()?.status === "Unknown", 120_000)).toBe(true);
    const tUnknown = c.now() - t0;
    expect(tUnknown).toBeGreaterThanOrEqual(50_000);
    expect(tUnknown).toBeLessThanOrEqual(55_000);
    expect(ready()).toMatchObject({ reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    // MarkPodsNotReady: the pods on the node are no longer Ready (they leave Service endpoints now).
    c.advance(100);
    for (const p of onVictim()) expect(p.status?.conditions?.find((x) => x.type === "Ready")?.status).toBe("False");

    const tainted = () => (node().spec.taints ?? []).some((t) => t.key === "node.kubernetes.io/unreachable" && t.effect === "NoExecute");
    expect(c.runUntil(tainted, 30_000)).toBe(true);
    const tTaint = c.now() - t0;
    expect(tTaint - tUnknown).toBeLessThanOrEqual(6_000);

    // DefaultTolerationSeconds gave every pod `unreachable:NoExecute for 300s`: deletion 300s after the taint.
    const deleting = () => onVictim().every((p) => p.metadata.deletionTimestamp);
    expect(c.runUntil(deleting, 400_000)).toBe(true);
    const tEvict = c.now() - t0;
    expect(tEvict - tTaint).toBeGreaterThanOrEqual(300_000);
    expect(tEvict - tTaint).toBeLessThanOrEqual(301_000);
    const evictions = c.list("events").filter((e) => (e as { reason?: string }).reason === "TaintManagerEviction");
    expect(evictions.length).toBeGreaterThanOrEqual(doomed.length);

    // Replacements are created at once (terminating pods are not "active") and run elsewhere.
    const replaced = () => {
      const live = pods(c).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === "Running");
      return live.length === 3 && live.every((p) => p.spec.nodeName !== victim);
    };
    expect(c.runUntil(replaced, 60_000)).toBe(true);
    const tReplaced = c.now() - t0;
    // ≈5m55s–6m from the last heartbeat to replacements created, plus a few seconds to run them.
    expect(tReplaced).toBeGreaterThanOrEqual(355_000);
    expect(tReplaced).toBeLessThanOrEqual(375_000);

    // The old pods stay Terminating: nobody can confirm their containers are gone.
    c.advance(120_000);
    for (const name of doomed) {
      const p = c.store.get("pods", `pods/default/${name}`) as Pod | undefined;
      expect(p?.metadata.deletionTimestamp).toBeDefined();
    }
    // The machine boots again: its kubelet finds the pods deleted and finishes the deletion.
    c.restoreNode(victim);
    c.advance(30_000);
    for (const name of doomed) expect(c.store.get("pods", `pods/default/${name}`)).toBeUndefined();
    expect(ready()?.status).toBe("True");
    expect(tainted()).toBe(false);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("an unschedulable pod (FitError)", () => {
  it("stays Pending with upstream's FailedScheduling message when the workers are full", () => {
    const c = newCluster();
    const big = (name: string) =>
      ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: { containers: [{ name: "app", image: "nginx:1.27", resources: { requests: { cpu: "3" } } }] },
      }) as unknown as Pod;
    for (const n of ["big-1", "big-2", "big-3"]) c.api.create("kubectl", big(n));
    c.advance(20_000);
    expect(pods(c).every((p) => p.status?.phase === "Running")).toBe(true);
    c.api.create("kubectl", big("big-4"));
    c.advance(5_000);
    const p = c.store.get("pods", "pods/default/big-4") as Pod;
    expect(p.status?.phase).toBe("Pending");
    // The example, byte for byte (framework.FitError.Error() + DefaultPreemption's PostFilter).
    const message =
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. " +
      "preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.";
    expect(p.status?.conditions?.find((x) => x.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message });
    const failed = c.list("events").filter((e) => (e as { reason?: string }).reason === "FailedScheduling");
    expect(failed.map((e) => (e as { message?: string }).message)).toContain(message);
    // Freeing a node lets the scheduler retry (pod deleted → queueing hint moves it back) and bind it.
    c.api.delete("kubectl", c.api.typeOf(p), "default", "big-1");
    c.advance(60_000);
    expect((c.store.get("pods", "pods/default/big-4") as Pod).spec.nodeName).toBeDefined();
  });
});
