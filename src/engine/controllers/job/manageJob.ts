// manageJob and the pod deletions of the Job controller: keep min(parallelism, remaining completions)
// pods active, deleting extras (or all, while suspended) and creating missing ones in slow-start batches
// once the pod-failure backoff has passed. mirrors manageJob, deleteJobPods, deleteActivePods and
// activePodsForRemoval (pkg/controller/job/job_controller.go).
import type { Pod } from "../../api/types";
import { isPodReady } from "../../api/podutil";
import { ApiError } from "../../apiserver/errors";
import { deepCopy } from "../../sim/clone";
import { sortActivePods } from "./activePods";
import { remainingTimeOf } from "./backoffUtils";
import {
  addCompletionIndex, addCompletionIndexEnvVariables, addIndexFailureCountAnnotation, duplicatedIndexPodsForRemoval,
  firstPendingIndexes, getRemainingTimePerIndex, podGenerateNameWithIndex,
} from "./indexedJobUtils";
import { JobLimits, jobKeyOf, type JobSyncEnv } from "./jobSyncEnv";
import { BatchKeys, type Job } from "./jobTypes";
import { hasBackoffLimitPerIndex, isIndexedJob, jobSuspended, onlyReplaceFailedPods, parallelismOf } from "./jobUtil";
import type { SyncJobCtx } from "./syncJobCtx";

export interface ManageResult {
  active: number;
  error?: ApiError;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(500, "InternalError", String(e));
}

/** Does NOT modify jobCtx.activePods; updates jobCtx.terminating and jobCtx.ready for deletions. */
// mirrors Controller.manageJob
export function manageJob(env: JobSyncEnv, job: Job, jobCtx: SyncJobCtx): ManageResult {
  let active = jobCtx.activePods.length;
  const parallelism = parallelismOf(job);
  const key = jobKeyOf(job);

  if (jobSuspended(job)) {
    const toDelete = activePodsForRemoval(job, jobCtx.activePods, active);
    env.expectations.expectDeletions(key, toDelete.length, env.now());
    const r = deleteJobPods(env, job, key, toDelete);
    jobCtx.terminating += r.deleted;
    jobCtx.ready -= r.deletedReady;
    return { active: active - r.deleted, error: r.error };
  }

  let wantActive: number;
  if (job.spec.completions == null) {
    // Without completions, once any pod succeeded whatever runs is left running.
    wantActive = jobCtx.succeeded > 0 ? active : parallelism;
  } else {
    wantActive = Math.max(0, Math.min(job.spec.completions - jobCtx.succeeded, parallelism));
  }

  const rmAtLeast = Math.max(0, active - wantActive);
  let toDelete = activePodsForRemoval(job, jobCtx.activePods, rmAtLeast);
  if (toDelete.length > JobLimits.maxPodCreateDeletePerSync) toDelete = toDelete.slice(0, JobLimits.maxPodCreateDeletePerSync);
  if (toDelete.length > 0) {
    // Deletion takes precedence: a sync either deletes or creates, never both.
    env.expectations.expectDeletions(key, toDelete.length, env.now());
    const r = deleteJobPods(env, job, key, toDelete);
    jobCtx.terminating += r.deleted;
    jobCtx.ready -= r.deletedReady;
    return { active: active - r.deleted, error: r.error };
  }

  const terminating = onlyReplaceFailedPods(job) ? jobCtx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };

  let remaining = 0;
  if (!hasBackoffLimitPerIndex(job)) remaining = remainingTimeOf(jobCtx.newBackoffRecord, env.nowAbs());
  // Creation waits for the backoff; the real active count is reported (v1.34 patch release with
  // kubernetes/kubernetes#139752: returning 0 made the API server reject ready > active).
  if (remaining > 0) {
    env.enqueueSyncJobWithDelay(job, remaining);
    return { active };
  }
  diff = Math.min(diff, JobLimits.maxPodCreateDeletePerSync);

  let indexesToAdd: number[] = [];
  if (isIndexedJob(job)) {
    indexesToAdd = firstPendingIndexes(jobCtx, diff, job.spec.completions ?? 0);
    if (hasBackoffLimitPerIndex(job)) {
      const [now, wait] = podCreationInfoForIndependentIndexes(env, indexesToAdd, jobCtx.podsWithDelayedDeletionPerIndex);
      if (wait > 0) {
        env.enqueueSyncJobWithDelay(job, wait);
        return { active };
      }
      indexesToAdd = now;
    }
    diff = indexesToAdd.length;
  }

  env.expectations.expectCreations(key, diff, env.now());
  active += diff;

  const podTemplate = deepCopy(job.spec.template);
  if (isIndexedJob(job)) addCompletionIndexEnvVariables(podTemplate);
  const meta = (podTemplate.metadata ??= {});
  const finalizers = meta.finalizers ?? [];
  if (!finalizers.includes(BatchKeys.jobTrackingFinalizer)) meta.finalizers = [...finalizers, BatchKeys.jobTrackingFinalizer];

  let error: ApiError | undefined;
  for (let batch = Math.min(diff, JobLimits.slowStartInitialBatchSize); diff > 0; batch = Math.min(2 * batch, diff)) {
    let batchFailed = false;
    for (let i = 0; i < batch; i++) {
      const index = indexesToAdd.length > 0 ? indexesToAdd.shift()! : -1;
      let template = podTemplate;
      let generateName = "";
      if (index !== -1) {
        template = deepCopy(podTemplate);
        addCompletionIndex(template, index);
        template.spec.hostname = `${job.metadata.name}-${index}`;
        generateName = podGenerateNameWithIndex(job.metadata.name, index);
        if (hasBackoffLimitPerIndex(job)) addIndexFailureCountAnnotation(template, job, jobCtx.podsWithDelayedDeletionPerIndex?.get(index));
      }
      try {
        env.podControl.createPodWithGenerateName(job.metadata.namespace, template, job, generateName);
      } catch (e) {
        // A terminating namespace rejects every create: nothing to retry or to un-expect.
        if (e instanceof ApiError && e.message.includes("because it is being terminated")) continue;
        env.expectations.creationObserved(key);
        active--;
        error ??= asApiError(e);
        batchFailed = true;
      }
    }
    const skipped = diff - batch;
    if (batchFailed && skipped > 0) {
      // Slow start: the rest of this sync's creations are skipped and no longer expected.
      active -= skipped;
      env.expectations.lowerExpectations(key, skipped, 0);
      break;
    }
    diff -= batch;
  }
  return { active, error };
}

