// Pod readiness and availability as the workload controllers judge them. A pod is *available* once it
// has been Ready for at least minReadySeconds: the ReplicaSet controller counts such pods into
// status.availableReplicas, and the Deployment controller drives every rollout decision from that count.
import type { Pod, PodCondition, PodStatus } from "../../api/types";
import { parseTime } from "../../sim/clock";

/** mirrors GetPodReadyCondition (k/k pkg/api/v1/pod/util.go) */
export function getPodReadyCondition(status: PodStatus | undefined): PodCondition | undefined {
  const conditions = status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === "Ready") return c;
  return undefined;
}

/** mirrors IsPodReady (k/k pkg/api/v1/pod/util.go): the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod.status)?.status === "True";
}

/**
 * mirrors IsPodAvailable (k/k pkg/api/v1/pod/util.go): Ready, and Ready since at least minReadySeconds
 * before `nowAbsMs` (absolute Unix ms, i.e. `clock.absolute()`). v1.34 compares with `<=`
 * (kubernetes/kubernetes#132122; earlier releases used a strict Before()).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowAbsMs: number): boolean {
  const c = getPodReadyCondition(pod.status);
  if (c?.status !== "True") return false;
  if (!minReadySeconds) return true;
  const since = parseTime(c.lastTransitionTime);
  if (Number.isNaN(since)) return false; // a zero lastTransitionTime never makes a pod available
  return since + minReadySeconds * 1000 <= nowAbsMs;
}

/**
 * The absolute time (Unix ms) at which a Ready pod turns available, or undefined when it is not Ready
 * (or has no transition time). A controller uses it to requeue itself, as the ReplicaSet controller's
 * AddAfter(minReadySeconds) does, instead of polling.
 */
export function podAvailableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const c = getPodReadyCondition(pod.status);
  if (c?.status !== "True") return undefined;
  const since = parseTime(c.lastTransitionTime);
  if (Number.isNaN(since)) return minReadySeconds ? undefined : -Infinity;
  return minReadySeconds ? since + minReadySeconds * 1000 : since;
}
