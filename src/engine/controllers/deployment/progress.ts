// Rollout progress: the Progressing condition (created, progressing, complete, timed out), ReplicaSet
// failures surfaced on the Deployment, and the timed requeue that makes progressDeadlineSeconds fire
// without any other event.
// mirrors k/k pkg/controller/deployment/progress.go
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from "../../api/types";
import { parseTime } from "../../sim/clock";
import type { DeploymentController } from "./deploymentController";
import { calculateStatus, deploymentStatusEqual } from "./syncStatus";
import {
  Reasons,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
} from "./util/conditions";

/**
 * mirrors syncRolloutStatus: the status of a Deployment during a rollout, with the Progressing condition
 * estimated only while a rollout is in flight (a resync of a finished rollout estimates nothing).
 */
export function syncRolloutStatus(dc: DeploymentController, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = dc.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, "Progressing");

  const currentCond = getDeploymentCondition(d.status, "Progressing");
  const isCompleteDeployment =
    (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) && currentCond?.reason === Reasons.NewRSAvailableReason;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    if (deploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setDeploymentCondition(newStatus, newDeploymentCondition("Progressing", "True", Reasons.NewRSAvailableReason, msg, now));
    } else if (deploymentProgressing(d, newStatus)) {
      // Any progress refreshes lastUpdateTime even with an unchanged reason, which SetDeploymentCondition
      // would skip; lastTransitionTime is kept while the condition stays True.
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      let condition = newDeploymentCondition("Progressing", "True", Reasons.ReplicaSetUpdatedReason, msg, now);
      if (currentCond) {
        if (currentCond.status === "True") condition = { ...condition, lastTransitionTime: currentCond.lastTransitionTime };
        removeDeploymentCondition(newStatus, "Progressing");
      }
      setDeploymentCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, dc.nowAbs())) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setDeploymentCondition(newStatus, newDeploymentCondition("Progressing", "False", Reasons.TimedOutReason, msg, now));
    }
  }

  // Surface ReplicaSet failures (only one ReplicaFailure condition is kept).
  const replicaFailureCond = getReplicaFailures(allRSs, newRS);
  if (replicaFailureCond.length > 0) setDeploymentCondition(newStatus, replicaFailureCond[0]!);
  else removeDeploymentCondition(newStatus, "ReplicaFailure");

  if (deploymentStatusEqual(d.status, newStatus)) {
    // Nothing new to write: requeue for a progress check if the rollout may be stuck.
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  dc.client.updateStatus(d);
}

/** mirrors getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions win over old ones'. */
export function getReplicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const conditions: DeploymentCondition[] = [];
  for (const c of newRS?.status?.conditions ?? []) if (c.type === "ReplicaFailure") conditions.push(replicaSetToDeploymentCondition(c));
  if (conditions.length > 0) return conditions;
  for (const rs of allRSs) {
    for (const c of rs?.status?.conditions ?? []) if (c.type === "ReplicaFailure") conditions.push(replicaSetToDeploymentCondition(c));
  }
  return conditions;
}

/**
 * mirrors requeueStuckDeployment: with no sign of progress the Deployment is resynced when its deadline
 * passes (lastUpdateTime + progressDeadlineSeconds − now, plus a second against skew); under a second
 * left, at once (rate limited). Returns the delay in ms, 0 for now, −1 for no requeue.
 */
export function requeueStuckDeployment(dc: DeploymentController, d: Deployment, newStatus: DeploymentStatus): number {
  const currentCond = getDeploymentCondition(d.status, "Progressing");
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === Reasons.TimedOutReason) return -1;
  let lastUpdate = parseTime(currentCond.lastUpdateTime);
  if (Number.isNaN(lastUpdate)) lastUpdate = -Infinity;
  const after = lastUpdate + d.spec.progressDeadlineSeconds! * 1000 - dc.nowAbs();
  if (after < 1000) {
    dc.enqueueRateLimited(d);
    return 0;
  }
  dc.enqueueAfter(d, after + 1000);
  return after;
}