/** The indexes whose per-index backoff has passed, or (none ready) the shortest remaining wait. */
// mirrors getPodCreationInfoForIndependentIndexes
function podCreationInfoForIndependentIndexes(env: JobSyncEnv, indexes: readonly number[], delayed: Map<number, Pod> | undefined): [number[], number] {
  const ready: number[] = [];
  let minWait: number | undefined;
  for (const ix of indexes) {
    const wait = getRemainingTimePerIndex(env.nowAbs(), delayed?.get(ix));
    if (wait === 0) ready.push(ix);
    else if (minWait === undefined || wait < minWait) minWait = wait;
  }
  return ready.length > 0 ? [ready, 0] : [ready, minWait ?? 0];
}

/**
 * Pods to remove: for Indexed Jobs first those with duplicated or invalid indexes, then the
 * ActivePods-sorted head up to `rmAtLeast`.
 */
// mirrors activePodsForRemoval
export function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[];
  if (isIndexedJob(job)) [rm, left] = duplicatedIndexPodsForRemoval(pods, job.spec.completions ?? 0);
  else left = [...pods];
  if (rm.length < rmAtLeast) {
    sortActivePods(left);
    rm = rm.concat(left.slice(0, rmAtLeast - rm.length));
  }
  return rm;
}

interface DeleteResult {
  deletedReady: number;
  deleted: number;
  error?: ApiError;
}

/** Removes the tracking finalizer first (these pods are not counted), then deletes. */
// mirrors deleteJobPods
export function deleteJobPods(env: JobSyncEnv, job: Job, key: string, pods: readonly Pod[]): DeleteResult {
  let deleted = pods.length;
  let deletedReady = 0;
  let error: ApiError | undefined;
  const failDelete = (e: unknown): void => {
    env.expectations.deletionObserved(key);
    if (e instanceof ApiError && e.code === 404) return;
    deleted--;
    error ??= asApiError(e);
  };
  for (const pod of pods) {
    try {
      env.podControl.removeTrackingFinalizer(pod);
    } catch (e) {
      failDelete(e);
      continue;
    }
    try {
      env.podControl.deletePod(job.metadata.namespace, pod.metadata.name, job);
    } catch (e) {
      failDelete(e);
    }
    if (isPodReady(pod)) deletedReady++;
  }
  return { deletedReady, deleted, error };
}

/** Deletes active pods of a finishing Job, keeping their finalizers (they are counted as failed). */
// mirrors deleteActivePods
export function deleteActivePods(env: JobSyncEnv, job: Job, pods: readonly Pod[]): DeleteResult {
  let deleted = pods.length;
  let deletedReady = 0;
  let error: ApiError | undefined;
  for (const pod of pods) {
    try {
      env.podControl.deletePod(job.metadata.namespace, pod.metadata.name, job);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) {
        deleted--;
        error ??= asApiError(e);
      }
    }
    if (isPodReady(pod)) deletedReady++;
  }
  return { deletedReady, deleted, error };
}
