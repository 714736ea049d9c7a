// Expected behaviour from k8s.io/component-helpers/storage/volume pv_helpers.go (FindMatchingVolume,
// CheckNodeAffinity, GetBindVolumeToClaim), pkg/volume/util/storageclass.go (GetDefaultClass) and
// pkg/controller/volume/persistentvolume/index.go (allPossibleMatchingAccessModes).
import { describe, expect, it } from "vitest";
import { checkNodeAffinity, findMatchingVolume, getBindVolumeToClaim, getDefaultClass, getPersistentVolumeClaimClass, isVolumeBoundToClaim } from "./pvHelpers";
import { PersistentVolumeOrderedIndex } from "./pvIndex";
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from "./types";

function volume(name: string, storage: string, extra: Partial<PersistentVolume["spec"]> = {}, phase = "Available", labels?: Record<string, string>): PersistentVolume {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, uid: `uid-${name}`, resourceVersion: "1", creationTimestamp: "", labels },
    spec: { capacity: { storage }, accessModes: ["ReadWriteOnce"], storageClassName: "manual", volumeMode: "Filesystem", ...extra },
    status: { phase: phase as "Available" },
  } as PersistentVolume;
}

function pvc(name: string, storage: string, extra: Partial<PersistentVolumeClaim["spec"]> = {}): PersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: "1", creationTimestamp: "" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } }, storageClassName: "manual", volumeMode: "Filesystem", ...extra },
  } as PersistentVolumeClaim;
}

describe("FindMatchingVolume", () => {
  it("takes the smallest Available volume of the claim's class that is large enough", () => {
    const vols = [volume("big", "20Gi"), volume("small", "1Gi"), volume("fit", "5Gi"), volume("other-class", "4Gi", { storageClassName: "fast" })];
    expect(findMatchingVolume(pvc("c", "3Gi"), vols, null, undefined, false)?.metadata.name).toBe("fit");
  });

  it("compares quantities exactly across units (1Gi > 1G)", () => {
    const vols = [volume("gi", "1Gi"), volume("g", "1G")];
    expect(findMatchingVolume(pvc("c", "1000Mi"), vols, null, undefined, false)?.metadata.name).toBe("gi");
  });

  it("skips volumes bound to another claim, being deleted, not Available, or failing the selector", () => {
    const taken = volume("taken", "5Gi", { claimRef: { namespace: "default", name: "other", uid: "x" } });
    const released = volume("released", "5Gi", {}, "Released");
    const deleting = volume("deleting", "5Gi");
    deleting.metadata.deletionTimestamp = "2025-01-01T00:00:00Z";
    const unlabelled = volume("unlabelled", "5Gi");
    const labelled = volume("labelled", "9Gi", {}, "Available", { tier: "gold" });
    expect(findMatchingVolume(pvc("c", "1Gi"), [taken, released, deleting], null, undefined, false)).toBeUndefined();
    expect(findMatchingVolume(pvc("c", "1Gi", { selector: { matchLabels: { tier: "gold" } } }), [unlabelled, labelled], null, undefined, false)?.metadata.name).toBe("labelled");
  });

  it("returns a volume pre-bound to the claim even when it is not Available, and none if its node affinity fails", () => {
    const pre = volume("pre", "5Gi", { claimRef: { namespace: "default", name: "c" }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }] } } }, "Pending");
    const free = volume("free", "1Gi");
    expect(findMatchingVolume(pvc("c", "1Gi"), [free, pre], null, undefined, false)?.metadata.name).toBe("pre");
    expect(findMatchingVolume(pvc("c", "1Gi"), [free, pre], { "kubernetes.io/hostname": "node-2" }, undefined, false)).toBeUndefined();
  });

  it("leaves unbound volumes to the scheduler for a WaitForFirstConsumer claim on the PV controller path", () => {
    expect(findMatchingVolume(pvc("c", "1Gi"), [volume("v", "1Gi")], null, undefined, true)).toBeUndefined();
    expect(findMatchingVolume(pvc("c", "1Gi"), [volume("v", "1Gi")], {}, undefined, true)?.metadata.name).toBe("v");
  });

  it("on the scheduler path checks access modes, node affinity and exclusions", () => {
    const rwx = pvc("c", "1Gi", { accessModes: ["ReadWriteMany"] });
    expect(findMatchingVolume(rwx, [volume("rwo", "1Gi")], {}, undefined, true)).toBeUndefined();
    const pinned = volume("pinned", "1Gi", { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }] } } });
    expect(findMatchingVolume(pvc("c", "1Gi"), [pinned], { "kubernetes.io/hostname": "node-2" }, undefined, true)).toBeUndefined();
    expect(findMatchingVolume(pvc("c", "1Gi"), [pinned], { "kubernetes.io/hostname": "node-1" }, new Set(["pinned"]), true)).toBeUndefined();
  });
});

