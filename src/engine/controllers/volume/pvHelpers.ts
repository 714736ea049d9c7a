// Helpers shared by the PV controller and the scheduler's VolumeBinding plugin: which class a claim asks
// for, whether a volume is bound to a claim, whether it satisfies it, and the smallest volume that fits.
// mirrors k8s.io/component-helpers/storage/volume (pv_helpers.go, helpers.go) and
// k/k pkg/apis/core/v1/helper (GetPersistentVolume[Claim]Class, GetAccessModesAsString).
import type { Node, ObjectReference } from "../../api/types";
import { labelSelectorAsSelector } from "../../apimachinery/labels";
import { compareQuantity, parseQuantity, type Quantity } from "../../apimachinery/quantity";
import { NodeSelectorMatcher } from "../../scheduler/framework/nodeSelector";
import { deepCopy } from "../../sim/clone";
import { Ann, type PersistentVolume, type PersistentVolumeAccessMode, type PersistentVolumeClaim, type StorageClass } from "./types";

const ZERO: Quantity = { unscaled: 0n, scale: 0, format: "DecimalSI" };

/** resources["storage"] as a Quantity; a missing or malformed value counts as zero (validation rejects it upstream). */
export function storageQuantity(list: Record<string, string> | undefined): Quantity {
  const s = list?.storage;
  if (s === undefined) return ZERO;
  try {
    return parseQuantity(s);
  } catch {
    return ZERO;
  }
}

/** claim.spec.resources.requests.storage */
export function requestedStorage(claim: PersistentVolumeClaim): Quantity {
  return storageQuantity(claim.spec?.resources?.requests);
}

/** volume.spec.capacity.storage */
export function volumeCapacity(volume: PersistentVolume): Quantity {
  return storageQuantity(volume.spec?.capacity);
}

// mirrors GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName.
export function getPersistentVolumeClaimClass(claim: PersistentVolumeClaim): string {
  const beta = claim.metadata.annotations?.[Ann.betaStorageClass];
  if (beta !== undefined) return beta;
  return claim.spec?.storageClassName ?? "";
}

// mirrors GetPersistentVolumeClass
export function getPersistentVolumeClass(volume: PersistentVolume): string {
  const beta = volume.metadata.annotations?.[Ann.betaStorageClass];
  if (beta !== undefined) return beta;
  return volume.spec?.storageClassName ?? "";
}

// mirrors PersistentVolumeClaimHasClass: an explicit "" is a class too (it means "no class").
export function persistentVolumeClaimHasClass(claim: PersistentVolumeClaim): boolean {
  if (claim.metadata.annotations?.[Ann.betaStorageClass] !== undefined) return true;
  return claim.spec?.storageClassName !== undefined && claim.spec.storageClassName !== null;
}

// mirrors IsDefaultAnnotation (k8s.io/component-helpers/storage/volume/helpers.go)
export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[Ann.isDefaultClass] === "true" || a[Ann.betaIsDefaultClass] === "true";
}

/**
 * mirrors GetDefaultClass (k/k pkg/volume/util/storageclass.go): among the classes marked default, the
 * newest wins; equal creation times fall back to the name.
 */
export function getDefaultClass(classes: Iterable<StorageClass>): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const sc of classes) {
    if (!isDefaultClass(sc)) continue;
    if (!best) {
      best = sc;
      continue;
    }
    const a = Date.parse(sc.metadata.creationTimestamp);
    const b = Date.parse(best.metadata.creationTimestamp);
    if (a > b || (a === b && sc.metadata.name < best.metadata.name)) best = sc;
  }
  return best;
}

// mirrors IsDelayBindingMode: a class that does not exist (or no class) binds immediately.
export function isDelayBindingMode(claim: PersistentVolumeClaim, classOf: (name: string) => StorageClass | undefined): boolean {
  const name = getPersistentVolumeClaimClass(claim);
  if (name === "") return false;
  return classOf(name)?.volumeBindingMode === "WaitForFirstConsumer";
}

// mirrors IsDelayBindingProvisioning: the scheduler asked for provisioning on a node.
export function isDelayBindingProvisioning(claim: PersistentVolumeClaim): boolean {
  return claim.metadata.annotations?.[Ann.selectedNode] !== undefined;
}

