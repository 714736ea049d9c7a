// The RollingUpdate strategy: each sync either grows the new ReplicaSet within the surge budget or, if it
// cannot, shrinks old ReplicaSets within the availability budget — never both in one sync.
// mirrors k/k pkg/controller/deployment/rolling.go
import type { Deployment, ReplicaSet } from "../../api/types";
import type { DeploymentController } from "./deploymentController";
import { syncRolloutStatus } from "./progress";
import { scaleReplicaSetAndRecordEvent } from "./scale";
import { getAllReplicaSetsAndSyncRevision } from "./sync";
import { cleanupDeployment } from "./syncStatus";
import { deploymentComplete } from "./util/conditions";
import { byCreationTimestamp, filterActiveReplicaSets, getAvailableReplicaCountForReplicaSets } from "./util/replicaSetUtil";
import { getReplicaCountForReplicaSets, maxUnavailable, newRSNewReplicas, specReplicas } from "./util/strategy";

/** mirrors rolloutRolling: one step of a rolling update, then the rollout status. */
export function rolloutRolling(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRSMaybe, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  // createIfNotExisted=true: getNewReplicaSet either returns a ReplicaSet or throws.
  const newRS = newRSMaybe!;
  const allRSs = [...oldRSs, newRS];

  // Scale up, if we can.
  if (reconcileNewReplicaSet(dc, allRSs, newRS, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  // Scale down, if we can.
  if (reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/**
 * mirrors reconcileNewReplicaSet: shrink a new ReplicaSet larger than spec.replicas, else grow it to
 * NewRSNewReplicas (min(replicas + maxSurge − Σ spec.replicas, replicas − new) more). Returns whether it scaled.
 */
export function reconcileNewReplicaSet(dc: DeploymentController, allRSs: readonly ReplicaSet[], newRS: ReplicaSet, deployment: Deployment): boolean {
  const replicas = specReplicas(deployment);
  if (specReplicas(newRS) === replicas) return false; // scaling not required
  if (specReplicas(newRS) > replicas) return scaleReplicaSetAndRecordEvent(dc, newRS, replicas, deployment)[0];
  const newReplicasCount = newRSNewReplicas(deployment, allRSs, newRS);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, deployment)[0];
}

/**
 * mirrors reconcileOldReplicaSets: maxScaledDown = allPods − minAvailable − (new.spec − new.available),
 * so unavailable new pods never license removing old ones. Unhealthy old replicas go first (they cost
 * no availability), then available ones down to minAvailable. Returns whether anything was scaled.
 */
export function reconcileOldReplicaSets(
  dc: DeploymentController,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  deployment: Deployment,
): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false; // can't scale down further
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = specReplicas(deployment) - maxUnavailable(deployment);
  const newRSUnavailablePodCount = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  // Clean up unhealthy replicas first, otherwise they block the rollout and cause a timeout (#16737).
  let cleanedOld: ReplicaSet[];
  let cleanupCount: number;
  try {
    [cleanedOld, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, deployment, maxScaledDown);
  } catch {
    return false; // upstream swallows the error here; the next sync retries
  }
  let scaledDownCount: number;
  try {
    scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleanedOld, newRS], cleanedOld, deployment);
  } catch {
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/**
 * mirrors cleanupUnhealthyReplicas: scales old ReplicaSets down by their unavailable replicas (spec −
 * available), oldest first, at most maxCleanupCount in total. The ReplicaSet controller deletes
 * not-ready pods first, so this costs no availability. Returns [oldRSs as updated, total scaled down].
 */
export function cleanupUnhealthyReplicas(
  dc: DeploymentController,
  oldRSs: ReplicaSet[],
  deployment: Deployment,
  maxCleanupCount: number,
): [ReplicaSet[], number] {
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    const targetRS = oldRSs[i]!;
    if (totalScaledDown >= maxCleanupCount) break;
    const replicas = specReplicas(targetRS);
    const available = targetRS.status?.availableReplicas ?? 0;
    if (replicas === 0) continue; // cannot scale down this replica set
    if (replicas === available) continue; // no unhealthy replicas
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, replicas - available);
    const newReplicasCount = replicas - scaledDownCount;
    if (newReplicasCount > replicas) {
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${replicas} -> ${newReplicasCount}`,
      );
    }
    const [, updatedOldRS] = scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, deployment);
    totalScaledDown += scaledDownCount;
    oldRSs[i] = updatedOldRS;
  }
  return [oldRSs, totalScaledDown];
}

/**
 * mirrors scaleDownOldReplicaSetsForRollingUpdate: removes available − minAvailable pods from old
 * ReplicaSets, oldest first. Returns how many were scaled down.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  dc: DeploymentController,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  deployment: Deployment,
): number {
  const minAvailable = specReplicas(deployment) - maxUnavailable(deployment);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0; // cannot scale down
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const targetRS of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break;
    const replicas = specReplicas(targetRS);
    if (replicas === 0) continue;
    const scaleDownCount = Math.min(replicas, totalScaleDownCount - totalScaledDown);
    const newReplicasCount = replicas - scaleDownCount;
    if (newReplicasCount > replicas) {
      throw new Error(
        `when scaling down old RS, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${replicas} -> ${newReplicasCount}`,
      );
    }
    scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, deployment);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
