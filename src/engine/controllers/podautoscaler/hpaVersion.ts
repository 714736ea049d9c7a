// autoscaling/v1 ↔ v2. The API server stores an HPA in whichever version it was written; the controller
// works on the v2 shape (as upstream, where the internal type is v2-like) and writes status back in the
// stored version. mirrors the v1 conversion (k/k pkg/apis/autoscaling/v1/conversion.go): targetCPU-
// UtilizationPercentage is the one cpu Resource metric (80% when unset), conditions travel in the
// autoscaling.alpha.kubernetes.io/conditions annotation.
import { deepCopy } from "../../sim/clone";
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus, MetricSpec } from "./types";

export const V1_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

type Obj = Record<string, any>;

export function isV1(hpa: { apiVersion: string }): boolean {
  return hpa.apiVersion === "autoscaling/v1";
}

/** A private v2 copy of a stored HPA of either version. */
export function toV2(stored: HorizontalPodAutoscaler): HorizontalPodAutoscaler {
  const hpa = deepCopy(stored);
  if (!isV1(stored)) {
    hpa.status ??= { desiredReplicas: 0 };
    return hpa;
  }
  const spec = (stored.spec ?? {}) as Obj;
  const target = typeof spec.targetCPUUtilizationPercentage === "number" ? spec.targetCPUUtilizationPercentage : DEFAULT_CPU_UTILIZATION;
  const metrics: MetricSpec[] = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: target } } }];
  hpa.apiVersion = "autoscaling/v2";
  hpa.spec = { scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics };
  const st = (stored.status ?? {}) as Obj;
  let conditions;
  try {
    const raw = stored.metadata.annotations?.[V1_CONDITIONS_ANNOTATION];
    conditions = raw ? JSON.parse(raw) : undefined;
  } catch {
    conditions = undefined;
  }
  const status: HorizontalPodAutoscalerStatus = { desiredReplicas: st.desiredReplicas ?? 0 };
  if (st.currentReplicas !== undefined) status.currentReplicas = st.currentReplicas;
  if (st.lastScaleTime) status.lastScaleTime = st.lastScaleTime;
  if (typeof st.currentCPUUtilizationPercentage === "number") {
    status.currentMetrics = [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
  }
  if (Array.isArray(conditions)) status.conditions = conditions;
  hpa.status = status;
  return hpa;
}

/**
 * The object to PUT on /status: `stored` (the cached object, any version) with the v2 status converted
 * back. A v1 object gets currentCPUUtilizationPercentage and its conditions annotation.
 */
export function statusWriteFor(stored: HorizontalPodAutoscaler, status: HorizontalPodAutoscalerStatus): HorizontalPodAutoscaler {
  const out = deepCopy(stored);
  if (!isV1(stored)) {
    out.status = deepCopy(status);
    return out;
  }
  const v1: Obj = { desiredReplicas: status.desiredReplicas };
  if (status.currentReplicas !== undefined) v1.currentReplicas = status.currentReplicas;
  if (status.lastScaleTime) v1.lastScaleTime = status.lastScaleTime;
  const cpu = status.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu");
  if (typeof cpu?.resource?.current.averageUtilization === "number") v1.currentCPUUtilizationPercentage = cpu.resource.current.averageUtilization;
  out.status = v1 as HorizontalPodAutoscalerStatus;
  if (status.conditions?.length) {
    out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [V1_CONDITIONS_ANNOTATION]: JSON.stringify(status.conditions) };
  }
  return out;
}
