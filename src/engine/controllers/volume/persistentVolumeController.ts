// PersistentVolumeController ("persistentvolume-binder" in kube-controller-manager) binds claims to volumes,
// starts external provisioning and reclaims released volumes. It keeps its own cache of the newest known
// version of every claim and volume (informer events and its own writes), one queue for claims and one for
// volumes, and resyncs everything every 15 seconds (--pvclaimbinder-sync-period).
// mirrors NewController, enqueueWork, storeObjectUpdate, updateClaim/deleteClaim, updateVolume/deleteVolume,
// claimWorker, volumeWorker and resync (k/k pkg/controller/volume/persistentvolume/pv_controller_base.go);
// the decisions are in pvSync.ts. Events are recorded as "persistentvolume-controller".
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { ScheduledTask } from "../../sim/eventQueue";
import type { Controller, ControllerContext } from "../context";
import { PersistentVolumeOrderedIndex } from "./pvIndex";
import { claimKey, PVSync, PVSyncError, type PVSyncHost } from "./pvSync";
import { POD_PVC_INDEX, podPVCIndexFunc } from "./podPVCIndex";
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from "./types";

/** PVClaimBinderSyncPeriod default (pkg/controller/volume/persistentvolume/config/v1alpha1/defaults.go). */
export const PV_CLAIM_BINDER_SYNC_PERIOD_MS = 15_000;

export class PersistentVolumeController implements Controller, PVSyncHost {
  readonly name = "persistentvolume-binder";
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly volumes = new PersistentVolumeOrderedIndex();
  readonly claims = new Map<string, PersistentVolumeClaim>();
  readonly claimQueue: WorkQueue;
  readonly volumeQueue: WorkQueue;
  private readonly volumeLister: Informer<PersistentVolume>;
  private readonly claimLister: Informer<PersistentVolumeClaim>;
  private readonly classLister: Informer<StorageClass>;
  private readonly podLister: Informer<Pod>;
  private readonly sync: PVSync;
  private resyncTask: ScheduledTask | undefined;
  private running = false;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client("persistent-volume-binder");
    this.recorder = ctx.recorder("persistentvolume-controller");
    this.volumeLister = ctx.informers.for<PersistentVolume>("persistentvolumes");
    this.claimLister = ctx.informers.for<PersistentVolumeClaim>("persistentvolumeclaims");
    this.classLister = ctx.informers.for<StorageClass>("storageclasses");
    this.podLister = ctx.informers.for<Pod>("pods");
    this.claimQueue = ctx.workqueue("claims", (key) => this.claimWorker(key));
    this.volumeQueue = ctx.workqueue("volumes", (key) => this.volumeWorker(key));
    this.sync = new PVSync(this);
  }

  start(): void {
    this.running = true;
    this.podLister.addIndexer(POD_PVC_INDEX, podPVCIndexFunc);
    this.volumeLister.addEventHandler({
      add: (v) => this.volumeQueue.add(keyOf(v)),
      update: (_o, v) => this.volumeQueue.add(keyOf(v)),
      delete: (v) => this.volumeQueue.add(keyOf(v)),
    });
    this.claimLister.addEventHandler({
      add: (c) => this.claimQueue.add(keyOf(c)),
      update: (_o, c) => this.claimQueue.add(keyOf(c)),
      delete: (c) => this.claimQueue.add(keyOf(c)),
    });
    this.scheduleResync();
  }

  /** kube-controller-manager is down: nothing binds, nothing is reclaimed, the resync timer stops. */
  stop(): void {
    this.running = false;
    this.claimQueue.paused = true;
    this.volumeQueue.paused = true;
    if (this.resyncTask) this.resyncTask.cancelled = true;
    this.resyncTask = undefined;
  }

  resume(): void {
    this.running = true;
    this.claimQueue.resume();
    this.volumeQueue.resume();
    if (!this.resyncTask) this.scheduleResync();
  }

  // ---- PVSyncHost ----

  storageClass(name: string): StorageClass | undefined {
    return this.classLister.get(name);
  }

  storageClasses(): StorageClass[] {
    return this.classLister.list();
  }

  listedClaim(key: string): PersistentVolumeClaim | undefined {
    return this.claimLister.get(key);
  }

  podsForClaim(key: string): Pod[] {
    return [...this.podLister.byIndex(POD_PVC_INDEX, key)].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  enqueueClaim(key: string): void {
    this.claimQueue.add(key);
  }

  // ---- workers ----

  /** resync: every claim and volume goes through its queue again (wait.Until every sync period). */
  private scheduleResync(): void {
    this.resyncTask = this.ctx.events.after(PV_CLAIM_BINDER_SYNC_PERIOD_MS, "persistentvolume-binder:resync", () => {
      this.resyncTask = undefined;
      if (!this.running) return;
      for (const c of this.claimLister.list()) this.claimQueue.add(keyOf(c));
      for (const v of this.volumeLister.list()) this.volumeQueue.add(keyOf(v));
      this.scheduleResync();
    });
  }

  private claimWorker(key: string): void {
    const claim = this.claimLister.get(key);
    if (claim) return this.updateClaim(claim);
    const cached = this.claims.get(key);
    if (cached) this.deleteClaim(cached);
  }

  private volumeWorker(key: string): void {
    const volume = this.volumeLister.get(key);
    if (volume) return this.updateVolume(volume);
    const cached = this.volumes.get(key);
    if (cached) this.deleteVolume(cached);
  }

  /** updateClaim: sync unless the informer's version is older than one we wrote ourselves. */
  private updateClaim(claim: PersistentVolumeClaim): void {
    if (!storeObjectUpdate(this.claims, claimKey(claim), claim)) return;
    guarded(() => this.sync.syncClaim(this.claims.get(claimKey(claim))!));
  }

  private updateVolume(volume: PersistentVolume): void {
    if (!storeObjectUpdate(this.volumes.store, volume.metadata.name, volume)) return;
    guarded(() => this.sync.syncVolume(this.volumes.get(volume.metadata.name)!));
  }

  /** deleteClaim: the bound volume is synced at once so it is Released without waiting for the resync. */
  private deleteClaim(claim: PersistentVolumeClaim): void {
    this.claims.delete(claimKey(claim));
    if (claim.spec?.volumeName) this.volumeQueue.add(claim.spec.volumeName);
  }

  /** deleteVolume: the claim is synced at once (it becomes Lost). */
  private deleteVolume(volume: PersistentVolume): void {
    this.volumes.store.delete(volume.metadata.name);
    const ref = volume.spec?.claimRef;
    if (ref) this.claimQueue.add(`${ref.namespace ?? ""}/${ref.name ?? ""}`);
  }
}

/**
 * storeObjectUpdate: keep the newer of the cached and the given version; false when the given one is older
 * (our own write already went further). Equal versions pass, so periodic resyncs still sync.
 */
function storeObjectUpdate<T extends PersistentVolume | PersistentVolumeClaim>(cache: Map<string, T>, key: string, obj: T): boolean {
  const old = cache.get(key);
  if (old && Number(old.metadata.resourceVersion) > Number(obj.metadata.resourceVersion)) return false;
  cache.set(key, obj);
  return true;
}

/**
 * The controller logs API refusals and waits for the next event or resync (updateClaim/updateVolume only log
 * errors); anything else is a bug and must reach the cluster's error report.
 */
function guarded(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError || e instanceof PVSyncError)) throw e;
  }
}
