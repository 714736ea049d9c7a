// Scaling ReplicaSets on behalf of a Deployment: one ReplicaSet at a time with a ScalingReplicaSet event,
// or proportionally across every active ReplicaSet when the Deployment is resized mid-rollout or paused.
// mirrors scale, scaleReplicaSetAndRecordEvent and scaleReplicaSet (k/k pkg/controller/deployment/sync.go)
import type { Deployment, ReplicaSet } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import type { DeploymentController } from "./deploymentController";
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from "./util/annotations";
import { bySizeNewer, bySizeOlder, filterActiveReplicaSets, findActiveOrLatest, isSaturated } from "./util/replicaSetUtil";
import { getProportion, getReplicaCountForReplicaSets, isRollingUpdate, maxSurge, specReplicas } from "./util/strategy";

/**
 * mirrors scale: scales proportionally to mitigate risk. Growing only the new ReplicaSet (or shrinking
 * only old ones) would hasten the rollout and raise the share of possibly broken pods; instead every
 * active ReplicaSet gets its share of the change, the largest first, leftovers to the largest one.
 * Runs only on scaling events or while paused, never as a rollout step.
 */
export function scale(dc: DeploymentController, deployment: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const replicas = specReplicas(deployment);
  // One active ReplicaSet (or none: the newest) simply takes the full count.
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) === replicas) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas, deployment);
    return;
  }
  // A saturated new ReplicaSet means old ReplicaSets (e.g. just adopted) must go to zero.
  if (isSaturated(deployment, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, deployment);
    return;
  }
  // Several active ReplicaSets and an unsaturated new one: share the change out (RollingUpdate only).
  if (!isRollingUpdate(deployment)) return;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  const allowedSize = replicas > 0 ? replicas + maxSurge(deployment) : 0;
  const deploymentReplicasToAdd = allowedSize - allRSsReplicas;

  // Same-size ReplicaSets: newer ones grow first, older ones shrink first.
  let scalingOperation = "";
  if (deploymentReplicasToAdd > 0) {
    allRSs.sort(bySizeNewer);
    scalingOperation = "up";
  } else if (deploymentReplicasToAdd < 0) {
    allRSs.sort(bySizeOlder);
    scalingOperation = "down";
  }

  let deploymentReplicasAdded = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (deploymentReplicasToAdd !== 0) {
      const proportion = getProportion(rs, deployment, deploymentReplicasToAdd, deploymentReplicasAdded);
      nameToSize.set(rs.metadata.name, specReplicas(rs) + proportion);
      deploymentReplicasAdded += proportion;
    } else {
      nameToSize.set(rs.metadata.name, specReplicas(rs));
    }
  }
  for (let i = 0; i < allRSs.length; i++) {
    const rs = allRSs[i]!;
    // Add/remove any leftovers to the largest replica set.
    if (i === 0 && deploymentReplicasToAdd !== 0) {
      const leftover = deploymentReplicasToAdd - deploymentReplicasAdded;
      nameToSize.set(rs.metadata.name, Math.max(0, nameToSize.get(rs.metadata.name)! + leftover));
    }
    // Return as soon as one fails (a throw): the deployment is requeued.
    scaleReplicaSet(dc, rs, nameToSize.get(rs.metadata.name)!, deployment, scalingOperation);
  }
}

/** mirrors scaleReplicaSetAndRecordEvent: [scaled, the ReplicaSet as it now stands]. */
export function scaleReplicaSetAndRecordEvent(
  dc: DeploymentController,
  rs: ReplicaSet,
  newScale: number,
  deployment: Deployment,
): [boolean, ReplicaSet] {
  if (specReplicas(rs) === newScale) return [false, rs];
  const scalingOperation = specReplicas(rs) < newScale ? "up" : "down";
  return scaleReplicaSet(dc, rs, newScale, deployment, scalingOperation);
}

/**
 * mirrors scaleReplicaSet: writes spec.replicas together with the desired/max replica annotations of the
 * current Deployment size, and records "Scaled <up|down> replica set <rs> from <old> to <new>" (the
 * from→to order is v1.31+, kubernetes/kubernetes#125118).
 */
export function scaleReplicaSet(
  dc: DeploymentController,
  rs: ReplicaSet,
  newScale: number,
  deployment: Deployment,
  scalingOperation: string,
): [boolean, ReplicaSet] {
  const oldScale = specReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const replicas = specReplicas(deployment);
  const maxReplicas = replicas + maxSurge(deployment);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicas, maxReplicas);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const rsCopy = deepCopy(rs);
  rsCopy.spec.replicas = newScale;
  setReplicasAnnotations(rsCopy, replicas, maxReplicas);
  const updated = dc.client.update(rsCopy);
  if (sizeNeedsUpdate) {
    dc.eventRecorder.event(
      deployment,
      "Normal",
      "ScalingReplicaSet",
      `Scaled ${scalingOperation} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`,
    );
  }
  return [sizeNeedsUpdate, updated];
}
