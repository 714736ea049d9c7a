// The decisions of the scheduler's volume binder: which of a pod's claims are bound, which wait for the
// scheduler (WaitForFirstConsumer) and which should already be bound (Immediate); whether a node suits the
// pod's volumes — bound volumes' node affinity, a free static PV to pre-bind, or a class that can provision
// there — and, in the binding cycle, whether the PV controller and the provisioner have finished.
// mirrors GetPodVolumeClaims, FindPodVolumes, checkBoundClaims, findMatchingVolumes, checkVolumeProvisions,
// isPVCFullyBound and checkBindings (k/k pkg/scheduler/framework/plugins/volumebinding/binder.go).
import type { Node, Pod } from "../../api/types";
import { compareQuantity } from "../../apimachinery/quantity";
import {
  checkNodeAffinity,
  findMatchingVolume,
  getPersistentVolumeClaimClass,
  isDelayBindingMode,
  requestedStorage,
} from "../../controllers/volume/pvHelpers";
import { podClaimNames } from "../../controllers/volume/podPVCIndex";
import { Ann, NotSupportedProvisioner, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from "../../controllers/volume/types";
import type { VolumeBindingCache } from "./volumeBindingCache";

export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = "node(s) had volume node affinity conflict";
export const ErrReasonNotEnoughSpace = "node(s) did not have enough free storage";
export const ErrReasonPVNotExist = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

/** A claim proposed to be pre-bound to a static volume. */
export interface BindingInfo {
  pvc: PersistentVolumeClaim;
  pv: PersistentVolume;
}

/** PodVolumes: what the binding cycle must do for the pod on one node. */
export interface PodVolumes {
  staticBindings: BindingInfo[];
  dynamicProvisions: PersistentVolumeClaim[];
}

export interface PodVolumeClaims {
  boundClaims: PersistentVolumeClaim[];
  unboundClaimsDelayBinding: PersistentVolumeClaim[];
  unboundClaimsImmediate: PersistentVolumeClaim[];
}

/** An error the binder returns (upstream `error`): it becomes an Error status, not a rejection. */
export class BinderError extends Error {}

export const pvcKey = (c: PersistentVolumeClaim): string => `${c.metadata.namespace ?? ""}/${c.metadata.name}`;

// mirrors isPVCFullyBound: a volume name and the PV controller's bind-completed annotation.
export function isPVCFullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.[Ann.bindCompleted] !== undefined;
}

/** GetPodVolumeClaims: the pod's claims by binding state (a pre-bound but unfinished claim counts as Immediate). */
export function getPodVolumeClaims(pod: Pod, cache: VolumeBindingCache): PodVolumeClaims {
  const out: PodVolumeClaims = { boundClaims: [], unboundClaimsDelayBinding: [], unboundClaimsImmediate: [] };
  const ns = pod.metadata.namespace ?? "";
  for (const name of podClaimNames(pod)) {
    const pvc = cache.getPVC(`${ns}/${name}`);
    if (!pvc) throw new BinderError(`error getting PVC "${ns}/${name}": could not find v1.PersistentVolumeClaim "${ns}/${name}"`);
    if (isPVCFullyBound(pvc)) out.boundClaims.push(pvc);
    else if (isDelayBindingMode(pvc, (n) => cache.lookups.storageClass(n) as StorageClass | undefined) && !pvc.spec?.volumeName) out.unboundClaimsDelayBinding.push(pvc);
    else out.unboundClaimsImmediate.push(pvc);
  }
  return out;
}

/** FindPodVolumes: the node's conflict reasons (in upstream's order), or what to bind there. */
export function findPodVolumes(node: Node, claims: PodVolumeClaims, cache: VolumeBindingCache): { podVolumes: PodVolumes; reasons: string[] } {
  const podVolumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  let boundVolumesSatisfied = true;
  let unboundVolumesSatisfied = true;
  const sufficientStorage = true; // CSIStorageCapacity is not modelled: local-path reports no capacity
  let boundPVsFound = true;
  const labels = node.metadata.labels;
  const reasons = (): string[] => {
    const r: string[] = [];
    if (!boundVolumesSatisfied) r.push(ErrReasonNodeConflict);
    if (!unboundVolumesSatisfied) r.push(ErrReasonBindConflict);
    if (!sufficientStorage) r.push(ErrReasonNotEnoughSpace);
    if (!boundPVsFound) r.push(ErrReasonPVNotExist);
    return r;
  };

  // checkBoundClaims: the bound volumes must accept the node.
  for (const pvc of claims.boundClaims) {
    const pv = cache.getPV(pvc.spec.volumeName!);
    if (!pv) {
      boundPVsFound = false;
      return { podVolumes, reasons: reasons() };
    }
    if (!checkNodeAffinity(pv, labels)) {
      boundVolumesSatisfied = false;
      break;
    }
  }

  const toBind = claims.unboundClaimsDelayBinding;
  if (toBind.length > 0) {
    const toProvision: PersistentVolumeClaim[] = [];
    const toMatch: PersistentVolumeClaim[] = [];
    for (const claim of toBind) {
      const selected = claim.metadata.annotations?.[Ann.selectedNode];
      if (selected !== undefined) {
        // Fast path: provisioning already started on another node.
        if (selected !== node.metadata.name) {
          unboundVolumesSatisfied = false;
          return { podVolumes, reasons: reasons() };
        }
        toProvision.push(claim);
      } else {
        toMatch.push(claim);
      }
    }
    if (toMatch.length > 0) {
      const m = findMatchingVolumes(toMatch, labels, cache);
      unboundVolumesSatisfied = m.unbound.length === 0;
      podVolumes.staticBindings = m.bindings;
      toProvision.push(...m.unbound);
    }
    if (toProvision.length > 0) {
      const p = checkVolumeProvisions(toProvision, labels, cache);
      unboundVolumesSatisfied = p.satisfied;
      podVolumes.dynamicProvisions = p.provisions;
    }
  }
  return { podVolumes, reasons: reasons() };
}

