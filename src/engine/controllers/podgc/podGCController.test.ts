import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { TestCluster } from "../nodelifecycle/testHarness";
import { PodGCController } from "./podGCController";

const GC_PERIOD = 20_000; // gcCheckPeriod
const QUARANTINE = 40_000; // quarantineTime

function gcCalls(c: TestCluster) {
  return c.auditWhere((e) => e.actor === "pod-garbage-collector").map((e) => [e.t, e.verb, `${e.resource}${e.subresource ? "/" + e.subresource : ""}`, e.name, e.code]);
}

function setPhase(c: TestCluster, name: string, phase: "Succeeded" | "Failed", reason?: string): void {
  c.client().patch<Pod>("Pod", "default", name, (p) => (p.status = { ...p.status, phase, ...(reason ? { reason } : {}) }), "status");
}

/** The last stored state of a pod before it was removed. */
function lastState(c: TestCluster, name: string): Pod {
  const h = c.store.history("pods", `pods/default/${name}`);
  return h[h.length - 1]!.object as Pod;
}

describe("PodGCController", () => {
  it("gcTerminated: beyond the threshold, deletes evicted pods first, then the oldest", () => {
    const c = new TestCluster({ terminatedPodGCThreshold: 2 });
    c.addNode("node-1");
    ["p1", "p2", "p3", "p4", "running"].forEach((name, i) => {
      c.runUntil(i * 1_000);
      c.addPod(name, "node-1");
    });
    setPhase(c, "p1", "Succeeded");
    setPhase(c, "p2", "Succeeded");
    setPhase(c, "p3", "Failed");
    setPhase(c, "p4", "Failed", "Evicted");
    c.start(new PodGCController(c.ctx));
    c.runUntil(4_000);
    // 4 terminated, threshold 2: two go, grace 0, no status patch (already finished).
    expect(gcCalls(c)).toEqual([
      [4_000, "delete", "pods", "p4", 200],
      [4_000, "delete", "pods", "p1", 200],
    ]);
    expect(c.pod("p4")).toBeUndefined();
    expect(c.pod("p1")).toBeUndefined();
    expect(c.pod("p2")).toBeDefined();
    expect(c.pod("running")).toBeDefined();
  });

  it("gcOrphaned: pods of a node that does not exist go after the 40s quarantine, with DisruptionTarget", () => {
    const c = new TestCluster();
    c.addNode("node-1");
    c.addPod("orphan", "ghost");
    c.addPod("fine", "node-1");
    c.start(new PodGCController(c.ctx));
    c.runUntil(QUARANTINE - 1);
    expect(c.pod("orphan")).toBeDefined();
    c.runUntil(QUARANTINE);
    expect(c.pod("orphan")).toBeUndefined();
    expect(c.pod("fine")).toBeDefined();
    expect(gcCalls(c)).toEqual([
      [QUARANTINE, "get", "nodes", "ghost", 404],
      [QUARANTINE, "patch", "pods/status", "orphan", 200],
      [QUARANTINE, "delete", "pods", "orphan", 200],
    ]);
    const last = lastState(c, "orphan");
    expect(last.status!.phase).toBe("Failed");
    expect(last.status!.conditions!.find((x) => x.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "DeletionByPodGC",
      message: "PodGC: node no longer exists",
      observedGeneration: 1,
    });
  });

  it("gcOrphaned: a node that shows up during the quarantine saves its pods", () => {
    const c = new TestCluster();
    c.addPod("early", "node-late");
    c.start(new PodGCController(c.ctx));
    c.runUntil(30_000);
    c.addNode("node-late");
    c.runUntil(200_000);
    expect(c.pod("early")).toBeDefined();
    expect(gcCalls(c)).toEqual([]);
  });

  it("gcUnscheduledTerminating: a terminating pod that was never scheduled is marked Failed and force-deleted", () => {
    const c = new TestCluster();
    c.addPod("pending", undefined);
    c.client().patch<Pod>("Pod", "default", "pending", (p) => (p.metadata.finalizers = ["example.com/hold"]));
    c.client().delete("Pod", "default", "pending");
    expect(c.pod("pending")!.metadata.deletionTimestamp).toBeDefined();
    c.start(new PodGCController(c.ctx));
    c.runUntil(0);
    expect(gcCalls(c)).toEqual([
      [0, "patch", "pods/status", "pending", 200],
      [0, "delete", "pods", "pending", 200],
    ]);
    // The finalizer still holds it (a DELETE never bypasses finalizers), now Failed.
    expect(c.pod("pending")!.status!.phase).toBe("Failed");
  });

  it("gcTerminating needs both a NotReady node and the out-of-service taint", () => {
    const c = new TestCluster();
    c.addNode("node-1");
    c.addPod("x", "node-1");
    c.client().delete("Pod", "default", "x"); // terminating, waiting for a kubelet
    c.patchNode("node-1", (n) => (n.spec.taints = [{ key: "node.kubernetes.io/out-of-service", effect: "NoExecute" }]));
    c.start(new PodGCController(c.ctx));
    c.runUntil(3 * GC_PERIOD);
    expect(gcCalls(c)).toEqual([]); // node-1 is Ready
    c.client().patch("Node", undefined, "node-1", (n) => (n.status!.conditions = n.status!.conditions!.map((x: { type: string }) => (x.type === "Ready" ? { ...x, status: "False" } : x))), "status");
    c.runUntil(4 * GC_PERIOD);
    expect(gcCalls(c)).toEqual([
      [4 * GC_PERIOD, "patch", "pods/status", "x", 200],
      [4 * GC_PERIOD, "delete", "pods", "x", 200],
    ]);
    expect(c.pod("x")).toBeUndefined();
  });

  it("runs no pass while stopped, and one at once when resumed", () => {
    const c = new TestCluster();
    c.addPod("orphan", "ghost");
    const gc = new PodGCController(c.ctx);
    c.start(gc);
    c.runUntil(1_000);
    gc.stop();
    c.runUntil(500_000);
    expect(c.pod("orphan")).toBeDefined();
    gc.resume();
    // The quarantine started by the pass at 0s is long over: the pass on resume deletes.
    c.runUntil(500_000 + QUARANTINE);
    expect(gcCalls(c).filter((x) => x[1] === "delete").map((x) => x[0])).toEqual([500_000]);
  });
});
