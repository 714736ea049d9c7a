// Deployment conditions (Available, Progressing, ReplicaFailure) and the progress predicates behind
// `kubectl rollout status`: complete, progressing, or timed out against progressDeadlineSeconds.
// mirrors the condition half of k/k pkg/controller/deployment/util/deployment_util.go
import type { ConditionStatus, Deployment, DeploymentCondition, DeploymentStatus, ReplicaSetCondition } from "../../../api/types";
import { parseTime } from "../../../sim/clock";
import { specReplicas } from "./strategy";

/** Condition reasons, with upstream's constant names (deployment_util.go). */
export const Reasons = {
  /** FailedRSCreateReason: a new ReplicaSet could not be created. */
  FailedRSCreateReason: "ReplicaSetCreateError",
  /** NewReplicaSetReason: a new ReplicaSet was created. */
  NewReplicaSetReason: "NewReplicaSetCreated",
  /** FoundNewRSReason: an existing new ReplicaSet was found (progress tracking started late). */
  FoundNewRSReason: "FoundNewReplicaSet",
  /** NewRSAvailableReason: the rollout finished; every new pod is available. */
  NewRSAvailableReason: "NewReplicaSetAvailable",
  /** TimedOutReason: no progress for progressDeadlineSeconds. */
  TimedOutReason: "ProgressDeadlineExceeded",
  /** PausedDeployReason / ResumedDeployReason: spec.paused flipped. */
  PausedDeployReason: "DeploymentPaused",
  ResumedDeployReason: "DeploymentResumed",
  /** ReplicaSetUpdatedReason: the rollout made progress. */
  ReplicaSetUpdatedReason: "ReplicaSetUpdated",
  /** Available condition reasons. */
  MinimumReplicasAvailable: "MinimumReplicasAvailable",
  MinimumReplicasUnavailable: "MinimumReplicasUnavailable",
} as const;

/** math.MaxInt32: the "no deadline" / "keep every revision" sentinel. */
export const MaxInt32 = 2147483647;

/** mirrors NewDeploymentCondition: both timestamps are now (metav1.Time, second precision). */
export function newDeploymentCondition(type: string, status: ConditionStatus, reason: string, message: string, nowRfc3339: string): DeploymentCondition {
  return { type, status, lastUpdateTime: nowRfc3339, lastTransitionTime: nowRfc3339, reason, message };
}

/** mirrors GetDeploymentCondition */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  const conds = status?.conditions;
  if (!conds) return undefined;
  for (const c of conds) if (c.type === type) return c;
  return undefined;
}

/**
 * mirrors SetDeploymentCondition: no-op when status and reason are unchanged; keeps lastTransitionTime
 * when only the reason changes; the condition moves to the end of the list. Mutates `status`.
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  let cond = condition;
  if (current && current.status === condition.status) cond = { ...condition, lastTransitionTime: current.lastTransitionTime };
  status.conditions = [...filterOutCondition(status.conditions, condition.type), cond];
}

/** mirrors RemoveDeploymentCondition. Mutates `status`. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  status.conditions = filterOutCondition(status.conditions, type);
}

function filterOutCondition(conditions: DeploymentCondition[] | undefined, type: string): DeploymentCondition[] {
  const out: DeploymentCondition[] = [];
  for (const c of conditions ?? []) if (c.type !== type) out.push(c);
  return out;
}

/** mirrors ReplicaSetToDeploymentCondition */
export function replicaSetToDeploymentCondition(cond: ReplicaSetCondition): DeploymentCondition {
  return {
    type: cond.type,
    status: cond.status,
    lastUpdateTime: cond.lastTransitionTime,
    lastTransitionTime: cond.lastTransitionTime,
    reason: cond.reason,
    message: cond.message,
  };
}

/** mirrors HasProgressDeadline: set and not math.MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== MaxInt32;
}

/** mirrors HasRevisionHistoryLimit: set and not math.MaxInt32. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MaxInt32;
}

/**
 * mirrors DeploymentComplete: every desired replica is updated and available, no old pods remain, and
 * the status describes the current generation.
 */
export function deploymentComplete(d: Deployment, newStatus: DeploymentStatus): boolean {
  const replicas = specReplicas(d);
  return (
    (newStatus.updatedReplicas ?? 0) === replicas &&
    (newStatus.replicas ?? 0) === replicas &&
    (newStatus.availableReplicas ?? 0) === replicas &&
    (newStatus.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/**
 * mirrors DeploymentProgressing: compared with the status the controller last wrote, more pods are
 * updated, ready or available, or fewer old pods remain.
 */
export function deploymentProgressing(d: Deployment, newStatus: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldStatusOldReplicas = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newStatusOldReplicas = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newStatusOldReplicas < oldStatusOldReplicas ||
    (newStatus.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (newStatus.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * mirrors DeploymentTimedOut: the Progressing condition was last updated more than
 * progressDeadlineSeconds before `nowAbsMs` (strictly: from + deadline < now), or already timed out.
 */
export function deploymentTimedOut(d: Deployment, newStatus: DeploymentStatus, nowAbsMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(newStatus, "Progressing");
  if (!condition) return false;
  // A finished rollout is never re-estimated (see the upstream comment on stale caches).
  if (condition.reason === Reasons.NewRSAvailableReason) return false;
  if (condition.reason === Reasons.TimedOutReason) return true;
  const from = parseTime(condition.lastUpdateTime);
  // A missing lastUpdateTime is Go's zero time (year 1): long past any deadline.
  if (Number.isNaN(from)) return true;
  return from + d.spec.progressDeadlineSeconds! * 1000 < nowAbsMs;
}
