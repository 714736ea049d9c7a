// What happens to the files a container writes, by where it writes them (concepts/storage/volumes.md,
// concepts/storage/ephemeral-volumes.md, concepts/storage/persistent-volumes.md):
// - the container's own filesystem is lost when the container restarts;
// - an emptyDir "is initially empty ... When a Pod is removed from a node for any reason, the data in the
//   emptyDir is deleted permanently"; it survives container crashes; medium: Memory is a tmpfs, "cleared
//   on node reboot";
// - a hostPath volume is a file or directory of the node: another node has other contents;
// - a PersistentVolumeClaim's data outlives the pod; kind's local-path volumes live on one node, so every
//   later pod using the claim is scheduled there (the PV's node affinity).
// Files are written and read by the containers' own commands (busybox sh, through the behaviour model).
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../api/types";
import { resolveResource } from "../api/registry";
import { ensureKindStorage } from "../controllers/volume/testing/kindStorage";
import type { Cluster } from "../sim/cluster";
import { fixtures, newCluster } from "./testCluster";

const PODS = resolveResource("pods")!;
const podOf = (c: Cluster, name: string) => c.store.get("pods", `pods/default/${name}`) as Pod | undefined;
const ready = (p: Pod | undefined) => p?.status?.phase === "Running" && p.status.conditions?.some((x) => x.type === "Ready" && x.status === "True") === true;
const logs = (c: Cluster, name: string, container = "c"): readonly string[] => {
  const p = podOf(c, name)!;
  return c.kubeletOf(p.spec.nodeName!).worker("default", name)!.logs(container) ?? [];
};

function busybox(name: string, script: string, volumes: object[], mounts: object[], extra: object = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { volumes, containers: [{ name: "c", image: "busybox", command: ["sh", "-c", script], volumeMounts: mounts }], ...extra },
  } as unknown as KubeObject;
}

/** Deletes a pod and waits until its object is gone (graceful termination included). */
function deletePod(c: Cluster, name: string): void {
  c.api.delete("kubectl", PODS, "default", name);
  expect(c.runUntil(() => !podOf(c, name), 120_000)).toBe(true);
}

const NO_FILE = (p: string) => `cat: can't open '${p}': No such file or directory`;

