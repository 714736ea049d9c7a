// The storage admission plugins kube-apiserver runs by default:
// - DefaultStorageClass: a new claim that names no class at all gets the default StorageClass (the newest
//   one marked storageclass.kubernetes.io/is-default-class: "true"); an explicit "" stays "no class".
// - StorageObjectInUseProtection: new claims and volumes get their protection finalizer, so they cannot
//   vanish while a pod uses them (the pvc-protection and pv-protection controllers remove it).
// mirrors claimDefaulterPlugin.Admit (k/k plugin/pkg/admission/storage/storageclass/setdefault/admission.go),
// GetDefaultClass (pkg/volume/util/storageclass.go) and storageProtectionPlugin.Admit
// (plugin/pkg/admission/storage/storageobjectinuseprotection/admission.go). Both act on CREATE only.
import type { KubeObject } from "../../api/types";
import type { AdmissionContext } from "./context";

type Obj = Record<string, any>;

const BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";
export const PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** DefaultStorageClass. `ctx.defaultStorageClass` answers the class name (absent: no default is known). */
export function defaultStorageClassAdmit(obj: KubeObject, ctx: AdmissionContext): void {
  if (ctx.operation !== "CREATE" || obj.kind !== "PersistentVolumeClaim" || obj.apiVersion !== "v1") return;
  if (!isObj(obj.spec)) return;
  // PersistentVolumeClaimHasClass: the beta annotation or any storageClassName, even "".
  if (obj.metadata?.annotations?.[BETA_STORAGE_CLASS] !== undefined) return;
  if (obj.spec.storageClassName !== undefined && obj.spec.storageClassName !== null) return;
  const def = ctx.defaultStorageClass?.();
  if (def === undefined) return;
  obj.spec.storageClassName = def;
}

/** StorageObjectInUseProtection: appends the finalizer unless the object already carries it. */
export function storageObjectInUseProtectionAdmit(obj: KubeObject, ctx: AdmissionContext): void {
  if (ctx.operation !== "CREATE" || obj.apiVersion !== "v1") return;
  const finalizer = obj.kind === "PersistentVolumeClaim" ? PVC_PROTECTION_FINALIZER : obj.kind === "PersistentVolume" ? PV_PROTECTION_FINALIZER : undefined;
  if (!finalizer || !isObj(obj.metadata)) return;
  const current: string[] = Array.isArray(obj.metadata.finalizers) ? obj.metadata.finalizers : [];
  if (current.includes(finalizer)) return;
  obj.metadata.finalizers = [...current, finalizer];
}
