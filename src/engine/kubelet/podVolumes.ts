// PodVolumes keeps the files a pod's containers wrote into its volumes. An emptyDir lives as long as the
// pod (it survives container restarts, not the pod); anything written outside a volume is the
// container's writable layer and is lost when the container restarts. configMap, secret, downwardAPI
// and projected volumes are mounted read-only, as the kubelet does. Volumes that outlive the pod
// (hostPath on the node, PVCs) come from `shared` when the caller provides it.
import type { Pod } from "../api/types";
import type { VolumeHandle, VolumeStore } from "./behaviour/containerFs";

const READ_ONLY_SOURCES = ["configMap", "secret", "downwardAPI", "projected"];

export class PodVolumes implements VolumeStore {
  private readonly byName = new Map<string, VolumeHandle>();

  constructor(
    private readonly pod: Pod,
    private readonly shared?: (pod: Pod, volumeName: string) => VolumeHandle | undefined,
  ) {}

  get(volumeName: string): VolumeHandle | undefined {
    let h = this.byName.get(volumeName);
    if (h) return h;
    const vol = this.pod.spec.volumes?.find((v) => v.name === volumeName);
    h = this.shared?.(this.pod, volumeName) ?? {
      files: new Map<string, string>(),
      readOnly: vol ? READ_ONLY_SOURCES.some((s) => s in vol) : false,
    };
    this.byName.set(volumeName, h);
    return h;
  }
}
