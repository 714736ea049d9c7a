import { describe, expect, it } from "vitest";
import type { KubeEvent, Pod, Taint, Toleration } from "../../api/types";
import { rfc3339 } from "../../sim/clock";
import { PodGCController } from "../podgc/podGCController";
import { TaintEvictionController } from "../tainteviction/taintEvictionController";
import { NodeLifecycleController } from "./nodeLifecycleController";
import { TestCluster } from "./testHarness";

// Upstream numbers (KUBERNETES-FACTS §1): node-monitor-period 5s, grace 50s, startup grace 60s,
// NodeEvictionPeriod 100ms, eviction rate 0.1 node/s, DefaultTolerationSeconds 300s.
const PERIOD = 5_000;
const GRACE = 50_000;
const EVICTION_PERIOD = 100;
const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
];
const DAEMONSET_TOLERATIONS: Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
];

/** The first monitor pass at or after `t` (passes run at 0, 5s, 10s, ... from the controller's start). */
function nextPass(t: number): number {
  return Math.ceil(t / PERIOD) * PERIOD;
}

function cluster(nodes: string[], labels: Record<string, string> = {}): TestCluster {
  const c = new TestCluster();
  for (const n of nodes) c.addNode(n, labels);
  return c;
}

function heartbeats(c: TestCluster, nodes: string[]): void {
  // Off the 5s grid, so that a heartbeat and a monitor pass never share an instant.
  for (const n of nodes) c.startKubelet(n, 3_000);
}

function writes(c: TestCluster, actor: string, resource: string, name: string, subresource?: string) {
  return c.auditWhere((e) => e.actor === actor && e.resource === resource && e.name === name && e.verb !== "get" && e.subresource === subresource);
}

function taints(c: TestCluster, node: string): Taint[] {
  return c.node(node)!.spec.taints ?? [];
}

function events(c: TestCluster, reason: string): KubeEvent[] {
  return c.eventsList().filter((e) => (e as KubeEvent).reason === reason) as KubeEvent[];
}

function abs(c: TestCluster, t: number): string {
  return rfc3339(c.clock.absolute(t));
}

