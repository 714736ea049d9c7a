// Pod condition helpers the kube-controller-manager uses when it writes pod status (node lifecycle,
// taint eviction, pod GC). Mirrors UpdatePodCondition and GetPodObservedGenerationIfEnabledOnCondition
// (pkg/api/v1/pod/util.go). The lead may move these to api/podutil.ts.
import type { PodCondition, PodStatus } from "../../api/types";

/**
 * PodCondition as of v1.34: conditions carry observedGeneration (KEP-5067). PodObservedGenerationTracking
 * is beta and on by default in v1.34, so controllers stamp the pod's metadata.generation (PR #130650).
 */
export type PodConditionV134 = PodCondition & { observedGeneration?: number };

// mirrors GetPodObservedGenerationIfEnabledOnCondition (pkg/api/v1/pod/util.go) with the gate on
export function observedGenerationFor(status: PodStatus | undefined, generation: number | undefined): number | undefined {
  if (!status) return undefined;
  return generation && generation > 0 ? generation : undefined;
}

// mirrors UpdatePodCondition (pkg/api/v1/pod/util.go)
/**
 * Adds `condition` or replaces the one of the same type in `status` (mutated; the caller owns it).
 * lastTransitionTime becomes `now` unless the status is unchanged. Returns whether anything changed.
 */
export function updatePodCondition(status: PodStatus, condition: PodConditionV134, now: string): boolean {
  const next: PodConditionV134 = { ...condition, lastTransitionTime: now };
  if (next.lastProbeTime === undefined) next.lastProbeTime = null;
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === next.type);
  if (i < 0) {
    status.conditions = [...conditions, next];
    return true;
  }
  const old = conditions[i]! as PodConditionV134;
  if (next.status === old.status) next.lastTransitionTime = old.lastTransitionTime;
  const isEqual =
    next.status === old.status &&
    (next.reason ?? "") === (old.reason ?? "") &&
    (next.message ?? "") === (old.message ?? "") &&
    (next.lastProbeTime ?? null) === (old.lastProbeTime ?? null) &&
    next.lastTransitionTime === old.lastTransitionTime;
  const copy = conditions.slice();
  copy[i] = next;
  status.conditions = copy;
  return !isEqual;
}
