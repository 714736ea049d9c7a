// Job tracking with finalizers: a finished pod is first recorded in status.uncountedTerminatedPods,
// then its batch.kubernetes.io/job-tracking finalizer is removed, then it moves into the succeeded /
// failed counters. A crash between any two steps neither loses nor double-counts a pod. The terminal
// condition (Complete/Failed) is added only when nothing is uncounted and no pod is still terminating.
// mirrors trackJobStatusAndRemoveFinalizers, canRemoveFinalizer, flushUncountedAndRemoveFinalizers,
// cleanUncountedPodsWithoutFinalizers, removeTrackingFinalizerFromPods, enactJobFinished and
// recordJobFinished (pkg/controller/job/job_controller.go).
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { deepCopy } from "../../sim/clone";
import { intervalsToString, withOrderedIndexes } from "./orderedIntervals";
import { sortByCompletionIndex } from "./indexedJobUtils";
import { JobLimits, jobKeyOf, type JobSyncEnv } from "./jobSyncEnv";
import type { Job, JobCondition, JobStatus } from "./jobTypes";
import { ensureJobConditionStatus, findConditionByType, getCompletionIndex, hasBackoffLimitPerIndex, hasJobTrackingFinalizer, isIndexedJob, isPodFailed, newCondition } from "./jobUtil";
import { matchPodFailurePolicy } from "./podFailurePolicy";
import type { SyncJobCtx } from "./syncJobCtx";
import { writeJobStatus } from "./jobStatus";

function isSuccessCriteriaMet(c: JobCondition | undefined): boolean {
  return !!c && c.type === "SuccessCriteriaMet" && c.status === "True";
}

// mirrors hasSuccessCriteriaMetCondition
export function hasSuccessCriteriaMetCondition(job: Job): JobCondition | undefined {
  const c = findConditionByType(job.status?.conditions, "SuccessCriteriaMet");
  return c?.status === "True" ? c : undefined;
}