// mirrors IsVolumeBoundToClaim: name and namespace match, and the uid too when the ref carries one.
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (claim.metadata.name !== ref.name || claim.metadata.namespace !== ref.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** reference.GetReference for a claim, in ObjectReference's field order (what `-o yaml` prints). */
export function claimReference(claim: PersistentVolumeClaim): ObjectReference {
  return {
    kind: "PersistentVolumeClaim",
    namespace: claim.metadata.namespace,
    name: claim.metadata.name,
    uid: claim.metadata.uid,
    apiVersion: "v1",
    resourceVersion: claim.metadata.resourceVersion,
  };
}

/**
 * mirrors GetBindVolumeToClaim: a copy of `volume` bound to `claim` (claimRef, and bound-by-controller when
 * the binding is the controller's idea), and whether anything changed.
 */
export function getBindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): { volume: PersistentVolume; dirty: boolean } {
  let dirty = false;
  const shouldSetBoundByController = !isVolumeBoundToClaim(volume, claim);
  const clone = deepCopy(volume);
  const ref = volume.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid) {
    clone.spec = { ...clone.spec, claimRef: claimReference(claim) };
    dirty = true;
  }
  if (shouldSetBoundByController && clone.metadata.annotations?.[Ann.boundByController] === undefined) {
    clone.metadata.annotations = { ...(clone.metadata.annotations ?? {}), [Ann.boundByController]: "yes" };
    dirty = true;
  }
  return { volume: clone, dirty };
}

// mirrors CheckVolumeModeMismatches: an unset mode is Filesystem.
export function checkVolumeModeMismatches(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? "Filesystem") !== (volume.spec?.volumeMode ?? "Filesystem");
}

// mirrors CheckAccessModes: the volume offers every mode the claim asks for.
export function checkAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const offered = volume.spec?.accessModes ?? [];
  return (claim.spec?.accessModes ?? []).every((m) => offered.includes(m));
}

/**
 * mirrors CheckNodeAffinity: a volume without node affinity fits every node; otherwise one of its required
 * terms must match the node's labels (matchFields cannot match: the node is known by its labels only).
 */
export function checkNodeAffinity(volume: PersistentVolume, nodeLabels: Record<string, string> | undefined): boolean {
  const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!volume.spec?.nodeAffinity?.required) return true;
  const node = { metadata: { name: "", labels: nodeLabels ?? {} } } as unknown as Node;
  return new NodeSelectorMatcher(terms ?? []).match(node);
}

/** checkVolumeSatisfyClaim's reasons (pv_controller.go), for a claim that names its volume. */
export function checkVolumeSatisfyClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (volume.metadata.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (compareQuantity(volumeCapacity(volume), requestedStorage(claim)) < 0) return "requested PV is too small";
  if (getPersistentVolumeClass(volume) !== getPersistentVolumeClaimClass(claim)) return "storageClassName does not match";
  if (checkVolumeModeMismatches(claim, volume)) return "incompatible volumeMode";
  if (!checkAccessModes(claim, volume)) return "incompatible accessMode";
  return undefined;
}

/**
 * mirrors FindMatchingVolume: a volume pre-bound to the claim wins outright; otherwise the smallest
 * Available volume of the claim's class, selector and (scheduler path: `nodeLabels` given) node affinity and
 * access modes. `delayBinding` (PV controller path only) leaves unbound volumes to the scheduler.
 * Volumes are examined in the given order; on equal sizes the first wins.
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  nodeLabels: Record<string, string> | undefined | null,
  excluded: ReadonlySet<string> | undefined,
  delayBinding: boolean,
): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const requestedClass = getPersistentVolumeClaimClass(claim);
  const selector = claim.spec?.selector ? labelSelectorAsSelector(claim.spec.selector) : undefined;
  const schedulerPath = nodeLabels !== null;
  let smallest: PersistentVolume | undefined;
  let smallestQty: Quantity | undefined;
  for (const volume of volumes) {
    if (excluded?.has(volume.metadata.name)) continue;
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const qty = volumeCapacity(volume);
    if (compareQuantity(qty, requested) < 0) continue;
    if (checkVolumeModeMismatches(claim, volume)) continue;
    if (volume.metadata.deletionTimestamp) continue;
    const nodeAffinityValid = !schedulerPath || checkNodeAffinity(volume, nodeLabels ?? undefined);
    if (isVolumeBoundToClaim(volume, claim)) return nodeAffinityValid ? volume : undefined;
    if (!schedulerPath && delayBinding) continue;
    if (volume.status?.phase !== "Available") continue;
    if (selector && !selector.matches(volume.metadata.labels)) continue;
    if (getPersistentVolumeClass(volume) !== requestedClass) continue;
    if (!nodeAffinityValid) continue;
    if (schedulerPath && !checkAccessModes(claim, volume)) continue;
    if (!smallest || compareQuantity(smallestQty!, qty) > 0) {
      smallest = volume;
      smallestQty = qty;
    }
  }
  return smallest;
}

const ACCESS_MODE_ORDER: readonly [PersistentVolumeAccessMode, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

// mirrors GetAccessModesAsString: RWO, ROX, RWX, RWOP order, duplicates dropped.
export function accessModesKey(modes: readonly PersistentVolumeAccessMode[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODE_ORDER.filter(([m]) => set.has(m)).map(([, s]) => s).join(",");
}
