// PersistentVolumeClaim retention (StatefulSetAutoDeletePVC, GA in v1.32): the owner references a claim must
// carry so the garbage collector deletes it exactly when the policy says so.
//   Retain/Retain (default): no owner ref.   whenDeleted Delete: a controller ref to the set.
//   whenScaled Delete: a controller ref to the pod once its ordinal is scaled away.
// mirrors getPersistentVolumeClaimRetentionPolicy, matchesRef, hasUnexpectedController, hasNonControllerOwner,
// isClaimOwnerUpToDate, updateClaimOwnerRefForSetAndPod, hasOwnerRef, hasStaleOwnerRef and addControllerRef
// (k/k pkg/controller/statefulset/stateful_set_utils.go).
import type { KubeObject, OwnerReference, Pod } from "../../api/types";
import { newControllerRef, type OwnerKind } from "../daemonset/controllerRefManager";
import { controllerKind, podInOrdinalRange, podKind } from "./statefulSetUtils";
import type { PersistentVolumeClaim, PersistentVolumeClaimRetentionPolicyType, StatefulSet } from "./types";

export interface RetentionPolicy {
  whenDeleted: PersistentVolumeClaimRetentionPolicyType;
  whenScaled: PersistentVolumeClaimRetentionPolicyType;
}

// mirrors getPersistentVolumeClaimRetentionPolicy: Retain/Retain unless the set says otherwise.
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): RetentionPolicy {
  const p = set.spec.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted ?? "Retain", whenScaled: p?.whenScaled ?? "Retain" };
}

// mirrors matchesRef: same group/version, kind and name (the UID is checked separately).
function matchesRef(ref: OwnerReference, obj: KubeObject, gvk: OwnerKind): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata.name;
}

// mirrors hasUnexpectedController
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  // Under Retain/Retain another controller managing the claim is no problem.
  if (policy.whenScaled === "Retain" && policy.whenDeleted === "Retain") return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, set, controllerKind)) {
      // A UID mismatch: incorrectly orphaned; leave the claim to the garbage collector.
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, podKind)) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller) return true;
  }
  return false;
}

// mirrors hasNonControllerOwner
function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if ((ref.uid === set.metadata.uid || ref.uid === pod.metadata.uid) && !ref.controller) return true;
  }
  return false;
}

// mirrors hasOwnerRef: any reference to `owner`'s UID.
export function hasOwnerRef(target: KubeObject, owner: KubeObject): boolean {
  for (const ref of target.metadata.ownerReferences ?? []) if (ref.uid === owner.metadata.uid) return true;
  return false;
}

// mirrors hasStaleOwnerRef: a reference to `obj` by name and kind, but with another UID.
export function hasStaleOwnerRef(target: KubeObject, obj: KubeObject, gvk: OwnerKind): boolean {
  for (const ref of target.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, obj, gvk)) return ref.uid !== obj.metadata.uid;
  }
  return false;
}

/** mirrors isClaimOwnerUpToDate: false when the claim's owner refs do not follow the retention policy. */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  // Managed by a previous, presumably deleted, version of the set or pod: do not touch.
  if (hasStaleOwnerRef(claim, set, controllerKind) || hasStaleOwnerRef(claim, pod, podKind)) return true;
  if (hasUnexpectedController(claim, set, pod)) {
    // Clean our refs up if we have any; otherwise never add ours on top of another controller.
    return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  }
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (policy.whenScaled === "Retain" && policy.whenDeleted === "Delete") {
    return hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod);
  }
  if (policy.whenScaled === "Delete" && policy.whenDeleted === "Retain") {
    return !hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  }
  if (policy.whenScaled === "Delete" && policy.whenDeleted === "Delete") {
    // Scaled down: a pod ref and no set ref; otherwise the other way around.
    return scaledDown !== hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  }
  // Retain/Retain (and unknown policies, treated as Retain): no refs of ours.
  return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
}

// mirrors addControllerRef
function addControllerRef(refs: OwnerReference[], owner: KubeObject, gvk: OwnerKind): OwnerReference[] {
  for (const r of refs) if (r.uid === owner.metadata.uid) return refs;
  return [...refs, newControllerRef(owner, gvk)];
}

/** mirrors updateClaimOwnerRefForSetAndPod: rewrites the claim's refs to the policy. Mutates `claim` (a copy). */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): void {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !(matchesRef(r, set, controllerKind) || matchesRef(r, pod, podKind)));
  if (!unexpected) {
    const policy = getPersistentVolumeClaimRetentionPolicy(set);
    const scaledDown = !podInOrdinalRange(pod, set);
    if (policy.whenScaled === "Retain" && policy.whenDeleted === "Delete") {
      refs = addControllerRef(refs, set, controllerKind);
    } else if (policy.whenScaled === "Delete" && policy.whenDeleted === "Retain") {
      if (scaledDown) refs = addControllerRef(refs, pod, podKind);
    } else if (policy.whenScaled === "Delete" && policy.whenDeleted === "Delete") {
      refs = scaledDown ? addControllerRef(refs, pod, podKind) : addControllerRef(refs, set, controllerKind);
    }
  }
  if (refs.length) claim.metadata.ownerReferences = refs;
  else delete claim.metadata.ownerReferences;
}
