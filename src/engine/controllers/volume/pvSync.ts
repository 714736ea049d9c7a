// The PersistentVolume controller's decisions: what to do with a claim (bind it to the best volume, wait for
// the scheduler, ask a provisioner, or report it Lost) and with a volume (Available, Bound, Released and
// reclaimed by its policy). The binding is two-step — PV.spec.claimRef first, then PVC.spec.volumeName — and
// every step is re-checked on the next sync, so any interrupted binding finishes later.
// mirrors syncClaim, syncUnboundClaim, syncBoundClaim, syncVolume, bind, unbindVolume, reclaimVolume,
// deleteVolumeOperation, provisionClaim(OperationExternal), updateClaimStatus(WithEvent),
// updateVolumePhase(WithEvent), assignDefaultStorageClass, emitEventForUnboundDelayBindingClaim
// (k/k pkg/controller/volume/persistentvolume/pv_controller.go) and setClaimProvisioner
// (pv_controller_base.go). Event reasons are pkg/controller/volume/events.
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { deepCopy } from "../../sim/clone";
import {
  checkVolumeModeMismatches,
  checkVolumeSatisfyClaim,
  getBindVolumeToClaim,
  getDefaultClass,
  getPersistentVolumeClaimClass,
  isDelayBindingMode,
  isDelayBindingProvisioning,
  isVolumeBoundToClaim,
  persistentVolumeClaimHasClass,
  storageQuantity,
  volumeCapacity,
} from "./pvHelpers";
import type { PersistentVolumeOrderedIndex } from "./pvIndex";
import { Ann, type PersistentVolume, type PersistentVolumeClaim, type PersistentVolumeClaimPhase, type PersistentVolumePhase, type StorageClass } from "./types";
import { compareQuantity } from "../../apimachinery/quantity";

/** What the sync logic needs from the controller around it (caches, listers, queue). */
export interface PVSyncHost {
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly volumes: PersistentVolumeOrderedIndex;
  /** The controller's claim cache, "namespace/name" → newest known version. */
  readonly claims: Map<string, PersistentVolumeClaim>;
  storageClass(name: string): StorageClass | undefined;
  storageClasses(): StorageClass[];
  /** The claim as the informer has it (claimLister). */
  listedClaim(key: string): PersistentVolumeClaim | undefined;
  /** Pods that reference the claim "namespace/name" (the pod-pvc index). */
  podsForClaim(key: string): Pod[];
  enqueueClaim(key: string): void;
}

export const claimKey = (c: { metadata: { namespace?: string; name: string } }): string => `${c.metadata.namespace ?? ""}/${c.metadata.name}`;
const claimRefKey = (v: PersistentVolume): string => `${v.spec.claimRef?.namespace ?? ""}/${v.spec.claimRef?.name ?? ""}`;

/** A failed sync the controller only logs (upstream: an error returned to updateClaim/updateVolume). */
export class PVSyncError extends Error {}

const isTerminated = (p: Pod): boolean => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";

export class PVSync {
  constructor(private readonly h: PVSyncHost) {}

  // ---- claims ----

  syncClaim(claim: PersistentVolumeClaim): void {
    if (claim.metadata.annotations?.[Ann.bindCompleted] === undefined) this.syncUnboundClaim(claim);
    else this.syncBoundClaim(claim);
  }

