import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import type { ControllerRevision } from "../daemonset/types";
import { addNode, bind, eventMessages, finishTermination, getPod, livePods, newTestKernel, pods, setFailed, setRunningReady, settle, type TestKernel } from "../daemonset/testing/harness";
import { StatefulSetController } from "./statefulSetController";
import { nginxHeadlessService, webStatefulSet } from "./testing/fixtures";
import type { PersistentVolumeClaim, StatefulSet } from "./types";

function cluster(): TestKernel {
  const k = newTestKernel();
  addNode(k, "node-1");
  addNode(k, "node-2");
  const c = new StatefulSetController(k.ctx);
  c.start();
  k.informers.startAll();
  return k;
}

const sts = (k: TestKernel) => k.store.get("statefulsets", "statefulsets/default/web") as StatefulSet;
const names = (k: TestKernel) => livePods(k, "default").map((p) => p.metadata.name).sort();
const pod = (k: TestKernel, name: string) => getPod(k, "default", name)!;
const pvcs = (k: TestKernel) => k.store.list("persistentvolumeclaims", "default") as PersistentVolumeClaim[];
const revisions = (k: TestKernel) => (k.store.list("controllerrevisions", "default") as ControllerRevision[]).sort((a, b) => a.revision - b.revision);
/** Scheduler + kubelet for one pod. */
const runPod = (k: TestKernel, name: string, node = "node-1") => setRunningReady(k, bind(k, pod(k, name), node));

function setImage(k: TestKernel, image: string, partition?: number): void {
  k.kubectl.patch<StatefulSet>("StatefulSet", "default", "web", (s) => {
    s.spec.template.spec.containers[0]!.image = image;
    if (partition !== undefined) s.spec.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition } };
  });
}

function scale(k: TestKernel, replicas: number): void {
  k.kubectl.patch<StatefulSet>("StatefulSet", "default", "web", (s) => {
    s.spec.replicas = replicas;
  });
}

