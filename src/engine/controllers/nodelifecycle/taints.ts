// Taint helpers shared by the node lifecycle, taint eviction and pod GC controllers. Taints are unique
// by key:effect (Taint.MatchTaint), so "exists" and "remove" compare only those two fields, while
// "add or update" compares the whole taint (value and timeAdded too).
// Mirrors pkg/util/taints/taints.go, (*Taint).MatchTaint (api core/v1/taint.go) and the node taint
// writers of pkg/controller/controller_utils.go (AddOrUpdateTaintOnNode, RemoveTaintOffNode).
import type { Node, Taint } from "../../api/types";
import type { ApiClient } from "../../client/apiClient";

/** Well-known taint keys (api core/v1 well_known_taints.go). */
export const TaintKeys = {
  NotReady: "node.kubernetes.io/not-ready",
  Unreachable: "node.kubernetes.io/unreachable",
  Unschedulable: "node.kubernetes.io/unschedulable",
  MemoryPressure: "node.kubernetes.io/memory-pressure",
  DiskPressure: "node.kubernetes.io/disk-pressure",
  NetworkUnavailable: "node.kubernetes.io/network-unavailable",
  PIDPressure: "node.kubernetes.io/pid-pressure",
  OutOfService: "node.kubernetes.io/out-of-service",
} as const;

// mirrors (*Taint).MatchTaint (k8s.io/api core/v1/taint.go)
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

// mirrors TaintExists (pkg/util/taints/taints.go)
export function taintExists(taints: readonly Taint[] | undefined, find: Taint): boolean {
  if (!taints) return false;
  for (const t of taints) if (matchTaint(t, find)) return true;
  return false;
}

// mirrors TaintKeyExists (pkg/util/taints/taints.go)
export function taintKeyExists(taints: readonly Taint[] | undefined, key: string): boolean {
  if (!taints) return false;
  for (const t of taints) if (t.key === key) return true;
  return false;
}

/** Semantic.DeepEqual for taints: every field, with an absent value equal to "". */
function taintEqual(a: Taint, b: Taint): boolean {
  return a.key === b.key && (a.value ?? "") === (b.value ?? "") && a.effect === b.effect && (a.timeAdded ?? "") === (b.timeAdded ?? "");
}

// mirrors AddOrUpdateTaint (pkg/util/taints/taints.go)
/** The taints after adding or replacing `taint`, and whether anything changed. Never mutates `taints`. */
export function addOrUpdateTaint(taints: readonly Taint[] | undefined, taint: Taint): { taints: Taint[]; updated: boolean } {
  const out: Taint[] = [];
  let updated = false;
  for (const t of taints ?? []) {
    if (matchTaint(taint, t)) {
      if (taintEqual(taint, t)) return { taints: [...(taints ?? [])], updated: false };
      out.push({ ...taint });
      updated = true;
      continue;
    }
    out.push(t);
  }
  if (!updated) out.push({ ...taint });
  return { taints: out, updated: true };
}

// mirrors RemoveTaint / DeleteTaint (pkg/util/taints/taints.go)
export function removeTaint(taints: readonly Taint[] | undefined, taint: Taint): { taints: Taint[]; updated: boolean } {
  if (!taints || taints.length === 0 || !taintExists(taints, taint)) return { taints: [...(taints ?? [])], updated: false };
  return { taints: taints.filter((t) => !matchTaint(taint, t)), updated: true };
}

// mirrors TaintSetDiff (pkg/util/taints/taints.go)
/** Taints of `want` missing from `have` (to add) and taints of `have` missing from `want` (to remove). */
export function taintSetDiff(want: readonly Taint[], have: readonly Taint[]): { toAdd: Taint[]; toRemove: Taint[] } {
  const toAdd: Taint[] = [];
  const toRemove: Taint[] = [];
  for (const t of want) if (!taintExists(have, t)) toAdd.push(t);
  for (const t of have) if (!taintExists(want, t)) toRemove.push(t);
  return { toAdd, toRemove };
}

// mirrors AddOrUpdateTaintOnNode (pkg/controller/controller_utils.go)
/**
 * GETs the node (upstream reads the apiserver cache first) and PATCHes spec.taints only when a taint
 * really changes. Throws the ApiError of a failed request.
 */
export function addOrUpdateTaintOnNode(client: ApiClient, nodeName: string, taints: readonly Taint[]): void {
  if (taints.length === 0) return;
  const node = client.get<Node>("Node", undefined, nodeName);
  let current = node.spec?.taints;
  let updated = false;
  for (const t of taints) {
    const r = addOrUpdateTaint(current, t);
    current = r.taints;
    updated = updated || r.updated;
  }
  if (!updated) return;
  patchNodeTaints(client, nodeName, current ?? []);
}

// mirrors RemoveTaintOffNode (pkg/controller/controller_utils.go)
/** Short-circuits on `node` (usually the cached one) before any request, as upstream does. */
export function removeTaintOffNode(client: ApiClient, nodeName: string, node: Node | undefined, taints: readonly Taint[]): void {
  if (taints.length === 0) return;
  if (node && !taints.some((t) => taintExists(node.spec?.taints, t))) return;
  const fresh = client.get<Node>("Node", undefined, nodeName);
  let current = fresh.spec?.taints;
  let updated = false;
  for (const t of taints) {
    const r = removeTaint(current, t);
    current = r.taints;
    updated = updated || r.updated;
  }
  if (!updated) return;
  patchNodeTaints(client, nodeName, current ?? []);
}

// mirrors PatchNodeTaints (pkg/controller/controller_utils.go): spec.taints is replaced as a whole.
function patchNodeTaints(client: ApiClient, nodeName: string, taints: Taint[]): void {
  client.patch<Node>("Node", undefined, nodeName, (n) => {
    n.spec = { ...(n.spec ?? {}) };
    if (taints.length > 0) n.spec.taints = taints;
    else delete n.spec.taints;
  });
}
