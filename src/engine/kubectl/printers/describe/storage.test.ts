// kubectl describe pv / pvc / storageclass. Expected layouts from kubectl pkg/describe/describe.go
// (describePersistentVolume, describePersistentVolumeClaim, StorageClass describer) as kind prints them.
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../../api/types";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, podsForClaim } from "./storage";

const NOW = Date.parse("2025-01-01T00:10:00Z");
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, uid: `uid-${name}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", ...extra });

describe("describe storage", () => {
  it("PersistentVolume (the docs' task-pv-volume, hostPath, Available)", () => {
    const pv = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: meta("task-pv-volume", { labels: { type: "local" }, finalizers: ["kubernetes.io/pv-protection"] }),
      spec: { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Retain", storageClassName: "manual", volumeMode: "Filesystem", hostPath: { path: "/mnt/data", type: "" } },
      status: { phase: "Available" },
    } as unknown as KubeObject;
    expect(describePersistentVolume(pv, [], NOW)).toBe(
      [
        "Name:            task-pv-volume",
        "Labels:          type=local",
        "Annotations:     <none>",
        "Finalizers:      [kubernetes.io/pv-protection]",
        "StorageClass:    manual",
        "Status:          Available",
        "Claim:           ",
        "Reclaim Policy:  Retain",
        "Access Modes:    RWO",
        "VolumeMode:      Filesystem",
        "Capacity:        10Gi",
        "Node Affinity:   <none>",
        "Message:         ",
        "Source:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /mnt/data",
        "    HostPathType:  ",
        "Events:            <none>",
        "",
      ].join("\n"),
    );
  });

  it("PersistentVolume node affinity terms (a local-path volume)", () => {
    const pv = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: meta("pvc-1"),
      spec: {
        capacity: { storage: "1Gi" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Delete",
        storageClassName: "standard",
        claimRef: { namespace: "default", name: "www-web-0" },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["kind-worker"] }] }] } },
        hostPath: { path: "/var/local-path-provisioner/pvc-1_default_www-web-0", type: "DirectoryOrCreate" },
      },
      status: { phase: "Bound" },
    } as unknown as KubeObject;
    // The "  Required Terms:" row widens the first column for the whole block, as in kind's output.
    const out = describePersistentVolume(pv, undefined, NOW);
    expect(out).toContain("Claim:             default/www-web-0\n");
    expect(out).toContain("Node Affinity:     \n  Required Terms:  \n    Term 0:        kubernetes.io/hostname in [kind-worker]\n");
    expect(out).toContain("    HostPathType:  DirectoryOrCreate\n");
  });

  it("PersistentVolumeClaim with the pods that use it", () => {
    const pvc = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: meta("task-pv-claim", { namespace: "default", finalizers: ["kubernetes.io/pvc-protection"], annotations: { "pv.kubernetes.io/bind-completed": "yes" } }),
      spec: { storageClassName: "manual", volumeName: "task-pv-volume", volumeMode: "Filesystem", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "3Gi" } } },
      status: { phase: "Bound", capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"] },
    } as unknown as KubeObject;
    const pod = { metadata: meta("task-pv-pod"), spec: { volumes: [{ name: "s", persistentVolumeClaim: { claimName: "task-pv-claim" } }], containers: [] } } as unknown as Pod;
    const other = { metadata: meta("other"), spec: { containers: [] } } as unknown as Pod;
    expect(describePersistentVolumeClaim(pvc, undefined, podsForClaim(pvc, [other, pod]), NOW)).toBe(
      [
        "Name:          task-pv-claim",
        "Namespace:     default",
        "StorageClass:  manual",
        "Status:        Bound",
        "Volume:        task-pv-volume",
        "Labels:        <none>",
        "Annotations:   pv.kubernetes.io/bind-completed: yes",
        "Finalizers:    [kubernetes.io/pvc-protection]",
        "Capacity:      10Gi",
        "Access Modes:  RWO",
        "VolumeMode:    Filesystem",
        "Used By:       task-pv-pod",
        "",
      ].join("\n"),
    );
  });

  it("StorageClass (kind's standard)", () => {
    const sc = {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: meta("standard", { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }),
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
    } as unknown as KubeObject;
    expect(describeStorageClass(sc, [], NOW)).toBe(
      [
        "Name:                  standard",
        "IsDefaultClass:        Yes",
        "Annotations:           storageclass.kubernetes.io/is-default-class=true",
        "Provisioner:           rancher.io/local-path",
        "Parameters:            <none>",
        "AllowVolumeExpansion:  <unset>",
        "MountOptions:          <none>",
        "ReclaimPolicy:         Delete",
        "VolumeBindingMode:     WaitForFirstConsumer",
        "Events:                <none>",
        "",
      ].join("\n"),
    );
  });
});
