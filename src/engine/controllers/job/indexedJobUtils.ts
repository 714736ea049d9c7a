// Indexed Jobs: each pod carries a completion index (annotation + label batch.kubernetes.io/job-completion-index,
// env JOB_COMPLETION_INDEX), is named <job>-<index>-<random> with hostname <job>-<index>, and with
// backoffLimitPerIndex counts its index's failures in the job-index-failure-count annotation.
// mirrors pkg/controller/job/indexed_job_utils.go
import type { Container, Pod, PodTemplateSpec } from "../../api/types";
import { NameGeneratorLimits } from "../../apimachinery/names";
import { getFinishedTime, getRemainingTimeForFailuresCount } from "./backoffUtils";
import { filterTerminatingPods, sortActivePods } from "./activePods";
import { BatchKeys, type Job } from "./jobTypes";
import { getCompletionIndex, hasJobTrackingFinalizer, isPodFailed, onlyReplaceFailedPods } from "./jobUtil";
import { hasIndex, mergeIntervals, parseIndexesFromString, withOrderedIndexes, type Interval } from "./orderedIntervals";
import { matchPodFailurePolicy } from "./podFailurePolicy";
import { getValidPodsWithFilter, type SyncJobCtx } from "./syncJobCtx";

export const COMPLETION_INDEX_ENV_NAME = "JOB_COMPLETION_INDEX";

const ascending = (a: number, b: number): number => a - b;

/** Returns [previous (from status.completedIndexes), previous + newly succeeded pods' indexes]. */
// mirrors calculateSucceededIndexes
export function calculateSucceededIndexes(job: Job, pods: readonly Pod[]): [Interval[], Interval[]] {
  const completions = job.spec.completions ?? 0;
  const prev = parseIndexesFromString(job.status?.completedIndexes, completions);
  const fresh = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (p.status?.phase === "Succeeded" && ix !== -1 && ix < completions && hasJobTrackingFinalizer(p)) fresh.add(ix);
  }
  return [prev, withOrderedIndexes(prev, [...fresh].sort(ascending))];
}

// mirrors calculateFailedIndexes
export function calculateFailedIndexes(job: Job, pods: readonly Pod[]): Interval[] {
  const completions = job.spec.completions ?? 0;
  const prev = job.status?.failedIndexes != null ? parseIndexesFromString(job.status.failedIndexes, completions) : [];
  const fresh = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix !== -1 && ix < completions && hasJobTrackingFinalizer(p) && isIndexFailed(job, p)) fresh.add(ix);
  }
  return withOrderedIndexes(prev, [...fresh].sort(ascending));
}

/** An index fails when a FailIndex rule matched, or its counted failures reached backoffLimitPerIndex. */
// mirrors isIndexFailed
export function isIndexFailed(job: Job, pod: Pod): boolean {
  let counted = false;
  if (isPodFailed(pod, job)) {
    if (job.spec.podFailurePolicy) {
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
      if (m.action === "FailIndex") return true;
      counted = m.countFailed;
    } else {
      counted = true;
    }
  }
  return counted && getIndexFailureCount(pod) >= (job.spec.backoffLimitPerIndex ?? 0);
}

/** The first `count` indexes below `completions` that are neither active, succeeded, failed nor (with podReplacementPolicy Failed) terminating. */
// mirrors firstPendingIndexes
export function firstPendingIndexes(jobCtx: SyncJobCtx, count: number, completions: number): number[] {
  if (count === 0) return [];
  let nonPending = withOrderedIndexes(jobCtx.succeededIndexes, sortedIndexes(jobCtx.activePods));
  if (onlyReplaceFailedPods(jobCtx.job)) nonPending = withOrderedIndexes(nonPending, sortedIndexes(filterTerminatingPods(jobCtx.pods)));
  if (jobCtx.failedIndexes) nonPending = mergeIntervals(nonPending, jobCtx.failedIndexes);
  const result: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/** getIndexes as a sorted list. */
export function sortedIndexes(pods: readonly Pod[]): number[] {
  const s = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix !== -1) s.add(ix);
  }
  return [...s].sort(ascending);
}

/** byCompletionIndex (stable on name for equal indexes, for determinism). */
export function sortByCompletionIndex(pods: Pod[]): Pod[] {
  return pods.sort((a, b) => getCompletionIndex(a.metadata.annotations) - getCompletionIndex(b.metadata.annotations) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/**
 * For each index, all but one of its active pods are removed (the best to keep is last after the
 * ActivePods sort); pods without a valid index are removed. Returns [rm, left].
 */
// mirrors appendDuplicatedIndexPodsForRemoval + appendPodsWithSameIndexForRemovalAndRemaining
export function duplicatedIndexPodsForRemoval(pods: readonly Pod[], completions: number): [Pod[], Pod[]] {
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const groups = new Map<number, Pod[]>();
  for (const p of sortByCompletionIndex([...pods])) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix === -1 || ix >= completions) {
      rm.push(p);
      continue;
    }
    let g = groups.get(ix);
    if (!g) groups.set(ix, (g = []));
    g.push(p);
  }
  for (const g of groups.values()) {
    if (g.length === 1) {
      left.push(g[0]!);
      continue;
    }
    sortActivePods(g);
    rm.push(...g.slice(0, g.length - 1));
    left.push(g[g.length - 1]!);
  }
  return [rm, left];
}

