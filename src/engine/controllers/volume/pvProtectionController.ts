// PVProtectionController ("pv-protection") keeps a bound volume from being deleted: a PV deleted while
// Bound stays Terminating, with its kubernetes.io/pv-protection finalizer, until it is no longer Bound.
// It also adds the finalizer to volumes that lack it.
// mirrors processPV, isBeingUsed, addFinalizer and removeFinalizer
// (k/k pkg/controller/volume/pvprotection/pv_protection_controller.go).
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import type { Controller, ControllerContext } from "../context";
import { PVProtectionFinalizer, type PersistentVolume } from "./types";

export class PVProtectionController implements Controller {
  readonly name = "pv-protection";
  private readonly client: ApiClient;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly queue: WorkQueue;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client("pv-protection-controller");
    this.volumes = ctx.informers.for<PersistentVolume>("persistentvolumes");
    this.queue = ctx.workqueue("pvprotection", (key) => this.processPV(key));
  }

  start(): void {
    const enqueue = (v: PersistentVolume) => {
      if (needToAddFinalizer(v) || isDeletionCandidate(v)) this.queue.add(keyOf(v));
    };
    this.volumes.addEventHandler({ add: enqueue, update: (_o, v) => enqueue(v) });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  private processPV(key: string): void {
    const pv = this.volumes.get(key);
    if (!pv) return;
    if (isDeletionCandidate(pv)) {
      // isBeingUsed: a Bound volume is in use.
      if (pv.status?.phase !== "Bound") this.setFinalizers(pv, (pv.metadata.finalizers ?? []).filter((f) => f !== PVProtectionFinalizer));
      return;
    }
    if (needToAddFinalizer(pv)) this.setFinalizers(pv, [...(pv.metadata.finalizers ?? []), PVProtectionFinalizer]);
  }

  private setFinalizers(pv: PersistentVolume, finalizers: string[]): void {
    const copy = deepCopy(pv);
    if (finalizers.length) copy.metadata.finalizers = finalizers;
    else delete copy.metadata.finalizers;
    try {
      this.client.update(copy);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}

function isDeletionCandidate(v: PersistentVolume): boolean {
  return v.metadata.deletionTimestamp !== undefined && (v.metadata.finalizers ?? []).includes(PVProtectionFinalizer);
}

function needToAddFinalizer(v: PersistentVolume): boolean {
  return v.metadata.deletionTimestamp === undefined && !(v.metadata.finalizers ?? []).includes(PVProtectionFinalizer);
}
