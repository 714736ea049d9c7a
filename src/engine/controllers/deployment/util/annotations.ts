// Revision and replica annotations: the bookkeeping a Deployment keeps on its ReplicaSets so that
// rollouts, rollbacks and proportional scaling can be reasoned about from the objects alone.
// mirrors the annotation half of k/k pkg/controller/deployment/util/deployment_util.go
import type { Deployment, KubeObject, ReplicaSet } from "../../../api/types";
import { maxSurge } from "./strategy";

/** The revision of a Deployment's ReplicaSet, recording its rollout sequence. */
export const RevisionAnnotation = "deployment.kubernetes.io/revision";
/** Earlier revisions of a ReplicaSet that was rolled back to (comma separated). */
export const RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
/** spec.replicas of the Deployment when the ReplicaSet was last scaled: separates scaling from rollout. */
export const DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
/** replicas + maxSurge of the Deployment when the ReplicaSet was last scaled (proportional scaling). */
export const MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
/** The deprecated extensions/v1beta1 rollbackTo field, round-tripped as an annotation. */
export const DeprecatedRollbackTo = "deprecated.deployment.rollback.to";
/** kubectl apply's annotation (v1.LastAppliedConfigAnnotation). */
export const LastAppliedConfigAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

/** The revision-history annotation is capped at 2000 characters (~100 revisions) (sync.go). */
export const maxRevHistoryLengthInChars = 2000;

const annotationsToSkip = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

/** mirrors skipCopyAnnotation */
export function skipCopyAnnotation(key: string): boolean {
  return annotationsToSkip.has(key);
}

/** strconv.ParseInt(s, 10, 64): NaN when `s` is not a plain base-10 integer. */
export function parseInt64(s: string | undefined): number {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return NaN;
  return Number(s);
}

/** mirrors Revision: the revision annotation as a number; 0 when absent, NaN when malformed. */
export function revision(obj: KubeObject | undefined): number {
  const v = obj?.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  return parseInt64(v);
}

/** mirrors MaxRevision: the highest revision among the ReplicaSets (malformed ones are skipped). */
export function maxRevision(allRSs: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  for (const rs of allRSs) {
    const v = revision(rs);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/** mirrors copyDeploymentAnnotationsToReplicaSet; mutates `rs` (a copy owned by the caller). */
export function copyDeploymentAnnotationsToReplicaSet(deployment: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata.annotations ??= {};
  const src = deployment.metadata.annotations ?? {};
  for (const k of Object.keys(src).sort()) {
    const v = src[k]!;
    if (skipCopyAnnotation(k) || rs.metadata.annotations[k] === v) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * mirrors SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision to
 * `newRevision` when it is higher (a rollback to an old ReplicaSet renumbers it and records the old
 * number in revision-history), and, for a ReplicaSet about to be created, sets the replica annotations.
 * Mutates `newRS`; returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  deployment: Deployment,
  newRS: ReplicaSet,
  newRevision: string,
  exists: boolean,
  revHistoryLimitInChars: number,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(deployment, newRS);
  const ann = (newRS.metadata.annotations ??= {});
  const oldRevision = ann[RevisionAnnotation];
  const had = oldRevision !== undefined;
  let oldRevisionInt = parseInt64(oldRevision);
  if (Number.isNaN(oldRevisionInt)) {
    if (oldRevision !== undefined && oldRevision !== "") return false;
    oldRevisionInt = 0;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (Number.isNaN(newRevisionInt)) return false;
  if (oldRevisionInt < newRevisionInt) {
    ann[RevisionAnnotation] = newRevision;
    changed = true;
  }
  if (had && oldRevisionInt < newRevisionInt) {
    const history = ann[RevisionHistoryAnnotation] ?? "";
    let oldRevisions = history.split(",");
    if (oldRevisions[0]!.length === 0) {
      ann[RevisionHistoryAnnotation] = oldRevision;
    } else {
      // Drop the oldest entries until the new one fits in the character budget.
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start]!.length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        ann[RevisionHistoryAnnotation] = oldRevisions.join(",");
      }
    }
  }
  const replicas = deployment.spec.replicas ?? 1;
  if (!exists && setReplicasAnnotations(newRS, replicas, replicas + maxSurge(deployment))) changed = true;
  return changed;
}

/** mirrors SetReplicasAnnotations; mutates `rs`. */
export function setReplicasAnnotations(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  let updated = false;
  const ann = (rs.metadata.annotations ??= {});
  const desired = String(desiredReplicas);
  if (ann[DesiredReplicasAnnotation] !== desired) {
    ann[DesiredReplicasAnnotation] = desired;
    updated = true;
  }
  const max = String(maxReplicas);
  if (ann[MaxReplicasAnnotation] !== max) {
    ann[MaxReplicasAnnotation] = max;
    updated = true;
  }
  return updated;
}

/** mirrors ReplicasAnnotationsNeedUpdate */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const ann = rs.metadata.annotations;
  if (!ann) return true;
  return ann[DesiredReplicasAnnotation] !== String(desiredReplicas) || ann[MaxReplicasAnnotation] !== String(maxReplicas);
}

/**
 * mirrors getNonNegativeInt32FromAnnotation (strconv.ParseUint(v, 10, 32), at most math.MaxInt32):
 * undefined when absent, negative, malformed or out of range.
 */
function getNonNegativeInt32FromAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n > 2147483647 ? undefined : n;
}

/** mirrors GetDesiredReplicasAnnotation */
export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getNonNegativeInt32FromAnnotation(rs, DesiredReplicasAnnotation);
}

/** mirrors getMaxReplicasAnnotation */
export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getNonNegativeInt32FromAnnotation(rs, MaxReplicasAnnotation);
}

/**
 * mirrors SetDeploymentRevision: copies the new ReplicaSet's revision onto the Deployment (the controller
 * persists it with a status update: the Deployment status strategy keeps metadata.annotations).
 */
export function setDeploymentRevision(deployment: Deployment, rev: string | undefined): boolean {
  const ann = (deployment.metadata.annotations ??= {});
  // Go map semantics: a missing key reads as "".
  const value = rev ?? "";
  if ((ann[RevisionAnnotation] ?? "") === value) return false;
  ann[RevisionAnnotation] = value;
  return true;
}
