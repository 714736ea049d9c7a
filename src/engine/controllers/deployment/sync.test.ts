import { describe, expect, it } from "vitest";
import type { KubeEvent, ReplicaSet } from "../../api/types";
import { computeHash } from "../../apimachinery/hash";
import { FakeReplicaSetController } from "./testing/fakeReplicaSetController";
import { newDeployment, setImage } from "./testing/fixtures";
import { TestHarness } from "./testing/testHarness";

const progressing = (h: TestHarness) => h.deployment("nginx-deployment").status?.conditions?.find((c) => c.type === "Progressing");

describe("paused Deployments", () => {
  it("only scale while paused, and roll out once resumed", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(newDeployment({ replicas: 3 }));
    h.run(20_000);
    const reasons: string[] = [];
    h.onStoreEvent((e) => {
      if (e.resource !== "deployments") return;
      const r = (e.object.status?.conditions ?? []).find((c: { type: string }) => c.type === "Progressing")?.reason;
      if (r && reasons.at(-1) !== r) reasons.push(r);
    });

    h.editDeployment("nginx-deployment", (d) => (d.spec.paused = true));
    h.run(5_000);
    expect(progressing(h)).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });

    // A new template while paused: no rollout, but the generation is observed.
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
    h.run(20_000);
    expect(h.replicaSets()).toHaveLength(1);
    expect(h.deployment("nginx-deployment").status?.observedGeneration).toBe(3);

    // Scaling still works while paused.
    h.editDeployment("nginx-deployment", (d) => (d.spec.replicas = 5));
    h.run(20_000);
    expect(h.replicaSets().map((rs) => rs.spec.replicas)).toEqual([5]);

    h.editDeployment("nginx-deployment", (d) => delete d.spec.paused);
    h.run(60_000);
    const rss = h.replicaSets();
    expect(rss).toHaveLength(2);
    const newRS = rss.find((rs) => rs.spec.template.spec.containers[0]!.image === "nginx:1.16.1")!;
    expect(newRS.spec.replicas).toBe(5);
    expect(progressing(h)).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
    // Before the new ReplicaSet is created, the resume is recorded (so the time paused never counts).
    expect(reasons.slice(reasons.indexOf("DeploymentPaused"), reasons.indexOf("DeploymentPaused") + 2)).toEqual(["DeploymentPaused", "DeploymentResumed"]);
    expect(h.bugs()).toEqual([]);
  });
});

/** An orphan ReplicaSet whose template is the Deployment's (as if created by hand or left behind). */
function orphanReplicaSet(name: string, labels: Record<string, string>): ReplicaSet {
  const template = newDeployment().spec.template;
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default", labels } as unknown as ReplicaSet["metadata"],
    spec: { replicas: 3, selector: { matchLabels: { app: "nginx" } }, template },
  };
}

describe("ReplicaSet ownership", () => {
  it("adopts a matching orphan as its new ReplicaSet instead of creating one", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(orphanReplicaSet("hand-made", { app: "nginx" }));
    const d = h.create(newDeployment({ replicas: 3 }));
    h.run(20_000);
    const rss = h.replicaSets();
    expect(rss.map((rs) => rs.metadata.name)).toEqual(["hand-made"]);
    expect(rss[0]!.metadata.ownerReferences).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", name: "nginx-deployment", uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(rss[0]!.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(h.deployment("nginx-deployment").status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(h.bugs()).toEqual([]);
  });

  it("releases a ReplicaSet whose labels stop matching, then creates its own", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(orphanReplicaSet("hand-made", { app: "nginx" }));
    h.create(newDeployment({ replicas: 3 }));
    h.run(20_000);
    const rs = h.replicaSet("hand-made")!;
    h.kubectl.update({ ...rs, metadata: { ...rs.metadata, labels: { app: "other" } } });
    h.run(20_000);
    expect(h.replicaSet("hand-made")!.metadata.ownerReferences).toBeUndefined();
    const hash = computeHash(newDeployment().spec.template);
    expect(h.replicaSets().map((r) => r.metadata.name)).toEqual(["hand-made", `nginx-deployment-${hash}`]);
    expect(h.bugs()).toEqual([]);
  });

  it("on a name collision bumps status.collisionCount and retries with a new hash", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    const template = newDeployment().spec.template;
    const taken = `nginx-deployment-${computeHash(template)}`;
    // Same name, another template, labels outside the selector: not ours, not adoptable.
    const squatter = orphanReplicaSet(taken, { app: "squatter" });
    squatter.spec.template.spec.containers[0]!.image = "busybox";
    h.create(squatter);
    h.create(newDeployment({ replicas: 3 }));
    h.run(20_000);
    const d = h.deployment("nginx-deployment");
    expect(d.status?.collisionCount).toBe(1);
    const expected = `nginx-deployment-${computeHash(template, 1)}`;
    expect(h.replicaSets().map((r) => r.metadata.name).sort()).toEqual([expected, taken].sort());
    expect(h.replicaSet(expected)!.spec.replicas).toBe(3);
    expect(h.replicaSet(taken)!.metadata.ownerReferences).toBeUndefined();
  });

  it("refuses a selector that selects everything", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    const d = newDeployment();
    d.spec.selector = {};
    h.create(d);
    h.run(5_000);
    expect(h.replicaSets()).toEqual([]);
    const events = (h.store.list("events", "default") as KubeEvent[]).filter((e) => e.reason === "SelectingAll");
    expect(events.map((e) => [e.type, e.message, e.source.component])).toEqual([
      ["Warning", "This deployment is selecting all pods. A non-empty selector is required.", "deployment-controller"],
    ]);
    expect(h.deployment("nginx-deployment").status?.observedGeneration).toBe(1);
  });
});
