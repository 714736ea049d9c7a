// syncJobCtx: what one syncJob pass knows about a Job (mirrors the struct of that name in
// job_controller.go), plus the pod selections computed from it.
import type { Pod } from "../../api/types";
import type { BackoffRecord } from "./backoffUtils";
import type { Job, JobCondition } from "./jobTypes";
import { getCompletionIndex, hasJobTrackingFinalizer, isIndexedJob, isPodFailed } from "./jobUtil";
import type { Interval } from "./orderedIntervals";
import { matchPodFailurePolicy } from "./podFailurePolicy";

/** uncountedTerminatedPods as sets of pod UIDs. */
export interface UncountedSets {
  succeeded: Set<string>;
  failed: Set<string>;
}

export interface SyncJobCtx {
  /** A private copy of the cached Job: status changes accumulate here. */
  job: Job;
  pods: Pod[];
  finishedCondition?: JobCondition;
  activePods: Pod[];
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Interval[];
  succeededIndexes: Interval[];
  failedIndexes?: Interval[];
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: ReadonlySet<string>;
  uncounted: UncountedSets;
  podsWithDelayedDeletionPerIndex?: Map<number, Pod>;
  /** Always tracked in v1.34 (JobPodReplacementPolicy GA). */
  terminating: number;
  ready: number;
}

// mirrors newUncountedTerminatedPods
export function newUncountedSets(job: Job): UncountedSets {
  const u = job.status?.uncountedTerminatedPods;
  return { succeeded: new Set(u?.succeeded ?? []), failed: new Set(u?.failed ?? []) };
}

/**
 * Pods that still carry the tracking finalizer (not yet counted), are not already listed as uncounted
 * and, for Indexed Jobs, have a valid completion index — and pass `filter`.
 */
// mirrors getValidPodsWithFilter
export function getValidPodsWithFilter(jobCtx: SyncJobCtx, uncounted: ReadonlySet<string> | undefined, filter: (p: Pod) => boolean): Pod[] {
  const result: Pod[] = [];
  const indexed = isIndexedJob(jobCtx.job);
  const completions = jobCtx.job.spec.completions ?? 0;
  for (const p of jobCtx.pods) {
    const uid = p.metadata.uid;
    if (!hasJobTrackingFinalizer(p) || uncounted?.has(uid) || jobCtx.expectedRmFinalizers.has(uid)) continue;
    if (indexed) {
      const idx = getCompletionIndex(p.metadata.annotations);
      if (idx === -1 || idx >= completions) continue;
    }
    if (filter(p)) result.push(p);
  }
  return result;
}

// mirrors getNewFinishedPods
export function getNewFinishedPods(jobCtx: SyncJobCtx): { succeeded: Pod[]; failed: Pod[] } {
  return {
    succeeded: getValidPodsWithFilter(jobCtx, jobCtx.uncounted.succeeded, (p) => p.status?.phase === "Succeeded"),
    failed: getValidPodsWithFilter(jobCtx, jobCtx.uncounted.failed, (p) => isPodFailed(p, jobCtx.job)),
  };
}

// mirrors nonIgnoredFailedPodsCount: failures an Ignore rule matched do not count.
export function nonIgnoredFailedPodsCount(job: Job, failedPods: readonly Pod[]): number {
  let n = failedPods.length;
  if (job.spec.podFailurePolicy) {
    for (const p of failedPods) if (!matchPodFailurePolicy(job.spec.podFailurePolicy, p).countFailed) n--;
  }
  return n;
}
