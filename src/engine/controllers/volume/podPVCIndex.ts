// The pod-pvc informer index shared by the volume controllers: every pod under the "namespace/claim" keys of
// the claims it uses, so "who uses this claim?" is one lookup, not a scan of 150,000 pods.
// mirrors PodPVCIndex / PodPVCIndexFunc (k/k pkg/controller/volume/common/common.go), with generic
// ephemeral volumes named as ephemeral.VolumeClaimName does: "<pod>-<volume>".
import type { Pod } from "../../api/types";

export const POD_PVC_INDEX = "pod-pvc-index";

const NONE: readonly string[] = [];

/** The claim names a pod's volumes refer to, in volume order. */
export function podClaimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc?.claimName) out.push(pvc.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

/** True when a volume of the pod is backed by a claim (no allocation: called for every pod event). */
export function podHasClaims(pod: Pod): boolean {
  const vols = pod.spec?.volumes;
  if (!vols) return false;
  for (let i = 0; i < vols.length; i++) if (vols[i]!.persistentVolumeClaim || vols[i]!.ephemeral) return true;
  return false;
}

export function podPVCIndexFunc(pod: Pod): readonly string[] {
  if (!podHasClaims(pod)) return NONE;
  const ns = pod.metadata.namespace ?? "";
  return podClaimNames(pod).map((c) => `${ns}/${c}`);
}
