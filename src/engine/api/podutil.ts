// Pod helpers shared by controllers, the kubelet and kubectl, mirroring k8s.io/kubernetes/pkg/api/v1/pod
// (IsPodReady, IsPodAvailable, GetPodCondition) and controller_utils (IsPodActive).
import type { Pod, PodCondition } from "./types";

export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  const cs = pod.status?.conditions;
  if (!cs) return undefined;
  for (const c of cs) if (c.type === type) return c;
  return undefined;
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodCondition(pod, "Ready")?.status === "True";
}

/**
 * IsPodAvailable: ready for at least minReadySeconds at `nowAbsMs` (Unix ms). With minReadySeconds 0 a
 * ready pod is available at once.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowAbsMs: number): boolean {
  const c = getPodCondition(pod, "Ready");
  if (c?.status !== "True") return false;
  if (minReadySeconds <= 0) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= nowAbsMs;
}

/** IsPodActive: not finished and not being deleted (controller_utils.go). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

/** IsPodTerminating: being deleted but not yet finished (what Deployments count as terminatingReplicas). */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed";
}

/** The controller ownerReference (controller: true), if any. */
export function controllerRefOf(obj: { metadata: { ownerReferences?: { controller?: boolean; uid: string; kind: string; name: string; apiVersion: string }[] } }) {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}
