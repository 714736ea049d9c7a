// The kubelet's volume manager against a store. Expected FailedMount wording from k/k
// pkg/kubelet/kubelet.go ("Unable to attach or mount volumes: %v"), volume_manager.go WaitForAttachAndMount
// ("unmounted volumes=%v, unattached volumes=%v, failed to process volumes=%v: %w") and the populator's
// createVolumeSpec / getPVCExtractPV ("error processing PVC %s/%s: %v", "PVC is not bound").
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../api/types";
import { Store } from "../../apiserver/store";
import { KubeletVolumes } from "./kubeletVolumes";
import { emptyDirPath, storageFor } from "./storageBackend";

function put(store: Store, resource: string, key: string, obj: object): void {
  store.put(resource, `${resource}/${key}`, obj as KubeObject);
}

function pod(volumes: object[]): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", uid: "pod-uid", resourceVersion: "1", creationTimestamp: "" }, spec: { volumes, containers: [] } } as unknown as Pod;
}

function setup() {
  const store = new Store();
  const events: string[] = [];
  const timers: (() => void)[] = [];
  const vols = new KubeletVolumes(store, "node-1", { event: (_p, type, reason, message) => events.push(`${type} ${reason} ${message}`), after: (_ms, _l, fn) => void timers.push(fn) });
  return { store, events, timers, vols };
}

describe("KubeletVolumes", () => {
  it("waits for an unbound claim with FailedMount, then mounts once the claim is Bound", () => {
    const { store, events, timers, vols } = setup();
    put(store, "persistentvolumeclaims", "default/data", { metadata: { name: "data", namespace: "default", uid: "c1" }, spec: {}, status: { phase: "Pending" } });
    const p = pod([{ name: "www", persistentVolumeClaim: { claimName: "data" } }, { name: "kube-api-access-x", projected: {} }]);
    let started = false;
    vols.waitForAttachAndMount({ pod: p, terminating: false }, () => (started = true));
    expect(started).toBe(false);
    expect(events).toEqual([
      "Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[www], unattached volumes=[], failed to process volumes=[www]: error processing PVC default/data: PVC is not bound",
    ]);
    put(store, "persistentvolumeclaims", "default/data", { metadata: { name: "data", namespace: "default", uid: "c1" }, spec: { volumeName: "pv1" }, status: { phase: "Bound" } });
    put(store, "persistentvolumes", "pv1", { metadata: { name: "pv1" }, spec: { claimRef: { uid: "c1" }, hostPath: { path: "/mnt/data" } } });
    timers.shift()!();
    expect(started).toBe(true);
  });

  it("reports a missing claim the way the populator fetches it", () => {
    const { vols } = setup();
    expect(vols.mountError(pod([{ name: "v", persistentVolumeClaim: { claimName: "nope" } }]))).toBe(
      'Unable to attach or mount volumes: unmounted volumes=[v], unattached volumes=[], failed to process volumes=[v]: error processing PVC default/nope: failed to fetch PVC from API server: persistentvolumeclaims "nope" not found',
    );
  });

  it("puts emptyDir under the pod's directory on the node and removes it with the pod; PV data lives on the PV's path", () => {
    const { store, vols } = setup();
    put(store, "persistentvolumeclaims", "default/data", { metadata: { name: "data", namespace: "default", uid: "c1" }, spec: { volumeName: "pv1" }, status: { phase: "Bound" } });
    put(store, "persistentvolumes", "pv1", { metadata: { name: "pv1" }, spec: { claimRef: { uid: "c1" }, hostPath: { path: "/var/local-path-provisioner/pv1_default_data" } } });
    const p = pod([{ name: "cache", emptyDir: {} }, { name: "www", persistentVolumeClaim: { claimName: "data" } }, { name: "cfg", configMap: { name: "c" } }]);
    vols.handle(p, "cache")!.files.set("a", "1");
    vols.handle(p, "www")!.files.set("index.html", "web-0\n");
    const disk = storageFor(store).disk("node-1");
    expect(disk.files.get(`${emptyDirPath("pod-uid", "cache")}/a`)).toBe("1");
    expect(disk.files.get("/var/local-path-provisioner/pv1_default_data/index.html")).toBe("web-0\n");
    expect(vols.handle(p, "cfg")).toBeUndefined();
    vols.podRemoved("pod-uid");
    expect(disk.exists(emptyDirPath("pod-uid", "cache"))).toBe(false);
    expect(disk.files.get("/var/local-path-provisioner/pv1_default_data/index.html")).toBe("web-0\n");
  });

  it("network volumes are shared by every node; the local-path directory goes when its PV is deleted", () => {
    const { store } = setup();
    const backend = storageFor(store);
    backend.networkVolume("nfs:server:/exports").set("f", "x");
    expect(backend.networkVolume("nfs:server:/exports").get("f")).toBe("x");
    backend.disk("node-1").dir("/var/local-path-provisioner/pvc-1_default_data").set("f", "x");
    const pv = { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pvc-1", annotations: { "pv.kubernetes.io/provisioned-by": "rancher.io/local-path", "local.path.provisioner/selected-node": "node-1" } }, spec: { persistentVolumeReclaimPolicy: "Delete", hostPath: { path: "/var/local-path-provisioner/pvc-1_default_data" } } };
    put(store, "persistentvolumes", "pvc-1", pv);
    store.remove("persistentvolumes", "persistentvolumes/pvc-1");
    expect(backend.disk("node-1").exists("/var/local-path-provisioner/pvc-1_default_data")).toBe(false);
  });
});
