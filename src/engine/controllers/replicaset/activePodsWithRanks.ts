// Which pods a ReplicaSet deletes first when it scales down: a port of ActivePodsWithRanks.Less and
// getPodsRankedByRelatedPodsOnSameNode (pkg/controller/controller_utils.go, replica_set.go). The rules,
// in order: unassigned first; Pending < Unknown < Running; not-ready first; lower
// controller.kubernetes.io/pod-deletion-cost first; pods doubled up on a node first; more recently ready
// first; more restarts first; newer first. Rules 6 and 8 compare log2 buckets of age
// (LogarithmicScaleDown, GA) and break equal buckets by lower UID.
import type { Pod } from "../../api/types";
import { getPodCondition, isPodReady } from "../../api/podutil";

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export const POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(pod: Pod): number {
  let m = 0;
  for (const c of pod.status?.containerStatuses ?? []) m = Math.max(m, c.restartCount);
  return m;
}

/** logarithmicRankDiff: floor(log2(ns since t1)) − floor(log2(ns since t2)); −1 for "not yet". */
function logRankDiff(t1: number, t2: number, nowMs: number): number {
  const d1 = (nowMs - t1) * 1e6;
  const d2 = (nowMs - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** Compares by age with upstream's logarithmic buckets; negative = `a` goes first (is newer). */
function compareAge(ta: number, tb: number, a: Pod, b: Pod, nowMs: number): number {
  if (ta === tb) return 0;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) ? -1 : 1; // afterOrZero: zero first
  const diff = logRankDiff(ta, tb, nowMs);
  if (diff === 0) return a.metadata.uid < b.metadata.uid ? -1 : a.metadata.uid > b.metadata.uid ? 1 : 0;
  return diff < 0 ? -1 : 1;
}

function readyTime(pod: Pod): number {
  const t = getPodCondition(pod, "Ready")?.lastTransitionTime;
  return t ? Date.parse(t) : NaN;
}

/** Sorts `pods` in place so that the first ones are the ones to delete. `rank[i]` belongs to pods[i]. */
export function sortPodsForDeletion(pods: Pod[], rank: Map<Pod, number>, nowAbsMs: number): Pod[] {
  // Pre-sort by namespace/name so ties the upstream comparator leaves open are broken deterministically.
  pods.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  return pods.sort((a, b) => lessCompare(a, b, rank.get(a) ?? 0, rank.get(b) ?? 0, nowAbsMs));
}

function lessCompare(a: Pod, b: Pod, ra: number, rb: number, now: number): number {
  const na = a.spec.nodeName ?? "";
  const nb = b.spec.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "" ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ""] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ""] ?? 0;
  if (pa !== pb) return pa - pb;
  const ready_a = isPodReady(a);
  const ready_b = isPodReady(b);
  if (ready_a !== ready_b) return ready_a ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (ra !== rb) return rb - ra; // more related pods on the same node goes first
  if (ready_a && ready_b) {
    const c = compareAge(readyTime(a), readyTime(b), a, b, now);
    if (c !== 0) return c;
  }
  const rsa = maxRestarts(a);
  const rsb = maxRestarts(b);
  if (rsa !== rsb) return rsb - rsa;
  return compareAge(Date.parse(a.metadata.creationTimestamp), Date.parse(b.metadata.creationTimestamp), a, b, now);
}

/** Ranks each pod by how many related active pods share its node (getPodsRankedByRelatedPodsOnSameNode). */
export function rankByRelatedPodsOnSameNode(pods: Pod[], related: Pod[]): Map<Pod, number> {
  const onNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec.nodeName;
    if (n) onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const rank = new Map<Pod, number>();
  for (const p of pods) rank.set(p, onNode.get(p.spec.nodeName ?? "") ?? 0);
  return rank;
}
