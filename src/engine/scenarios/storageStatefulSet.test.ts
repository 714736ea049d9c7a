// StatefulSet storage with kind's default StorageClass (tutorials/stateful-application/basic-stateful-set.md,
// oracle 03; concepts/workloads/controllers/statefulset.md "PersistentVolumeClaim retention") and the
// scheduler's VolumeBinding on static local volumes (concepts/storage/volumes.md#local: "the scheduler ensures
// that pods using local volumes are scheduled on the node the volume is on").
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject, Pod } from "../api/types";
import { resolveResource } from "../api/registry";
import { ensureKindStorage } from "../controllers/volume/testing/kindStorage";
import type { PersistentVolumeClaim } from "../controllers/volume/types";
import type { Cluster } from "../sim/cluster";
import { deepCopy } from "../sim/clone";
import { fixtures, newCluster } from "./testCluster";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const PODS = resolveResource("pods")!;
const STS = resolveResource("statefulsets")!;
const podOf = (c: Cluster, name: string) => c.store.get("pods", `pods/default/${name}`) as Pod | undefined;
const claims = (c: Cluster) => c.list<PersistentVolumeClaim>("persistentvolumeclaims", "default").map((p) => p.metadata.name);
const ready = (p: Pod | undefined) => p?.status?.phase === "Running" && p.status.conditions?.some((x) => x.type === "Ready" && x.status === "True") === true;
const allReady = (c: Cluster, names: string[]) => names.every((n) => ready(podOf(c, n)));
const scheduled = (p: Pod | undefined) => p?.status?.conditions?.find((x) => x.type === "PodScheduled");

function webWith(policy?: { whenDeleted?: string; whenScaled?: string }): KubeObject[] {
  const objs = fixtures("web.yaml").map((o) => deepCopy(o));
  if (policy) (objs[1]!.spec as Record<string, unknown>).persistentVolumeClaimRetentionPolicy = policy;
  return objs;
}

function scale(c: Cluster, replicas: number): void {
  const sts = deepCopy(c.store.get("statefulsets", "statefulsets/default/web")!);
  sts.spec.replicas = replicas;
  c.api.update("kubectl", sts);
}

