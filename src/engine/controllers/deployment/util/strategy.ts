// Rollout arithmetic: how far a RollingUpdate may surge above and dip below the desired replicas, how big
// the new ReplicaSet may grow in one step, and how a scaling event is shared among ReplicaSets.
// mirrors the strategy half of k/k pkg/controller/deployment/util/deployment_util.go
import type { Deployment, ReplicaSet } from "../../../api/types";
import { getScaledValueFromIntOrPercent, type IntOrString } from "../../../apimachinery/intstr";
import { getMaxReplicasAnnotation } from "./annotations";

/**
 * The API server defaults strategy.type to RollingUpdate and both limits to 25% (api apps/v1 defaults),
 * so the controller only ever reads defaulted objects. Should one slip through undefaulted, it is read
 * as the defaulted object would be (ResolveFenceposts itself keeps upstream's nil → 0).
 */
const DEFAULT_MAX_SURGE: IntOrString = "25%";
const DEFAULT_MAX_UNAVAILABLE: IntOrString = "25%";

export function strategyType(d: Deployment): string {
  return d.spec.strategy?.type ?? "RollingUpdate";
}

/** spec.replicas with the API default (1). */
export function specReplicas(obj: Deployment | ReplicaSet): number {
  return obj.spec.replicas ?? 1;
}

/** mirrors IsRollingUpdate */
export function isRollingUpdate(d: Deployment): boolean {
  return strategyType(d) === "RollingUpdate";
}

/**
 * mirrors ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and if both resolve to 0
 * maxUnavailable becomes 1 (surge might not work due to quota). Throws on a malformed IntOrString.
 */
export function resolveFenceposts(
  maxSurgeValue: IntOrString | undefined,
  maxUnavailableValue: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getScaledValueFromIntOrPercent(maxSurgeValue ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailableValue ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge ?? DEFAULT_MAX_SURGE, ru?.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, specReplicas(d));
  } catch {
    // "Error caught by validation": a malformed value never reaches a stored Deployment.
    return { surge: 0, unavailable: 0 };
  }
}

/** mirrors MaxUnavailable: capped at spec.replicas; 0 for Recreate or 0 replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

/** mirrors MinAvailable */
export function minAvailable(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return specReplicas(d) - maxUnavailable(d);
}

/** mirrors MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return fenceposts(d).surge;
}

/**
 * mirrors NewRSNewReplicas: the size the new ReplicaSet may have now. RollingUpdate: grow by what the
 * surge budget leaves (replicas + maxSurge − Σ spec.replicas), never past spec.replicas. Recreate: all.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = specReplicas(d);
  const newReplicas = specReplicas(newRS);
  switch (strategyType(d)) {
    case "RollingUpdate": {
      const ru = d.spec.strategy?.rollingUpdate;
      const surge = getScaledValueFromIntOrPercent(ru?.maxSurge ?? DEFAULT_MAX_SURGE, replicas, true);
      const currentPodCount = getReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = replicas + surge;
      if (currentPodCount >= maxTotalPods) return newReplicas;
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - newReplicas);
      return newReplicas + scaleUpCount;
    }
    case "Recreate":
      return replicas;
    default:
      throw new Error(`deployment type ${strategyType(d)} isn't supported`);
  }
}

/** mirrors GetReplicaCountForReplicaSets: Σ spec.replicas. */
export function getReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += specReplicas(rs);
  return n;
}

/** integer.RoundToInt32: rounds half away from zero. */
function roundToInt32(a: number): number {
  return a < 0 ? Math.trunc(a - 0.5) : Math.trunc(a + 0.5);
}

/**
 * mirrors GetProportion: this ReplicaSet's share of `deploymentReplicasToAdd` (negative when scaling
 * down), bounded so that the running total never exceeds what is to be added.
 */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, deploymentReplicasToAdd: number, deploymentReplicasAdded: number): number {
  if (!rs || specReplicas(rs) === 0 || deploymentReplicasToAdd === 0 || deploymentReplicasToAdd === deploymentReplicasAdded) return 0;
  const rsFraction = getReplicaSetFraction(rs, d);
  const allowed = deploymentReplicasToAdd - deploymentReplicasAdded;
  return deploymentReplicasToAdd > 0 ? Math.min(rsFraction, allowed) : Math.max(rsFraction, allowed);
}

/**
 * mirrors getReplicaSetFraction: rs.spec.replicas × (replicas + maxSurge) / max-replicas annotation,
 * rounded, minus the current size. Without the annotation (or 0), the Deployment's status.replicas stands in.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const rsReplicas = specReplicas(rs);
  if (specReplicas(d) === 0) return -rsReplicas;
  const deploymentReplicas = specReplicas(d) + maxSurge(d);
  let maxReplicasBeforeScale = getMaxReplicasAnnotation(rs);
  if (!maxReplicasBeforeScale) {
    // Annotation missing or 0 (edited by a third party, or an RS from an old release): fall back to the
    // Deployment's current size; with no replicas either, do not scale this ReplicaSet.
    maxReplicasBeforeScale = d.status?.replicas ?? 0;
    if (maxReplicasBeforeScale === 0) return 0;
  }
  return roundToInt32((rsReplicas * deploymentReplicas) / maxReplicasBeforeScale) - rsReplicas;
}
