import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { DaemonSetController } from "./daemonSetController";
import { addNode, bind, eventMessages, finishTermination, getPod, livePods, newTestKernel, setFailed, setRunningReady, settle, type TestKernel } from "./testing/harness";
import { CONTROL_PLANE_TAINT, fluentdDaemonSet, fluentdDaemonSetControlPlane, ssdDriverDaemonSet } from "./testing/fixtures";
import type { ControllerRevision, DaemonSet } from "./types";

function start(k: TestKernel): DaemonSetController {
  const c = new DaemonSetController(k.ctx);
  c.start();
  k.informers.startAll();
  return c;
}

/** A kubeadm-like cluster: a tainted control-plane node and `workers` worker nodes. */
function cluster(workers = 2): TestKernel {
  const k = newTestKernel();
  addNode(k, "control-plane", { labels: { "node-role.kubernetes.io/control-plane": "" }, taints: [{ ...CONTROL_PLANE_TAINT }] });
  for (let i = 1; i <= workers; i++) addNode(k, `node-${i}`);
  return k;
}

const ds = (k: TestKernel, ns: string, name: string) => k.store.get("daemonsets", `daemonsets/${ns}/${name}`) as DaemonSet;
const revisions = (k: TestKernel, ns: string) => k.store.list("controllerrevisions", ns) as ControllerRevision[];
const dsPods = (k: TestKernel, ns = "kube-system") => livePods(k, ns).filter((p) => p.metadata.ownerReferences?.[0]?.kind === "DaemonSet");
const nodeOf = (p: Pod) => p.spec.nodeName ?? p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0];

function updateTemplate(k: TestKernel, ns: string, name: string, image: string): void {
  k.kubectl.patch<DaemonSet>("DaemonSet", ns, name, (d) => {
    d.spec.template.spec.containers[0]!.image = image;
  });
}

