// `kubectl get` for storage kinds: persistentvolumes, persistentvolumeclaims, storageclasses, csidrivers,
// csinodes, volumeattachments. mirrors printPersistentVolume, printPersistentVolumeClaim,
// printStorageClass, printCSIDriver, printCSINode, printVolumeAttachment
// (k/k pkg/printers/internalversion/printers.go) and GetAccessModesAsString / GetPersistentVolumeClass
// (pkg/apis/core/helper/helpers.go).
import type { KubeObject } from "../../../api/types";
import { quantityString } from "./quantity";
import { age, arr, col, field, NAME, rec, str, type Cell, type KindPrinter } from "./types";

const ACCESS_MODES: readonly [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

// mirrors GetAccessModesAsString: always in RWO, ROX, RWX, RWOP order, duplicates dropped.
export function accessModesAsString(modes: unknown): string {
  const set = new Set(arr<string>(modes));
  return ACCESS_MODES.filter(([m]) => set.has(m)).map(([, s]) => s).join(",");
}

/** The beta annotation wins over spec.storageClassName (GetPersistentVolume[Claim]Class). */
export function storageClassOf(obj: KubeObject): string {
  const beta = obj.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"];
  return beta !== undefined ? beta : str(field(obj, "spec", "storageClassName"));
}

function phaseOrTerminating(obj: KubeObject): string {
  return obj.metadata?.deletionTimestamp ? "Terminating" : str(field(obj, "status", "phase"));
}

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    NAME,
    col("Capacity"),
    col("Access Modes"),
    col("Reclaim Policy"),
    col("Status"),
    col("Claim"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Reason"),
    col("Age"),
    col("VolumeMode", 1),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const spec = rec(obj.spec);
    const ref = spec.claimRef === undefined ? undefined : rec(spec.claimRef);
    const claim = ref ? `${str(ref.namespace)}/${str(ref.name)}` : "";
    return [
      obj.metadata.name,
      quantityString(field(spec, "capacity", "storage")),
      accessModesAsString(spec.accessModes),
      str(spec.persistentVolumeReclaimPolicy),
      phaseOrTerminating(obj),
      claim,
      storageClassOf(obj),
      str(spec.volumeAttributesClassName) || "<unset>",
      str(field(obj, "status", "reason")),
      age(obj, now),
      str(spec.volumeMode) || "<unset>",
    ];
  },
};

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    NAME,
    col("Status"),
    col("Volume"),
    col("Capacity"),
    col("Access Modes"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Age"),
    col("VolumeMode", 1),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const spec = rec(obj.spec);
    const volumeName = str(spec.volumeName);
    // Capacity and access modes are the bound volume's, so they stay empty until the claim is bound.
    const bound = volumeName !== "";
    return [
      obj.metadata.name,
      phaseOrTerminating(obj),
      volumeName,
      bound ? quantityString(field(obj, "status", "capacity", "storage")) : "",
      bound ? accessModesAsString(field(obj, "status", "accessModes")) : "",
      storageClassOf(obj),
      str(spec.volumeAttributesClassName) || "<unset>",
      age(obj, now),
      str(spec.volumeMode) || "<unset>",
    ];
  },
};

// mirrors storageutil.IsDefaultAnnotation
function isDefaultClass(obj: KubeObject): boolean {
  const a = obj.metadata?.annotations ?? {};
  return a["storageclass.kubernetes.io/is-default-class"] === "true" || a["storageclass.beta.kubernetes.io/is-default-class"] === "true";
}

export const storageClassPrinter: KindPrinter = {
  columns: [NAME, col("Provisioner"), col("ReclaimPolicy"), col("VolumeBindingMode"), col("AllowVolumeExpansion"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    // StorageClass keeps its fields at the top level, not under spec.
    const o = obj as Record<string, unknown>;
    return [
      isDefaultClass(obj) ? `${obj.metadata.name} (default)` : obj.metadata.name,
      str(o.provisioner),
      str(o.reclaimPolicy) || "Delete",
      str(o.volumeBindingMode) || "Immediate",
      o.allowVolumeExpansion === true,
      age(obj, now),
    ];
  },
};

export const csiDriverPrinter: KindPrinter = {
  columns: [
    NAME,
    col("AttachRequired"),
    col("PodInfoOnMount"),
    col("StorageCapacity"),
    col("TokenRequests"),
    col("RequiresRepublish"),
    col("Modes"),
    col("Age"),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const spec = rec(obj.spec);
    const tokenRequests = Array.isArray(spec.tokenRequests) ? arr(spec.tokenRequests).map((t) => str(rec(t).audience)).join(",") : "<unset>";
    const modes = arr<string>(spec.volumeLifecycleModes).join(",") || "<none>";
    return [
      obj.metadata.name,
      spec.attachRequired !== false,
      spec.podInfoOnMount === true,
      spec.storageCapacity === true,
      tokenRequests,
      spec.requiresRepublish === true,
      modes,
      age(obj, now),
    ];
  },
};

export const csiNodePrinter: KindPrinter = {
  columns: [NAME, col("Drivers"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, arr(field(obj, "spec", "drivers")).length, age(obj, now)];
  },
};

export const volumeAttachmentPrinter: KindPrinter = {
  columns: [NAME, col("Attacher"), col("PV"), col("Node"), col("Attached"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [
      obj.metadata.name,
      str(field(obj, "spec", "attacher")),
      str(field(obj, "spec", "source", "persistentVolumeName")),
      str(field(obj, "spec", "nodeName")),
      field(obj, "status", "attached") === true,
      age(obj, now),
    ];
  },
};
