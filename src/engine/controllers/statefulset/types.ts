// apps/v1 StatefulSet and core/v1 PersistentVolumeClaim, the fields the StatefulSet controller reads and
// writes (k8s.io/api apps/v1 types.go, core/v1 types.go). Kept beside the controller because api/types.ts
// does not model them.
import type { KubeObject, LabelSelector, PodTemplateSpec } from "../../api/types";
import type { IntOrString } from "../../apimachinery/intstr";

/** apps.StatefulSetPodNameLabel: lets a Service select one pod of the set. */
export const STATEFULSET_POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
/** apps.PodIndexLabel (PodIndexLabel feature, GA in v1.32): the pod's ordinal. */
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
/** apps.StatefulSetRevisionLabel: the name of the ControllerRevision the pod was made from. */
export const STATEFULSET_REVISION_LABEL = "controller-revision-hash";

export type PersistentVolumeClaimRetentionPolicyType = "Retain" | "Delete";

export interface StatefulSetSpec {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaim[];
  serviceName?: string;
  podManagementPolicy?: "OrderedReady" | "Parallel";
  updateStrategy?: { type?: "RollingUpdate" | "OnDelete"; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: PersistentVolumeClaimRetentionPolicyType; whenScaled?: PersistentVolumeClaimRetentionPolicyType };
  ordinals?: { start?: number };
}

/** StatefulSetStatus in Go field order; replicas and availableReplicas have no omitempty upstream. */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: unknown[];
  availableReplicas: number;
}

export interface StatefulSet extends KubeObject {
  kind: "StatefulSet";
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export interface PersistentVolumeClaim extends KubeObject {
  kind: "PersistentVolumeClaim";
  spec: Record<string, unknown>;
  status?: { phase?: string; [k: string]: unknown };
}