describe("StatefulSetController (stateful_set.go, stateful_set_control.go)", () => {
  it("creates web-0 with its claim www-web-0 first, and web-1 only once web-0 is Running and Ready (web.yaml)", () => {
    const k = cluster();
    k.kubectl.create(nginxHeadlessService());
    k.kubectl.create(webStatefulSet());
    k.advance(100);
    expect(names(k)).toEqual(["web-0"]);
    expect(pvcs(k).map((c) => c.metadata.name)).toEqual(["www-web-0"]);
    const audit = k.audit.since(0).filter((e) => e.actor === "statefulset-controller" && e.verb === "create").map((e) => `${e.resource}/${e.name}`);
    expect(audit.indexOf("persistentvolumeclaims/www-web-0")).toBeLessThan(audit.indexOf("pods/web-0"));
    expect(eventMessages(k, "SuccessfulCreate")).toEqual(["create Claim www-web-0 Pod web-0 in StatefulSet web success", "create Pod web-0 in StatefulSet web successful"]);

    // Scheduled but not yet Ready: web-1 still waits.
    bind(k, pod(k, "web-0"), "node-1");
    k.advance(10_000);
    expect(names(k)).toEqual(["web-0"]);
    setRunningReady(k, pod(k, "web-0"), false);
    k.advance(10_000);
    expect(names(k)).toEqual(["web-0"]);
    setRunningReady(k, pod(k, "web-0"));
    k.advance(100);
    expect(names(k)).toEqual(["web-0", "web-1"]);
    expect(pvcs(k).map((c) => c.metadata.name)).toEqual(["www-web-0", "www-web-1"]);
    runPod(k, "web-1", "node-2");
    k.advance(100);
    expect(k.errors).toEqual([]);
  });

  it("gives each pod its stable identity, revision label and claim volume", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet());
    k.advance(100);
    const [rev] = revisions(k);
    const p = pod(k, "web-0");
    expect(p.metadata.generateName).toBe("web-");
    expect(p.metadata.labels).toEqual({
      app: "nginx",
      "apps.kubernetes.io/pod-index": "0",
      "controller-revision-hash": rev!.metadata.name,
      "statefulset.kubernetes.io/pod-name": "web-0",
    });
    expect(p.spec.hostname).toBe("web-0");
    expect(p.spec.subdomain).toBe("nginx");
    expect(p.spec.volumes?.[0]).toEqual({ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } });
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: sts(k).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // The revision: `web-<hash>`, revision 1, the template labels plus controller.kubernetes.io/hash.
    expect(rev!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rev!.revision).toBe(1);
    expect(rev!.metadata.labels).toEqual({ app: "nginx", "controller.kubernetes.io/hash": rev!.metadata.name.slice("web-".length) });
    // The claim: the template with the selector's labels; Retain/Retain means no owner reference.
    const [claim] = pvcs(k);
    expect(claim!.metadata.labels).toEqual({ app: "nginx" });
    expect(claim!.metadata.ownerReferences).toBeUndefined();
    expect(claim!.spec).toMatchObject({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } });
  });

  it("reports replicas, ready, current and updated replicas and the revisions", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet());
    settle(k, () => "node-1");
    k.advance(100);
    const rev = revisions(k)[0]!.metadata.name;
    expect(sts(k).status).toEqual({
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      availableReplicas: 2,
    });
  });

  it("Parallel creates every pod at once (web-parallel.yaml)", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet({ parallel: true, replicas: 3 }));
    k.advance(100);
    expect(names(k)).toEqual(["web-0", "web-1", "web-2"]);
    expect(pvcs(k).map((c) => c.metadata.name)).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
  });

  it("scales up one ordinal at a time and down from the highest ordinal, waiting for each termination; claims stay", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet());
    settle(k, () => "node-1");
    scale(k, 5);
    for (const next of ["web-2", "web-3", "web-4"]) {
      k.advance(100);
      expect(names(k).at(-1)).toBe(next);
      runPod(k, next);
    }
    k.advance(100);
    expect(names(k)).toEqual(["web-0", "web-1", "web-2", "web-3", "web-4"]);

    scale(k, 2);
    for (const victim of ["web-4", "web-3", "web-2"]) {
      k.advance(100);
      const terminating = pods(k, "default").filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name);
      expect(terminating).toEqual([victim]);
      // Nothing else goes while the pod is terminating.
      k.advance(20_000);
      expect(pods(k, "default").filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual([victim]);
      finishTermination(k, pod(k, victim));
    }
    k.advance(100);
    expect(names(k)).toEqual(["web-0", "web-1"]);
    expect(eventMessages(k, "SuccessfulDelete")).toEqual([
      "delete Pod web-4 in StatefulSet web successful",
      "delete Pod web-3 in StatefulSet web successful",
      "delete Pod web-2 in StatefulSet web successful",
    ]);
    expect(pvcs(k).map((c) => c.metadata.name)).toEqual(["www-web-0", "www-web-1", "www-web-2", "www-web-3", "www-web-4"]);
    expect(sts(k).status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });

  it("rolls an update out from the highest ordinal down, leaving ordinals below the partition alone", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet({ replicas: 3 }));
    settle(k, () => "node-1");
    const oldRev = revisions(k)[0]!.metadata.name;
    setImage(k, "registry.k8s.io/nginx-slim:0.9", 1);
    k.advance(100);
    const newRev = revisions(k)[1]!.metadata.name;
    expect(revisions(k).map((r) => r.revision)).toEqual([1, 2]);
    for (const target of ["web-2", "web-1"]) {
      expect(pods(k, "default").filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual([target]);
      finishTermination(k, pod(k, target));
      k.advance(100);
      // Recreated under the same name at the update revision, and nothing else moves until it is Ready.
      expect(pod(k, target).metadata.labels!["controller-revision-hash"]).toBe(newRev);
      expect(pod(k, target).spec.containers[0]!.image).toBe("registry.k8s.io/nginx-slim:0.9");
      k.advance(10_000);
      expect(pods(k, "default").filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
      runPod(k, target);
      k.advance(100);
    }
    expect(pod(k, "web-0").metadata.labels!["controller-revision-hash"]).toBe(oldRev);
    expect(sts(k).status).toMatchObject({ currentRevision: oldRev, updateRevision: newRev, currentReplicas: 1, updatedReplicas: 2 });

    // Lowering the partition to 0 finishes the rollout; the update revision becomes the current one.
    k.kubectl.patch<StatefulSet>("StatefulSet", "default", "web", (s) => {
      s.spec.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
    });
    k.advance(100);
    finishTermination(k, pod(k, "web-0"));
    k.advance(100);
    runPod(k, "web-0");
    k.advance(100);
    expect(sts(k).status).toMatchObject({ currentRevision: newRev, updateRevision: newRev, currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3 });
  });

  it("does not recreate an ordinal while its old pod object still exists (web-1 Terminating on a dead node)", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet());
    k.advance(100);
    runPod(k, "web-0", "node-1");
    k.advance(100);
    runPod(k, "web-1", "node-2");
    k.advance(100);
    // node-2 dies; taint eviction deletes web-1 gracefully; its kubelet never confirms.
    const old = pod(k, "web-1");
    k.api.delete("taint-eviction-controller", { group: "", version: "v1", kind: "Pod", resource: "pods", singular: "pod", shortNames: [], namespaced: true, simulated: true }, "default", "web-1");
    k.advance(10 * 60_000);
    expect(pod(k, "web-1").metadata.uid).toBe(old.metadata.uid);
    expect(pod(k, "web-1").metadata.deletionTimestamp).toBeDefined();
    expect(eventMessages(k, "SuccessfulCreate").filter((m) => m.startsWith("create Pod web-1 "))).toHaveLength(1);
    // The object is finally removed (force delete / node deleted): web-1 comes back, same name, new pod.
    finishTermination(k, old);
    k.advance(100);
    expect(pod(k, "web-1").metadata.uid).not.toBe(old.metadata.uid);
    expect(pod(k, "web-1").metadata.deletionTimestamp).toBeUndefined();
  });

  it("recreates deleted pods under the same names, in order (kubectl delete pod -l app=nginx)", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet());
    settle(k, () => "node-1");
    for (const n of ["web-0", "web-1"]) {
      k.kubectl.delete("Pod", "default", n);
      finishTermination(k, pod(k, n));
    }
    k.advance(100);
    expect(names(k)).toEqual(["web-0"]);
    runPod(k, "web-0");
    k.advance(100);
    expect(names(k)).toEqual(["web-0", "web-1"]);
    expect(pvcs(k)).toHaveLength(2);
  });

  it("deletes a Failed pod and creates it again", () => {
    const k = cluster();
    k.kubectl.create(webStatefulSet({ replicas: 1 }));
    settle(k, () => "node-1");
    const old = pod(k, "web-0");
    setFailed(k, old);
    k.advance(100);
    expect(pod(k, "web-0").metadata.uid).not.toBe(old.metadata.uid);
    expect(pod(k, "web-0").status?.phase).toBe("Pending");
  });

  it("OnDelete: a new template reaches a pod only when it is deleted", () => {
    const k = cluster();
    const obj = webStatefulSet();
    obj.spec.updateStrategy = { type: "OnDelete" };
    k.kubectl.create(obj);
    settle(k, () => "node-1");
    setImage(k, "registry.k8s.io/nginx-slim:0.9");
    k.advance(60_000);
    expect(pods(k, "default").filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
    k.kubectl.delete("Pod", "default", "web-1");
    finishTermination(k, pod(k, "web-1"));
    k.advance(100);
    expect(pod(k, "web-1").spec.containers[0]!.image).toBe("registry.k8s.io/nginx-slim:0.9");
    expect(pod(k, "web-0").spec.containers[0]!.image).toBe("registry.k8s.io/nginx-slim:0.8");
  });

  it("whenDeleted: Delete gives the claims a controller reference to the StatefulSet", () => {
    const k = cluster();
    const obj = webStatefulSet({ replicas: 1 });
    obj.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: "Delete", whenScaled: "Retain" };
    k.kubectl.create(obj);
    settle(k, () => "node-1");
    k.advance(100);
    const [claim] = pvcs(k);
    expect(claim!.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: sts(k).metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it("whenScaled: Delete hands a scaled-away pod's claim to the pod", () => {
    const k = cluster();
    const obj = webStatefulSet({ replicas: 2 });
    obj.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: "Retain", whenScaled: "Delete" };
    k.kubectl.create(obj);
    settle(k, () => "node-1");
    scale(k, 1);
    k.advance(100);
    const web1 = pod(k, "web-1");
    const claim = pvcs(k).find((c) => c.metadata.name === "www-web-1")!;
    expect(claim.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Pod", name: "web-1", uid: web1.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pvcs(k).find((c) => c.metadata.name === "www-web-0")!.metadata.ownerReferences).toBeUndefined();
  });

  it("adopts an orphan ControllerRevision and an orphan pod of its own name", () => {
    const k = cluster();
    const orphan = k.kubectl.create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-0", namespace: "default", labels: { app: "nginx" } },
      spec: { containers: [{ name: "nginx", image: "registry.k8s.io/nginx-slim:0.8" }] },
    } as unknown as Pod);
    k.kubectl.create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "other-0", namespace: "default", labels: { app: "nginx" } },
      spec: { containers: [{ name: "nginx", image: "registry.k8s.io/nginx-slim:0.8" }] },
    } as unknown as Pod);
    k.kubectl.create({
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: { name: "web-old", namespace: "default", labels: { app: "nginx" } },
      data: { spec: { template: { $patch: "replace", metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.0" }] } } } },
      revision: 7,
    } as unknown as ControllerRevision);
    k.kubectl.create(webStatefulSet({ replicas: 1 }));
    k.advance(100);
    // The orphan revision is adopted; the set's own template becomes revision 8 (nextRevision).
    const revs = revisions(k);
    expect(revs.map((r) => [r.metadata.name.startsWith("web-old"), r.revision])).toEqual([
      [true, 7],
      [false, 8],
    ]);
    for (const r of revs) expect(r.metadata.ownerReferences?.[0]).toMatchObject({ kind: "StatefulSet", name: "web", controller: true });
    expect(pod(k, "web-0").metadata.uid).toBe(orphan.metadata.uid);
    expect(pod(k, "web-0").metadata.ownerReferences?.[0]).toMatchObject({ kind: "StatefulSet", name: "web", controller: true });
    // A pod whose name is not `web-<n>` is not a member, even if the selector matches.
    expect(pod(k, "other-0").metadata.ownerReferences).toBeUndefined();
  });
});
