// Small predicates over Jobs and their pods shared by the Job, CronJob and TTL-after-finished controllers.
// mirrors pkg/controller/job/util/utils.go and the helpers at the end of job_controller.go (v1.34, where
// JobPodReplacementPolicy is GA, JobManagedBy beta-on, JobBackoffLimitPerIndex and JobSuccessPolicy GA).
import type { Pod } from "../../api/types";
import { BatchKeys, type Job, type JobCondition, type JobConditionType } from "./jobTypes";

// mirrors FinishedCondition (pkg/controller/job/util/utils.go)
export function finishedCondition(job: Job): JobConditionType | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === "Complete" || c.type === "Failed") && c.status === "True") return c.type;
  }
  return undefined;
}

// mirrors IsJobFinished
export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== undefined;
}

// mirrors IsJobSucceeded
export function isJobSucceeded(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === "Complete" && c.status === "True");
}

// mirrors findConditionByType
export function findConditionByType(list: JobCondition[] | undefined, type: JobConditionType): JobCondition | undefined {
  if (!list) return undefined;
  for (const c of list) if (c.type === type) return c;
  return undefined;
}

// mirrors newCondition: both timestamps are "now".
export function newCondition(type: JobConditionType, status: JobCondition["status"], reason: string, message: string, now: string): JobCondition {
  return {
    type,
    status,
    lastProbeTime: now,
    lastTransitionTime: now,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/**
 * ensureJobConditionStatus: appends or updates a condition; never appends one whose status is False
 * (going from nothing to False is meaningless). Returns the new list and whether it changed.
 */
// mirrors ensureJobConditionStatus
export function ensureJobConditionStatus(
  list: JobCondition[],
  type: JobConditionType,
  status: JobCondition["status"],
  reason: string,
  message: string,
  now: string,
): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status !== status || (c.reason ?? "") !== reason || (c.message ?? "") !== message) {
      const out = list.slice();
      out[i] = newCondition(type, status, reason, message, now);
      return [out, true];
    }
    return [list, false];
  }
  if (status !== "False") return [[...list, newCondition(type, status, reason, message, now)], true];
  return [list, false];
}

export function isIndexedJob(job: Job): boolean {
  return job.spec.completionMode === "Indexed";
}

export function hasBackoffLimitPerIndex(job: Job): boolean {
  return job.spec.backoffLimitPerIndex != null;
}

export function jobSuspended(job: Job): boolean {
  return job.spec.suspend === true;
}

/** spec.parallelism with the API default (1) when a Job reached us undefaulted. */
export function parallelismOf(job: Job): number {
  return job.spec.parallelism ?? 1;
}

/** spec.backoffLimit with the API default (6). */
export function backoffLimitOf(job: Job): number {
  return job.spec.backoffLimit ?? (job.spec.backoffLimitPerIndex != null ? 2147483647 : 6);
}

// mirrors managedByExternalController: a Job handed to another controller is left alone.
export function managedByExternalController(job: Job): string | undefined {
  const m = job.spec.managedBy;
  return m != null && m !== BatchKeys.jobControllerName ? m : undefined;
}

// mirrors onlyReplaceFailedPods: podReplacementPolicy Failed (the default with a podFailurePolicy).
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec.podReplacementPolicy === "Failed" || job.spec.podFailurePolicy != null;
}

export function hasJobTrackingFinalizer(pod: Pod): boolean {
  const f = pod.metadata.finalizers;
  return !!f && f.includes(BatchKeys.jobTrackingFinalizer);
}

/**
 * isPodFailed: phase Failed, or — unless only failed pods are replaced — deleted before it succeeded
 * (orphans never reach a terminal phase).
 */
// mirrors isPodFailed
export function isPodFailed(pod: Pod, job: Job): boolean {
  const phase = pod.status?.phase;
  if (phase === "Failed") return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && phase !== "Succeeded";
}

// mirrors getCompletionIndex: the annotation as a non-negative int, else -1.
export function getCompletionIndex(annotations: Record<string, string> | undefined): number {
  const v = annotations?.[BatchKeys.jobCompletionIndex];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return -1;
  const i = Number(v);
  return i < 0 || !Number.isSafeInteger(i) ? -1 : i;
}

export const UNKNOWN_COMPLETION_INDEX = -1;

type Ref = { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean } | undefined;

/** reflect.DeepEqual of two controller references, without allocating. */
export function sameControllerRef(a: Ref, b: Ref): boolean {
  if (!a || !b) return a === b;
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;
}

/** reflect.DeepEqual of two label maps. */
export function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}
