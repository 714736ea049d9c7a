// KubeletVolumes is the kubelet's volume manager for one node: before a pod's sandbox is created it checks
// that every claim the pod uses can be mounted (the claim exists, is Bound, its volume exists and points back
// to it) — otherwise the pod stays ContainerCreating with a FailedMount event and is retried — and it hands
// the container runtime the files behind each volume: emptyDir and hostPath on this node's disk, PVC-backed
// volumes wherever their PersistentVolume lives (a hostPath/local PV on this node's disk, network storage in
// the cluster's backend).
// mirrors WaitForAttachAndMount / verifyVolumesMountedFunc (pkg/kubelet/volumemanager/volume_manager.go), the
// desired-state populator's createVolumeSpec, getPVCExtractPV and getPVSpec errors
// (volumemanager/populator/desired_state_of_world_populator.go), the "Unable to attach or mount volumes"
// event of SyncPod (pkg/kubelet/kubelet.go) and the pod workers' 10s back-off after a failed sync
// (backOffPeriod, pkg/kubelet/kubelet.go).
import type { KubeObject, Pod } from "../../api/types";
import type { Store } from "../../apiserver/store";
import type { VolumeHandle } from "../behaviour/containerFs";
import { normalizePath } from "../behaviour/containerFs";
import { emptyDirPath, podDir, storageFor, type StorageBackend } from "./storageBackend";

/** The pod worker's retry period after a failed sync (kubelet.go backOffPeriod). */
export const POD_SYNC_BACKOFF_MS = 10_000;

/** What the volume manager needs from the pod worker and the kubelet around it. */
export interface MountWaiter {
  readonly pod: Pod;
  /** The pod is being torn down (deleted, or its node died): stop waiting. */
  readonly terminating: boolean;
}

export interface KubeletVolumeDeps {
  event(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void;
  after(ms: number, label: string, fn: () => void): void;
}

type VolumeSpec = Record<string, any>;

export class KubeletVolumes {
  readonly backend: StorageBackend;

  constructor(
    private readonly store: Store,
    readonly nodeName: string,
    private readonly deps: KubeletVolumeDeps,
  ) {
    this.backend = storageFor(store);
  }

  private get(resource: string, key: string): KubeObject | undefined {
    return this.store.get(resource, `${resource}/${key}`);
  }

  /** The claim behind a pod volume, if the volume is one (persistentVolumeClaim or a generic ephemeral). */
  private claimName(pod: Pod, vol: VolumeSpec): string | undefined {
    if (vol.persistentVolumeClaim?.claimName) return vol.persistentVolumeClaim.claimName as string;
    if (vol.ephemeral) return `${pod.metadata.name}-${vol.name}`;
    return undefined;
  }

  /**
   * The createVolumeSpec errors of the pod's claims, as WaitForAttachAndMount reports them; undefined when
   * every volume can be mounted.
   */
  mountError(pod: Pod): string | undefined {
    const ns = pod.metadata.namespace ?? "default";
    const failed: string[] = [];
    const errs: string[] = [];
    for (const vol of (pod.spec.volumes ?? []) as VolumeSpec[]) {
      const claim = this.claimName(pod, vol);
      if (claim === undefined) continue;
      const err = this.claimError(ns, claim);
      if (err === undefined) continue;
      failed.push(vol.name as string);
      errs.push(`error processing PVC ${ns}/${claim}: ${err}`);
    }
    if (failed.length === 0) return undefined;
    return `Unable to attach or mount volumes: unmounted volumes=[${failed.join(" ")}], unattached volumes=[], failed to process volumes=[${failed.join(" ")}]: ${errs.join("; ")}`;
  }

