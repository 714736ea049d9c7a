// PodVolumes keeps the files a pod's containers wrote into its volumes. An emptyDir lives as long as the
// pod (it survives container restarts, not the pod); anything written outside a volume is the
// container's writable layer and is lost when the container restarts. configMap, secret, downwardAPI
// and projected volumes are mounted read-only, as the kubelet does. Volumes that outlive the pod
// (hostPath on the node, PVCs) come from `shared` when the caller provides it.
import type { Pod } from "../api/types";
import type { VolumeHandle, VolumeStore } from "./behaviour/containerFs";

const READ_ONLY_SOURCES = ["configMap", "secret", "downwardAPI", "projected"];

/** Where the pod comes from: its current object (the fields read here, spec.volumes and identity, never change). */
export interface PodRef {
  readonly pod: Pod;
}

/** Supplies volumes that outlive the pod (volumes/kubeletVolumes.ts); undefined: a per-pod map. */
export interface SharedVolumes {
  volumeHandle?(pod: Pod, volumeName: string): VolumeHandle | undefined;
}

export class PodVolumes implements VolumeStore {
  /** Created with the first volume asked for (most pods' containers never touch their files). */
  private byName: Map<string, VolumeHandle> | undefined;

  constructor(
    private readonly ref: PodRef,
    private readonly shared?: SharedVolumes,
  ) {}

  get(volumeName: string): VolumeHandle | undefined {
    let h = this.byName?.get(volumeName);
    if (h) return h;
    const pod = this.ref.pod;
    const vol = pod.spec.volumes?.find((v) => v.name === volumeName);
    h = this.shared?.volumeHandle?.(pod, volumeName) ?? {
      files: new Map<string, string>(),
      readOnly: vol ? READ_ONLY_SOURCES.some((s) => s in vol) : false,
    };
    (this.byName ??= new Map()).set(volumeName, h);
    return h;
  }
}
