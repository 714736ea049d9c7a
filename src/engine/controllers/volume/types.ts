// core/v1 PersistentVolume and PersistentVolumeClaim and storage.k8s.io/v1 StorageClass: the fields the
// volume controllers, the scheduler's VolumeBinding plugin and the kubelet read and write (k8s.io/api
// core/v1 types.go, storage/v1 types.go), plus the well-known annotations and finalizers of the storage
// machinery (k8s.io/component-helpers storage/volume pv_helpers.go, k/k pkg/volume/util/finalizer.go).
import type { KubeObject, LabelSelector, NodeSelectorTerm, ObjectReference } from "../../api/types";

export type PersistentVolumeAccessMode = "ReadWriteOnce" | "ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOncePod";
export type PersistentVolumeReclaimPolicy = "Retain" | "Delete" | "Recycle";
export type PersistentVolumePhase = "Pending" | "Available" | "Bound" | "Released" | "Failed";
export type PersistentVolumeClaimPhase = "Pending" | "Bound" | "Lost";
export type VolumeBindingMode = "Immediate" | "WaitForFirstConsumer";

export interface PersistentVolumeSpec {
  capacity?: Record<string, string>;
  accessModes?: PersistentVolumeAccessMode[];
  claimRef?: ObjectReference;
  persistentVolumeReclaimPolicy?: PersistentVolumeReclaimPolicy;
  storageClassName?: string;
  volumeMode?: "Filesystem" | "Block";
  nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
  hostPath?: { path: string; type?: string };
  local?: { path: string; fsType?: string };
  nfs?: { server: string; path: string; readOnly?: boolean };
  csi?: { driver: string; volumeHandle: string; readOnly?: boolean };
  mountOptions?: string[];
  [source: string]: unknown;
}

export interface PersistentVolume extends KubeObject {
  kind: "PersistentVolume";
  spec: PersistentVolumeSpec;
  status?: { phase?: PersistentVolumePhase; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaimSpec {
  accessModes?: PersistentVolumeAccessMode[];
  selector?: LabelSelector;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeName?: string;
  /** Unset (undefined) and "" differ: "" explicitly asks for no class (PersistentVolumeClaimHasClass). */
  storageClassName?: string | null;
  volumeMode?: "Filesystem" | "Block";
  dataSource?: unknown;
  [field: string]: unknown;
}

export interface PersistentVolumeClaim extends KubeObject {
  kind: "PersistentVolumeClaim";
  spec: PersistentVolumeClaimSpec;
  status?: { phase?: PersistentVolumeClaimPhase; accessModes?: PersistentVolumeAccessMode[]; capacity?: Record<string, string>; [k: string]: unknown };
}

/** storage.k8s.io/v1 StorageClass keeps its fields at the top level (no spec). */
export interface StorageClass extends KubeObject {
  kind: "StorageClass";
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: PersistentVolumeReclaimPolicy;
  volumeBindingMode?: VolumeBindingMode;
  allowVolumeExpansion?: boolean;
  allowedTopologies?: { matchLabelExpressions?: { key: string; values: string[] }[] }[];
  mountOptions?: string[];
}

/** Annotations of the binding protocol between the PV controller, the scheduler and provisioners. */
export const Ann = {
  /** On PVCs: the binding has gone through its first completion; its value does not matter. */
  bindCompleted: "pv.kubernetes.io/bind-completed",
  /** On PVs and PVCs: the binding was made by the controller, not pre-bound by the user. */
  boundByController: "pv.kubernetes.io/bound-by-controller",
  /** On PVCs: the node the scheduler chose for a WaitForFirstConsumer claim (start provisioning there). */
  selectedNode: "volume.kubernetes.io/selected-node",
  /** On PVCs: the provisioner expected to provision the claim. */
  storageProvisioner: "volume.kubernetes.io/storage-provisioner",
  betaStorageProvisioner: "volume.beta.kubernetes.io/storage-provisioner",
  /** On PVs: the plugin or external provisioner that created the volume. */
  dynamicallyProvisioned: "pv.kubernetes.io/provisioned-by",
  /** The pre-storageClassName class annotation (still honoured, and winning over the field). */
  betaStorageClass: "volume.beta.kubernetes.io/storage-class",
  isDefaultClass: "storageclass.kubernetes.io/is-default-class",
  betaIsDefaultClass: "storageclass.beta.kubernetes.io/is-default-class",
} as const;

/** Finalizers added by the StorageObjectInUseProtection admission plugin (pkg/volume/util/finalizer.go). */
export const PVCProtectionFinalizer = "kubernetes.io/pvc-protection";
export const PVProtectionFinalizer = "kubernetes.io/pv-protection";

/** volume.NotSupportedProvisioner: a class that says "no dynamic provisioning here" (static local PVs). */
export const NotSupportedProvisioner = "kubernetes.io/no-provisioner";

/** kind's default StorageClass provisioner (rancher/local-path-provisioner). */
export const LocalPathProvisionerName = "rancher.io/local-path";
