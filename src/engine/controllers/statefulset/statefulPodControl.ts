// StatefulPodControl creates, updates and deletes a StatefulSet's pods and creates their claims first, with
// the events `kubectl describe sts` shows: "create Claim www-web-0 Pod web-0 in StatefulSet web success",
// "create Pod web-0 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful".
// mirrors k/k pkg/controller/statefulset/stateful_pod_control.go (StatefulPodControl with
// realStatefulPodControlObjectManager: writes through the client, reads from the listers).
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { Informer } from "../../client/informer";
import { deepCopy } from "../../sim/clone";
import { getPersistentVolumeClaimRetentionPolicy, hasStaleOwnerRef, hasUnexpectedController, isClaimOwnerUpToDate, updateClaimOwnerRefForSetAndPod } from "./claimRetention";
import { getOrdinal, getPersistentVolumeClaimName, getPersistentVolumeClaims, identityMatches, podKind, storageMatches, updateIdentity, updateStorage } from "./statefulSetUtils";
import type { PersistentVolumeClaim, StatefulSet } from "./types";

type Verb = "create" | "update" | "delete";

const title = (v: Verb): string => v[0]!.toUpperCase() + v.slice(1);

/** utilerrors.NewAggregate */
function aggregate(errs: readonly Error[]): Error | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return new Error(`[${errs.map((e) => e.message).join(", ")}]`);
}