describe("web-parallel.yaml (SCENARIOS #7): podManagementPolicy Parallel", () => {
  it("creates web-0 and web-1 at once, each with its own provisioned claim", () => {
    const c = newCluster();
    ensureKindStorage(c);
    const objs = yaml.loadAll(readFileSync(join(import.meta.dirname, "fixtures", "storage", "web-parallel.yaml"), "utf8")) as KubeObject[];
    for (const o of objs) c.api.create("kubectl", o);
    c.advance(100);
    expect([podOf(c, "web-0")?.metadata.creationTimestamp, podOf(c, "web-1")?.metadata.creationTimestamp].every((t) => t !== undefined)).toBe(true);
    expect(podOf(c, "web-0")!.metadata.creationTimestamp).toBe(podOf(c, "web-1")!.metadata.creationTimestamp);
    expect(c.runUntil(() => allReady(c, ["web-0", "web-1"]), 120_000)).toBe(true);
    expect(claims(c)).toEqual(["www-web-0", "www-web-1"]);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("PersistentVolumeClaim retention", () => {
  it("default Retain/Retain: scaling down keeps www-web-1, scaling up re-attaches it", () => {
    const c = newCluster();
    ensureKindStorage(c);
    for (const o of webWith()) c.api.create("kubectl", o);
    expect(c.runUntil(() => allReady(c, ["web-0", "web-1"]), 120_000)).toBe(true);
    const volume = c.store.get("persistentvolumeclaims", "persistentvolumeclaims/default/www-web-1")!.spec.volumeName;
    scale(c, 1);
    expect(c.runUntil(() => !podOf(c, "web-1"), 120_000)).toBe(true);
    c.advance(5_000);
    expect(claims(c)).toEqual(["www-web-0", "www-web-1"]);
    scale(c, 2);
    expect(c.runUntil(() => ready(podOf(c, "web-1")), 120_000)).toBe(true);
    expect(c.store.get("persistentvolumeclaims", "persistentvolumeclaims/default/www-web-1")!.spec.volumeName).toBe(volume);
  });

  it("whenScaled: Delete removes the claim of the scaled-away ordinal, and its volume (reclaim Delete)", () => {
    const c = newCluster();
    ensureKindStorage(c);
    for (const o of webWith({ whenDeleted: "Retain", whenScaled: "Delete" })) c.api.create("kubectl", o);
    expect(c.runUntil(() => allReady(c, ["web-0", "web-1"]), 120_000)).toBe(true);
    const volume = c.store.get("persistentvolumeclaims", "persistentvolumeclaims/default/www-web-1")!.spec.volumeName as string;
    scale(c, 1);
    expect(c.runUntil(() => claims(c).length === 1, 180_000)).toBe(true);
    expect(claims(c)).toEqual(["www-web-0"]);
    expect(c.runUntil(() => !c.store.get("persistentvolumes", `persistentvolumes/${volume}`), 60_000)).toBe(true);
  });

  it("whenDeleted: Delete removes every claim with the StatefulSet", () => {
    const c = newCluster();
    ensureKindStorage(c);
    for (const o of webWith({ whenDeleted: "Delete", whenScaled: "Retain" })) c.api.create("kubectl", o);
    expect(c.runUntil(() => allReady(c, ["web-0", "web-1"]), 120_000)).toBe(true);
    c.api.delete("kubectl", STS, "default", "web");
    expect(c.runUntil(() => claims(c).length === 0, 180_000)).toBe(true);
    expect(c.runUntil(() => c.list("persistentvolumes").length === 0, 60_000)).toBe(true);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("a replacement waits until the old pod object is gone (concepts/workloads/pods/pod-lifecycle.md)", () => {
  it("web-1 on a dead node is evicted but stays Terminating; no second web-1 appears until the node returns", () => {
    const c = newCluster();
    ensureKindStorage(c);
    for (const o of webWith()) c.api.create("kubectl", o);
    expect(c.runUntil(() => allReady(c, ["web-0", "web-1"]), 120_000)).toBe(true);
    const old = podOf(c, "web-1")!;
    c.killNode(old.spec.nodeName!);
    // NotReady after the 50s grace, NoExecute taint, 300s toleration: the taint manager deletes web-1.
    c.advance(7 * 60_000);
    const stuck = podOf(c, "web-1")!;
    expect(stuck.metadata.uid).toBe(old.metadata.uid);
    expect(stuck.metadata.deletionTimestamp).toBeDefined();
    // The machine comes back: its kubelet finishes the deletion, then the StatefulSet creates web-1 again.
    c.restoreNode(old.spec.nodeName!);
    expect(c.runUntil(() => ready(podOf(c, "web-1")) && podOf(c, "web-1")!.metadata.uid !== old.metadata.uid, 300_000)).toBe(true);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("VolumeBinding and node affinity of local volumes", () => {
  it("a replacement for a pod whose local-path volume is on a dead node can only go there: volume node affinity conflict", () => {
    const c = newCluster();
    ensureKindStorage(c);
    for (const o of webWith()) c.api.create("kubectl", o);
    expect(c.runUntil(() => allReady(c, ["web-0", "web-1"]), 120_000)).toBe(true);
    const node = podOf(c, "web-1")!.spec.nodeName!;
    c.killNode(node);
    c.advance(70_000); // NotReady, then the unreachable taints
    // `kubectl delete pod web-1 --force --grace-period=0`: the StatefulSet creates web-1 again.
    c.api.delete("kubectl", PODS, "default", "web-1", { gracePeriodSeconds: 0 });
    c.advance(10_000);
    const p = podOf(c, "web-1")!;
    expect(p.spec.nodeName).toBeUndefined();
    expect(scheduled(p)).toMatchObject({
      status: "False",
      reason: "Unschedulable",
      message:
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    });
    // The node comes back: web-1 runs there again, on its volume.
    c.restoreNode(node);
    expect(c.runUntil(() => ready(podOf(c, "web-1")), 300_000)).toBe(true);
    expect(podOf(c, "web-1")!.spec.nodeName).toBe(node);
  });

  it("static local PVs with a no-provisioner WaitForFirstConsumer class: the pod goes to the PV's node; none free: didn't find available persistent volumes", () => {
    const c = newCluster();
    c.api.create("kubectl", { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "local-storage" }, provisioner: "kubernetes.io/no-provisioner", volumeBindingMode: "WaitForFirstConsumer" } as unknown as KubeObject);
    c.api.create("kubectl", {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "example-pv" },
      spec: {
        capacity: { storage: "100Gi" },
        volumeMode: "Filesystem",
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Delete",
        storageClassName: "local-storage",
        local: { path: "/mnt/disks/ssd1" },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-2"] }] }] } },
      },
    } as unknown as KubeObject);
    const claimAndPod = (n: string) => {
      c.api.create("kubectl", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: n }, spec: { storageClassName: "local-storage", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } } as unknown as KubeObject);
      c.api.create("kubectl", { apiVersion: "v1", kind: "Pod", metadata: { name: n }, spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: n } }], containers: [{ name: "c", image: "nginx", volumeMounts: [{ name: "d", mountPath: "/data" }] }] } } as unknown as KubeObject);
    };
    claimAndPod("first");
    expect(c.runUntil(() => ready(podOf(c, "first")), 60_000)).toBe(true);
    expect(podOf(c, "first")!.spec.nodeName).toBe("node-2");
    const pvc = c.store.get("persistentvolumeclaims", "persistentvolumeclaims/default/first")!;
    expect([pvc.status?.phase, pvc.spec.volumeName]).toEqual(["Bound", "example-pv"]);
    expect(pvc.metadata.annotations?.["volume.kubernetes.io/selected-node"]).toBeUndefined();

    claimAndPod("second");
    c.advance(10_000);
    expect(scheduled(podOf(c, "second"))).toMatchObject({
      status: "False",
      message:
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    });
    const events = c.list<KubeEvent>("events").filter((e) => e.involvedObject.name === "second").map((e) => e.reason);
    expect(events).toContain("WaitForPodScheduled");
  });

  it("a claim with no class and no volume keeps its pod Pending: unbound immediate PersistentVolumeClaims", () => {
    const c = newCluster();
    ensureKindStorage(c);
    c.api.create("kubectl", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "none" }, spec: { storageClassName: "", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } as unknown as KubeObject);
    c.api.create("kubectl", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "none" } }], containers: [{ name: "c", image: "nginx" }] } } as unknown as KubeObject);
    c.advance(5_000);
    expect(scheduled(podOf(c, "p"))?.message).toBe("0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.");
  });
});
