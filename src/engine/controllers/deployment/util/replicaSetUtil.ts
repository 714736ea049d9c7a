// ReplicaSet bookkeeping for Deployments: which ReplicaSet is "new" (its template equals the
// Deployment's), which are old, how they sort, and the replica totals the rollout steps are computed from.
// mirrors k/k pkg/controller/deployment/util/deployment_util.go and the ReplicaSet sorts in
// pkg/controller/controller_utils.go
import type { Deployment, PodTemplateSpec, ReplicaSet } from "../../../api/types";
import { parseTime } from "../../../sim/clock";
import { getDesiredReplicasAnnotation, revision } from "./annotations";
import { specReplicas } from "./strategy";

/** apps.DefaultDeploymentUniqueLabelKey */
export const DefaultDeploymentUniqueLabelKey = "pod-template-hash";

function created(rs: ReplicaSet): number {
  const t = parseTime(rs.metadata.creationTimestamp);
  return Number.isNaN(t) ? 0 : t;
}

/** mirrors ReplicaSetsByCreationTimestamp.Less: older first, then by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = created(a);
  const tb = created(b);
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** mirrors ReplicaSetsBySizeOlder: larger first; equal sizes older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : byCreationTimestamp(a, b);
}

/** mirrors ReplicaSetsBySizeNewer: larger first; equal sizes newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : byCreationTimestamp(b, a);
}

/** mirrors ReplicaSetsByRevision: lower revision first; unparsable or equal revisions by creation time. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revision(a);
  const rb = revision(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** mirrors FilterActiveReplicaSets (controller_utils.go): the ReplicaSets with spec.replicas > 0. */
export function filterActiveReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  const out: ReplicaSet[] = [];
  for (const rs of rss) if (rs && specReplicas(rs) > 0) out.push(rs);
  return out;
}

/** mirrors GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export function getActualReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.replicas ?? 0;
  return n;
}

/** mirrors GetReadyReplicaCountForReplicaSets: Σ status.readyReplicas. */
export function getReadyReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.readyReplicas ?? 0;
  return n;
}

/** mirrors GetAvailableReplicaCountForReplicaSets: Σ status.availableReplicas. */
export function getAvailableReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.availableReplicas ?? 0;
  return n;
}

/**
 * apiequality.Semantic.DeepEqual on JSON data: like reflect.DeepEqual, except that a nil and an empty
 * map or slice are equal (the forked reflect in apimachinery third_party/forked/golang/reflect).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) {
    const other = a === undefined || a === null ? b : a;
    return other === undefined || other === null || isEmptyCollection(other);
  }
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], bb[i])) return false;
    return true;
  }
  // An absent member is Go's zero value: compare over the union of keys.
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) if (!semanticEqual(ao[k], bo[k])) return false;
  for (const k in bo) if (!(k in ao) && !semanticEqual(undefined, bo[k])) return false;
  return true;
}

function isEmptyCollection(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object" && v !== null) {
    for (const k in v as Record<string, unknown>) if ((v as Record<string, unknown>)[k] !== undefined) return false;
    return true;
  }
  return false;
}

/** mirrors EqualIgnoreHash: two pod templates are equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(t1: PodTemplateSpec, t2: PodTemplateSpec): boolean {
  const l1 = t1.metadata?.labels;
  const l2 = t2.metadata?.labels;
  if (!labelsEqualIgnoringHash(l1, l2)) return false;
  const m1 = t1.metadata ?? {};
  const m2 = t2.metadata ?? {};
  for (const k in m1) if (k !== "labels" && !semanticEqual((m1 as Record<string, unknown>)[k], (m2 as Record<string, unknown>)[k])) return false;
  for (const k in m2) if (k !== "labels" && !(k in m1) && !semanticEqual(undefined, (m2 as Record<string, unknown>)[k])) return false;
  return semanticEqual(t1.spec, t2.spec);
}

function labelsEqualIgnoringHash(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  let na = 0;
  for (const k in a) {
    if (k === DefaultDeploymentUniqueLabelKey) continue;
    na++;
    if (b?.[k] !== a[k]) return false;
  }
  let nb = 0;
  for (const k in b) if (k !== DefaultDeploymentUniqueLabelKey) nb++;
  return na === nb;
}

/**
 * mirrors FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring the
 * hash label), or undefined. Sorts `rsList` in place, as upstream does.
 */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  rsList.sort(byCreationTimestamp);
  for (const rs of rsList) if (equalIgnoreHash(rs.spec.template, d.spec.template)) return rs;
  return undefined;
}

/**
 * mirrors FindOldReplicaSets: [old ReplicaSets with spec.replicas ≠ 0, all old ReplicaSets].
 */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): [ReplicaSet[], ReplicaSet[]] {
  const requiredRSs: ReplicaSet[] = [];
  const allRSs: ReplicaSet[] = [];
  const newRS = findNewReplicaSet(d, rsList);
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    allRSs.push(rs);
    if (specReplicas(rs) !== 0) requiredRSs.push(rs);
  }
  return [requiredRSs, allRSs];
}

/**
 * mirrors FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined
 * when several are active (they must be scaled proportionally). Sorts `oldRSs` newest first, in place.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  oldRSs.sort((a, b) => byCreationTimestamp(b, a));
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  switch (allRSs.length) {
    case 0:
      return newRS ?? oldRSs[0];
    case 1:
      return allRSs[0];
    default:
      return undefined;
  }
}

/**
 * mirrors IsSaturated: the new ReplicaSet runs the whole Deployment — its size, its desired-replicas
 * annotation and its available pods all equal spec.replicas.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const replicas = specReplicas(d);
  return specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}
