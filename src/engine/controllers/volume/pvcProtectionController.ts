// PVCProtectionController ("pvc-protection") keeps a claim that a pod uses from disappearing under it: a
// claim deleted while a scheduled pod references it stays Terminating, with its kubernetes.io/pvc-protection
// finalizer, until no such pod is left. It also adds the finalizer to claims that lack it.
// mirrors processPVC, isBeingUsed, podUsesPVC, addFinalizer and removeFinalizer
// (k/k pkg/controller/volume/pvcprotection/pvc_protection_controller.go). As upstream, any scheduled pod
// counts, even a finished one, for a claim it names directly.
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import type { Controller, ControllerContext } from "../context";
import { POD_PVC_INDEX, podClaimNames, podHasClaims, podPVCIndexFunc } from "./podPVCIndex";
import { PVCProtectionFinalizer, type PersistentVolumeClaim } from "./types";

export class PVCProtectionController implements Controller {
  readonly name = "pvc-protection";
  private readonly client: ApiClient;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client("pvc-protection-controller");
    this.claims = ctx.informers.for<PersistentVolumeClaim>("persistentvolumeclaims");
    this.pods = ctx.informers.for<Pod>("pods");
    this.queue = ctx.workqueue("pvcprotection", (key) => this.processPVC(key));
  }

  start(): void {
    this.pods.addIndexer(POD_PVC_INDEX, podPVCIndexFunc);
    this.claims.addEventHandler({ add: (c) => this.pvcAddedUpdated(c), update: (_o, c) => this.pvcAddedUpdated(c) });
    this.pods.addEventHandler({
      add: (p) => this.podAddedDeletedUpdated(p),
      update: (_o, p) => this.podAddedDeletedUpdated(p),
      delete: (p) => this.podAddedDeletedUpdated(p),
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  private pvcAddedUpdated(c: PersistentVolumeClaim): void {
    if (needToAddFinalizer(c) || isDeletionCandidate(c)) this.queue.add(keyOf(c));
  }

  /** A pod that appears, changes or goes may release (or hold) the claims it names. */
  private podAddedDeletedUpdated(p: Pod): void {
    if (!podHasClaims(p)) return;
    const ns = p.metadata.namespace ?? "";
    for (const name of podClaimNames(p)) {
      const c = this.claims.get(`${ns}/${name}`);
      if (c && isDeletionCandidate(c)) this.queue.add(keyOf(c));
    }
  }

  private processPVC(key: string): void {
    const claim = this.claims.get(key);
    if (!claim) return;
    if (isDeletionCandidate(claim)) {
      if (!this.isBeingUsed(claim)) this.removeFinalizer(claim);
      return;
    }
    if (needToAddFinalizer(claim)) this.addFinalizer(claim);
  }

  /**
   * isBeingUsed, from the pod informer's pod-pvc index. Upstream double-checks with a live list because its
   * cache may lag behind a just-created pod; this informer lags by one watch delay at most.
   */
  private isBeingUsed(claim: PersistentVolumeClaim): boolean {
    for (const p of this.pods.byIndex(POD_PVC_INDEX, keyOf(claim))) if (podUsesPVC(p, claim)) return true;
    return false;
  }

  private addFinalizer(claim: PersistentVolumeClaim): void {
    const copy = deepCopy(claim);
    copy.metadata.finalizers = [...(copy.metadata.finalizers ?? []), PVCProtectionFinalizer];
    this.write(copy);
  }

  private removeFinalizer(claim: PersistentVolumeClaim): void {
    const copy = deepCopy(claim);
    const rest = (copy.metadata.finalizers ?? []).filter((f) => f !== PVCProtectionFinalizer);
    if (rest.length) copy.metadata.finalizers = rest;
    else delete copy.metadata.finalizers;
    this.write(copy);
  }

  private write(claim: PersistentVolumeClaim): void {
    try {
      this.client.update(claim);
    } catch (e) {
      // A conflict: the claim changed, its update event brings it back here.
      if (!(e instanceof ApiError)) throw e;
    }
  }
}

function isDeletionCandidate(c: PersistentVolumeClaim): boolean {
  return c.metadata.deletionTimestamp !== undefined && (c.metadata.finalizers ?? []).includes(PVCProtectionFinalizer);
}

function needToAddFinalizer(c: PersistentVolumeClaim): boolean {
  return c.metadata.deletionTimestamp === undefined && !(c.metadata.finalizers ?? []).includes(PVCProtectionFinalizer);
}

/** podUsesPVC: only a scheduled pod holds a claim (the kubelet refuses to start one on a deleted claim). */
function podUsesPVC(pod: Pod, claim: PersistentVolumeClaim): boolean {
  if (!pod.spec?.nodeName) return false;
  for (const v of pod.spec.volumes ?? []) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc?.claimName === claim.metadata.name) return true;
    if (v.ephemeral && `${pod.metadata.name}-${v.name}` === claim.metadata.name && !podIsShutDown(pod)) {
      if ((claim.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === pod.metadata.uid)) return true;
    }
  }
  return false;
}

/** podIsShutDown: the kubelet is done with it (terminal, or deleted with a zero grace period). */
function podIsShutDown(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0) return true;
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}