/** Throws the first API error (after recording what progress it could). */
// mirrors Controller.trackJobStatusAndRemoveFinalizers
export function trackJobStatusAndRemoveFinalizers(env: JobSyncEnv, jobCtx: SyncJobCtx, needsFlushIn: boolean): void {
  let needsFlush = needsFlushIn;
  const job = jobCtx.job;
  const status = (job.status ??= {});
  const indexed = isIndexedJob(job);
  const completions = job.spec.completions ?? 0;
  if (indexed) sortByCompletionIndex(jobCtx.pods); // completed indexes are introduced in order

  const uidsWithFinalizer = new Set<string>();
  for (const p of jobCtx.pods) {
    if (hasJobTrackingFinalizer(p) && !jobCtx.expectedRmFinalizers.has(p.metadata.uid)) uidsWithFinalizer.add(p.metadata.uid);
  }
  const uncountedStatus = (status.uncountedTerminatedPods ??= {});
  if (cleanUncountedPodsWithoutFinalizers(status, uidsWithFinalizer)) needsFlush = true;

  const podsToRemoveFinalizer: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMaxUncountedPods = false;
  for (const pod of jobCtx.pods) {
    const uid = pod.metadata.uid;
    if (!hasJobTrackingFinalizer(pod) || jobCtx.expectedRmFinalizers.has(uid)) continue; // counted in an earlier sync
    const considerPodFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(jobCtx, pod, considerPodFailed)) continue;
    podsToRemoveFinalizer.push(pod);
    if (pod.status?.phase === "Succeeded" && !jobCtx.uncounted.failed.has(uid)) {
      if (indexed) {
        // The completion index is enough to avoid recounting succeeded pods.
        const ix = getCompletionIndex(pod.metadata.annotations);
        if (ix !== -1 && ix < completions && !hasIdx(jobCtx.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!jobCtx.uncounted.succeeded.has(uid)) {
        needsFlush = true;
        (uncountedStatus.succeeded ??= []).push(uid);
      }
    } else if (considerPodFailed || (jobCtx.finishedCondition && !isSuccessCriteriaMet(jobCtx.finishedCondition))) {
      // Once the Job is considered finished, every non-terminated pod is considered failed.
      const ix = getCompletionIndex(pod.metadata.annotations);
      if (!jobCtx.uncounted.failed.has(uid) && (!indexed || (ix !== -1 && ix < completions))) {
        const counted = job.spec.podFailurePolicy ? matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed : true;
        if (counted) {
          needsFlush = true;
          (uncountedStatus.failed ??= []).push(uid);
        }
      }
    }
    const n = newSucceededIndexes.length + (uncountedStatus.succeeded?.length ?? 0) + (uncountedStatus.failed?.length ?? 0);
    if (n >= JobLimits.maxUncountedPods) {
      // Keep status small and let other Jobs sync; the status update requeues this one.
      reachedMaxUncountedPods = true;
      break;
    }
  }
  if (indexed) {
    jobCtx.succeededIndexes = withOrderedIndexes(jobCtx.succeededIndexes, newSucceededIndexes.sort((a, b) => a - b));
    const str = intervalsToString(jobCtx.succeededIndexes);
    if (str !== (status.completedIndexes ?? "")) needsFlush = true;
    status.succeeded = total(jobCtx.succeededIndexes);
    status.completedIndexes = str;
    const failedStr = jobCtx.failedIndexes ? intervalsToString(jobCtx.failedIndexes) : undefined;
    if (failedStr !== status.failedIndexes) {
      status.failedIndexes = failedStr;
      needsFlush = true;
    }
  }
  if (jobCtx.finishedCondition?.type === "FailureTarget") {
    // The interim FailureTarget is stored before the finalizers go; Failed follows later.
    status.conditions = [...(status.conditions ?? []), jobCtx.finishedCondition];
    needsFlush = true;
    jobCtx.finishedCondition = newCondition("Failed", "True", jobCtx.finishedCondition.reason ?? "", jobCtx.finishedCondition.message ?? "", env.nowTime());
  }
  if (isSuccessCriteriaMet(jobCtx.finishedCondition)) {
    if (!hasSuccessCriteriaMetCondition(job)) {
      status.conditions = [...(status.conditions ?? []), jobCtx.finishedCondition!];
      needsFlush = true;
    }
    jobCtx.finishedCondition = newCondition("Complete", "True", jobCtx.finishedCondition!.reason ?? "", jobCtx.finishedCondition!.message ?? "", env.nowTime());
  }
  needsFlush = flushUncountedAndRemoveFinalizers(env, jobCtx, podsToRemoveFinalizer, uidsWithFinalizer, needsFlush);
  const jobFinished = !reachedMaxUncountedPods && enactJobFinished(env, jobCtx);
  if (jobFinished) needsFlush = true;
  if (needsFlush) {
    jobCtx.job = writeStatus(env, jobCtx.job, "removing uncounted pods from status");
    if (jobFinished) recordJobFinished(env, jobCtx.job, jobCtx.finishedCondition!);
  }
}

function hasIdx(oi: SyncJobCtx["prevSucceededIndexes"], ix: number): boolean {
  for (const iv of oi) if (iv.first <= ix && ix <= iv.last) return true;
  return false;
}

function total(oi: SyncJobCtx["succeededIndexes"]): number {
  let n = 0;
  for (const iv of oi) n += iv.last - iv.first + 1;
  return n;
}

/**
 * The finalizer may go when the Job is being deleted or finishing, the pod succeeded, or it failed —
 * unless its index's replacement still needs it (backoffLimitPerIndex copies its failure count).
 */
// mirrors canRemoveFinalizer
export function canRemoveFinalizer(jobCtx: SyncJobCtx, pod: Pod, considerPodFailed: boolean): boolean {
  if (jobCtx.job.metadata.deletionTimestamp || jobCtx.finishedCondition || pod.status?.phase === "Succeeded") return true;
  if (!considerPodFailed) return false;
  if (hasBackoffLimitPerIndex(jobCtx.job)) {
    const ix = getCompletionIndex(pod.metadata.annotations);
    if (ix !== -1 && jobCtx.podsWithDelayedDeletionPerIndex?.get(ix)?.metadata.uid === pod.metadata.uid) return false;
  }
  return true;
}

/** Writes the status (a conflict or other API error is rethrown, wrapped like upstream's message). */
function writeStatus(env: JobSyncEnv, job: Job, what: string): Job {
  try {
    return deepCopy(writeJobStatus(env.client, job));
  } catch (e) {
    if (e instanceof ApiError) throw new ApiError(e.code, e.reason, `${what}: ${e.message}`, e.fieldPaths);
    throw e;
  }
}

/** Returns whether status changes are still pending. */
// mirrors flushUncountedAndRemoveFinalizers
function flushUncountedAndRemoveFinalizers(env: JobSyncEnv, jobCtx: SyncJobCtx, podsToRemoveFinalizer: readonly Pod[], uidsWithFinalizer: Set<string>, needsFlushIn: boolean): boolean {
  let needsFlush = needsFlushIn;
  if (needsFlush) {
    jobCtx.job = writeStatus(env, jobCtx.job, "adding uncounted pods to status");
    env.backoffStore.updateBackoffRecord(jobCtx.newBackoffRecord);
    needsFlush = false;
  }
  let rmErr: ApiError | undefined;
  if (podsToRemoveFinalizer.length > 0) {
    const r = removeTrackingFinalizerFromPods(env, jobKeyOf(jobCtx.job), podsToRemoveFinalizer);
    rmErr = r.error;
    podsToRemoveFinalizer.forEach((p, i) => {
      if (r.succeeded[i]) uidsWithFinalizer.delete(p.metadata.uid);
    });
  }
  // Partial progress is written before the error surfaces.
  if (cleanUncountedPodsWithoutFinalizers((jobCtx.job.status ??= {}), uidsWithFinalizer)) needsFlush = true;
  if (rmErr && needsFlush) jobCtx.job = writeStatus(env, jobCtx.job, "removing uncounted pods from status");
  if (rmErr) throw rmErr;
  return needsFlush;
}

/** Moves uncounted UIDs whose finalizer is gone into the counters. Returns whether anything changed. */
// mirrors cleanUncountedPodsWithoutFinalizers
export function cleanUncountedPodsWithoutFinalizers(status: JobStatus, uidsWithFinalizer: ReadonlySet<string>): boolean {
  let updated = false;
  const u = (status.uncountedTerminatedPods ??= {});
  const succ = (u.succeeded ?? []).filter((x) => uidsWithFinalizer.has(x));
  if (succ.length !== (u.succeeded?.length ?? 0)) {
    updated = true;
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded!.length - succ.length);
    setOrDelete(u, "succeeded", succ);
  }
  const fail = (u.failed ?? []).filter((x) => uidsWithFinalizer.has(x));
  if (fail.length !== (u.failed?.length ?? 0)) {
    updated = true;
    status.failed = (status.failed ?? 0) + (u.failed!.length - fail.length);
    setOrDelete(u, "failed", fail);
  }
  return updated;
}

