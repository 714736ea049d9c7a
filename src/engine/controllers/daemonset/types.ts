// apps/v1 DaemonSet and ControllerRevision, the fields the DaemonSet and StatefulSet controllers read and
// write (k8s.io/api apps/v1 types.go). Kept beside the controllers because api/types.ts does not model them.
import type { KubeObject, LabelSelector, PodTemplateSpec } from "../../api/types";
import type { IntOrString } from "../../apimachinery/intstr";

/** apps.ControllerRevisionHashLabelKey (= DefaultDaemonSetUniqueLabelKey): the revision a pod was made from. */
export const CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";
/** extensions.DaemonSetTemplateGenerationKey: the (deprecated) template generation a daemon pod was made from. */
export const DAEMONSET_TEMPLATE_GENERATION_LABEL = "pod-template-generation";
/** apps.DeprecatedTemplateGeneration: written by the API server's DaemonSet strategy (templateGeneration). */
export const DEPRECATED_TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

export interface RollingUpdateDaemonSet {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DaemonSetSpec {
  selector: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy?: { type?: "RollingUpdate" | "OnDelete"; rollingUpdate?: RollingUpdateDaemonSet };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

/** DaemonSetStatus; the first four counters have no omitempty upstream, the rest do. */
export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface DaemonSet extends KubeObject {
  kind: "DaemonSet";
  spec: DaemonSetSpec;
  status?: DaemonSetStatus;
}

/** apps/v1 ControllerRevision: an immutable snapshot (`data`) of a workload's template, numbered `revision`. */
export interface ControllerRevision extends KubeObject {
  kind: "ControllerRevision";
  data?: Record<string, unknown>;
  revision: number;
}
