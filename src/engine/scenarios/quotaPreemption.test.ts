// PriorityClass and scheduler preemption (pod-priority-preemption.md, node overprovisioning): a
// low-priority pod fills the only worker; a high-priority pod that does not fit preempts it.
// Manifests are copies under fixtures/quota.
import { describe, expect, it } from "vitest";
import type { Pod } from "../api/types";
import { Session } from "../sim/session";
import { events, fixture, newCluster, pods } from "./testCluster";

function setup() {
  const c = newCluster({ workers: 1 });
  const s = new Session(c);
  c.api.create("kubectl", fixture("quota/low-priority-class.yaml"));
  c.api.create("kubectl", fixture("quota/high-priority-class.yaml"));
  return { c, s };
}

const pod = (c: ReturnType<typeof newCluster>, name: string) => pods(c).find((p) => p.metadata.name === name) as Pod;

describe("preemption (DefaultPreemption PostFilter)", () => {
  it("a high-priority pod preempts the overprovisioning placeholder; the replacement placeholder stays Pending", () => {
    const { c, s } = setup();
    c.api.create("kubectl", fixture("quota/placeholder-deployment.yaml"), "default");
    c.advance(10_000);
    const [placeholder] = pods(c);
    expect(placeholder?.status?.phase).toBe("Running");
    const nginx = c.api.create("kubectl", fixture("quota/high-priority-nginx.yaml"), "default") as Pod;
    c.advance(40_000);
    const byObject = (name: string) => events(c).filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(byObject(placeholder!.metadata.name)).toContain(`Normal Preempted Preempted by pod ${nginx.metadata.uid} on node node-1`);
    // The first attempt fails (and nominates node-1); no "preemption:" suffix when preemption succeeded.
    expect(byObject("nginx")).toContain("Warning FailedScheduling 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.");
    expect(byObject("nginx")).toContain("Normal Scheduled Successfully assigned default/nginx to node-1");
    expect(pod(c, "nginx").status?.phase).toBe("Running");
    // The ReplicaSet's replacement cannot preempt anything (nothing has a lower priority than -1000).
    const replacement = pods(c).find((p) => p.metadata.name.startsWith("placeholder-deployment-"))!;
    expect(replacement.metadata.name).not.toBe(placeholder!.metadata.name);
    expect(replacement.status?.conditions?.find((x) => x.type === "PodScheduled")?.message).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
    expect(s.run("kubectl get priorityclass").out).toMatch(/^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE/);
    expect(c.internalErrors).toEqual([]);
  });

  it("the victim gets DisruptionTarget and its grace period; the preemptor waits nominated to the node", () => {
    const { c, s } = setup();
    c.api.create("kubectl", fixture("quota/low-priority-sleeper.yaml"), "default");
    c.advance(10_000);
    expect(pod(c, "sleeper").status?.phase).toBe("Running");
    c.api.create("kubectl", fixture("quota/high-priority-nginx.yaml"), "default");
    c.advance(2_000);
    const victim = pod(c, "sleeper");
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((x) => x.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "PreemptionByScheduler",
      message: "default-scheduler: preempting to accommodate a higher priority pod",
    });
    const preemptor = pod(c, "nginx");
    expect(preemptor.spec.nodeName).toBeUndefined();
    expect(preemptor.status?.nominatedNodeName).toBe("node-1");
    expect(s.run("kubectl get pod nginx -o wide").out).toMatch(/nginx\s+0\/1\s+Pending\s+0\s+2s\s+<none>\s+<none>\s+node-1\s+<none>/);
    expect(s.run("kubectl get pod sleeper").out).toMatch(/sleeper\s+1\/1\s+Terminating/);
    expect(s.run("kubectl describe pod sleeper").out).toMatch(/Normal\s+Preempted\s+\S+\s+default-scheduler\s+Preempted by pod \S+ on node node-1/);
    // sh ignores SIGTERM: the kubelet kills it after 30 s; then the preemptor binds to node-1.
    c.advance(35_000);
    expect(pod(c, "sleeper")).toBeUndefined();
    expect(pod(c, "nginx").spec.nodeName).toBe("node-1");
    expect(c.internalErrors).toEqual([]);
  });

  it("a pod of a non-preempting class (preemptionPolicy: Never) does not preempt", () => {
    const { c } = setup();
    c.api.create("kubectl", fixture("quota/low-priority-sleeper.yaml"), "default");
    c.advance(10_000);
    c.api.create("kubectl", fixture("quota/high-priority-nonpreempting.yaml"));
    const hp = fixture("quota/high-priority-nginx.yaml") as Pod;
    const created = c.api.create("kubectl", { ...hp, spec: { ...hp.spec, priorityClassName: "high-priority-nonpreempting" } } as Pod, "default") as Pod;
    // Priority admission copies the class's value and policy into the pod.
    expect([created.spec.priority, created.spec.preemptionPolicy]).toEqual([1000000, "Never"]);
    c.advance(5_000);
    expect(pod(c, "sleeper").metadata.deletionTimestamp).toBeUndefined();
    expect(pod(c, "nginx").status?.conditions?.find((x) => x.type === "PodScheduled")?.message).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: not eligible due to preemptionPolicy=Never.",
    );
    expect(c.internalErrors).toEqual([]);
  });
});
