import { describe, expect, it } from "vitest";
import type { Pod, ReplicaSet } from "../../api/types";
import { FakeReplicaSetController } from "./testing/fakeReplicaSetController";
import { newDeployment, setImage } from "./testing/fixtures";
import { TestHarness } from "./testing/testHarness";

describe("rolloutRecreate", () => {
  it("scales the old ReplicaSet to 0 and waits for its pods to be gone before creating the new one", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h, { createPods: true, deleteDelayMs: 5_000 });
    h.create(newDeployment({ replicas: 3, strategy: { type: "Recreate" }, image: "nginx:1.14.2" }));
    h.run(20_000);
    const oldName = h.replicaSets()[0]!.metadata.name;
    const podImages = () => (h.store.list("pods", "default") as Pod[]).map((p) => p.spec.containers[0]!.image);
    expect(podImages()).toEqual(["nginx:1.14.2", "nginx:1.14.2", "nginx:1.14.2"]);

    // Invariant: old and new pods never exist at the same time.
    let mixed = false;
    let newRSCreatedAt = -1;
    let lastOldPodGoneAt = -1;
    h.onStoreEvent((e) => {
      if (e.resource === "pods") {
        const images = new Set(podImages());
        if (images.size > 1) mixed = true;
        if (e.type === "DELETED") lastOldPodGoneAt = h.clock.now();
      }
      if (e.resource === "replicasets" && e.type === "ADDED") newRSCreatedAt = h.clock.now();
    });
    const before = h.eventMessages("ScalingReplicaSet").length;
    const editAt = h.clock.now();
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
    h.run(60_000);

    const newName = h.replicaSets().find((rs: ReplicaSet) => rs.metadata.name !== oldName)!.metadata.name;
    expect(h.eventMessages("ScalingReplicaSet").slice(before)).toEqual([
      `Scaled down replica set ${oldName} from 3 to 0`,
      `Scaled up replica set ${newName} from 0 to 3`,
    ]);
    expect(mixed).toBe(false);
    // The old pods were Terminating for 5s; the new ReplicaSet came only after the last was gone.
    expect(lastOldPodGoneAt).toBeGreaterThanOrEqual(editAt + 5_000);
    expect(newRSCreatedAt).toBeGreaterThanOrEqual(lastOldPodGoneAt);
    expect(podImages()).toEqual(["nginx:1.16.1", "nginx:1.16.1", "nginx:1.16.1"]);
    const d = h.deployment("nginx-deployment");
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    // Recreate has no surge: max-replicas equals desired.
    expect(h.replicaSet(newName)!.metadata.annotations?.["deployment.kubernetes.io/max-replicas"]).toBe("3");
    expect(h.bugs()).toEqual([]);
  });

  it("is Available only with all replicas (maxUnavailable is 0 for Recreate)", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h, { readyDelayMs: 5_000 });
    h.create(newDeployment({ replicas: 2, strategy: { type: "Recreate" } }));
    h.run(1_000);
    expect(h.deployment("nginx-deployment").status?.conditions?.find((c) => c.type === "Available")?.status).toBe("False");
    h.run(10_000);
    expect(h.deployment("nginx-deployment").status?.conditions?.find((c) => c.type === "Available")?.status).toBe("True");
  });
});
