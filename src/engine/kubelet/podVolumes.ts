// PodVolumes keeps the files a pod's containers wrote into its volumes. An emptyDir lives as long as the
// pod (it survives container restarts, not the pod); anything written outside a volume is the
// container's writable layer and is lost when the container restarts. Volumes that outlive the pod
// (hostPath on the node, PVCs in the cluster) are supplied by `shared`.
import type { Container, Pod } from "../api/types";
import type { VolumeFiles } from "./containerModel";

export class PodVolumes {
  private readonly byVolume = new Map<string, Set<string>>();

  constructor(private readonly shared?: (pod: Pod, volumeName: string) => Set<string> | undefined) {}

  /** The file sets visible to `container`, by mount path (longest mount path wins). */
  forContainer(pod: Pod, container: Container): VolumeFiles {
    const mounts: { path: string; files: Set<string> }[] = [];
    for (const m of container.volumeMounts ?? []) {
      let files = this.shared?.(pod, m.name) ?? this.byVolume.get(m.name);
      if (!files) this.byVolume.set(m.name, (files = new Set()));
      mounts.push({ path: m.mountPath.replace(/\/+$/, ""), files });
    }
    mounts.sort((a, b) => b.path.length - a.path.length);
    return {
      forPath(path: string) {
        for (const m of mounts) if (path === m.path || path.startsWith(`${m.path}/`)) return m.files;
        return undefined;
      },
    };
  }
}
