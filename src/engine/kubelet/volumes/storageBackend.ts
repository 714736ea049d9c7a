// StorageBackend is where the simulated cluster keeps volume data outside containers: each machine's disk
// (emptyDir, hostPath, local and local-path volumes live there) and network storage (an NFS export, a CSI
// volume: reachable from every node). It belongs to one cluster, beside etcd: `storageFor(store)` finds it by
// the cluster's Store, so kubelets reach it without new wiring, and lessons read it the same way.
// What survives what:
//   container restart → the writable layer is lost, every volume stays;
//   pod deleted       → its emptyDir directories are removed by the kubelet (cleanupOrphanedPodDirs);
//   node stops        → RAM-backed emptyDir (medium: Memory) is lost; the disk stays for the next boot;
//   PV deleted        → a local-path PV's directory is removed by the provisioner's teardown helper pod.
import type { Store } from "../../apiserver/store";
import { NodeDisk } from "./nodeDisk";
import type { VolumeFiles } from "../behaviour/containerFs";

const backends = new WeakMap<Store, StorageBackend>();

/** The storage of the cluster whose etcd is `store` (created on first use). */
export function storageFor(store: Store): StorageBackend {
  let b = backends.get(store);
  if (!b) {
    b = new StorageBackend(store);
    backends.set(store, b);
  }
  return b;
}

/** The kubelet's per-pod directory (kubelet_getters.go getPodDir under --root-dir /var/lib/kubelet). */
export function podDir(uid: string): string {
  return `/var/lib/kubelet/pods/${uid}`;
}

/** Where an emptyDir lives on its node (getPodVolumeDir with the kubernetes.io~empty-dir plugin dir). */
export function emptyDirPath(uid: string, volumeName: string): string {
  return `${podDir(uid)}/volumes/kubernetes.io~empty-dir/${volumeName}`;
}

export class StorageBackend {
  private readonly disks = new Map<string, NodeDisk>();
  private readonly network = new Map<string, VolumeFiles>();

  constructor(store: Store) {
    // The local-path teardown helper pod removes a deleted volume's directory from its node.
    store.onEvent((e) => {
      if (e.type !== "DELETED" || e.resource !== "persistentvolumes") return;
      const pv = e.object;
      if (pv.metadata.annotations?.["pv.kubernetes.io/provisioned-by"] !== "rancher.io/local-path") return;
      if (pv.spec?.persistentVolumeReclaimPolicy !== "Delete") return;
      const node = pv.metadata.annotations?.["local.path.provisioner/selected-node"];
      const path = pv.spec?.hostPath?.path as string | undefined;
      if (node && path) this.disks.get(node)?.removeAll(path);
    });
  }

  /** A machine's disk (created empty the first time the node is seen). */
  disk(node: string): NodeDisk {
    let d = this.disks.get(node);
    if (!d) {
      d = new NodeDisk();
      this.disks.set(node, d);
    }
    return d;
  }

  /** Network storage, shared by every node: files keyed by the volume's identity (server+path, driver+handle). */
  networkVolume(identity: string): VolumeFiles {
    let v = this.network.get(identity);
    if (!v) {
      v = new Map<string, string>();
      this.network.set(identity, v);
    }
    return v;
  }

  /** The machine is gone for good (replaced): its disk goes with it. */
  forgetNode(node: string): void {
    this.disks.delete(node);
  }

  /** Test and lesson helper: the files under `dir` on `node`, relative paths in sorted order. */
  listDir(node: string, dir: string): [string, string][] {
    const d = this.disks.get(node);
    if (!d || !d.exists(dir)) return [];
    return [...d.dir(dir).entries()].filter(([k]) => !k.endsWith("/")).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