function setOrDelete(u: NonNullable<JobStatus["uncountedTerminatedPods"]>, k: "succeeded" | "failed", v: string[]): void {
  if (v.length) u[k] = v;
  else delete u[k];
}

/** A pod already gone (404) counts as a successful removal. */
// mirrors removeTrackingFinalizerFromPods
function removeTrackingFinalizerFromPods(env: JobSyncEnv, jobKey: string, pods: readonly Pod[]): { succeeded: boolean[]; error?: ApiError } {
  const succeeded = pods.map(() => false);
  env.finalizerExpectations.expectFinalizersRemoved(jobKey, pods.map((p) => p.metadata.uid));
  let error: ApiError | undefined;
  pods.forEach((pod, i) => {
    if (!hasJobTrackingFinalizer(pod)) return;
    try {
      env.podControl.removeTrackingFinalizer(pod);
    } catch (e) {
      env.finalizerExpectations.finalizerRemovalObserved(jobKey, pod.metadata.uid);
      if (!(e instanceof ApiError && e.code === 404)) {
        error ??= e instanceof ApiError ? e : new ApiError(500, "InternalError", String(e));
        return;
      }
    }
    succeeded[i] = true;
  });
  return { succeeded, error };
}

/** Adds Complete/Failed once nothing is uncounted and no pod is terminating. */
// mirrors enactJobFinished (delayTerminalCondition is true in v1.34)
function enactJobFinished(env: JobSyncEnv, jobCtx: SyncJobCtx): boolean {
  const cond = jobCtx.finishedCondition;
  if (!cond) return false;
  const status = (jobCtx.job.status ??= {});
  const u = status.uncountedTerminatedPods;
  if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
  if (jobCtx.terminating > 0) return false;
  [status.conditions] = ensureJobConditionStatus(status.conditions ?? [], cond.type, cond.status, cond.reason ?? "", cond.message ?? "", env.nowTime());
  if (cond.type === "Complete") status.completionTime = cond.lastTransitionTime;
  return true;
}

// mirrors recordJobFinished
function recordJobFinished(env: JobSyncEnv, job: Job, cond: JobCondition): void {
  if (cond.type === "Complete") {
    if (job.spec.completions != null && (job.status?.succeeded ?? 0) > job.spec.completions) {
      env.recorder.event(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
    }
    env.recorder.event(job, "Normal", "Completed", "Job completed");
  } else {
    env.recorder.event(job, "Warning", cond.reason ?? "", cond.message ?? "");
  }
}
