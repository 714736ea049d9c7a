// Deployment status from its ReplicaSets, and revision-history cleanup.
// mirrors calculateStatus, syncDeploymentStatus and cleanupDeployment (k/k pkg/controller/deployment/sync.go)
import type { Deployment, DeploymentStatus, ReplicaSet } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { DeploymentController } from "./deploymentController";
import { Reasons, hasRevisionHistoryLimit, newDeploymentCondition, setDeploymentCondition } from "./util/conditions";
import {
  byRevision,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReadyReplicaCountForReplicaSets,
  semanticEqual,
} from "./util/replicaSetUtil";
import { getReplicaCountForReplicaSets, maxUnavailable, specReplicas } from "./util/strategy";

/**
 * mirrors cleanupDeployment: keeps the newest revisionHistoryLimit old ReplicaSets and deletes older
 * ones, oldest revision first, but only those that are fully scaled down (spec and status 0) and whose
 * latest spec the ReplicaSet controller has observed.
 */
export function cleanupDeployment(dc: DeploymentController, oldRSs: readonly ReplicaSet[], deployment: Deployment): void {
  if (!hasRevisionHistoryLimit(deployment)) return;
  // Avoid deleting replica sets that are already being deleted.
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - deployment.spec.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      specReplicas(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata.deletionTimestamp
    ) {
      continue;
    }
    try {
      dc.client.delete("ReplicaSet", rs.metadata.namespace, rs.metadata.name);
    } catch (e) {
      // Stop at the first failure rather than hammer an overloaded API server.
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }
}

/** mirrors syncDeploymentStatus: writes the status when it changed. */
export function syncDeploymentStatus(dc: DeploymentController, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.now());
  if (deploymentStatusEqual(d.status, newStatus)) return;
  d.status = newStatus;
  dc.client.updateStatus(d);
}

/**
 * mirrors calculateStatus: the counts summed over the ReplicaSets (replicas and updatedReplicas are
 * status.replicas, i.e. pods that exist; unavailable counts against spec.replicas) and the Available
 * condition: at least replicas − maxUnavailable pods available. Zero counts are omitted, as the omitempty
 * fields of apps/v1 DeploymentStatus serialize.
 */
export function calculateStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  deployment: Deployment,
  nowRfc3339: string,
): DeploymentStatus {
  const availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = getReplicaCountForReplicaSets(allRSs);
  // More available than desired (e.g. while scaling down) is not negative unavailability.
  const unavailableReplicas = Math.max(0, totalReplicas - availableReplicas);
  const status: DeploymentStatus = {};
  setIfNonZero(status, "observedGeneration", deployment.metadata.generation ?? 0);
  setIfNonZero(status, "replicas", getActualReplicaCountForReplicaSets(allRSs));
  setIfNonZero(status, "updatedReplicas", getActualReplicaCountForReplicaSets([newRS]));
  setIfNonZero(status, "readyReplicas", getReadyReplicaCountForReplicaSets(allRSs));
  setIfNonZero(status, "availableReplicas", availableReplicas);
  setIfNonZero(status, "unavailableReplicas", unavailableReplicas);
  // Copy conditions one by one so we won't mutate the original object.
  const conditions = deployment.status?.conditions;
  if (conditions?.length) status.conditions = conditions.map((c) => ({ ...c }));
  if (availableReplicas >= specReplicas(deployment) - maxUnavailable(deployment)) {
    const c = newDeploymentCondition("Available", "True", Reasons.MinimumReplicasAvailable, "Deployment has minimum availability.", nowRfc3339);
    setDeploymentCondition(status, c);
  } else {
    const c = newDeploymentCondition("Available", "False", Reasons.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", nowRfc3339);
    setDeploymentCondition(status, c);
  }
  const collisionCount = deployment.status?.collisionCount;
  if (collisionCount !== undefined) status.collisionCount = collisionCount;
  return status;
}

type CountField = "observedGeneration" | "replicas" | "updatedReplicas" | "readyReplicas" | "availableReplicas" | "unavailableReplicas";

function setIfNonZero(status: DeploymentStatus, field: CountField, value: number): void {
  if (value !== 0) status[field] = value;
}

const COUNT_FIELDS: readonly CountField[] = ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"];

/** reflect.DeepEqual of two statuses, where an omitted count is 0 (omitempty). */
export function deploymentStatusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  for (const f of COUNT_FIELDS) if ((a?.[f] ?? 0) !== (b?.[f] ?? 0)) return false;
  if ((a?.terminatingReplicas ?? undefined) !== (b?.terminatingReplicas ?? undefined)) return false;
  if ((a?.collisionCount ?? undefined) !== (b?.collisionCount ?? undefined)) return false;
  return semanticEqual(a?.conditions, b?.conditions);
}
