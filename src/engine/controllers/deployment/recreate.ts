// The Recreate strategy: scale every old ReplicaSet to zero, wait until no old pod is left running, and
// only then create/scale up the new ReplicaSet — never old and new pods at the same time.
// mirrors k/k pkg/controller/deployment/recreate.go
import type { Deployment, ReplicaSet } from "../../api/types";
import type { DeploymentController, PodMap } from "./deploymentController";
import { syncRolloutStatus } from "./progress";
import { scaleReplicaSetAndRecordEvent } from "./scale";
import { getAllReplicaSetsAndSyncRevision } from "./sync";
import { cleanupDeployment } from "./syncStatus";
import { deploymentComplete } from "./util/conditions";
import { filterActiveReplicaSets, getActualReplicaCountForReplicaSets } from "./util/replicaSetUtil";
import { specReplicas } from "./util/strategy";

/** mirrors rolloutRecreate */
export function rolloutRecreate(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], podMap: PodMap): void {
  // Don't create a new RS if not already existed, so that we avoid scaling up before scaling down.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = filterActiveReplicaSets(oldRSs);

  // Scale down old replica sets.
  if (scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  // Do not process a deployment when it has old pods running.
  if (oldPodsRunning(newRS, oldRSs, podMap)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }
  // If we need to create a new RS, create it now.
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }
  // Scale up new replica set.
  scaleUpNewReplicaSetForRecreate(dc, newRS!, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** mirrors scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to 0. */
export function scaleDownOldReplicaSetsForRecreate(dc: DeploymentController, oldRSs: ReplicaSet[], deployment: Deployment): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    const rs = oldRSs[i]!;
    if (specReplicas(rs) === 0) continue;
    const [scaledRS, updatedRS] = scaleReplicaSetAndRecordEvent(dc, rs, 0, deployment);
    if (scaledRS) {
      oldRSs[i] = updatedRS;
      scaled = true;
    }
  }
  return scaled;
}

/**
 * mirrors oldPodsRunning: an old ReplicaSet still reports pods, or a pod of a non-new ReplicaSet is not
 * in a terminal phase (Succeeded/Failed). Terminating pods count: they may still be running.
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [rsUID, podList] of podMap) {
    if (newRS && newRS.metadata.uid === rsUID) continue;
    for (const pod of podList) {
      const phase = pod.status?.phase;
      if (phase === "Failed" || phase === "Succeeded") continue;
      return true;
    }
  }
  return false;
}

/** mirrors scaleUpNewReplicaSetForRecreate */
export function scaleUpNewReplicaSetForRecreate(dc: DeploymentController, newRS: ReplicaSet, deployment: Deployment): boolean {
  return scaleReplicaSetAndRecordEvent(dc, newRS, specReplicas(deployment), deployment)[0];
}
