// The PV controller against the real API pipeline (defaults, admission, validation). Expected behaviour from
// k/k pkg/controller/volume/persistentvolume/pv_controller.go and the docs page "Configure a Pod to Use a
// PersistentVolume for Storage" (oracle 10: task-pv-volume Available → Bound to default/task-pv-claim; the
// claim reports the volume's 10Gi, not its 3Gi request).
import { describe, expect, it } from "vitest";
import { ApiClient } from "../../client/apiClient";
import { eventMessages, newTestKernel, type TestKernel } from "../daemonset/testing/harness";
import { PersistentVolumeController } from "./persistentVolumeController";
import { claim, hostPathPV, podUsing, pv, pvc, standardClass } from "./testing/fixtures";

function kernel(): TestKernel {
  const k = newTestKernel();
  new PersistentVolumeController(k.ctx).start();
  k.informers.startAll();
  return k;
}

const deleteClaim = (k: TestKernel, name: string) => {
  k.kubectl.delete("PersistentVolumeClaim", "default", name);
  // No pvc-protection controller here: the finalizer the admission plugin added is removed by hand.
  const c = pvc(k, name);
  if (c) new ApiClient(k.api, "pvc-protection-controller").patch("PersistentVolumeClaim", "default", name, (o) => void delete o.metadata.finalizers);
};