describe("volume data lifetimes", () => {
  it("a PVC's data survives the pod; an emptyDir starts empty in the new pod; the pod returns to the volume's node", () => {
    const c = newCluster();
    ensureKindStorage(c);
    c.api.create("kubectl", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } as unknown as KubeObject);
    const writer = () =>
      busybox(
        "writer",
        "cat /data/count; cat /cache/count; echo run >> /data/count; echo run >> /cache/count; sleep 3600",
        [{ name: "data", persistentVolumeClaim: { claimName: "data" } }, { name: "cache", emptyDir: {} }],
        [{ name: "data", mountPath: "/data" }, { name: "cache", mountPath: "/cache" }],
      );
    c.api.create("kubectl", writer());
    expect(c.runUntil(() => ready(podOf(c, "writer")), 60_000)).toBe(true);
    c.advance(1_000);
    expect(logs(c, "writer")).toEqual([NO_FILE("/data/count"), NO_FILE("/cache/count")]);
    const firstNode = podOf(c, "writer")!.spec.nodeName;

    deletePod(c, "writer");
    c.api.create("kubectl", writer());
    expect(c.runUntil(() => ready(podOf(c, "writer")), 60_000)).toBe(true);
    c.advance(1_000);
    expect(podOf(c, "writer")!.spec.nodeName).toBe(firstNode);
    expect(logs(c, "writer")).toEqual(["run", NO_FILE("/cache/count")]);
    expect(c.internalErrors).toEqual([]);
  });

  it("an emptyDir survives a container restart; the container's own files do not", () => {
    const c = newCluster();
    c.api.create(
      "kubectl",
      busybox("crasher", "cat /cache/count; cat /tmp/count; echo x >> /cache/count; echo x >> /tmp/count; sleep 2; exit 1", [{ name: "cache", emptyDir: {} }], [{ name: "cache", mountPath: "/cache" }]),
    );
    expect(c.runUntil(() => (podOf(c, "crasher")?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 && podOf(c, "crasher")?.status?.containerStatuses?.[0]?.state.running !== undefined, 60_000)).toBe(true);
    c.advance(500);
    expect(logs(c, "crasher")).toEqual(["x", NO_FILE("/tmp/count")]);
  });

  it("hostPath is the node's directory: another node does not have the file", () => {
    const c = newCluster();
    const hostPath = [{ name: "host", hostPath: { path: "/tmp/demo", type: "DirectoryOrCreate" } }];
    const mounts = [{ name: "host", mountPath: "/host" }];
    const on = (node: string) => ({ nodeSelector: { "kubernetes.io/hostname": node } });
    c.api.create("kubectl", busybox("writer", "echo hello from node-1 > /host/greeting; sleep 3600", hostPath, mounts, on("node-1")));
    expect(c.runUntil(() => ready(podOf(c, "writer")), 60_000)).toBe(true);
    c.api.create("kubectl", busybox("elsewhere", "cat /host/greeting; sleep 3600", hostPath, mounts, on("node-2")));
    c.api.create("kubectl", busybox("same-node", "cat /host/greeting; sleep 3600", hostPath, mounts, on("node-1")));
    expect(c.runUntil(() => ready(podOf(c, "elsewhere")) && ready(podOf(c, "same-node")), 60_000)).toBe(true);
    c.advance(1_000);
    expect(logs(c, "elsewhere")).toEqual([NO_FILE("/host/greeting")]);
    expect(logs(c, "same-node")).toEqual(["hello from node-1"]);
  });

  it("a disk emptyDir survives a node reboot with its pod; a medium: Memory one does not", () => {
    const c = newCluster();
    c.api.create(
      "kubectl",
      busybox(
        "rebooted",
        "cat /disk/f; cat /ram/f; echo kept >> /disk/f; echo kept >> /ram/f; sleep 3600",
        [{ name: "disk", emptyDir: {} }, { name: "ram", emptyDir: { medium: "Memory" } }],
        [{ name: "disk", mountPath: "/disk" }, { name: "ram", mountPath: "/ram" }],
        { nodeSelector: { "kubernetes.io/hostname": "node-1" } },
      ),
    );
    expect(c.runUntil(() => ready(podOf(c, "rebooted")), 60_000)).toBe(true);
    const uid = podOf(c, "rebooted")!.metadata.uid;
    c.killNode("node-1");
    c.advance(20_000);
    c.restoreNode("node-1");
    expect(c.runUntil(() => c.kubeletOf("node-1").worker("default", "rebooted")?.logs("c")?.length === 2, 60_000)).toBe(true);
    expect(podOf(c, "rebooted")!.metadata.uid).toBe(uid);
    expect(logs(c, "rebooted")).toEqual(["kept", NO_FILE("/ram/f")]);
  });
});

describe("StatefulSet web: each ordinal keeps its data (oracle 03, 'pods deleted come back ... PVCs re-attached')", () => {
  it("kubectl delete pod -l app=nginx: web-0 then web-1 come back and serve what they served before", () => {
    const c = newCluster();
    ensureKindStorage(c);
    for (const o of fixtures("web.yaml")) c.api.create("kubectl", o);
    expect(c.runUntil(() => ready(podOf(c, "web-0")) && ready(podOf(c, "web-1")), 120_000)).toBe(true);
    // The tutorial: for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
    const old: Record<string, string> = {};
    for (const name of ["web-0", "web-1"]) {
      const p = podOf(c, name)!;
      old[name] = p.metadata.uid;
      c.kubeletOf(p.spec.nodeName!).worker("default", name)!.volumes.get("www")!.files.set("index.html", `${name}\n`);
    }
    for (const name of ["web-0", "web-1"]) c.api.delete("kubectl", PODS, "default", name);
    expect(c.runUntil(() => ready(podOf(c, "web-0")) && podOf(c, "web-0")!.metadata.uid !== old["web-0"], 120_000)).toBe(true);
    // Ordered: web-1's replacement waits for web-0 to be Running and Ready.
    expect(podOf(c, "web-1") === undefined || podOf(c, "web-1")!.metadata.uid === old["web-1"]).toBe(true);
    expect(c.runUntil(() => ready(podOf(c, "web-1")) && podOf(c, "web-1")!.metadata.uid !== old["web-1"], 120_000)).toBe(true);
    for (const name of ["web-0", "web-1"]) {
      const p = podOf(c, name)!;
      expect(c.kubeletOf(p.spec.nodeName!).worker("default", name)!.volumes.get("www")!.files.get("index.html")).toBe(`${name}\n`);
    }
    expect(c.internalErrors).toEqual([]);
  });
});