describe("DaemonSetController (daemon_controller.go)", () => {
  it("creates one pod per eligible node, pinned by a matchFields affinity and left to the scheduler (daemonset.yaml)", () => {
    const k = cluster(2);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    k.advance(100);
    const ps = dsPods(k);
    // The corpus copy tolerates only the legacy master taint: the control-plane node is not eligible.
    expect(ps.map(nodeOf).sort()).toEqual(["node-1", "node-2"]);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(/^fluentd-elasticsearch-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe("fluentd-elasticsearch-");
      expect(p.spec.nodeName).toBeUndefined();
      expect(p.spec.affinity).toEqual({
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [nodeOf(p)] }] }] } },
      });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: "apps/v1", kind: "DaemonSet", name: "fluentd-elasticsearch", uid: ds(k, "kube-system", "fluentd-elasticsearch").metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      // AddOrUpdateDaemonPodTolerations: the template's toleration, then the six daemon tolerations.
      expect(p.spec.tolerations).toEqual([
        { key: "node-role.kubernetes.io/master", effect: "NoSchedule" },
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
        { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
      ]);
    }
    const created = eventMessages(k, "SuccessfulCreate");
    expect(created.sort()).toEqual(ps.map((p) => `Created pod: ${p.metadata.name}`).sort());
    const ev = k.store.list("events").find((e) => (e as { reason?: string }).reason === "SuccessfulCreate") as unknown as { source: { component: string } };
    expect(ev.source.component).toBe("daemonset-controller");
    expect(k.audit.since(0).some((e) => e.actor === "daemon-set-controller" && e.verb === "create" && e.resource === "pods")).toBe(true);
    expect(k.errors).toEqual([]);
  });

  it("records the template as ControllerRevision <ds>-<hash> and labels pods controller-revision-hash=<hash>", () => {
    const k = cluster(1);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    k.advance(100);
    const [cr] = revisions(k, "kube-system");
    expect(cr).toBeDefined();
    const hash = cr!.metadata.labels!["controller-revision-hash"]!;
    expect(cr!.metadata.name).toBe(`fluentd-elasticsearch-${hash}`);
    expect(cr!.revision).toBe(1);
    expect(cr!.metadata.labels).toEqual({ name: "fluentd-elasticsearch", "controller-revision-hash": hash });
    expect(cr!.metadata.ownerReferences?.[0]).toMatchObject({ kind: "DaemonSet", name: "fluentd-elasticsearch", controller: true });
    const tpl = (cr!.data as { spec: { template: Record<string, unknown> } }).spec.template;
    expect(tpl.$patch).toBe("replace");
    expect(Object.keys(tpl)[0]).toBe("$patch"); // keys sorted, as Go marshals a map
    expect((tpl.metadata as Record<string, unknown>).creationTimestamp).toBeNull();
    // pod-template-generation comes from the deprecated.daemonset.template.generation annotation the API
    // server's DaemonSet strategy sets to 1 on create.
    for (const p of dsPods(k)) expect(p.metadata.labels).toEqual({ name: "fluentd-elasticsearch", "controller-revision-hash": hash, "pod-template-generation": "1" });
  });

  it("labels pods pod-template-generation from the deprecated.daemonset.template.generation annotation", () => {
    const k = cluster(1);
    start(k);
    const obj = fluentdDaemonSet();
    obj.metadata.annotations = { "deprecated.daemonset.template.generation": "1" };
    k.kubectl.create(obj);
    k.advance(100);
    expect(dsPods(k)[0]!.metadata.labels!["pod-template-generation"]).toBe("1");
  });

  it("runs on the control plane too when the DaemonSet tolerates its taint (the docs' current daemonset.yaml)", () => {
    const k = cluster(2);
    start(k);
    k.kubectl.create(fluentdDaemonSetControlPlane());
    k.advance(100);
    expect(dsPods(k).map(nodeOf).sort()).toEqual(["control-plane", "node-1", "node-2"]);
    expect(ds(k, "kube-system", "fluentd-elasticsearch").status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 0, numberUnavailable: 3 });
  });

  it("reports DESIRED/CURRENT/READY/UP-TO-DATE/AVAILABLE once the pods run", () => {
    const k = cluster(3);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    settle(k);
    k.advance(100);
    expect(ds(k, "kube-system", "fluentd-elasticsearch").status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
  });

  it("gives a new node its pod", () => {
    const k = cluster(2);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    settle(k);
    addNode(k, "node-3");
    k.advance(100);
    const p = dsPods(k).find((x) => nodeOf(x) === "node-3");
    expect(p).toBeDefined();
    settle(k);
    expect(ds(k, "kube-system", "fluentd-elasticsearch").status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
  });

  it("keeps running on a cordoned node: daemon pods tolerate node.kubernetes.io/unschedulable", () => {
    const k = cluster(1);
    k.kubectl.patch("Node", undefined, "node-1", (n) => {
      n.spec = { unschedulable: true, taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }] };
    });
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    k.advance(100);
    expect(dsPods(k).map(nodeOf)).toEqual(["node-1"]);
  });

  it("honours nodeSelector: only labelled nodes get a pod; removing the label deletes it (daemonset-label-selector.yaml)", () => {
    const k = cluster(0);
    addNode(k, "node-1", { labels: { ssd: "true" } });
    addNode(k, "node-2");
    start(k);
    k.kubectl.create(ssdDriverDaemonSet());
    k.advance(100);
    expect(dsPods(k, "default").map(nodeOf)).toEqual(["node-1"]);
    expect(ds(k, "default", "ssd-driver").status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 });
    k.kubectl.patch("Node", undefined, "node-2", (n) => {
      n.metadata.labels = { ...n.metadata.labels, ssd: "true" };
    });
    k.advance(100);
    expect(dsPods(k, "default").map(nodeOf).sort()).toEqual(["node-1", "node-2"]);
    k.kubectl.patch("Node", undefined, "node-1", (n) => {
      const { ssd: _drop, ...rest } = n.metadata.labels!;
      n.metadata.labels = rest;
    });
    k.advance(100);
    expect(dsPods(k, "default").map(nodeOf)).toEqual(["node-2"]);
    expect(eventMessages(k, "SuccessfulDelete")).toHaveLength(1);
  });

  it("waits for a terminating pod to be gone before it replaces it (no surge)", () => {
    const k = cluster(1);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    settle(k);
    const [p] = dsPods(k);
    k.kubectl.delete("Pod", "kube-system", p!.metadata.name);
    k.advance(1000);
    expect(dsPods(k)).toHaveLength(0);
    finishTermination(k, p!);
    k.advance(100);
    expect(dsPods(k)).toHaveLength(1);
  });

  it("rolls out a new template one node at a time (RollingUpdate, maxUnavailable 1)", () => {
    const k = cluster(3);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    settle(k);
    const oldHash = dsPods(k)[0]!.metadata.labels!["controller-revision-hash"];
    updateTemplate(k, "kube-system", "fluentd-elasticsearch", "k8s.gcr.io/fluentd-elasticsearch:1.21");
    k.advance(100);
    const revs = revisions(k, "kube-system").sort((a, b) => a.revision - b.revision);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    const newHash = revs[1]!.metadata.labels!["controller-revision-hash"];
    expect(newHash).not.toBe(oldHash);

    const replaced: string[] = [];
    for (let step = 0; step < 3; step++) {
      // Exactly one old pod is being deleted; the other nodes keep theirs.
      const terminating = livePodsAll(k).filter((p) => p.metadata.deletionTimestamp);
      expect(terminating).toHaveLength(1);
      replaced.push(nodeOf(terminating[0]!)!);
      k.advance(5000);
      expect(livePodsAll(k).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
      finishTermination(k, terminating[0]!);
      k.advance(100);
      const fresh = dsPods(k).filter((p) => p.metadata.labels!["controller-revision-hash"] === newHash && !p.spec.nodeName);
      expect(fresh.map(nodeOf)).toEqual([replaced[step]]);
      // Until the new pod is available no further old pod goes.
      k.advance(5000);
      expect(livePodsAll(k).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
      settle(k);
    }
    expect(replaced).toEqual(["node-1", "node-2", "node-3"]);
    for (const p of dsPods(k)) expect(p.metadata.labels!["controller-revision-hash"]).toBe(newHash);
    expect(ds(k, "kube-system", "fluentd-elasticsearch").status).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it("with maxUnavailable 50% of 3 nodes deletes two old pods at once (percentages round up)", () => {
    const k = cluster(3);
    start(k);
    const obj = fluentdDaemonSet();
    obj.spec.updateStrategy = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "50%" } };
    k.kubectl.create(obj);
    settle(k);
    updateTemplate(k, "kube-system", "fluentd-elasticsearch", "k8s.gcr.io/fluentd-elasticsearch:1.21");
    k.advance(100);
    expect(livePodsAll(k).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(2);
  });

  it("OnDelete: a template change replaces nothing until a pod is deleted by hand", () => {
    const k = cluster(2);
    start(k);
    const obj = fluentdDaemonSet();
    obj.spec.updateStrategy = { type: "OnDelete" };
    k.kubectl.create(obj);
    settle(k);
    updateTemplate(k, "kube-system", "fluentd-elasticsearch", "k8s.gcr.io/fluentd-elasticsearch:1.21");
    k.advance(10_000);
    expect(livePodsAll(k).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
    // No pod runs the new revision: UP-TO-DATE is 0 (omitted, as Go omits a zero omitempty field).
    const st = ds(k, "kube-system", "fluentd-elasticsearch").status!;
    expect(st.updatedNumberScheduled).toBeUndefined();
    expect(st).toMatchObject({ observedGeneration: 2, numberReady: 2, numberAvailable: 2 });
    const victim = dsPods(k).find((p) => p.spec.nodeName === "node-2")!;
    k.kubectl.delete("Pod", "kube-system", victim.metadata.name);
    finishTermination(k, victim);
    k.advance(100);
    const newHash = revisions(k, "kube-system").find((r) => r.revision === 2)!.metadata.labels!["controller-revision-hash"];
    const replacement = dsPods(k).find((p) => nodeOf(p) === "node-2")!;
    expect(replacement.metadata.labels!["controller-revision-hash"]).toBe(newHash);
  });

  it("deletes a failed pod and recreates it, backing off when it keeps failing", () => {
    const k = cluster(1);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    settle(k);
    const first = dsPods(k)[0]!;
    setFailed(k, first);
    k.advance(10);
    expect(getPod(k, "kube-system", first.metadata.name)).toBeUndefined();
    expect(eventMessages(k, "FailedDaemonPod")).toEqual([`Found failed daemon pod kube-system/${first.metadata.name} on node node-1, will try to kill it`]);
    k.advance(10);
    const second = dsPods(k)[0]!;
    expect(second.metadata.name).not.toBe(first.metadata.name);
    // It fails again within the 1s backoff: the controller waits before deleting it.
    setFailed(k, bind(k, second));
    k.advance(100);
    expect(getPod(k, "kube-system", second.metadata.name)).toBeDefined();
    k.advance(1000);
    expect(getPod(k, "kube-system", second.metadata.name)).toBeUndefined();
    expect(dsPods(k)).toHaveLength(1);
  });

  it("adds the network-unavailable toleration to host-network pods", () => {
    const k = cluster(1);
    start(k);
    const obj = fluentdDaemonSet();
    obj.spec.template.spec.hostNetwork = true;
    k.kubectl.create(obj);
    k.advance(100);
    expect(dsPods(k)[0]!.spec.tolerations!.at(-1)).toEqual({ key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" });
  });

  it("creates in slow-start batches (1, 2, 4, ...) and stops after the first batch with a failure", () => {
    const k = cluster(10);
    let podCreates = 0;
    const hooks = k.api.hooks;
    k.api.hooks = {
      ...hooks,
      validateCreate: (o: KubeObject) => {
        if (o.kind === "Pod" && ++podCreates === 3) return new ApiError(403, "Forbidden", 'pods "x" is forbidden: exceeded quota');
        return hooks.validateCreate(o);
      },
    };
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    k.advance(1);
    // Batch 1 (1 pod) then batch 2 (2 pods, one refused): the remaining 7 are not attempted in this sync.
    expect(podCreates).toBe(3);
    expect(eventMessages(k, "FailedCreate")).toEqual(['Error creating: pods "x" is forbidden: exceeded quota']);
    k.advance(1000);
    expect(dsPods(k)).toHaveLength(10);
  });

  it("adopts a matching orphan pod instead of creating another (OnDelete keeps it as it is)", () => {
    const k = cluster(1);
    const orphan = k.kubectl.create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "orphan", namespace: "kube-system", labels: { name: "fluentd-elasticsearch" } },
      spec: { nodeName: "node-1", containers: [{ name: "c", image: "nginx" }] },
    } as unknown as Pod);
    setRunningReady(k, orphan);
    start(k);
    const obj = fluentdDaemonSet();
    // Under RollingUpdate the adopted pod, lacking the revision label, would be an old pod and replaced.
    obj.spec.updateStrategy = { type: "OnDelete" };
    k.kubectl.create(obj);
    k.advance(100);
    const ps = livePods(k, "kube-system");
    expect(ps.map((p) => p.metadata.name)).toEqual(["orphan"]);
    expect(ps[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: "DaemonSet", name: "fluentd-elasticsearch", controller: true });
  });

  it("deletes unscheduled pods pinned to a node that no longer exists", () => {
    const k = cluster(2);
    start(k);
    k.kubectl.create(fluentdDaemonSet());
    k.advance(100);
    expect(dsPods(k)).toHaveLength(2);
    k.kubectl.delete("Node", undefined, "node-2");
    // The DaemonSet is not woken by node deletions; its next sync (here: a pod event) cleans up.
    setRunningReady(k, bind(k, dsPods(k).find((p) => nodeOf(p) === "node-1")!));
    k.advance(100);
    expect(dsPods(k).map(nodeOf)).toEqual(["node-1"]);
  });

  it("does nothing while stopped and catches up on resume", () => {
    const k = cluster(1);
    const c = start(k);
    c.stop();
    k.kubectl.create(fluentdDaemonSet());
    k.advance(1000);
    expect(dsPods(k)).toHaveLength(0);
    c.resume();
    k.advance(100);
    expect(dsPods(k)).toHaveLength(1);
  });
});

function livePodsAll(k: TestKernel): Pod[] {
  return (k.store.list("pods", "kube-system") as Pod[]).filter((p) => p.metadata.ownerReferences?.[0]?.kind === "DaemonSet");
}
