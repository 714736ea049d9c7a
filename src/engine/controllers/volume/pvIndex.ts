// persistentVolumeOrderedIndex: the PV controller's volumes grouped by their access-mode set, so that a
// claim is matched first against volumes offering the fewest modes that still include what it asks for
// (a RWO claim takes a RWO volume before a RWO,ROX,RWX one), and within a group the smallest that fits.
// mirrors findByClaim, findBestMatchForClaim and allPossibleMatchingAccessModes
// (k/k pkg/controller/volume/persistentvolume/index.go). Go walks its index in map order; here groups of
// equal size are tried in key order and volumes in name order, so ties are deterministic.
import { accessModesKey, findMatchingVolume } from "./pvHelpers";
import type { PersistentVolume, PersistentVolumeAccessMode, PersistentVolumeClaim } from "./types";

const SHORT_TO_MODE: Readonly<Record<string, PersistentVolumeAccessMode>> = {
  RWO: "ReadWriteOnce",
  ROX: "ReadOnlyMany",
  RWX: "ReadWriteMany",
  RWOP: "ReadWriteOncePod",
};

export class PersistentVolumeOrderedIndex {
  /** name → volume (the controller's cache: the newest version it knows, from the informer or its own writes). */
  readonly store = new Map<string, PersistentVolume>();

  get(name: string): PersistentVolume | undefined {
    return this.store.get(name);
  }

  /** listByAccessModes: volumes whose access-mode set is exactly `key`, in name order. */
  private listByAccessModes(key: string): PersistentVolume[] {
    const out: PersistentVolume[] = [];
    for (const v of this.store.values()) if (accessModesKey(v.spec?.accessModes) === key) out.push(v);
    return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  /** allPossibleMatchingAccessModes: indexed mode sets containing every requested mode, fewest modes first. */
  allPossibleMatchingAccessModes(requested: readonly PersistentVolumeAccessMode[] | undefined): string[] {
    const keys = new Set<string>();
    for (const v of this.store.values()) keys.add(accessModesKey(v.spec?.accessModes));
    const matched: string[] = [];
    for (const key of keys) {
      const modes = key === "" ? [] : key.split(",").map((s) => SHORT_TO_MODE[s]);
      if ((requested ?? []).every((m) => modes.includes(m))) matched.push(key);
    }
    const size = (k: string) => (k === "" ? 0 : k.split(",").length);
    return matched.sort((a, b) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0));
  }

  /** findBestMatchForClaim (PV controller path: no node, no exclusions). */
  findBestMatchForClaim(claim: PersistentVolumeClaim, delayBinding: boolean): PersistentVolume | undefined {
    for (const key of this.allPossibleMatchingAccessModes(claim.spec?.accessModes)) {
      const best = findMatchingVolume(claim, this.listByAccessModes(key), null, undefined, delayBinding);
      if (best) return best;
    }
    return undefined;
  }
}