describe("NodeLifecycleController + TaintEvictionController + PodGCController: a killed node", () => {
  const nodes = ["node-1", "node-2", "node-3"];
  function setup() {
    const c = cluster(nodes);
    c.addPod("web", "node-1", DEFAULT_TOLERATIONS);
    c.addPod("bare", "node-1");
    c.addPod("ds", "node-1", DAEMONSET_TOLERATIONS);
    c.addPod("long", "node-1", DEFAULT_TOLERATIONS.map((t) => ({ ...t, tolerationSeconds: 600 })));
    c.addPod("other", "node-2", DEFAULT_TOLERATIONS);
    c.start(new NodeLifecycleController(c.ctx), new TaintEvictionController(c.ctx), new PodGCController(c.ctx));
    heartbeats(c, nodes);
    c.runUntil(65_000);
    c.kubelets.get("node-1")!.stop();
    const t0 = c.kubelets.get("node-1")!.lastHeartbeat;
    return { c, t0 };
  }

  it("follows the upstream timeline: Unknown at T0+50..55s, taint one pass later, eviction 300s after the taint", () => {
    const { c, t0 } = setup();
    expect(t0).toBe(63_000);
    c.runUntil(t0 + 10 * 60_000);

    // The lease renewed at T0 is seen by the first pass after it: that pass's time is the probe time.
    const probe = nextPass(t0 + 1);
    const [unknownWrite] = writes(c, "node-controller", "nodes", "node-1", "status");
    expect(unknownWrite!.t).toBe(probe + GRACE);
    expect(unknownWrite!.t - t0).toBeGreaterThanOrEqual(50_000);
    expect(unknownWrite!.t - t0).toBeLessThanOrEqual(55_000);
    const tUnknown = unknownWrite!.t;

    // NoExecute unreachable taint: the next pass queues the node, the tainting pass 100ms later adds it.
    const tTaint = tUnknown + PERIOD + EVICTION_PERIOD;
    const unreachable = taints(c, "node-1").find((t) => t.key === "node.kubernetes.io/unreachable" && t.effect === "NoExecute")!;
    expect(unreachable.timeAdded).toBe(abs(c, tTaint));

    // Pod without tolerations: deleted as soon as the taint is seen (1ms watch latency).
    const bareDelete = c.auditWhere((e) => e.verb === "delete" && e.name === "bare")[0]!;
    expect(bareDelete.actor).toBe("node-controller");
    expect(bareDelete.t).toBe(tTaint + 1);
    // Pod with the default 300s tolerations: deleted 300s after the taint was seen.
    const webDelete = c.auditWhere((e) => e.verb === "delete" && e.name === "web")[0]!;
    expect(webDelete.t).toBe(tTaint + 1 + 300_000);
    expect(c.pod("web")!.metadata.deletionTimestamp).toBe(abs(c, webDelete.t + 30_000));
    // DaemonSet-style tolerations without seconds: never.
    expect(c.auditWhere((e) => e.verb === "delete" && e.name === "ds")).toEqual([]);
    expect(c.pod("ds")!.metadata.deletionTimestamp).toBeUndefined();
    // Pods on healthy nodes are left alone.
    expect(c.pod("other")!.metadata.deletionTimestamp).toBeUndefined();
    expect(c.bugs).toEqual([]);
  });

  it("sets the node's conditions to Unknown and its pods' Ready to False, with upstream wording", () => {
    const { c, t0 } = setup();
    const tUnknown = nextPass(t0 + 1) + GRACE;
    c.runUntil(tUnknown);
    const node = c.node("node-1")!;
    for (const type of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]) {
      const cond = node.status.conditions!.find((x) => x.type === type)!;
      expect(cond).toMatchObject({
        status: "Unknown",
        reason: "NodeStatusUnknown",
        message: "Kubelet stopped posting node status.",
        lastTransitionTime: abs(c, tUnknown),
        lastHeartbeatTime: abs(c, t0),
      });
    }
    for (const name of ["web", "bare", "ds", "long"]) {
      const ready = c.pod(name)!.status!.conditions!.find((x) => x.type === "Ready")!;
      expect(ready).toMatchObject({ status: "False", lastTransitionTime: abs(c, tUnknown), observedGeneration: 1 });
    }
    expect(c.pod("other")!.status!.conditions!.find((x) => x.type === "Ready")!.status).toBe("True");

    const nodeNotReady = events(c, "NodeNotReady").filter((e) => e.involvedObject.kind === "Node");
    expect(nodeNotReady).toHaveLength(1);
    expect(nodeNotReady[0]).toMatchObject({ type: "Normal", message: "Node node-1 status is now: NodeNotReady", source: { component: "node-controller" } });
    const podNotReady = events(c, "NodeNotReady").filter((e) => e.involvedObject.kind === "Pod");
    expect(podNotReady.map((e) => e.involvedObject.name).sort()).toEqual(["bare", "ds", "long", "web"]);
    expect(podNotReady[0]).toMatchObject({ type: "Warning", message: "Node is not ready" });

    // TaintNodesByCondition: the NoSchedule unreachable taint follows the condition at once.
    c.runUntil(tUnknown + 1);
    expect(taints(c, "node-1")).toEqual([{ key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: abs(c, tUnknown + 1) }]);
    // Healthy nodes keep Ready=True and no taints.
    for (const n of ["node-2", "node-3"]) {
      expect(c.node(n)!.status.conditions!.find((x) => x.type === "Ready")!.status).toBe("True");
      expect(taints(c, n)).toEqual([]);
    }
  });

  it("marks the evicted pod with DisruptionTarget and records TaintManagerEviction events", () => {
    const { c, t0 } = setup();
    c.runUntil(t0 + 10 * 60_000);
    const dt = c.pod("web")!.status!.conditions!.find((x) => x.type === "DisruptionTarget")!;
    expect(dt).toMatchObject({ status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" });
    const marks = events(c, "TaintManagerEviction").filter((e) => e.message.startsWith("Marking"));
    expect(marks.map((e) => e.message)).toEqual(["Marking for deletion Pod default/bare", "Marking for deletion Pod default/web"]);
    expect(marks[0]!.source.component).toBe("taint-eviction-controller");
  });

  it("removes the taints when the node comes back and cancels pending evictions", () => {
    const { c, t0 } = setup();
    const tTaint = nextPass(t0 + 1) + GRACE + PERIOD + EVICTION_PERIOD;
    c.runUntil(tTaint + 100_000);
    expect(c.kubelets.get("node-1")!.lastHeartbeat).toBe(t0);
    const back = tTaint + 100_000 + 2_000;
    c.startKubelet("node-1", back);
    c.runUntil(back + 10_000);
    // NoSchedule taint goes with the node update; the NoExecute one at the next monitor pass.
    expect(taints(c, "node-1")).toEqual([]);
    const removal = writes(c, "node-controller", "nodes", "node-1").filter((e) => e.verb === "patch").map((e) => e.t);
    expect(removal.slice(-2)).toEqual([back + 1, nextPass(back + 1)]);
    // "web" (300s) and "long" (600s) were still counting down: both deletions are cancelled.
    const cancelled = events(c, "TaintManagerEviction").filter((e) => e.message.startsWith("Cancelling"));
    expect(cancelled.map((e) => e.message).sort()).toEqual(["Cancelling deletion of Pod default/long", "Cancelling deletion of Pod default/web"]);
    c.runUntil(tTaint + 700_000);
    expect(c.auditWhere((e) => e.verb === "delete" && (e.name === "long" || e.name === "web"))).toEqual([]);
    expect(c.pod("bare")!.metadata.deletionTimestamp).toBeDefined(); // deleted at once, before the recovery
    // The controller does not record NodeReady: the kubelet does (setters.go recordEventFunc).
    expect(events(c, "NodeReady")).toEqual([]);
  });

  it("PodGC force-deletes the pods of a deleted Node after the 40s quarantine", () => {
    const { c } = setup();
    c.runUntil(200_000);
    c.kubelets.get("node-2")!.stop();
    c.client().delete("Node", undefined, "node-2");
    // gc passes at 0, 20s, ...: the pass at 220s quarantines node-2, the one at 260s confirms with a GET.
    c.runUntil(259_999);
    expect(c.pod("other")).toBeDefined();
    c.runUntil(260_000);
    expect(c.pod("other")).toBeUndefined();
    const gc = c.auditWhere((e) => e.actor === "pod-garbage-collector");
    expect(gc.map((e) => [e.t, e.verb, e.resource, e.subresource ?? "", e.name, e.code])).toEqual([
      [260_000, "get", "nodes", "", "node-2", 404],
      [260_000, "patch", "pods", "status", "other", 200],
      [260_000, "delete", "pods", "", "other", 200],
    ]);
    const removing = events(c, "RemovingNode");
    expect(removing.map((e) => e.message)).toEqual(["Node node-2 event: Removing Node node-2 from Controller"]);
    expect(removing[0]!.firstTimestamp).toBe(abs(c, 205_000));
  });

  it("PodGC force-deletes terminating pods of a NotReady node tainted out-of-service", () => {
    const { c, t0 } = setup();
    c.runUntil(t0 + 400_000); // "web" and "bare" are terminating, "ds" and "long" still running
    expect(c.pod("web")!.metadata.deletionTimestamp).toBeDefined();
    const tOOS = t0 + 400_000;
    c.patchNode("node-1", (n) => {
      n.spec.taints = [...(n.spec.taints ?? []), { key: "node.kubernetes.io/out-of-service", value: "nodeshutdown", effect: "NoExecute" }];
    });
    // The out-of-service taint is tolerated by no pod: the taint manager deletes the rest at once…
    c.runUntil(tOOS + 2);
    expect(c.pod("ds")!.metadata.deletionTimestamp).toBeDefined();
    // …and the next gc pass force-deletes every terminating pod of the node.
    const pass = Math.ceil((tOOS + 2) / 20_000) * 20_000;
    c.runUntil(pass);
    for (const name of ["web", "bare", "ds", "long"]) expect(c.pod(name), name).toBeUndefined();
    const gcDeletes = c.auditWhere((e) => e.actor === "pod-garbage-collector" && e.verb === "delete");
    expect(gcDeletes.every((e) => e.t === pass)).toBe(true);
    expect(gcDeletes.map((e) => e.name).sort()).toEqual(["bare", "ds", "long", "web"]);
    expect(c.pod("other")).toBeDefined();
  });
});

describe("NodeLifecycleController taints", () => {
  it("taints not-ready for a kubelet reporting Ready=False, then swaps to unreachable at once when it goes silent", () => {
    const c = cluster(["node-1", "node-2", "node-3"]);
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, ["node-1", "node-2", "node-3"]);
    c.runUntil(20_000);
    c.kubelets.get("node-1")!.ready = "False";
    c.runUntil(23_001); // heartbeat at 23s posts Ready=False; the controller sees it 1ms later
    expect(taints(c, "node-1").map((t) => `${t.key}:${t.effect}`)).toEqual(["node.kubernetes.io/not-ready:NoSchedule"]);
    // Pass at 25s: observed False → queued; tainting pass at 25.1s.
    c.runUntil(25_000 + EVICTION_PERIOD);
    expect(taints(c, "node-1").map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/not-ready:NoSchedule",
      "node.kubernetes.io/not-ready:NoExecute",
    ]);
    c.kubelets.get("node-1")!.stop(); // last heartbeat at 23s
    const tUnknown = nextPass(23_001) + GRACE;
    c.runUntil(tUnknown + PERIOD);
    // The pass after Unknown sees the not-ready taint and swaps right away (add, then remove): no queue.
    const patches = writes(c, "node-controller", "nodes", "node-1").filter((e) => e.verb === "patch" && e.t === tUnknown + PERIOD);
    expect(patches).toHaveLength(2);
    const noExecute = taints(c, "node-1").filter((t) => t.effect === "NoExecute");
    expect(noExecute).toEqual([{ key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: abs(c, tUnknown + PERIOD) }]);
  });

  it("adds NoExecute taints at most 0.1 node/s in a Normal zone", () => {
    const names = Array.from({ length: 10 }, (_, i) => `node-${i}`);
    const c = cluster(names);
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, names);
    c.runUntil(20_000);
    for (const n of ["node-0", "node-1", "node-2"]) c.kubelets.get(n)!.stop(); // 3/10 < 0.55: Normal
    c.runUntil(200_000);
    const tUnknown = nextPass(13_001) + GRACE;
    const added = ["node-0", "node-1", "node-2"].map((n) => Date.parse(taints(c, n).find((t) => t.effect === "NoExecute")!.timeAdded!) - c.clock.absolute(0));
    // One token at first (burst 1), then one every 10s; the first taint needs the pass after Unknown.
    const first = tUnknown + PERIOD + EVICTION_PERIOD;
    expect(added.sort((a, b) => a - b)).toEqual([first, first + 10_000, first + 20_000].map((t) => Math.floor(t / 1000) * 1000));
  });

  it("stops tainting in a small zone that is partially disrupted", () => {
    const a = ["a-1", "a-2", "a-3", "a-4", "a-5", "a-6"];
    const c = new TestCluster();
    for (const n of a) c.addNode(n, { "topology.kubernetes.io/region": "r", "topology.kubernetes.io/zone": "a" });
    for (const n of ["b-1", "b-2"]) c.addNode(n, { "topology.kubernetes.io/region": "r", "topology.kubernetes.io/zone": "b" });
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, [...a, "b-1", "b-2"]);
    c.runUntil(20_000);
    // 4 of 6 not ready: > 2 and ≥ 55% → PartialDisruption; 6 nodes ≤ 50 (largeClusterThreshold) → rate 0.
    for (const n of ["a-1", "a-2", "a-3", "a-4"]) c.kubelets.get(n)!.stop();
    c.runUntil(300_000);
    for (const n of ["a-1", "a-2", "a-3", "a-4"]) {
      expect(c.node(n)!.status.conditions!.find((x) => x.type === "Ready")!.status).toBe("Unknown");
      expect(taints(c, n).filter((t) => t.effect === "NoExecute")).toEqual([]);
      expect(taints(c, n).filter((t) => t.effect === "NoSchedule").map((t) => t.key)).toEqual(["node.kubernetes.io/unreachable"]);
    }
  });

  it("3 of 6 down is below the 55% threshold: the zone stays Normal and tainting goes on", () => {
    const a = ["a-1", "a-2", "a-3", "a-4", "a-5", "a-6"];
    const c = cluster(a, { "topology.kubernetes.io/zone": "a" });
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, a);
    c.runUntil(20_000);
    for (const n of ["a-1", "a-2", "a-3"]) c.kubelets.get(n)!.stop();
    c.runUntil(300_000);
    for (const n of ["a-1", "a-2", "a-3"]) expect(taints(c, n).some((t) => t.effect === "NoExecute")).toBe(true);
  });

  it("enters master disruption mode when every node is down: no NoExecute taints", () => {
    const names = ["node-1", "node-2", "node-3"];
    const c = cluster(names);
    c.addPod("bare", "node-1");
    c.start(new NodeLifecycleController(c.ctx), new TaintEvictionController(c.ctx));
    heartbeats(c, names);
    c.runUntil(20_000);
    for (const n of names) c.kubelets.get(n)!.stop();
    c.runUntil(400_000);
    for (const n of names) {
      expect(c.node(n)!.status.conditions!.find((x) => x.type === "Ready")!.status).toBe("Unknown");
      expect(taints(c, n).filter((t) => t.effect === "NoExecute")).toEqual([]);
    }
    expect(c.pod("bare")!.metadata.deletionTimestamp).toBeUndefined();
  });

  it("gives a node that never posted status the 60s startup grace (NodeStatusNeverUpdated)", () => {
    const c = new TestCluster();
    c.addNode("node-0");
    c.addNodeWithoutStatus("node-1");
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, ["node-0"]);
    c.runUntil(59_999);
    expect(c.node("node-1")!.status.conditions).toBeUndefined();
    c.runUntil(60_000);
    const conds = c.node("node-1")!.status.conditions!;
    expect(conds.map((x) => x.type)).toEqual(["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]);
    for (const cond of conds) {
      expect(cond).toMatchObject({
        status: "Unknown",
        reason: "NodeStatusNeverUpdated",
        message: "Kubelet never posted node status.",
        lastHeartbeatTime: c.node("node-1")!.metadata.creationTimestamp,
        lastTransitionTime: abs(c, 60_000),
      });
    }
  });

  it("keeps the unschedulable NoSchedule taint in step with spec.unschedulable (cordon/uncordon)", () => {
    const c = cluster(["node-1"]);
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, ["node-1"]);
    c.runUntil(10_000);
    c.patchNode("node-1", (n) => (n.spec.unschedulable = true));
    c.runUntil(10_001);
    expect(taints(c, "node-1")).toEqual([{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: abs(c, 10_001) }]);
    c.patchNode("node-1", (n) => delete n.spec.unschedulable);
    c.runUntil(10_002);
    expect(taints(c, "node-1")).toEqual([]);
  });

  it("reconciles the beta os/arch labels and records RegisteredNode", () => {
    const c = cluster(["node-1"], { "kubernetes.io/os": "linux", "kubernetes.io/arch": "arm64" });
    c.start(new NodeLifecycleController(c.ctx));
    c.runUntil(1);
    expect(c.node("node-1")!.metadata.labels).toMatchObject({ "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "arm64" });
    const reg = events(c, "RegisteredNode");
    expect(reg.map((e) => [e.message, e.involvedObject.kind, e.metadata.namespace])).toEqual([
      ["Node node-1 event: Registered Node node-1 in Controller", "Node", "default"],
    ]);
  });

  it("marks a pod bound to a NotReady node NotReady at once", () => {
    const c = cluster(["node-1", "node-2", "node-3"]);
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, ["node-1", "node-2", "node-3"]);
    c.runUntil(20_000);
    c.kubelets.get("node-1")!.stop();
    c.runUntil(100_000); // Unknown at 65s
    const late = c.client().create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "late", namespace: "default" } as Pod["metadata"],
      spec: { containers: [{ name: "c" }] },
    });
    c.client().patch<Pod>("Pod", "default", late.metadata.name, (p) => {
      p.status = { phase: "Pending", conditions: [{ type: "Ready", status: "True", lastTransitionTime: abs(c, 100_000) }] };
    }, "status");
    c.client().bind("default", "late", "node-1");
    c.runUntil(100_002);
    expect(c.pod("late")!.status!.conditions!.find((x) => x.type === "Ready")!.status).toBe("False");
  });

  it("skips a pass whose writes fail (API server down) and catches up on the next one", () => {
    const c = cluster(["node-1", "node-2"]);
    c.start(new NodeLifecycleController(c.ctx));
    heartbeats(c, ["node-1", "node-2"]);
    c.runUntil(20_000);
    c.kubelets.get("node-1")!.stop(); // probe at 15s: Unknown due at 65s
    c.runUntil(64_000);
    c.api.available = false;
    c.runUntil(66_000);
    expect(c.node("node-1")!.status.conditions!.find((x) => x.type === "Ready")!.status).toBe("True");
    c.api.available = true;
    c.runUntil(70_000);
    expect(c.node("node-1")!.status.conditions!.find((x) => x.type === "Ready")!.lastTransitionTime).toBe(abs(c, 70_000));
    expect(c.bugs).toEqual([]);
  });

  it("does nothing while stopped and runs a pass at once when resumed", () => {
    const c = cluster(["node-1", "node-2"]);
    const nlc = new NodeLifecycleController(c.ctx);
    c.start(nlc);
    heartbeats(c, ["node-1", "node-2"]);
    c.runUntil(20_000);
    c.kubelets.get("node-1")!.stop();
    nlc.stop();
    c.runUntil(200_000);
    expect(c.node("node-1")!.status.conditions!.find((x) => x.type === "Ready")!.status).toBe("True");
    nlc.resume();
    c.runUntil(200_000);
    expect(c.node("node-1")!.status.conditions!.find((x) => x.type === "Ready")!.status).toBe("Unknown");
    expect(c.node("node-1")!.status.conditions!.find((x) => x.type === "Ready")!.lastTransitionTime).toBe(abs(c, 200_000));
  });
});