describe("allPossibleMatchingAccessModes / findBestMatchForClaim", () => {
  it("searches the volumes with the fewest access modes first, then the smallest", () => {
    const idx = new PersistentVolumeOrderedIndex();
    for (const v of [volume("multi-small", "1Gi", { accessModes: ["ReadWriteOnce", "ReadOnlyMany"] }), volume("rwo-big", "50Gi")]) idx.store.set(v.metadata.name, v);
    expect(idx.allPossibleMatchingAccessModes(["ReadWriteOnce"])).toEqual(["RWO", "RWO,ROX"]);
    expect(idx.findBestMatchForClaim(pvc("c", "1Gi"), false)?.metadata.name).toBe("rwo-big");
    expect(idx.findBestMatchForClaim(pvc("c", "1Gi", { accessModes: ["ReadOnlyMany"] }), false)?.metadata.name).toBe("multi-small");
  });
});

describe("helpers", () => {
  it("GetBindVolumeToClaim sets claimRef and bound-by-controller; IsVolumeBoundToClaim checks the uid when set", () => {
    const c = pvc("c", "1Gi");
    const { volume: bound, dirty } = getBindVolumeToClaim(volume("v", "1Gi"), c);
    expect(dirty).toBe(true);
    expect(bound.spec.claimRef).toMatchObject({ kind: "PersistentVolumeClaim", namespace: "default", name: "c", uid: "uid-c", apiVersion: "v1" });
    expect(bound.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(isVolumeBoundToClaim(bound, c)).toBe(true);
    expect(isVolumeBoundToClaim(bound, { ...c, metadata: { ...c.metadata, uid: "new" } })).toBe(false);
    // A user's pre-binding (no uid) is completed without the controller annotation.
    const pre = volume("p", "1Gi", { claimRef: { namespace: "default", name: "c" } });
    expect(getBindVolumeToClaim(pre, c).volume.metadata.annotations).toBeUndefined();
  });

  it("GetDefaultClass picks the newest class marked default", () => {
    const sc = (name: string, ts: string, def: boolean): StorageClass =>
      ({ kind: "StorageClass", apiVersion: "storage.k8s.io/v1", provisioner: "x", metadata: { name, uid: name, resourceVersion: "1", creationTimestamp: ts, annotations: def ? { "storageclass.kubernetes.io/is-default-class": "true" } : {} } }) as StorageClass;
    expect(getDefaultClass([sc("old", "2024-01-01T00:00:00Z", true), sc("new", "2025-01-01T00:00:00Z", true), sc("newest", "2026-01-01T00:00:00Z", false)])?.metadata.name).toBe("new");
    expect(getDefaultClass([sc("a", "2024-01-01T00:00:00Z", false)])).toBeUndefined();
  });

  it("the beta storage-class annotation wins over spec.storageClassName", () => {
    const c = pvc("c", "1Gi");
    c.metadata.annotations = { "volume.beta.kubernetes.io/storage-class": "legacy" };
    expect(getPersistentVolumeClaimClass(c)).toBe("legacy");
  });

  it("CheckNodeAffinity: no affinity fits all; matchExpressions against node labels", () => {
    expect(checkNodeAffinity(volume("v", "1Gi"), {})).toBe(true);
    const pinned = volume("p", "1Gi", { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["kind-worker"] }] }] } } });
    expect(checkNodeAffinity(pinned, { "kubernetes.io/hostname": "kind-worker" })).toBe(true);
    expect(checkNodeAffinity(pinned, { "kubernetes.io/hostname": "kind-worker2" })).toBe(false);
  });
});
