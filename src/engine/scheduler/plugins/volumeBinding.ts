// VolumeBinding's PreFilter: a pod whose PersistentVolumeClaims are missing, being deleted, or unbound
// with Immediate binding cannot be scheduled anywhere until they are bound (the PV controller's job).
// Mirrors pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter, podHasPVCs) and
// binder.go (GetPodVolumeClaims). Finding and binding PVs for WaitForFirstConsumer claims comes with the
// storage simulation; such claims pass here.
import type { KubeObject } from "../../api/types";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
import { newStatus, type CycleState, type PreFilterPlugin, type Status } from "../framework/types";

export const VolumeBindingName = "VolumeBinding";
export const ErrReasonUnboundImmediatePVC = "pod has unbound immediate PersistentVolumeClaims";

export interface VolumeLookups {
  pvc(namespace: string, name: string): KubeObject | undefined;
  storageClass(name: string): KubeObject | undefined;
  /** The default StorageClass (annotation storageclass.kubernetes.io/is-default-class), if any. */
  defaultStorageClass(): KubeObject | undefined;
}

export class VolumeBinding implements PreFilterPlugin {
  readonly name = VolumeBindingName;

  constructor(private readonly lookups: VolumeLookups) {}

  preFilter(_state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): { status: Status | null } {
    const ns = pod.pod.metadata.namespace ?? "default";
    let hasPVC = false;
    let unboundImmediate = false;
    for (const v of pod.pod.spec.volumes ?? []) {
      const src = v.persistentVolumeClaim as { claimName?: string } | undefined;
      const claimName = src?.claimName ?? (v.ephemeral ? `${pod.pod.metadata.name}-${v.name}` : undefined);
      if (claimName === undefined) continue;
      hasPVC = true;
      const pvc = this.lookups.pvc(ns, claimName);
      if (!pvc) return { status: newStatus("UnschedulableAndUnresolvable", `persistentvolumeclaim "${claimName}" not found`) };
      if (pvc.metadata.deletionTimestamp) {
        return { status: newStatus("UnschedulableAndUnresolvable", `persistentvolumeclaim "${claimName}" is being deleted`) };
      }
      if (pvc.spec?.volumeName) continue; // bound
      if (!this.delaysBinding(pvc)) unboundImmediate = true;
    }
    if (!hasPVC) return { status: newStatus("Skip") };
    if (unboundImmediate) return { status: newStatus("UnschedulableAndUnresolvable", ErrReasonUnboundImmediatePVC) };
    return { status: null };
  }

  /** shouldDelayBinding: the claim's class (or the default one) binds WaitForFirstConsumer. */
  private delaysBinding(pvc: KubeObject): boolean {
    const className = pvc.spec?.storageClassName as string | undefined;
    const sc = className ? this.lookups.storageClass(className) : this.lookups.defaultStorageClass();
    return sc?.volumeBindingMode === "WaitForFirstConsumer";
  }
}