/** findMatchingVolumes: smallest claims first, each takes the smallest fitting PV not already chosen. */
function findMatchingVolumes(claims: PersistentVolumeClaim[], labels: Record<string, string> | undefined, cache: VolumeBindingCache): { bindings: BindingInfo[]; unbound: PersistentVolumeClaim[] } {
  const sorted = [...claims].sort((a, b) => compareQuantity(requestedStorage(a), requestedStorage(b)));
  const chosen = new Set<string>();
  const bindings: BindingInfo[] = [];
  const unbound: PersistentVolumeClaim[] = [];
  for (const pvc of sorted) {
    const pv = findMatchingVolume(pvc, cache.listPVs(getPersistentVolumeClaimClass(pvc)), labels ?? {}, chosen, true);
    if (!pv) {
      unbound.push(pvc);
      continue;
    }
    chosen.add(pv.metadata.name);
    bindings.push({ pv, pvc });
  }
  return { bindings, unbound };
}

/** checkVolumeProvisions: the claims' classes can provision on this node (provisioner and allowed topologies). */
function checkVolumeProvisions(claims: PersistentVolumeClaim[], labels: Record<string, string> | undefined, cache: VolumeBindingCache): { satisfied: boolean; provisions: PersistentVolumeClaim[] } {
  const provisions: PersistentVolumeClaim[] = [];
  for (const claim of claims) {
    const className = getPersistentVolumeClaimClass(claim);
    if (className === "") throw new BinderError(`no class for claim "${pvcKey(claim)}"`);
    const sc = cache.lookups.storageClass(className) as StorageClass | undefined;
    if (!sc) throw new BinderError(`failed to find storage class "${className}"`);
    if (!sc.provisioner || sc.provisioner === NotSupportedProvisioner) return { satisfied: false, provisions: [] };
    if (!matchTopologySelectorTerms(sc.allowedTopologies, labels)) return { satisfied: false, provisions: [] };
    provisions.push(claim);
  }
  return { satisfied: true, provisions };
}

// mirrors v1helper.MatchTopologySelectorTerms: no terms match everything; otherwise one term must match.
function matchTopologySelectorTerms(terms: StorageClass["allowedTopologies"], labels: Record<string, string> | undefined): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => labels?.[e.key] !== undefined && e.values.includes(labels[e.key]!)));
}

/**
 * checkBindings: true when every claim the pod's binding cycle touched is fully bound; a BinderError when the
 * binding can no longer succeed (the scheduler retries the pod); false to poll again.
 */
export function checkBindings(pod: Pod, nodeName: string, podVolumes: PodVolumes, cache: VolumeBindingCache): boolean {
  const node = cache.lookups.node?.(nodeName) as Node | undefined;
  if (!node) throw new BinderError(`failed to get node "${nodeName}": node "${nodeName}" not found`);
  if (cache.lookups.pod && !cache.lookups.pod(pod.metadata.namespace ?? "", pod.metadata.name)) {
    throw new BinderError(`pod does not exist any more: pod "${pod.metadata.name}" not found`);
  }
  const rv = (o: { metadata: { resourceVersion: string } }) => Number(o.metadata.resourceVersion) || 0;
  for (const b of podVolumes.staticBindings) {
    const pv = cache.apiPV(b.pv.metadata.name);
    if (!pv) throw new BinderError(`failed to check binding: cannot convert to *v1.PersistentVolume: PV "${b.pv.metadata.name}" not found`);
    const pvc = cache.apiPVC(pvcKey(b.pvc));
    if (!pvc) throw new BinderError(`failed to check binding: PVC "${pvcKey(b.pvc)}" not found`);
    if (rv(b.pv) > rv(pv)) return false; // our write has not come back through the watch yet
    if (!checkNodeAffinity(pv, node.metadata.labels)) throw new BinderError(`pv "${pv.metadata.name}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`);
    if (!pv.spec.claimRef?.uid) throw new BinderError(`ClaimRef got reset for pv "${pv.metadata.name}"`);
    if (!isPVCFullyBound(pvc)) return false;
  }
  for (const claim of podVolumes.dynamicProvisions) {
    const pvc = cache.apiPVC(pvcKey(claim));
    if (!pvc) throw new BinderError(`failed to check provisioning pvc: PVC "${pvcKey(claim)}" not found`);
    if (rv(claim) > rv(pvc)) return false;
    // A provisioner that gives up removes the selected node: the scheduler must try again.
    if (pvc.metadata.annotations?.[Ann.selectedNode] !== nodeName) throw new BinderError(`provisioning failed for PVC "${pvc.metadata.name}"`);
    if (pvc.spec?.volumeName) {
      const pv = cache.apiPV(pvc.spec.volumeName);
      if (!pv) return false; // not seen yet
      if (!checkNodeAffinity(pv, node.metadata.labels)) throw new BinderError(`pv "${pv.metadata.name}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`);
    }
    if (!isPVCFullyBound(pvc)) return false;
  }
  return true;
}
