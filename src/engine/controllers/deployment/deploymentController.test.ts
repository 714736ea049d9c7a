import { describe, expect, it } from "vitest";
import { computeHash } from "../../apimachinery/hash";
import { FakeReplicaSetController } from "./testing/fakeReplicaSetController";
import { newDeployment, setImage } from "./testing/fixtures";
import { TestHarness } from "./testing/testHarness";

describe("DeploymentController: a new Deployment", () => {
  it("creates one ReplicaSet <name>-<pod-template-hash> owned by the Deployment", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    const d = h.create(newDeployment({ replicas: 3 }));
    h.run(1_000);

    const hash = computeHash(newDeployment().spec.template);
    const rss = h.replicaSets();
    expect(rss.map((r) => r.metadata.name)).toEqual([`nginx-deployment-${hash}`]);
    const rs = rss[0]!;
    expect(rs.metadata.labels).toEqual({ app: "nginx", "pod-template-hash": hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: "nginx", "pod-template-hash": hash } });
    expect(rs.spec.template.metadata?.labels).toEqual({ app: "nginx", "pod-template-hash": hash });
    expect(rs.metadata.ownerReferences).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", name: "nginx-deployment", uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    // 3 replicas: maxSurge 25% rounds up to 1, so max-replicas is 4.
    expect(rs.metadata.annotations).toEqual({
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
      "deployment.kubernetes.io/revision": "1",
    });
    expect(rs.spec.replicas).toBe(3);
    expect(h.eventMessages("ScalingReplicaSet")).toEqual([`Scaled up replica set nginx-deployment-${hash} from 0 to 3`]);
    expect(h.bugs()).toEqual([]);
  });

  it("reports status and conditions once the pods are available", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h, { readyDelayMs: 5_000 });
    h.create(newDeployment({ replicas: 3 }));
    h.run(1_000);
    const rsName = h.replicaSets()[0]!.metadata.name;

    // Pods exist, none ready yet.
    let d = h.deployment("nginx-deployment");
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(d.status?.replicas).toBe(3);
    expect(d.status?.updatedReplicas).toBe(3);
    expect(d.status?.availableReplicas).toBeUndefined(); // omitempty zero
    expect(d.status?.unavailableReplicas).toBe(3);
    const avail0 = d.status?.conditions?.find((c) => c.type === "Available");
    expect(avail0).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." });
    const prog0 = d.status?.conditions?.find((c) => c.type === "Progressing");
    expect(prog0).toMatchObject({ status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` });

    h.run(10_000);
    d = h.deployment("nginx-deployment");
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
      ["Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${rsName}" has successfully progressed.`],
    ]);
    expect(h.bugs()).toEqual([]);
  });

  it("scaling 2 → 4 resizes the ReplicaSet and creates no new one", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(newDeployment({ replicas: 2 }));
    h.run(10_000);
    const rsName = h.replicaSets()[0]!.metadata.name;

    h.editDeployment("nginx-deployment", (d) => (d.spec.replicas = 4));
    h.run(10_000);
    const rss = h.replicaSets();
    expect(rss.map((r) => r.metadata.name)).toEqual([rsName]);
    expect(rss[0]!.spec.replicas).toBe(4);
    expect(rss[0]!.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"]).toBe("4");
    expect(rss[0]!.metadata.annotations?.["deployment.kubernetes.io/max-replicas"]).toBe("5");
    expect(rss[0]!.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(h.eventMessages("ScalingReplicaSet")).toEqual([
      `Scaled up replica set ${rsName} from 0 to 2`,
      `Scaled up replica set ${rsName} from 2 to 4`,
    ]);
    expect(h.deployment("nginx-deployment").status).toMatchObject({ observedGeneration: 2, replicas: 4, availableReplicas: 4 });
    expect(h.bugs()).toEqual([]);
  });

  it("a Deployment being deleted only gets its status synced, no rollout", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(newDeployment({ replicas: 3 }));
    h.run(10_000);
    // Foreground deletion: the object stays with a deletionTimestamp until the GC removes dependents.
    h.kubectl.delete("Deployment", "default", "nginx-deployment", { propagationPolicy: "Foreground" });
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
    h.run(10_000);
    expect(h.replicaSets()).toHaveLength(1);
    expect(h.deployment("nginx-deployment").status?.observedGeneration).toBe(2);
  });

  it("is deterministic: the same commands give the same audit log", () => {
    const runOnce = () => {
      const h = new TestHarness({ seed: 7 });
      new FakeReplicaSetController(h, { readyDelayMs: 1_500 });
      h.create(newDeployment({ replicas: 10 }));
      h.run(20_000);
      h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
      h.run(60_000);
      return JSON.stringify(h.audit.since(0));
    };
    expect(runOnce()).toBe(runOnce());
  });
});
