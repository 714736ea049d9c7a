// The parts of a Deployment sync shared by every strategy: finding (or creating) the new ReplicaSet with
// its revision, pause conditions, detecting scaling events and the paused/scaling-only sync.
// mirrors k/k pkg/controller/deployment/sync.go (status and scaling halves are in syncStatus.ts, scale.ts)
import type { Deployment, ObjectMeta, ReplicaSet } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { computeHash } from "../../apimachinery/hash";
import { deepCopy } from "../../sim/clone";
import type { DeploymentController } from "./deploymentController";
import { getControllerOf, newControllerRef } from "./controllerRefManager";
import { scale } from "./scale";
import { cleanupDeployment, syncDeploymentStatus } from "./syncStatus";
import {
  RevisionAnnotation,
  getDesiredReplicasAnnotation,
  maxRevHistoryLengthInChars,
  maxRevision,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
} from "./util/annotations";
import { Reasons, getDeploymentCondition, hasProgressDeadline, newDeploymentCondition, setDeploymentCondition } from "./util/conditions";
import { DefaultDeploymentUniqueLabelKey, equalIgnoreHash, filterActiveReplicaSets, findNewReplicaSet, findOldReplicaSets } from "./util/replicaSetUtil";
import { newRSNewReplicas, specReplicas } from "./util/strategy";

/** mirrors syncStatusOnly: only updates the status; no mutating actions (a Deployment being deleted). */
export function syncStatusOnly(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** mirrors sync: reconciles scaling events and paused Deployments (no rollout). */
export function sync(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  // Clean up the deployment when it's paused and no rollback is in flight.
  if (d.spec.paused) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * mirrors checkPausedConditions: a Progressing=Unknown condition with reason DeploymentPaused or
 * DeploymentResumed, so that a Deployment paused longer than its deadline is not reported as timed out.
 */
export function checkPausedConditions(dc: DeploymentController, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const status = (d.status ??= {});
  const cond = getDeploymentCondition(status, "Progressing");
  if (cond?.reason === Reasons.TimedOutReason) return; // never overwrite a reported lack of progress
  const pausedCondExists = cond?.reason === Reasons.PausedDeployReason;
  let needsUpdate = false;
  if (d.spec.paused && !pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "Unknown", Reasons.PausedDeployReason, "Deployment is paused", dc.now()));
    needsUpdate = true;
  } else if (!d.spec.paused && pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "Unknown", Reasons.ResumedDeployReason, "Deployment is resumed", dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) dc.client.updateStatus(d);
}

/**
 * mirrors getAllReplicaSetsAndSyncRevision: [new ReplicaSet (undefined if none and not created), all old
 * ReplicaSets], with the new ReplicaSet's and the Deployment's revision brought up to date.
 */
export function getAllReplicaSetsAndSyncRevision(
  dc: DeploymentController,
  d: Deployment,
  rsList: ReplicaSet[],
  createIfNotExisted: boolean,
): [ReplicaSet | undefined, ReplicaSet[]] {
  const [, allOldRSs] = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * mirrors getNewReplicaSet: the ReplicaSet whose template matches the Deployment's, with its revision
 * raised to max(old revisions) + 1 when lower (that is how a rollback renumbers a reused ReplicaSet).
 * When none exists and createIfNotExisted, creates `<deployment>-<pod-template-hash>`; a name taken by a
 * ReplicaSet with another template is a hash collision: status.collisionCount is bumped and the sync
 * fails, so the next one computes a different hash.
 */
export function getNewReplicaSet(
  dc: DeploymentController,
  d: Deployment,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSet | undefined {
  const status = (d.status ??= {});
  const existingNewRS = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);

  if (existingNewRS) {
    const rsCopy = deepCopy(existingNewRS);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxRevHistoryLengthInChars);
    const minReadySecondsNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      setMinReadySeconds(rsCopy, d.spec.minReadySeconds);
      return dc.client.update(rsCopy);
    }
    // The revision the existing new ReplicaSet carries is the one the Deployment shows.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[RevisionAnnotation]);
    const cond = getDeploymentCondition(status, "Progressing");
    if (hasProgressDeadline(d) && !cond) {
      const msg = `Found new replica set "${rsCopy.metadata.name}"`;
      setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", Reasons.FoundNewRSReason, msg, dc.now()));
      needsUpdate = true;
    }
    if (needsUpdate) dc.client.updateStatus(d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  const newRS = newReplicaSetFor(d);
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxRevHistoryLengthInChars);
  newRS.metadata.annotations = sortedRecord(newRS.metadata.annotations ?? {});

  let createdRS: ReplicaSet;
  let alreadyExists = false;
  try {
    createdRS = dc.client.create(newRS);
  } catch (err) {
    if (err instanceof ApiError && err.reason === "AlreadyExists") {
      // A slow cache or a fast resync, or a hash collision.
      alreadyExists = true;
      const rs = dc.rsLister.get(`${newRS.metadata.namespace}/${newRS.metadata.name}`);
      if (!rs) throw new ApiError(404, "NotFound", `replicaset.apps "${newRS.metadata.name}" not found`);
      const controllerRef = getControllerOf(rs);
      if (controllerRef && controllerRef.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        createdRS = rs;
      } else {
        // A different template owns the name: bump collisionCount and requeue by failing.
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        try {
          dc.client.updateStatus(d);
        } catch {
          // The original error is what gets reported.
        }
        throw err;
      }
    } else if (err instanceof ApiError && err.reason === "Forbidden" && err.message.includes("because it is being terminated")) {
      throw err; // namespace terminating: every create fails, nothing to report
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${(err as Error).message}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(status, newDeploymentCondition("Progressing", "False", Reasons.FailedRSCreateReason, msg, dc.now()));
        try {
          dc.client.updateStatus(d);
        } catch {
          // We have a bigger issue to report.
        }
      }
      dc.eventRecorder.event(d, "Warning", Reasons.FailedRSCreateReason, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.eventRecorder.event(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${createdRS.metadata.name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${createdRS.metadata.name}"`;
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", Reasons.NewReplicaSetReason, msg, dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) dc.client.updateStatus(d);
  return createdRS;
}

/**
 * The ReplicaSet object getNewReplicaSet creates: the Deployment's template with the pod-template-hash
 * label added to the template labels, the RS labels and the selector; owned by the Deployment; 0 replicas.
 */
function newReplicaSetFor(d: Deployment): ReplicaSet {
  const template = deepCopy(d.spec.template);
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = sortedRecord({ ...(d.spec.template.metadata?.labels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash });
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = deepCopy(d.spec.selector ?? {});
  selector.matchLabels = sortedRecord({ ...(selector.matchLabels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash });
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      // Deterministic, to ensure idempotence.
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [newControllerRef(d)],
      labels: { ...labels },
    } as ObjectMeta,
    // Field order of apps/v1 ReplicaSetSpec; minReadySeconds is omitempty.
    spec: { replicas: 0, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
  };
  return rs;
}

/** minReadySeconds is omitempty: 0 is not serialized. */
function setMinReadySeconds(rs: ReplicaSet, value: number | undefined): void {
  if (value) rs.spec.minReadySeconds = value;
  else delete rs.spec.minReadySeconds;
}

/** Go serializes map keys sorted; building maps in that order keeps -o json/yaml output identical. */
function sortedRecord(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k]!;
  return out;
}

/**
 * mirrors isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas,
 * i.e. the Deployment was scaled rather than given a new template.
 */
export function isScalingEvent(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== specReplicas(d)) return true;
  }
  return false;
}
