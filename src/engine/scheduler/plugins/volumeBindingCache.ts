// The VolumeBinding plugin's view of PVs and PVCs: the scheduler's informers, overlaid with the bindings it
// assumed for pods in their binding cycle (a PV pre-bound to a claim, a claim given a selected node), so that
// the next pod's scheduling cycle — which may run before the API writes come back through the watch — does
// not pick the same volume again. An assumed object is dropped once the informer holds a version at least as
// new as the one written, or when the binding is reverted.
// mirrors AssumeCache / PVAssumeCache / PVCAssumeCache (k/k pkg/scheduler/framework/plugins/volumebinding/
// assume_cache.go): Assume, Restore, Get (assumed or API), GetAPIObj (API only), ListPVs(class).
import type { KubeObject } from "../../api/types";
import type { PersistentVolume, PersistentVolumeClaim } from "../../controllers/volume/types";
import { getPersistentVolumeClass } from "../../controllers/volume/pvHelpers";

/** Where the plugin reads the API's objects (the scheduler's informers). */
export interface VolumeLookups {
  pvc(namespace: string, name: string): KubeObject | undefined;
  storageClass(name: string): KubeObject | undefined;
  /** The default StorageClass (annotation storageclass.kubernetes.io/is-default-class), if any. */
  defaultStorageClass(): KubeObject | undefined;
  /** A PersistentVolume by name (absent: the scheduler watches no PVs, so none is ever found). */
  pv?(name: string): KubeObject | undefined;
  /** Every PersistentVolume (for static binding). */
  pvs?(): readonly KubeObject[];
  /** A Node by name (checkBindings looks at the chosen node's labels). */
  node?(name: string): KubeObject | undefined;
  /** The pod as the API has it (checkBindings stops when it is gone). */
  pod?(namespace: string, name: string): KubeObject | undefined;
}

interface Assumed<T> {
  obj: T;
  /** The resourceVersion the API returned for our write; 0 while only assumed in memory. */
  writtenRV: number;
}

const rv = (o: KubeObject): number => Number(o.metadata.resourceVersion) || 0;

export class VolumeBindingCache {
  private readonly pvs = new Map<string, Assumed<PersistentVolume>>();
  private readonly pvcs = new Map<string, Assumed<PersistentVolumeClaim>>();

  constructor(readonly lookups: VolumeLookups) {}

  /** GetAPIPV: the informer's version. */
  apiPV(name: string): PersistentVolume | undefined {
    return this.lookups.pv?.(name) as PersistentVolume | undefined;
  }

  /** GetAPIPVC: the informer's version ("namespace/name"). */
  apiPVC(key: string): PersistentVolumeClaim | undefined {
    const i = key.indexOf("/");
    return this.lookups.pvc(key.slice(0, i), key.slice(i + 1)) as PersistentVolumeClaim | undefined;
  }

  private resolve<T extends KubeObject>(map: Map<string, Assumed<T>>, key: string, api: T | undefined): T | undefined {
    const a = map.get(key);
    if (!a) return api;
    if (a.writtenRV > 0 && api && rv(api) >= a.writtenRV) {
      map.delete(key); // the watch caught up with our write
      return api;
    }
    return a.obj;
  }

  /** GetPV: assumed or API. */
  getPV(name: string): PersistentVolume | undefined {
    return this.resolve(this.pvs, name, this.apiPV(name));
  }

  /** GetPVC: assumed or API. */
  getPVC(key: string): PersistentVolumeClaim | undefined {
    return this.resolve(this.pvcs, key, this.apiPVC(key));
  }

  /** ListPVs(class): every volume of the class, assumed versions first, in name order. */
  listPVs(className: string): PersistentVolume[] {
    const out: PersistentVolume[] = [];
    for (const o of this.lookups.pvs?.() ?? []) {
      const pv = this.getPV(o.metadata.name);
      if (pv && getPersistentVolumeClass(pv) === className) out.push(pv);
    }
    return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  assumePV(pv: PersistentVolume): void {
    this.pvs.set(pv.metadata.name, { obj: pv, writtenRV: 0 });
  }

  assumePVC(key: string, pvc: PersistentVolumeClaim): void {
    this.pvcs.set(key, { obj: pvc, writtenRV: 0 });
  }

  /** The API accepted our write: keep it until the informer has it. */
  writtenPV(pv: PersistentVolume): void {
    this.pvs.set(pv.metadata.name, { obj: pv, writtenRV: rv(pv) });
  }

  writtenPVC(key: string, pvc: PersistentVolumeClaim): void {
    this.pvcs.set(key, { obj: pvc, writtenRV: rv(pvc) });
  }

  /** Restore: back to the informer's version. */
  restorePV(name: string): void {
    this.pvs.delete(name);
  }

  restorePVC(key: string): void {
    this.pvcs.delete(key);
  }
}