  /** getPVCExtractPV + getPVSpec */
  private claimError(ns: string, name: string): string | undefined {
    const pvc = this.get("persistentvolumeclaims", `${ns}/${name}`);
    if (!pvc) return `failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`;
    if (pvc.metadata.deletionTimestamp) return "PVC is being deleted";
    if (pvc.status?.phase !== "Bound") return "PVC is not bound";
    const pvName = pvc.spec?.volumeName as string | undefined;
    if (!pvName) return "PVC has empty pvc.Spec.VolumeName";
    const pv = this.get("persistentvolumes", pvName);
    if (!pv) return `failed to fetch PV ${pvName} from API server: persistentvolumes "${pvName}" not found`;
    const ref = pv.spec?.claimRef;
    if (!ref) return `found PV object ${pvName} but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim`;
    if (ref.uid !== pvc.metadata.uid) return `found PV object ${pvName} but its pv.Spec.ClaimRef.UID ${ref.uid ?? ""} does not point to claim.UID ${pvc.metadata.uid}`;
    return undefined;
  }

  /**
   * WaitForAttachAndMount: `then` runs once the pod's volumes can be mounted; until then a FailedMount event
   * is recorded and the sync is retried every 10s.
   */
  waitForAttachAndMount(w: MountWaiter, then: () => void): void {
    const attempt = () => {
      if (w.terminating) return;
      const err = this.mountError(w.pod);
      if (err === undefined) return then();
      this.deps.event(w.pod, "Warning", "FailedMount", err);
      this.deps.after(POD_SYNC_BACKOFF_MS, "kubelet:volume-mount-retry", attempt);
    };
    attempt();
  }

  /** The files behind a pod volume that outlives its containers; undefined: the runtime keeps its own map. */
  handle(pod: Pod, volumeName: string): VolumeHandle | undefined {
    const vol = (pod.spec.volumes ?? []).find((v) => v.name === volumeName) as VolumeSpec | undefined;
    if (!vol) return undefined;
    const disk = this.backend.disk(this.nodeName);
    if (vol.emptyDir !== undefined) return { files: disk.dir(emptyDirPath(pod.metadata.uid, volumeName), vol.emptyDir?.medium === "Memory") };
    if (vol.hostPath?.path) return { files: disk.dir(normalizePath(vol.hostPath.path as string)) };
    const claim = this.claimName(pod, vol);
    if (claim === undefined) return undefined;
    const pvc = this.get("persistentvolumeclaims", `${pod.metadata.namespace ?? "default"}/${claim}`);
    const pv = pvc?.spec?.volumeName ? this.get("persistentvolumes", pvc.spec.volumeName as string) : undefined;
    if (!pv) return undefined;
    const readOnly = vol.persistentVolumeClaim?.readOnly === true || pv.spec?.nfs?.readOnly === true || pv.spec?.csi?.readOnly === true;
    return { files: this.pvFiles(pv), readOnly };
  }

  /** Where a PersistentVolume's data lives: node-local sources on this node's disk, the rest on the network. */
  private pvFiles(pv: KubeObject) {
    const spec = pv.spec ?? {};
    const disk = this.backend.disk(this.nodeName);
    if (spec.hostPath?.path) return disk.dir(normalizePath(spec.hostPath.path as string));
    if (spec.local?.path) return disk.dir(normalizePath(spec.local.path as string));
    if (spec.nfs) return this.backend.networkVolume(`nfs:${spec.nfs.server}:${normalizePath(spec.nfs.path ?? "/")}`);
    if (spec.csi) return this.backend.networkVolume(`csi:${spec.csi.driver}:${spec.csi.volumeHandle}`);
    return this.backend.networkVolume(`pv:${pv.metadata.name}`);
  }

  /** cleanupOrphanedPodDirs: the pod is gone from the API, its directory (emptyDirs) goes too. */
  podRemoved(uid: string): void {
    this.backend.disk(this.nodeName).removeAll(podDir(uid));
  }

  /** The machine stops: RAM-backed volumes are lost. */
  powerOff(): void {
    this.backend.disk(this.nodeName).powerOff();
  }
}