/**
 * Per index, the last failed pod whose deletion waits for its replacement (so the replacement can copy
 * its failure count). Indexes already succeeded, failed or active need no such pod.
 */
// mirrors getPodsWithDelayedDeletionPerIndex
export function getPodsWithDelayedDeletionPerIndex(jobCtx: SyncJobCtx): Map<number, Pod> {
  const active = new Set(sortedIndexes(jobCtx.activePods));
  const completions = jobCtx.job.spec.completions ?? 0;
  const out = new Map<number, Pod>();
  getValidPodsWithFilter(jobCtx, undefined, (p) => {
    if (!isPodFailed(p, jobCtx.job)) return false;
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix === -1 || ix >= completions) return false;
    if (hasIndex(jobCtx.succeededIndexes, ix) || hasIndex(jobCtx.failedIndexes, ix) || active.has(ix)) return false;
    const last = out.get(ix);
    if (!last || (getIndexAbsoluteFailureCount(last) <= getIndexAbsoluteFailureCount(p) && !(getFinishedTime(p) < getFinishedTime(last)))) out.set(ix, p);
    return false;
  });
  return out;
}

// mirrors parseInt32: invalid or out of range values read as 0.
function parseInt32(v: string | undefined): number {
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > 2147483647 ? 0 : n;
}

export function getIndexFailureCount(pod: Pod): number {
  return parseInt32(pod.metadata.annotations?.[BatchKeys.jobIndexFailureCount]);
}

function getIndexIgnoredFailureCount(pod: Pod): number {
  return parseInt32(pod.metadata.annotations?.[BatchKeys.jobIndexIgnoredFailureCount]);
}

// mirrors getIndexAbsoluteFailureCount
export function getIndexAbsoluteFailureCount(pod: Pod): number {
  return getIndexFailureCount(pod) + getIndexIgnoredFailureCount(pod);
}

/** The remaining backoff of an index whose last failed pod is `lastFailed` (its failure count + 1). */
// mirrors getRemainingTimePerIndex
export function getRemainingTimePerIndex(nowMs: number, lastFailed: Pod | undefined): number {
  if (!lastFailed) return 0;
  return getRemainingTimeForFailuresCount(nowMs, getIndexAbsoluteFailureCount(lastFailed) + 1, getFinishedTime(lastFailed));
}

/** The replacement's failure counts: the replaced pod's, plus its own failure (counted or ignored). */
// mirrors addIndexFailureCountAnnotation + getNewIndexFailureCounts
export function addIndexFailureCountAnnotation(template: PodTemplateSpec, job: Job, replaced: Pod | undefined): void {
  let count = 0;
  let ignored = 0;
  if (replaced) {
    count = getIndexFailureCount(replaced);
    ignored = getIndexIgnoredFailureCount(replaced);
    if (job.spec.podFailurePolicy && !matchPodFailurePolicy(job.spec.podFailurePolicy, replaced).countFailed) ignored++;
    else count++;
  }
  const meta = (template.metadata ??= {});
  meta.annotations = { ...(meta.annotations ?? {}), [BatchKeys.jobIndexFailureCount]: String(count) };
  if (ignored > 0) meta.annotations[BatchKeys.jobIndexIgnoredFailureCount] = String(ignored);
}

/** JOB_COMPLETION_INDEX from the downward API (the label, PodIndexLabel being GA) on every container. */
// mirrors addCompletionIndexEnvVariables
export function addCompletionIndexEnvVariables(template: PodTemplateSpec): void {
  const add = (c: Container): void => {
    if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV_NAME)) return;
    c.env = [
      ...(c.env ?? []),
      { name: COMPLETION_INDEX_ENV_NAME, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${BatchKeys.jobCompletionIndex}']` } } },
    ];
  };
  for (const c of template.spec.initContainers ?? []) add(c);
  for (const c of template.spec.containers ?? []) add(c);
}

// mirrors addCompletionIndexAnnotation + addCompletionIndexLabel
export function addCompletionIndex(template: PodTemplateSpec, index: number): void {
  const meta = (template.metadata ??= {});
  meta.annotations = { ...(meta.annotations ?? {}), [BatchKeys.jobCompletionIndex]: String(index) };
  meta.labels = { ...(meta.labels ?? {}), [BatchKeys.jobCompletionIndex]: String(index) };
}

/** "<job>-<index>-", the job name truncated so the prefix fits MaxGeneratedNameLength. */
// mirrors podGenerateNameWithIndex
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  let prefix = jobName + appendIndex;
  if (prefix.length > NameGeneratorLimits.maxGeneratedNameLength) {
    prefix = prefix.slice(0, NameGeneratorLimits.maxGeneratedNameLength - appendIndex.length) + appendIndex;
  }
  return prefix;
}
