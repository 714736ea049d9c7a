// Test-only objects for the volume controllers, shaped like the docs' manifests: the task-pv-volume /
// task-pv-claim pair of "Configure a Pod to Use a PersistentVolume for Storage" (pods/storage/pv-volume.yaml,
// pv-claim.yaml) and kind's "standard" StorageClass. Nothing in the engine imports this file.
import type { KubeObject, Pod } from "../../../api/types";
import type { Kernel } from "../../../testing/kernel";
import type { PersistentVolume, PersistentVolumeClaim } from "../types";

export function hostPathPV(name: string, opts: { storage?: string; className?: string; modes?: string[]; path?: string; policy?: string; labels?: Record<string, string>; nodeAffinityHost?: string } = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, labels: opts.labels ?? { type: "local" } },
    spec: {
      storageClassName: opts.className ?? "manual",
      capacity: { storage: opts.storage ?? "10Gi" },
      accessModes: opts.modes ?? ["ReadWriteOnce"],
      hostPath: { path: opts.path ?? "/mnt/data" },
      ...(opts.policy ? { persistentVolumeReclaimPolicy: opts.policy } : {}),
      ...(opts.nodeAffinityHost
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [opts.nodeAffinityHost] }] }] } } }
        : {}),
    },
  } as unknown as KubeObject;
}

export function claim(name: string, opts: { storage?: string; className?: string | null; modes?: string[]; volumeName?: string; selector?: Record<string, string>; namespace?: string } = {}): KubeObject {
  const spec: Record<string, unknown> = { accessModes: opts.modes ?? ["ReadWriteOnce"], resources: { requests: { storage: opts.storage ?? "3Gi" } } };
  if (opts.className !== null) spec.storageClassName = opts.className ?? "manual";
  if (opts.volumeName) spec.volumeName = opts.volumeName;
  if (opts.selector) spec.selector = { matchLabels: opts.selector };
  return { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: opts.namespace ?? "default" }, spec } as unknown as KubeObject;
}

export function standardClass(): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "rancher.io/local-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  } as unknown as KubeObject;
}

export function podUsing(name: string, claimName: string, nodeName?: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      volumes: [{ name: "data", persistentVolumeClaim: { claimName } }],
      containers: [{ name: "c", image: "nginx", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
    },
  } as unknown as KubeObject;
}

export const pv = (k: Kernel, name: string) => k.store.get("persistentvolumes", `persistentvolumes/${name}`) as PersistentVolume | undefined;
export const pvc = (k: Kernel, name: string, ns = "default") => k.store.get("persistentvolumeclaims", `persistentvolumeclaims/${ns}/${name}`) as PersistentVolumeClaim | undefined;
export const pod = (k: Kernel, name: string, ns = "default") => k.store.get("pods", `pods/${ns}/${name}`) as Pod | undefined;
