// autoscaling/v2 HorizontalPodAutoscaler, as the controller reads and writes it (api autoscaling/v2/types.go).
// The engine's shared types keep HPA specs open (`spec?: any`); these interfaces name the fields the
// controller relies on. autoscaling/v1 objects are converted to this shape (hpaVersion.ts).
import type { ConditionStatus, KubeObject, LabelSelector } from "../../api/types";

export type MetricSourceType = "Resource" | "ContainerResource" | "Pods" | "Object" | "External";
export type MetricTargetType = "Utilization" | "Value" | "AverageValue";

export interface MetricTarget {
  type: MetricTargetType;
  /** Quantity string. */
  value?: string;
  /** Quantity string. */
  averageValue?: string;
  /** Percent of the pods' request. */
  averageUtilization?: number;
}

export interface MetricIdentifier {
  name: string;
  selector?: LabelSelector;
}

export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface MetricSpec {
  type: MetricSourceType | string;
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric: MetricIdentifier; target: MetricTarget };
  object?: { describedObject: CrossVersionObjectReference; metric: MetricIdentifier; target: MetricTarget };
  external?: { metric: MetricIdentifier; target: MetricTarget };
}

export interface MetricValueStatus {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface MetricStatus {
  type: MetricSourceType | string;
  resource?: { name: string; current: MetricValueStatus };
  containerResource?: { name: string; container: string; current: MetricValueStatus };
  pods?: { metric: MetricIdentifier; current: MetricValueStatus };
  object?: { describedObject?: CrossVersionObjectReference; metric: MetricIdentifier; current: MetricValueStatus };
  external?: { metric: MetricIdentifier; current: MetricValueStatus };
}

export type ScalingPolicyType = "Pods" | "Percent";
export type ScalingPolicySelect = "Max" | "Min" | "Disabled";

export interface HPAScalingPolicy {
  type: ScalingPolicyType;
  value: number;
  periodSeconds: number;
}

export interface HPAScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: ScalingPolicySelect;
  policies?: HPAScalingPolicy[];
}

export interface HorizontalPodAutoscalerBehavior {
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
}

export type HPAConditionType = "ScalingActive" | "AbleToScale" | "ScalingLimited";

export interface HorizontalPodAutoscalerCondition {
  type: HPAConditionType | string;
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: HorizontalPodAutoscalerBehavior;
}

export interface HorizontalPodAutoscalerStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  conditions?: HorizontalPodAutoscalerCondition[];
}

export interface HorizontalPodAutoscaler extends KubeObject {
  kind: "HorizontalPodAutoscaler";
  spec: HorizontalPodAutoscalerSpec;
  status?: HorizontalPodAutoscalerStatus;
}

/** autoscaling/v1 Scale: what the /scale subresource of a Deployment, ReplicaSet, StatefulSet or RC says. */
export interface Scale {
  kind: string;
  namespace: string;
  name: string;
  specReplicas: number;
  statusReplicas: number;
  /** Label selector in string form (status.selector of the scale subresource). */
  selector: string;
}
