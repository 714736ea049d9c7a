// When a Job is finished: the failure and success criteria syncJob evaluates before managing pods —
// a FailJob pod failure policy rule, backoffLimit (failed pods, or container restarts with
// restartPolicy OnFailure), activeDeadlineSeconds, backoffLimitPerIndex / maxFailedIndexes, and the
// success policy. mirrors the finishedCondition part of Controller.syncJob, getFailJobMessage,
// pastBackoffLimitOnFailure, pastActiveDeadline and newFailureCondition (job_controller.go).
import type { Pod } from "../../api/types";
import { parseTime } from "../../sim/clock";
import { calculateFailedIndexes, calculateSucceededIndexes, getPodsWithDelayedDeletionPerIndex } from "./indexedJobUtils";
import type { JobSyncEnv } from "./jobSyncEnv";
import { JobReason, type Job, type JobCondition } from "./jobTypes";
import { backoffLimitOf, findConditionByType, hasBackoffLimitPerIndex, isIndexedJob, isPodFailed, jobSuspended, newCondition } from "./jobUtil";
import { totalOf } from "./orderedIntervals";
import { matchPodFailurePolicy } from "./podFailurePolicy";
import { matchSuccessPolicy } from "./successPolicy";
import type { SyncJobCtx } from "./syncJobCtx";
import { hasSuccessCriteriaMetCondition } from "./trackStatus";

/** FailureTarget: v1.34 always delays the terminal Failed condition (JobManagedBy/JobPodReplacementPolicy on). */
// mirrors Controller.newFailureCondition
function newFailureCondition(env: JobSyncEnv, reason: string, message: string): JobCondition {
  return newCondition("FailureTarget", "True", reason, message, env.nowTime());
}

/**
 * Sets jobCtx.finishedCondition when the Job must fail (FailureTarget) or has met its success policy,
 * and computes the Indexed Job index sets. `recheckAfter` is called with the time left before
 * activeDeadlineSeconds when that deadline is still ahead.
 */
export function evaluateFinish(env: JobSyncEnv, jobCtx: SyncJobCtx, recheckAfter: (ms: number) => void): void {
  const job = jobCtx.job;
  const now = env.nowTime();
  jobCtx.finishedCondition = hasSuccessCriteriaMetCondition(job);
  // With SuccessCriteriaMet already recorded, the pod failure policy is not evaluated again.
  if (!jobCtx.finishedCondition) {
    const target = findConditionByType(job.status?.conditions, "FailureTarget");
    if (target?.status === "True") {
      jobCtx.finishedCondition = newCondition("Failed", "True", target.reason ?? "", target.message ?? "", now);
    } else {
      const msg = getFailJobMessage(job, jobCtx.pods);
      if (msg !== undefined) jobCtx.finishedCondition = newCondition("FailureTarget", "True", JobReason.podFailurePolicy, msg, now);
    }
  }
  if (!jobCtx.finishedCondition) {
    if (jobCtx.failed > backoffLimitOf(job) || pastBackoffLimitOnFailure(job, jobCtx.pods)) {
      jobCtx.finishedCondition = newFailureCondition(env, JobReason.backoffLimitExceeded, "Job has reached the specified backoff limit");
    } else if (pastActiveDeadline(job, env.nowAbs())) {
      jobCtx.finishedCondition = newFailureCondition(env, JobReason.deadlineExceeded, "Job was active longer than specified deadline");
    } else if (job.spec.activeDeadlineSeconds != null && !jobSuspended(job)) {
      recheckAfter(job.spec.activeDeadlineSeconds * 1000 - (env.nowAbs() - parseTime(job.status?.startTime)));
    }
  }
  if (!isIndexedJob(job)) return;
  const completions = job.spec.completions ?? 0;
  [jobCtx.prevSucceededIndexes, jobCtx.succeededIndexes] = calculateSucceededIndexes(job, jobCtx.pods);
  jobCtx.succeeded = totalOf(jobCtx.succeededIndexes);
  if (hasBackoffLimitPerIndex(job)) {
    jobCtx.failedIndexes = calculateFailedIndexes(job, jobCtx.pods);
    const failedTotal = totalOf(jobCtx.failedIndexes);
    if (!jobCtx.finishedCondition) {
      if (job.spec.maxFailedIndexes != null && failedTotal > job.spec.maxFailedIndexes) {
        jobCtx.finishedCondition = newFailureCondition(env, JobReason.maxFailedIndexesExceeded, "Job has exceeded the specified maximal number of failed indexes");
      } else if (failedTotal > 0 && failedTotal + jobCtx.succeeded >= completions) {
        jobCtx.finishedCondition = newFailureCondition(env, JobReason.failedIndexes, "Job has failed indexes");
      }
    }
    jobCtx.podsWithDelayedDeletionPerIndex = getPodsWithDelayedDeletionPerIndex(jobCtx);
  }
  if (!jobCtx.finishedCondition) {
    const msg = matchSuccessPolicy(job.spec.successPolicy, completions, jobCtx.succeededIndexes);
    if (msg !== undefined) jobCtx.finishedCondition = newCondition("SuccessCriteriaMet", "True", JobReason.successPolicy, msg, now);
  }
}

/** The first failed pod matching a FailJob rule gives the Job's failure message. */
// mirrors getFailJobMessage
export function getFailJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
  if (!job.spec.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const msg = matchPodFailurePolicy(job.spec.podFailurePolicy, p).jobFailureMessage;
    if (msg !== undefined) return msg;
  }
  return undefined;
}

/** restartPolicy OnFailure: container restarts of running/pending pods count against backoffLimit. */
// mirrors pastBackoffLimitOnFailure
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase !== "Running" && phase !== "Pending") continue;
    for (const s of p.status?.initContainerStatuses ?? []) restarts += s.restartCount ?? 0;
    for (const s of p.status?.containerStatuses ?? []) restarts += s.restartCount ?? 0;
  }
  const limit = backoffLimitOf(job);
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Never while suspended: activeDeadlineSeconds counts continuous activity from status.startTime. */
// mirrors Controller.pastActiveDeadline
export function pastActiveDeadline(job: Job, nowAbs: number): boolean {
  const ads = job.spec.activeDeadlineSeconds;
  const start = parseTime(job.status?.startTime);
  if (ads == null || Number.isNaN(start) || jobSuspended(job)) return false;
  return nowAbs - start >= ads * 1000;
}
