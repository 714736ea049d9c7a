// Ownership bookkeeping shared by the DaemonSet and StatefulSet controllers: an owner keeps the objects it
// controls whose labels still match, releases the ones that stopped matching, and adopts matching orphans.
// mirrors BaseControllerRefManager.ClaimObject, PodControllerRefManager.ClaimPods and
// ControllerRevisionControllerRefManager.ClaimControllerRevisions (k/k pkg/controller/controller_ref_manager.go)
// and RecheckDeletionTimestamp (pkg/controller/controller_utils.go).
import type { KubeObject, OwnerReference } from "../../api/types";
import { controllerRefOf } from "../../api/podutil";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";

/** A GroupVersionKind as metav1.NewControllerRef takes it. */
export interface OwnerKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** mirrors metav1.NewControllerRef: field order is the Go struct's (what `-o yaml` prints). */
export function newControllerRef(owner: KubeObject, gvk: OwnerKind): OwnerReference {
  return { apiVersion: gvk.apiVersion, kind: gvk.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/**
 * An informer index over claimable objects: the controller's UID, or `orphan/<namespace>` for objects without
 * a controller. A claim only keeps/releases objects the owner controls and adopts orphans (objects controlled
 * by anyone else are skipped), so reading these two buckets equals upstream's list of the whole namespace.
 */
export const CLAIMABLE_INDEX = "kubelab/claimable";

export function claimableIndexFunc(o: KubeObject): string[] {
  const ref = controllerRefOf(o);
  return [ref ? ref.uid : `orphan/${o.metadata.namespace ?? ""}`];
}

export interface ClaimOptions<T extends KubeObject> {
  client: ApiClient;
  owner: KubeObject;
  ownerKind: OwnerKind;
  /** "Pod" or "ControllerRevision": the kind patched on adoption and release. */
  kind: string;
  /** The selector (and any filters): the claim keeps or adopts only objects it accepts. */
  match: (obj: T) => boolean;
  /** Called once, before the first adoption; throws when the owner may not adopt (being deleted, replaced). */
  canAdopt: () => void;
}

/**
 * mirrors ClaimObject over a list: returns the objects the owner now controls. Errors from single adoptions
 * or releases are collected and thrown together once every object was looked at (utilerrors.NewAggregate).
 */
export function claimObjects<T extends KubeObject>(objects: readonly T[], opts: ClaimOptions<T>): T[] {
  const claimed: T[] = [];
  const errs: Error[] = [];
  const uid = opts.owner.metadata.uid;
  const ownerDeleting = !!opts.owner.metadata.deletionTimestamp;
  let adoptChecked = false;
  let adoptErr: Error | undefined;
  for (const obj of objects) {
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== uid) continue; // someone else's
      if (opts.match(obj)) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue; // a deleting owner neither releases nor adopts
      try {
        release(opts, obj);
      } catch (e) {
        errs.push(e as Error);
      }
      continue;
    }
    // An orphan: adopt it when it matches, unless the owner or the orphan is being deleted.
    if (ownerDeleting || !opts.match(obj) || obj.metadata.deletionTimestamp) continue;
    if (obj.metadata.namespace !== opts.owner.metadata.namespace) continue;
    if (!adoptChecked) {
      adoptChecked = true;
      try {
        opts.canAdopt();
      } catch (e) {
        adoptErr = e as Error;
      }
    }
    if (adoptErr) {
      errs.push(new Error(`can't adopt ${opts.kind} ${obj.metadata.namespace}/${obj.metadata.name} (${obj.metadata.uid}): ${adoptErr.message}`));
      continue;
    }
    try {
      const adopted = adopt(opts, obj);
      if (adopted) claimed.push(adopted);
    } catch (e) {
      errs.push(e as Error);
    }
  }
  if (errs.length === 1) throw errs[0];
  if (errs.length > 1) throw new Error(`[${errs.map((e) => e.message).join(", ")}]`);
  return claimed;
}

/** AdoptPod / AdoptControllerRevision: a patch adding the controller ref, with the object's UID as precondition. */
function adopt<T extends KubeObject>(opts: ClaimOptions<T>, obj: T): T | undefined {
  try {
    return opts.client.patch<T>(opts.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
      if (o.metadata.uid !== obj.metadata.uid) {
        throw new ApiError(409, "Conflict", `Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${o.metadata.uid}`);
      }
      if (controllerRefOf(o)) {
        throw new ApiError(422, "Invalid", `${opts.kind} "${o.metadata.name}" is invalid: metadata.ownerReferences: Invalid value: "": Only one reference can have Controller set to true`);
      }
      o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), newControllerRef(opts.owner, opts.ownerKind)];
    });
  } catch (e) {
    // The object vanished meanwhile: it is simply not ours.
    if (e instanceof ApiError && e.code === 404) return undefined;
    throw e;
  }
}

/** ReleasePod / ReleaseControllerRevision: a patch deleting the owner's reference; gone or invalid is fine. */
function release<T extends KubeObject>(opts: ClaimOptions<T>, obj: T): void {
  const uid = opts.owner.metadata.uid;
  try {
    opts.client.patch<T>(opts.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (refs.length) o.metadata.ownerReferences = refs;
      else delete o.metadata.ownerReferences;
    });
  } catch (e) {
    if (e instanceof ApiError && (e.code === 404 || e.code === 422)) return;
    throw e;
  }
}

/**
 * mirrors RecheckDeletionTimestamp around a fresh (uncached) GET of the owner: an owner that is being deleted,
 * or was replaced by a new object of the same name, must not adopt.
 */
export function recheckDeletionTimestamp(client: ApiClient, owner: KubeObject): () => void {
  return () => {
    let fresh: KubeObject;
    try {
      fresh = client.get<KubeObject>(owner.kind, owner.metadata.namespace, owner.metadata.name);
    } catch (e) {
      throw new Error(`can't recheck DeletionTimestamp: ${(e as Error).message}`);
    }
    if (fresh.metadata.uid !== owner.metadata.uid) {
      const ns = owner.metadata.namespace ?? "";
      throw new Error(`can't recheck DeletionTimestamp: original ${owner.kind} ${ns}/${owner.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${owner.metadata.uid}`);
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new Error(`${fresh.metadata.namespace ?? ""}/${fresh.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}
