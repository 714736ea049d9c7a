// ReplicaSet ownership for Deployments, as ControllerRefManager does it: a Deployment keeps the
// ReplicaSets it controls whose labels still match its selector, adopts matching orphans (adding a
// controller ownerReference) and releases ReplicaSets it controls that no longer match.
// mirrors BaseControllerRefManager.ClaimObject and ReplicaSetControllerRefManager (k/k
// pkg/controller/controller_ref_manager.go)
import type { Deployment, KubeObject, OwnerReference, ReplicaSet } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import { deepCopy } from "../../sim/clone";

/** The selector view the claim needs (apimachinery labels.Selector). */
export interface LabelMatcher {
  matches(labels: Record<string, string> | undefined): boolean;
}

/** controllerKind: apps/v1 Deployment. */
export const controllerKind = { apiVersion: "apps/v1", kind: "Deployment" } as const;

/** mirrors metav1.GetControllerOf: the ownerReference with controller=true, if any. */
export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller === true) return r;
  return undefined;
}

/** mirrors metav1.NewControllerRef(d, controllerKind). Field order is the Go struct's (JSON output). */
export function newControllerRef(d: Deployment): OwnerReference {
  return {
    apiVersion: controllerKind.apiVersion,
    kind: controllerKind.kind,
    name: d.metadata.name,
    uid: d.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * mirrors ReplicaSetControllerRefManager.ClaimReplicaSets. `canAdopt` is called at most once, before the
 * first adoption (upstream's RecheckDeletionTimestamp behind a sync.Once). Errors from individual claims
 * are collected and thrown together after every ReplicaSet was looked at, like utilerrors.NewAggregate.
 */
export function claimReplicaSets(
  client: ApiClient,
  controller: Deployment,
  selector: LabelMatcher,
  canAdopt: () => void,
  sets: readonly ReplicaSet[],
): ReplicaSet[] {
  const claimed: ReplicaSet[] = [];
  const errs: unknown[] = [];
  let adoptChecked: unknown = undefined;
  let adoptCheckDone = false;
  const checkCanAdopt = (): void => {
    if (!adoptCheckDone) {
      adoptCheckDone = true;
      try {
        canAdopt();
      } catch (e) {
        adoptChecked = e;
      }
    }
    if (adoptChecked !== undefined) throw adoptChecked;
  };
  for (const rs of sets) {
    try {
      if (claimObject(client, controller, rs, selector, checkCanAdopt)) claimed.push(rs);
    } catch (e) {
      errs.push(e);
    }
  }
  if (errs.length === 1) throw errs[0];
  if (errs.length > 1) throw new Error(`[${errs.map((e) => (e as Error).message).join(", ")}]`);
  return claimed;
}

/** mirrors BaseControllerRefManager.ClaimObject */
function claimObject(client: ApiClient, controller: Deployment, rs: ReplicaSet, selector: LabelMatcher, checkCanAdopt: () => void): boolean {
  const controllerRef = getControllerOf(rs);
  if (controllerRef) {
    if (controllerRef.uid !== controller.metadata.uid) return false; // owned by someone else
    if (selector.matches(rs.metadata.labels)) return true;
    // Ours, but the selector no longer matches: release it, unless we are being deleted.
    if (controller.metadata.deletionTimestamp) return false;
    releaseReplicaSet(client, controller, rs);
    return false;
  }
  // An orphan.
  if (controller.metadata.deletionTimestamp || !selector.matches(rs.metadata.labels)) return false;
  if (rs.metadata.deletionTimestamp) return false;
  if (controller.metadata.namespace && controller.metadata.namespace !== rs.metadata.namespace) return false;
  try {
    adoptReplicaSet(client, controller, rs, checkCanAdopt);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) return false;
    throw e;
  }
  return true;
}

/**
 * mirrors AdoptReplicaSet. Upstream sends a strategic-merge PATCH adding the controllerRef; the simulated
 * API server has no PATCH, so this is an UPDATE of the cached copy (a stale cache means a 409 and a retry).
 */
function adoptReplicaSet(client: ApiClient, controller: Deployment, rs: ReplicaSet, checkCanAdopt: () => void): void {
  try {
    checkCanAdopt();
  } catch (e) {
    throw new Error(`can't adopt ReplicaSet ${rs.metadata.namespace}/${rs.metadata.name} (${rs.metadata.uid}): ${(e as Error).message}`);
  }
  const copy = deepCopy(rs);
  copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), newControllerRef(controller)];
  client.update(copy);
}

/** mirrors ReleaseReplicaSet: drops our ownerReference; NotFound and Invalid are ignored. */
function releaseReplicaSet(client: ApiClient, controller: Deployment, rs: ReplicaSet): void {
  const copy = deepCopy(rs);
  copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== controller.metadata.uid);
  if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
  try {
    client.update(copy);
  } catch (e) {
    if (e instanceof ApiError && (e.code === 404 || e.reason === "Invalid")) return;
    throw e;
  }
}

/**
 * mirrors controller.RecheckDeletionTimestamp around the Deployment GET in getReplicaSetsForDeployment:
 * an uncached read that refuses adoption by a Deployment that is gone or being deleted.
 */
export function recheckDeletionTimestamp(client: ApiClient, d: Deployment): () => void {
  return () => {
    let fresh: Deployment;
    try {
      fresh = client.get<Deployment>("Deployment", d.metadata.namespace, d.metadata.name);
    } catch (e) {
      throw new Error(`can't recheck DeletionTimestamp: ${(e as Error).message}`);
    }
    if (fresh.metadata.uid !== d.metadata.uid) {
      throw new Error(
        `can't recheck DeletionTimestamp: original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${d.metadata.uid}`,
      );
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new Error(`${fresh.metadata.namespace}/${fresh.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}
