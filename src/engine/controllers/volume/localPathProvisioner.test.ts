// rancher.io/local-path with the PV controller. Expected shapes from rancher/local-path-provisioner
// provisioner.go (Provision: hostPath <base>/<pv>_<ns>_<pvc>, node affinity kubernetes.io/hostname,
// reclaim policy from the class), sig-storage-lib-external-provisioner (events "Provisioning" /
// "ProvisioningSucceeded" / "ProvisioningFailed: failed to provision volume with StorageClass ...") and
// kubectl describe pv outputs on kind (annotations local.path.provisioner/selected-node,
// pv.kubernetes.io/provisioned-by; finalizer kubernetes.io/pv-protection).
import { describe, expect, it } from "vitest";
import { eventMessages, newTestKernel, type TestKernel } from "../daemonset/testing/harness";
import { addNode } from "../daemonset/testing/harness";
import { LocalPathProvisioner } from "./localPathProvisioner";
import { PersistentVolumeController } from "./persistentVolumeController";
import { PVProtectionController } from "./pvProtectionController";
import { PVCProtectionController } from "./pvcProtectionController";
import { claim, pv, pvc, standardClass } from "./testing/fixtures";
import type { KubeEvent } from "../../api/types";

function kernel(): TestKernel {
  const k = newTestKernel();
  addNode(k, "kind-worker");
  for (const C of [PersistentVolumeController, LocalPathProvisioner, PVCProtectionController, PVProtectionController]) new C(k.ctx).start();
  k.informers.startAll();
  k.kubectl.create(standardClass());
  return k;
}

/** The scheduler's part for WaitForFirstConsumer: the chosen node on the claim. */
function selectNode(k: TestKernel, name: string, node: string): void {
  k.kubectl.patch("PersistentVolumeClaim", "default", name, (o) => {
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), "volume.kubernetes.io/selected-node": node };
  });
}

describe("LocalPathProvisioner (rancher.io/local-path)", () => {
  it("provisions pvc-<uid> on the selected node and the PV controller binds it", () => {
    const k = kernel();
    k.kubectl.create(claim("www-web-0", { className: null, storage: "1Gi" }));
    k.advance(100);
    const c0 = pvc(k, "www-web-0")!;
    expect(c0.spec.storageClassName).toBe("standard"); // DefaultStorageClass admission
    expect(c0.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    selectNode(k, "www-web-0", "kind-worker");
    k.advance(5_000);
    const c = pvc(k, "www-web-0")!;
    const name = `pvc-${c.metadata.uid}`;
    const v = pv(k, name)!;
    expect(v.metadata.annotations).toEqual({ "local.path.provisioner/selected-node": "kind-worker", "pv.kubernetes.io/provisioned-by": "rancher.io/local-path" });
    expect(v.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(v.spec).toMatchObject({
      accessModes: ["ReadWriteOnce"],
      capacity: { storage: "1Gi" },
      hostPath: { path: `/var/local-path-provisioner/${name}_default_www-web-0`, type: "DirectoryOrCreate" },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["kind-worker"] }] }] } },
      persistentVolumeReclaimPolicy: "Delete",
      storageClassName: "standard",
      volumeMode: "Filesystem",
    });
    expect(v.status?.phase).toBe("Bound");
    expect(c.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } });
    expect(eventMessages(k, "Provisioning")).toEqual(['External provisioner is provisioning volume for claim "default/www-web-0"']);
    expect(eventMessages(k, "ProvisioningSucceeded")).toEqual([`Successfully provisioned volume ${name}`]);
    const source = (k.store.list("events") as KubeEvent[]).find((e) => e.reason === "ProvisioningSucceeded")!.source.component;
    expect(source).toMatch(/^rancher\.io\/local-path_local-path-provisioner-[a-z0-9]{10}-[a-z0-9]{5}_[0-9a-f-]{36}$/);
    expect(k.errors).toEqual([]);
  });

  it("refuses ReadWriteMany with the provisioner's message and retries", () => {
    const k = kernel();
    k.kubectl.create(claim("shared", { className: "standard", modes: ["ReadWriteMany"] }));
    selectNode(k, "shared", "kind-worker");
    k.advance(10_000);
    const failed = eventMessages(k, "ProvisioningFailed");
    expect(failed[0]).toBe('failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    const count = (k.store.list("events") as KubeEvent[]).find((e) => e.reason === "ProvisioningFailed")!.count;
    expect(count).toBeGreaterThan(1);
    expect(pvc(k, "shared")?.status?.phase).toBe("Pending");
  });

  it("reclaim Delete: deleting the claim releases the PV, the provisioner removes it", () => {
    const k = kernel();
    k.kubectl.create(claim("data", { className: "standard", storage: "1Gi" }));
    selectNode(k, "data", "kind-worker");
    k.advance(5_000);
    const name = pvc(k, "data")!.spec.volumeName!;
    expect(pv(k, name)?.status?.phase).toBe("Bound");
    k.kubectl.delete("PersistentVolumeClaim", "default", "data");
    k.advance(100);
    expect(pvc(k, "data")).toBeUndefined(); // no pod uses it: pvc-protection lets it go at once
    expect(pv(k, name)?.status?.phase).toBe("Released");
    k.advance(5_000);
    expect(pv(k, name)).toBeUndefined();
  });
});

describe("protection finalizers (pvc-protection, pv-protection)", () => {
  it("a claim used by a scheduled pod stays Terminating until the pod is gone", () => {
    const k = kernel();
    k.kubectl.create(claim("data", { className: "standard", storage: "1Gi" }));
    selectNode(k, "data", "kind-worker");
    k.advance(5_000);
    k.kubectl.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "user", namespace: "default" },
      spec: { nodeName: "kind-worker", volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }], containers: [{ name: "c", image: "busybox" }] },
    } as never);
    k.advance(100);
    k.kubectl.delete("PersistentVolumeClaim", "default", "data");
    k.advance(1_000);
    expect(pvc(k, "data")?.metadata.deletionTimestamp).toBeDefined();
    expect(pvc(k, "data")?.status?.phase).toBe("Bound");
    k.kubectl.delete("Pod", "default", "user", { gracePeriodSeconds: 0 });
    k.advance(1_000);
    expect(pvc(k, "data")).toBeUndefined();
  });

  it("a Bound volume deleted by the user stays Terminating while bound", () => {
    const k = kernel();
    k.kubectl.create({ apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "v" }, spec: { storageClassName: "manual", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/mnt/v" } } } as never);
    k.kubectl.create(claim("c", { storage: "1Gi" }));
    k.advance(100);
    k.kubectl.delete("PersistentVolume", undefined, "v");
    k.advance(1_000);
    expect(pv(k, "v")?.metadata.deletionTimestamp).toBeDefined();
    expect(pv(k, "v")?.status?.phase).toBe("Bound");
    k.kubectl.delete("PersistentVolumeClaim", "default", "c");
    k.advance(1_000);
    expect(pvc(k, "c")).toBeUndefined();
    expect(pv(k, "v")).toBeUndefined(); // Released (Retain) is no longer in use: the finalizer goes
  });
});
