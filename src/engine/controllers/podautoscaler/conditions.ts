// HPA status conditions: AbleToScale, ScalingActive, ScalingLimited.
// mirrors setCondition / setConditionInList (k/k pkg/controller/podautoscaler/horizontal.go): a condition
// keeps its lastTransitionTime unless its status changes; reason and message are always replaced.
import type { ConditionStatus } from "../../api/types";
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition } from "./types";

export function setConditionInList(
  list: HorizontalPodAutoscalerCondition[] | undefined,
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  nowRfc3339: string,
): HorizontalPodAutoscalerCondition[] {
  const out = list ? [...list] : [];
  let i = out.findIndex((c) => c.type === type);
  if (i < 0) {
    out.push({ type, status: "" as ConditionStatus });
    i = out.length - 1;
  }
  const prev = out[i]!;
  out[i] = {
    type,
    status,
    lastTransitionTime: prev.status !== status ? nowRfc3339 : prev.lastTransitionTime,
    reason,
    message,
  };
  return out;
}

/** Sets a condition on `hpa.status` (the caller's private copy). */
export function setCondition(hpa: HorizontalPodAutoscaler, type: string, status: ConditionStatus, reason: string, message: string, nowRfc3339: string): void {
  hpa.status ??= { desiredReplicas: 0 };
  hpa.status.conditions = setConditionInList(hpa.status.conditions, type, status, reason, message, nowRfc3339);
}
