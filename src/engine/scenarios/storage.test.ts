// Storage scenarios on the whole simulated cluster (API server, PV controller, local-path provisioner,
// scheduler with VolumeBinding, kubelets with their volume manager).
// - SCENARIOS.md #19 / oracle 10 (tasks/configure-pod-container/configure-persistent-volume-storage.md):
//   task-pv-volume Available, then Bound to default/task-pv-claim; the claim shows the volume's 10Gi and RWO;
//   task-pv-pod runs with the volume mounted.
// - SCENARIOS.md #6/#7 / oracle 03 (tutorials/stateful-application/basic-stateful-set.md) with kind's default
//   StorageClass: www-web-0/www-web-1 Bound 1Gi RWO; web-1 only after web-0 is Running and Ready; pods
//   deleted come back with the same names, in order, with their claims re-attached.
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject, Pod } from "../api/types";
import { ensureKindStorage } from "../controllers/volume/testing/kindStorage";
import type { PersistentVolume, PersistentVolumeClaim } from "../controllers/volume/types";
import { Session } from "../sim/session";
import { fixtures, newCluster } from "./testCluster";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const storageFixture = (name: string): KubeObject[] =>
  yaml.loadAll(readFileSync(join(import.meta.dirname, "fixtures", "storage", name), "utf8")) as KubeObject[];

const pvcOf = (c: ReturnType<typeof newCluster>, name: string) => c.store.get("persistentvolumeclaims", `persistentvolumeclaims/default/${name}`) as PersistentVolumeClaim | undefined;
const pvOf = (c: ReturnType<typeof newCluster>, name: string) => c.store.get("persistentvolumes", `persistentvolumes/${name}`) as PersistentVolume | undefined;
const podOf = (c: ReturnType<typeof newCluster>, name: string) => c.store.get("pods", `pods/default/${name}`) as Pod | undefined;
const ready = (p: Pod | undefined) => p?.status?.phase === "Running" && p.status.conditions?.some((x) => x.type === "Ready" && x.status === "True") === true;

/** A table's rows as cell arrays (kubectl pads columns with at least 3 spaces). */
const rows = (out: string): string[][] => out.trimEnd().split("\n").map((l) => l.split(/ {2,}/).map((s) => s.trim()));

describe("PersistentVolume / PersistentVolumeClaim binding (oracle 10, SCENARIOS #19)", () => {
  it("task-pv-volume goes Available → Bound to default/task-pv-claim; kubectl get pv/pvc show upstream's columns", () => {
    const c = newCluster();
    const sh = new Session(c);
    for (const o of storageFixture("pv-volume.yaml")) c.api.create("kubectl", o);
    c.advance(4_000);
    const pvTable = rows(sh.run("kubectl get pv task-pv-volume").out);
    expect(pvTable[0]).toEqual(["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"]);
    expect(pvTable[1]).toEqual(["task-pv-volume", "10Gi", "RWO", "Retain", "Available", "manual", "<unset>", "4s"]);

    for (const o of storageFixture("pv-claim.yaml")) c.api.create("kubectl", o);
    c.advance(1_000);
    expect(rows(sh.run("kubectl get pv task-pv-volume").out)[1]!.slice(0, 7)).toEqual(["task-pv-volume", "10Gi", "RWO", "Retain", "Bound", "default/task-pv-claim", "manual"]);
    const pvcTable = rows(sh.run("kubectl get pvc task-pv-claim").out);
    expect(pvcTable[0]).toEqual(["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"]);
    // Capacity is the volume's 10Gi, not the 3Gi request.
    expect(pvcTable[1]!.slice(0, 7)).toEqual(["task-pv-claim", "Bound", "task-pv-volume", "10Gi", "RWO", "manual", "<unset>"]);

    for (const o of storageFixture("pv-pod.yaml")) c.api.create("kubectl", o);
    expect(c.runUntil(() => ready(podOf(c, "task-pv-pod")), 60_000)).toBe(true);
    // The docs write index.html into /mnt/data on the node; nginx serves it from the mounted volume.
    const node = podOf(c, "task-pv-pod")!.spec.nodeName!;
    const kubelet = c.kubeletOf(node);
    kubelet.volumes.backend.disk(node).dir("/mnt/data").set("index.html", "Hello from Kubernetes storage\n");
    const mounted = kubelet.worker("default", "task-pv-pod")!.volumes.get("task-pv-storage")!;
    expect(mounted.files.get("index.html")).toBe("Hello from Kubernetes storage\n");
    expect(c.internalErrors).toEqual([]);
  });

  it("a pod whose claim does not exist stays Pending with VolumeBinding's message", () => {
    const c = newCluster();
    c.api.create("kubectl", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "nope" } }], containers: [{ name: "c", image: "nginx" }] } } as unknown as KubeObject);
    c.advance(5_000);
    const cond = podOf(c, "p")!.status?.conditions?.find((x) => x.type === "PodScheduled");
    expect(cond).toMatchObject({
      status: "False",
      reason: "Unschedulable",
      message: '0/4 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    });
  });
});

describe("StatefulSet web with kind's default StorageClass (oracle 03, SCENARIOS #6)", () => {
  it("provisions www-web-0 on web-0's node before binding web-0; web-1 starts only once web-0 is Ready; 2/2", () => {
    const c = newCluster();
    ensureKindStorage(c);
    const sh = new Session(c);
    for (const o of fixtures("web.yaml")) c.api.create("kubectl", o);
    expect(c.runUntil(() => ready(podOf(c, "web-0")), 120_000)).toBe(true);
    // OrderedReady: at the moment web-0 turns Ready, web-1 does not exist yet.
    expect(podOf(c, "web-1")).toBeUndefined();
    expect(c.runUntil(() => ready(podOf(c, "web-1")), 120_000)).toBe(true);
    c.advance(1_000); // the StatefulSet controller's status update follows the pod's

    for (const ord of [0, 1]) {
      const claim = pvcOf(c, `www-web-${ord}`)!;
      const pod = podOf(c, `web-${ord}`)!;
      expect(claim.spec.storageClassName).toBe("standard");
      expect(claim.metadata.annotations).toMatchObject({
        "volume.kubernetes.io/selected-node": pod.spec.nodeName,
        "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
        "pv.kubernetes.io/bind-completed": "yes",
      });
      const pv = pvOf(c, claim.spec.volumeName!)!;
      expect(claim.spec.volumeName).toBe(`pvc-${claim.metadata.uid}`);
      expect(pv.spec.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchExpressions?.[0]?.values).toEqual([pod.spec.nodeName]);
    }
    const pvcRows = rows(sh.run("kubectl get pvc -l app=nginx").out);
    expect(pvcRows.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual([
      ["www-web-0", "Bound", "1Gi", "RWO", "standard"],
      ["www-web-1", "Bound", "1Gi", "RWO", "standard"],
    ]);
    expect(rows(sh.run("kubectl get sts web").out)[1]!.slice(0, 2)).toEqual(["web", "2/2"]);
    const reasons = (c.list("events") as KubeEvent[]).filter((e) => e.involvedObject.name === "www-web-0").map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["ExternalProvisioning", "Provisioning", "ProvisioningSucceeded"]));
    expect(c.internalErrors).toEqual([]);
  });
});
