// Pod-failure backoff of the Job controller: after n consecutive failures (since the last success) new
// pods wait 10s·2^(n−1), capped at MaxJobPodFailureBackOff (10 min), counted from the last failure.
// mirrors pkg/controller/job/backoff_utils.go. Times are absolute (Unix) milliseconds.
import type { Pod } from "../../api/types";
import { getPodCondition } from "../../api/podutil";
import { parseTime } from "../../sim/clock";

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (job_controller.go). */
export const JobBackoff = {
  defaultPodFailureBackOffMs: 10_000,
  maxPodFailureBackOffMs: 10 * 60_000,
} as const;

export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  /** Absolute ms of the last failure, or undefined. */
  lastFailureTime?: number;
}

/** backoffStore: the controller's memory of consecutive failures per Job key. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  get(key: string): BackoffRecord | undefined {
    return this.records.get(key);
  }

  updateBackoffRecord(record: BackoffRecord): void {
    this.records.set(record.key, { ...record });
  }

  removeBackoffRecord(key: string): void {
    this.records.delete(key);
  }

  /**
   * The record after this sync's newly finished pods: failures add up; a success resets the count to
   * the failures that finished after the last success.
   */
  // mirrors backoffStore.newBackoffRecord
  newBackoffRecord(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key);
    const backoff: BackoffRecord = old ? { ...old } : { key, failuresAfterLastSuccess: 0 };
    const succeeded = sortByFinishedTime(newSucceeded);
    const failed = sortByFinishedTime(newFailed);
    if (succeeded.length === 0) {
      if (failed.length === 0) return backoff;
      backoff.failuresAfterLastSuccess += failed.length;
      backoff.lastFailureTime = getFinishedTime(failed[failed.length - 1]!);
      return backoff;
    }
    backoff.failuresAfterLastSuccess = 0;
    backoff.lastFailureTime = undefined;
    if (failed.length === 0) return backoff;
    const lastSuccess = getFinishedTime(succeeded[succeeded.length - 1]!);
    for (let i = failed.length - 1; i >= 0; i--) {
      const t = getFinishedTime(failed[i]!);
      if (!(t > lastSuccess)) break;
      if (backoff.lastFailureTime === undefined) backoff.lastFailureTime = t;
      backoff.failuresAfterLastSuccess++;
    }
    return backoff;
  }
}

function sortByFinishedTime(pods: readonly Pod[]): Pod[] {
  // Stable, so equal finish times keep their (name-sorted) order.
  return pods
    .map((p) => ({ p, t: getFinishedTime(p) }))
    .sort((a, b) => a.t - b.t)
    .map((x) => x.p);
}

/**
 * The pod's finish time: the latest container finishedAt when all containers terminated, else the
 * Ready=False transition, else deletionTimestamp − grace, else its creation time.
 */
// mirrors getFinishedTime
export function getFinishedTime(p: Pod): number {
  return finishTimeFromContainers(p) ?? finishTimeFromReadyFalse(p) ?? finishTimeFromDeletion(p) ?? zeroIfNaN(parseTime(p.metadata.creationTimestamp));
}

function zeroIfNaN(t: number): number {
  return Number.isNaN(t) ? 0 : t;
}

// mirrors getFinishTimeFromContainers
function finishTimeFromContainers(p: Pod): number | undefined {
  let finish: number | undefined;
  for (const cs of p.status?.containerStatuses ?? []) {
    const t = cs.state?.terminated;
    if (!t) return undefined;
    const at = parseTime(t.finishedAt);
    if (Number.isNaN(at)) return undefined;
    if (finish === undefined || finish < at) finish = at;
  }
  return finish;
}

// mirrors getFinishTimeFromPodReadyFalseCondition
function finishTimeFromReadyFalse(p: Pod): number | undefined {
  const c = getPodCondition(p, "Ready");
  if (c?.status !== "False") return undefined;
  const t = parseTime(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

// mirrors getFinishTimeFromDeletionTimestamp
function finishTimeFromDeletion(p: Pod): number | undefined {
  const t = parseTime(p.metadata.deletionTimestamp);
  if (Number.isNaN(t)) return undefined;
  return t - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
}

/** How long new pods must still wait; 0 when the backoff has passed. */
// mirrors getRemainingTimeForFailuresCount
export function getRemainingTimeForFailuresCount(nowMs: number, failures: number, lastFailureTime: number | undefined): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let backoff: number = JobBackoff.defaultPodFailureBackOffMs;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= JobBackoff.maxPodFailureBackOffMs) {
      backoff = JobBackoff.maxPodFailureBackOffMs;
      break;
    }
  }
  const elapsed = nowMs - lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

// mirrors backoffRecord.getRemainingTime
export function remainingTimeOf(record: BackoffRecord, nowMs: number): number {
  return getRemainingTimeForFailuresCount(nowMs, record.failuresAfterLastSuccess, record.lastFailureTime);
}