export class StatefulPodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly podLister: Informer<Pod>,
    private readonly claimLister: Informer<PersistentVolumeClaim>,
    private readonly recorder: EventRecorder,
  ) {}

  private getClaim(namespace: string | undefined, name: string): PersistentVolumeClaim | undefined {
    return this.claimLister.get(`${namespace ?? ""}/${name}`);
  }

  /** CreateStatefulPod: the claims first, then the pod, then the claims' retention owner refs. */
  createStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.createPersistentVolumeClaims(set, pod);
    } catch (e) {
      this.recordPodEvent("create", set, pod, e as Error);
      throw e;
    }
    try {
      this.client.create(pod);
    } catch (e) {
      // An AlreadyExists (a stale cache) is returned without an event.
      if (e instanceof ApiError && e.reason === "AlreadyExists") throw e;
      this.recordPodEvent("create", set, pod, e as Error);
      throw e;
    }
    try {
      this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent("update", set, pod, e as Error);
      throw e;
    }
    this.recordPodEvent("create", set, pod);
  }

  /** UpdateStatefulPod: restores identity, storage and claim retention on a pod that drifted. */
  updateStatefulPod(set: StatefulSet, podIn: Pod): void {
    let pod = podIn;
    let attemptedUpdate = false;
    let err: Error | undefined;
    // retry.RetryOnConflict; the retry reads the pod again (upstream: from the lister).
    for (let attempt = 0; attempt < 5; attempt++) {
      let consistent = true;
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod);
        consistent = false;
      }
      try {
        if (!storageMatches(set, pod)) {
          updateStorage(set, pod);
          consistent = false;
          this.createPersistentVolumeClaims(set, pod);
        }
        if (!this.claimsMatchRetentionPolicy(set, pod)) {
          this.updatePodClaimForRetentionPolicy(set, pod);
          consistent = false;
        }
      } catch (e) {
        this.recordPodEvent("update", set, pod, e as Error);
        throw e;
      }
      if (consistent) return;
      attemptedUpdate = true;
      try {
        this.client.update(pod);
        err = undefined;
        break;
      } catch (e) {
        err = e as Error;
        if (!(e instanceof ApiError && e.code === 409)) break;
        try {
          pod = deepCopy(this.client.get<Pod>("Pod", set.metadata.namespace, pod.metadata.name));
        } catch {
          break;
        }
      }
    }
    if (attemptedUpdate) this.recordPodEvent("update", set, pod, err);
    if (err) throw err;
  }

  /** DeleteStatefulPod */
  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.client.delete("Pod", pod.metadata.namespace, pod.metadata.name);
    } catch (e) {
      this.recordPodEvent("delete", set, pod, e as Error);
      throw e;
    }
    this.recordPodEvent("delete", set, pod);
  }

  /** ClaimsMatchRetentionPolicy: a missing claim is picked up in a later sync, so it counts as matching. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    const ordinal = getOrdinal(pod);
    for (const tpl of set.spec.volumeClaimTemplates ?? []) {
      const claim = this.getClaim(set.metadata.namespace, getPersistentVolumeClaimName(set, tpl, ordinal));
      if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
    }
    return true;
  }

  /** UpdatePodClaimForRetentionPolicy: rewrites the owner refs of this pod's (cached) claims. */
  updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): void {
    const ordinal = getOrdinal(pod);
    for (const tpl of set.spec.volumeClaimTemplates ?? []) {
      const claimName = getPersistentVolumeClaimName(set, tpl, ordinal);
      const claim = this.getClaim(set.metadata.namespace, claimName);
      if (!claim) continue; // not in the cache yet: next sync
      if (hasUnexpectedController(claim, set, pod)) {
        const msg = `PersistentVolumeClaim ${claimName} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`;
        this.recorder.event(set, "Warning", "ConflictingController", msg);
      }
      if (!isClaimOwnerUpToDate(claim, set, pod)) {
        const copy = deepCopy(claim);
        updateClaimOwnerRefForSetAndPod(copy, set, pod);
        try {
          this.client.update(copy);
        } catch (e) {
          throw new Error(`could not update claim ${claimName} for delete policy ownerRefs: ${(e as Error).message}`);
        }
      }
    }
  }

  /** PodClaimIsStale: under whenScaled Delete, a claim still owned by an older pod of this name blocks creation. */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === "Retain") return false;
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const pvc = this.getClaim(claim.metadata.namespace, claim.metadata.name);
      if (pvc && hasStaleOwnerRef(pvc, pod, podKind)) return true;
    }
    return false;
  }

  /** createMissingPersistentVolumeClaims: for a Pending pod whose claims went missing. */
  createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    this.createPersistentVolumeClaims(set, pod);
    try {
      this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent("update", set, pod, e as Error);
      throw e;
    }
  }

  /** createPersistentVolumeClaims: creates each claim the (cached) cluster lacks; a claim being deleted is an error. */
  private createPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    const errs: Error[] = [];
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const pvc = this.getClaim(claim.metadata.namespace, claim.metadata.name);
      if (!pvc) {
        try {
          this.client.create(claim);
          this.recordClaimEvent("create", set, pod, claim);
        } catch (e) {
          errs.push(new Error(`failed to create PVC ${claim.metadata.name}: ${(e as Error).message}`));
          if (!(e instanceof ApiError && e.reason === "AlreadyExists")) this.recordClaimEvent("create", set, pod, claim, e as Error);
        }
      } else if (pvc.metadata.deletionTimestamp) {
        errs.push(new Error(`pvc ${claim.metadata.name} is being deleted`));
      }
    }
    const err = aggregate(errs);
    if (err) throw err;
  }

  /** recordPodEvent: Successful<Verb> "<verb> Pod <pod> in StatefulSet <set> successful", or Failed<Verb>. */
  private recordPodEvent(verb: Verb, set: StatefulSet, pod: Pod, err?: Error): void {
    if (!err) {
      this.recorder.event(set, "Normal", `Successful${title(verb)}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } else {
      this.recorder.event(set, "Warning", `Failed${title(verb)}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${err.message}`);
    }
  }

  /** recordClaimEvent: "<verb> Claim <claim> Pod <pod> in StatefulSet <set> success", or the failure. */
  private recordClaimEvent(verb: Verb, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err?: Error): void {
    if (!err) {
      this.recorder.event(set, "Normal", `Successful${title(verb)}`, `${verb} Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
    } else {
      this.recorder.event(
        set,
        "Warning",
        `Failed${title(verb)}`,
        `${verb} Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${err.message}`,
      );
    }
  }
}