describe("PersistentVolumeController (pv_controller.go)", () => {
  it("binds task-pv-claim to task-pv-volume: both Bound, claimRef and volumeName set, capacity from the volume (oracle 10)", () => {
    const k = kernel();
    k.kubectl.create(hostPathPV("task-pv-volume"));
    k.advance(100);
    expect(pv(k, "task-pv-volume")?.status?.phase).toBe("Available");
    k.kubectl.create(claim("task-pv-claim"));
    k.advance(100);
    const v = pv(k, "task-pv-volume")!;
    const c = pvc(k, "task-pv-claim")!;
    expect(v.status?.phase).toBe("Bound");
    expect(v.spec.claimRef).toMatchObject({ kind: "PersistentVolumeClaim", namespace: "default", name: "task-pv-claim", uid: c.metadata.uid });
    expect(v.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(c.spec.volumeName).toBe("task-pv-volume");
    expect(c.metadata.annotations).toEqual({ "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(c.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "10Gi" } });
    expect(k.errors).toEqual([]);
  });

  it("leaves a claim Pending when no volume of its class is large enough, and binds at the next resync once one appears", () => {
    const k = kernel();
    k.kubectl.create(hostPathPV("small", { storage: "1Gi" }));
    k.kubectl.create(claim("c", { storage: "3Gi" }));
    k.advance(100);
    expect(pvc(k, "c")?.status?.phase).toBe("Pending");
    expect(pv(k, "small")?.status?.phase).toBe("Available");
    k.kubectl.create(hostPathPV("big", { storage: "5Gi", path: "/mnt/big" }));
    // A new volume does not wake pending claims: they are retried by the 15s periodic resync.
    k.advance(100);
    expect(pvc(k, "c")?.spec.volumeName).toBeUndefined();
    k.advance(15_000);
    expect(pvc(k, "c")?.spec.volumeName).toBe("big");
  });

  it("a claim with no class and no volume: FailedBinding 'no persistent volumes available for this claim and no storage class is set'", () => {
    const k = kernel();
    k.kubectl.create(claim("c", { className: "" }));
    k.advance(100);
    expect(eventMessages(k, "FailedBinding")).toEqual(["no persistent volumes available for this claim and no storage class is set"]);
    expect(pvc(k, "c")?.status?.phase).toBe("Pending");
  });

  it("Retain: deleting the claim leaves the volume Released with its claimRef; it is not bound again", () => {
    const k = kernel();
    k.kubectl.create(hostPathPV("task-pv-volume"));
    k.kubectl.create(claim("task-pv-claim"));
    k.advance(100);
    deleteClaim(k, "task-pv-claim");
    k.advance(100);
    const v = pv(k, "task-pv-volume")!;
    expect(v.status?.phase).toBe("Released");
    expect(v.spec.claimRef?.name).toBe("task-pv-claim");
    k.kubectl.create(claim("task-pv-claim"));
    k.advance(100);
    expect(pvc(k, "task-pv-claim")?.status?.phase).toBe("Pending");
  });

  it("Delete on a hostPath volume outside /tmp fails with the hostPath deleter's message; under /tmp the PV is deleted", () => {
    const k = kernel();
    k.kubectl.create(hostPathPV("mnt", { policy: "Delete", path: "/mnt/data" }));
    k.kubectl.create(claim("a"));
    k.advance(100);
    deleteClaim(k, "a");
    k.advance(100);
    expect(pv(k, "mnt")?.status).toMatchObject({ phase: "Failed", message: "host_path deleter only supports /tmp/.+ but received provided /mnt/data" });
    expect(eventMessages(k, "VolumeFailedDelete")).toEqual(["host_path deleter only supports /tmp/.+ but received provided /mnt/data"]);

    k.kubectl.create(hostPathPV("tmp", { policy: "Delete", path: "/tmp/data" }));
    k.kubectl.create(claim("b"));
    k.advance(100);
    expect(pvc(k, "b")?.spec.volumeName).toBe("tmp");
    deleteClaim(k, "b");
    k.advance(100);
    // The PV keeps its pv-protection finalizer (no pv-protection controller in this kernel): Terminating.
    expect(pv(k, "tmp")?.metadata.deletionTimestamp).toBeDefined();
  });

  it("a claim naming its volume binds to it; a volume too small is refused with VolumeMismatch", () => {
    const k = kernel();
    k.kubectl.create(hostPathPV("tiny", { storage: "1Gi" }));
    k.kubectl.create(claim("c", { storage: "3Gi", volumeName: "tiny" }));
    k.advance(100);
    expect(eventMessages(k, "VolumeMismatch")).toEqual(['Cannot bind to requested volume "tiny": requested PV is too small']);
    k.kubectl.create(hostPathPV("named", { storage: "5Gi", path: "/mnt/n" }));
    k.kubectl.create(claim("d", { storage: "3Gi", volumeName: "named" }));
    k.advance(100);
    expect(pvc(k, "d")?.status?.phase).toBe("Bound");
    // A user's pre-binding is not the controller's: no bound-by-controller on the claim.
    expect(pvc(k, "d")?.metadata.annotations).toEqual({ "pv.kubernetes.io/bind-completed": "yes" });
  });

  it("a bound claim whose volume is deleted becomes Lost", () => {
    const k = kernel();
    k.kubectl.create(hostPathPV("v"));
    k.kubectl.create(claim("c"));
    k.advance(100);
    k.kubectl.patch("PersistentVolume", undefined, "v", (o) => void delete o.metadata.finalizers);
    k.kubectl.delete("PersistentVolume", undefined, "v");
    k.advance(100);
    expect(pvc(k, "c")?.status?.phase).toBe("Lost");
    expect(eventMessages(k, "ClaimLost")).toEqual(["Bound claim has lost its PersistentVolume. Data on the volume is lost!"]);
  });

  it("WaitForFirstConsumer: the claim waits (WaitForFirstConsumer, then WaitForPodScheduled), then is annotated for its provisioner", () => {
    const k = kernel();
    k.kubectl.create(standardClass());
    k.kubectl.create(claim("www", { className: "standard", storage: "1Gi" }));
    k.advance(100);
    expect(pvc(k, "www")?.status?.phase).toBe("Pending");
    expect(eventMessages(k, "WaitForFirstConsumer")).toEqual(["waiting for first consumer to be created before binding"]);
    k.kubectl.create(podUsing("web-0", "www"));
    k.advance(15_000); // the next resync
    expect(eventMessages(k, "WaitForPodScheduled")).toEqual(["waiting for pod web-0 to be scheduled"]);
    // The scheduler picks a node.
    k.kubectl.patch("PersistentVolumeClaim", "default", "www", (o) => {
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), "volume.kubernetes.io/selected-node": "node-1" };
    });
    k.advance(100);
    expect(pvc(k, "www")?.metadata.annotations).toMatchObject({
      "volume.beta.kubernetes.io/storage-provisioner": "rancher.io/local-path",
      "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
    });
    expect(eventMessages(k, "ExternalProvisioning")).toEqual([
      "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
  });

  it("assigns the default class retroactively to a claim created without one (DefaultStorageClass, GA 1.28)", () => {
    const k = kernel();
    k.kubectl.create(claim("c", { className: null }));
    k.advance(100);
    expect(pvc(k, "c")?.spec.storageClassName).toBeUndefined();
    k.kubectl.create(standardClass());
    k.advance(15_100);
    expect(pvc(k, "c")?.spec.storageClassName).toBe("standard");
  });

  it("a class whose provisioner is kubernetes.io/no-provisioner cannot provision an Immediate claim", () => {
    const k = kernel();
    k.kubectl.create({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "local" }, provisioner: "kubernetes.io/no-provisioner" } as never);
    k.kubectl.create(claim("c", { className: "local" }));
    k.advance(100);
    expect(eventMessages(k, "ProvisioningFailed")).toEqual(["no volume plugin matched name: kubernetes.io/no-provisioner"]);
  });
});