  private syncUnboundClaim(claim: PersistentVolumeClaim): void {
    const h = this.h;
    if (!claim.spec?.volumeName) {
      const delayBinding = isDelayBindingMode(claim, (n) => h.storageClass(n));
      const volume = h.volumes.findBestMatchForClaim(claim, delayBinding);
      if (volume) {
        this.bind(volume, claim);
        return;
      }
      // No volume: retroactively give a class-less claim the default class, and start over.
      if (this.assignDefaultStorageClass(claim)) return;
      if (delayBinding && !isDelayBindingProvisioning(claim)) {
        this.emitEventForUnboundDelayBindingClaim(claim);
      } else if (getPersistentVolumeClaimClass(claim) !== "") {
        this.provisionClaim(claim);
        return;
      } else {
        h.recorder.event(claim, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
      }
      this.updateClaimStatus(claim, "Pending", undefined);
      return;
    }
    // The user asked for a specific volume.
    const volume = h.volumes.get(claim.spec.volumeName);
    if (!volume) {
      this.updateClaimStatus(claim, "Pending", undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const mismatch = checkVolumeSatisfyClaim(volume, claim);
      if (mismatch) {
        h.recorder.event(claim, "Warning", "VolumeMismatch", `Cannot bind to requested volume "${volume.metadata.name}": ${mismatch}`);
        this.updateClaimStatus(claim, "Pending", undefined);
      } else {
        this.bind(volume, claim);
      }
      return;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim); // finish the binding (add the claim's uid)
      return;
    }
    // The volume belongs to someone else.
    h.recorder.event(claim, "Warning", "FailedBinding", `volume "${volume.metadata.name}" already bound to a different claim.`);
    if (claim.metadata.annotations?.[Ann.boundByController] === undefined) {
      this.updateClaimStatus(claim, "Pending", undefined);
      return;
    }
    throw new PVSyncError(`invalid binding of claim "${claimKey(claim)}" to volume "${claim.spec.volumeName}": volume already claimed by "${claimRefKey(volume)}"`);
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    if (!claim.spec?.volumeName) {
      this.updateClaimStatusWithEvent(claim, "Lost", undefined, "Warning", "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
      return;
    }
    const volume = this.h.volumes.get(claim.spec.volumeName);
    if (!volume) {
      this.updateClaimStatusWithEvent(claim, "Lost", undefined, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
      return;
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === claim.metadata.uid) {
      // Unbound volume (or a binding still settling): bind again; bind() is a no-op when all is set.
      this.bind(volume, claim);
      return;
    }
    this.updateClaimStatusWithEvent(claim, "Lost", undefined, "Warning", "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
  }

  // ---- volumes ----

  syncVolume(volume: PersistentVolume): void {
    const h = this.h;
    const ref = volume.spec?.claimRef;
    if (!ref) {
      this.updateVolumePhase(volume, "Available", "");
      return;
    }
    if (!ref.uid) {
      // Pre-bound by the user to a claim that has not been bound yet: the claim's sync does it.
      this.updateVolumePhase(volume, "Available", "");
      return;
    }
    const key = claimRefKey(volume);
    let claim: PersistentVolumeClaim | undefined = h.claims.get(key);
    if (!claim && volume.status?.phase !== "Released" && volume.status?.phase !== "Failed") claim = h.listedClaim(key) ?? this.getClaim(key);
    if (claim && claim.metadata.uid !== ref.uid) {
      // The claim was deleted and another one with the same name created: ask the API server.
      claim = this.getClaim(key);
      if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    }
    if (!claim) {
      // The claim is gone: the volume is Released and its reclaim policy runs.
      let v = volume;
      if (v.status?.phase !== "Released" && v.status?.phase !== "Failed") v = this.updateVolumePhase(v, "Released", "");
      this.reclaimVolume(v);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (checkVolumeModeMismatches(claim, volume)) {
        h.recorder.event(volume, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
        h.recorder.event(claim, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // Bound volume, pending claim: the claim's sync finishes it (a provisioner saved only the volume).
      h.enqueueClaim(key);
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.updateVolumePhase(volume, "Bound", "");
      return;
    }
    // The claim is bound to another volume.
    if (volume.metadata.annotations?.[Ann.dynamicallyProvisioned] !== undefined && volume.spec.persistentVolumeReclaimPolicy === "Delete") {
      let v = volume;
      if (v.status?.phase !== "Released" && v.status?.phase !== "Failed") v = this.updateVolumePhase(v, "Released", "");
      this.reclaimVolume(v);
      return;
    }
    this.unbindVolume(volume);
  }

  /** The claim from the API server (a cache miss must not release a volume by mistake). */
  private getClaim(key: string): PersistentVolumeClaim | undefined {
    const [ns, name] = key.split("/") as [string, string];
    try {
      return this.h.client.get<PersistentVolumeClaim>("PersistentVolumeClaim", ns, name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return undefined;
      throw e;
    }
  }

  // ---- binding ----

  /** bind: volume.claimRef, volume phase Bound, claim.volumeName (+ annotations), claim phase Bound. */
  bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    let v = this.bindVolumeToClaim(volume, claim);
    v = this.updateVolumePhase(v, "Bound", "");
    const c = this.bindClaimToVolume(claim, v);
    this.updateClaimStatus(c, "Bound", v);
  }

  private bindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
    const { volume: clone, dirty } = getBindVolumeToClaim(volume, claim);
    if (!dirty) return volume;
    return this.storeVolume(this.h.client.update(clone));
  }

  private bindClaimToVolume(claim: PersistentVolumeClaim, volume: PersistentVolume): PersistentVolumeClaim {
    let dirty = false;
    const clone = deepCopy(claim);
    const annotations = { ...(clone.metadata.annotations ?? {}) };
    if (claim.spec?.volumeName !== volume.metadata.name) {
      clone.spec = { ...clone.spec, volumeName: volume.metadata.name };
      if (annotations[Ann.boundByController] === undefined) annotations[Ann.boundByController] = "yes";
      dirty = true;
    }
    if (annotations[Ann.bindCompleted] === undefined) {
      annotations[Ann.bindCompleted] = "yes";
      dirty = true;
    }
    if (!dirty) return claim;
    clone.metadata.annotations = annotations;
    return this.storeClaim(this.h.client.update(clone));
  }

  /** unbindVolume: undo a binding the controller made (or clear the uid of a user's pre-binding). */
  private unbindVolume(volume: PersistentVolume): void {
    const clone = deepCopy(volume);
    if (volume.metadata.annotations?.[Ann.boundByController] !== undefined) {
      delete clone.spec.claimRef;
      const annotations = { ...(clone.metadata.annotations ?? {}) };
      delete annotations[Ann.boundByController];
      if (Object.keys(annotations).length === 0) delete clone.metadata.annotations;
      else clone.metadata.annotations = annotations;
    } else if (clone.spec.claimRef) {
      clone.spec.claimRef = { ...clone.spec.claimRef, uid: "" };
    }
    const v = this.storeVolume(this.h.client.update(clone));
    this.updateVolumePhase(v, "Available", "");
  }

  // ---- status ----

  /** updateClaimStatus: phase, and accessModes/capacity from the volume (capacity only when becoming Bound). */
  updateClaimStatus(claim: PersistentVolumeClaim, phase: PersistentVolumeClaimPhase, volume: PersistentVolume | undefined): PersistentVolumeClaim {
    let dirty = false;
    const status = { ...(claim.status ?? {}) };
    if (status.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (status.accessModes !== undefined) {
        delete status.accessModes;
        dirty = true;
      }
      if (status.capacity !== undefined) {
        delete status.capacity;
        dirty = true;
      }
    } else {
      const modes = volume.spec?.accessModes ?? [];
      if (JSON.stringify(status.accessModes ?? null) !== JSON.stringify(modes)) {
        status.accessModes = [...modes];
        dirty = true;
      }
      if (claim.status?.phase !== phase) {
        const cap = volume.spec?.capacity?.storage;
        if (cap === undefined) throw new PVSyncError(`PersistentVolume "${volume.metadata.name}" is without a storage capacity`);
        const current = claim.status?.capacity?.storage;
        if (current === undefined || compareQuantity(volumeCapacity(volume), storageQuantity(claim.status?.capacity)) !== 0) {
          status.capacity = { ...volume.spec.capacity };
          dirty = true;
        }
      }
    }
    if (!dirty) return claim;
    return this.storeClaim(this.h.client.updateStatus({ ...claim, status }));
  }

  private updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: PersistentVolumeClaimPhase, volume: PersistentVolume | undefined, type: "Normal" | "Warning", reason: string, message: string): void {
    if (claim.status?.phase === phase) return;
    const updated = this.updateClaimStatus(claim, phase, volume);
    this.h.recorder.event(updated, type, reason, message);
  }

  /** updateVolumePhase: writes status.phase (and message) when it changes. */
  updateVolumePhase(volume: PersistentVolume, phase: PersistentVolumePhase, message: string): PersistentVolume {
    if (volume.status?.phase === phase) return volume;
    const status: NonNullable<PersistentVolume["status"]> = { ...(volume.status ?? {}), phase };
    if (message) status.message = message;
    else delete status.message;
    return this.storeVolume(this.h.client.updateStatus({ ...volume, status }));
  }

  private updateVolumePhaseWithEvent(volume: PersistentVolume, phase: PersistentVolumePhase, type: "Normal" | "Warning", reason: string, message: string): void {
    if (volume.status?.phase === phase) return;
    const updated = this.updateVolumePhase(volume, phase, message);
    this.h.recorder.event(updated, type, reason, message);
  }

  // ---- classes and provisioning ----

  /** assignDefaultStorageClass (retroactive default class, GA in v1.28): only claims with no class at all. */
  private assignDefaultStorageClass(claim: PersistentVolumeClaim): boolean {
    if (persistentVolumeClaimHasClass(claim)) return false;
    const def = getDefaultClass(this.h.storageClasses());
    if (!def) return false;
    const clone = deepCopy(claim);
    clone.spec = { ...clone.spec, storageClassName: def.metadata.name };
    this.storeClaim(this.h.client.update(clone));
    return true;
  }

  /** WaitForFirstConsumer, or WaitForPodScheduled when a pod using the claim waits for the scheduler. */
  private emitEventForUnboundDelayBindingClaim(claim: PersistentVolumeClaim): void {
    const waiting = this.h.podsForClaim(claimKey(claim)).filter((p) => !isTerminated(p) && !p.spec.nodeName).map((p) => p.metadata.name);
    if (waiting.length === 0) {
      this.h.recorder.event(claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
    } else if (waiting.length === 1) {
      this.h.recorder.event(claim, "Normal", "WaitForPodScheduled", `waiting for pod ${waiting[0]} to be scheduled`);
    } else {
      this.h.recorder.event(claim, "Normal", "WaitForPodScheduled", `waiting for pods ${waiting.join(",")} to be scheduled`);
    }
  }

  /**
   * provisionClaim: in-tree provisioners are gone from v1.34 (every cloud plugin migrated to CSI), so a
   * `kubernetes.io/` provisioner fails to be found, and any other name is an external provisioner: annotate
   * the claim for it and say we are waiting.
   */
  private provisionClaim(claim: PersistentVolumeClaim): void {
    const className = getPersistentVolumeClaimClass(claim);
    const sc = this.h.storageClass(className);
    if (!sc) {
      this.h.recorder.event(claim, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (sc.provisioner.startsWith("kubernetes.io/")) {
      // e.g. "kubernetes.io/no-provisioner" (NotSupportedProvisioner): FindProvisionablePluginByName fails.
      this.h.recorder.event(claim, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${sc.provisioner}`);
      return;
    }
    const updated = this.setClaimProvisioner(claim, sc.provisioner);
    this.h.recorder.event(
      updated,
      "Normal",
      "ExternalProvisioning",
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  private setClaimProvisioner(claim: PersistentVolumeClaim, provisioner: string): PersistentVolumeClaim {
    if (claim.metadata.annotations?.[Ann.storageProvisioner] === provisioner) return claim;
    const clone = deepCopy(claim);
    clone.metadata.annotations = { ...(clone.metadata.annotations ?? {}), [Ann.betaStorageProvisioner]: provisioner, [Ann.storageProvisioner]: provisioner };
    return this.storeClaim(this.h.client.update(clone));
  }

  // ---- reclaiming ----

  /** reclaimVolume: Retain keeps the Released volume (and its claimRef); Delete deletes it; Recycle is gone. */
  private reclaimVolume(volume: PersistentVolume): void {
    switch (volume.spec?.persistentVolumeReclaimPolicy) {
      case "Retain":
        return;
      case "Delete":
        this.deleteVolumeOperation(volume);
        return;
      case "Recycle":
        // No recycler plugin is left for the kinds of volume Kubelab models.
        this.updateVolumePhaseWithEvent(volume, "Failed", "Warning", "VolumeFailedRecycle", "No recycler plugin found for the volume!");
        return;
      default:
        this.updateVolumePhaseWithEvent(volume, "Failed", "Warning", "VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy");
    }
  }

  /**
   * deleteVolumeOperation with findDeletablePlugin: a volume provisioned by an external provisioner (or a
   * CSI volume) is deleted by that provisioner, not here; an in-tree hostPath volume may only be deleted
   * under /tmp (the hostPath deleter's rule); any other in-tree volume has no deleter.
   */
  private deleteVolumeOperation(volume: PersistentVolume): void {
    const provisionedBy = volume.metadata.annotations?.[Ann.dynamicallyProvisioned];
    if (provisionedBy !== undefined && provisionedBy !== "" && !provisionedBy.startsWith("kubernetes.io/")) return;
    if (volume.spec?.csi) return;
    let err: string | undefined;
    const hostPath = volume.spec?.hostPath?.path;
    if (hostPath !== undefined) {
      if (!/\/tmp\/.+/.test(hostPath)) err = `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`;
    } else {
      err = `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`;
    }
    if (err) {
      this.updateVolumePhaseWithEvent(volume, "Failed", "Warning", "VolumeFailedDelete", err);
      return;
    }
    try {
      this.h.client.delete("PersistentVolume", undefined, volume.metadata.name);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  // ---- cache ----

  storeVolume(v: PersistentVolume): PersistentVolume {
    this.h.volumes.store.set(v.metadata.name, v);
    return v;
  }

  storeClaim(c: PersistentVolumeClaim): PersistentVolumeClaim {
    this.h.claims.set(claimKey(c), c);
    return c;
  }
}
