import { describe, expect, it } from "vitest";
import type { KubeEvent, Taint, Toleration } from "../../api/types";
import { rfc3339 } from "../../sim/clock";
import { TestCluster } from "../nodelifecycle/testHarness";
import { getMatchingTolerations, getMinTolerationTime, TaintEvictionController } from "./taintEvictionController";

const unreachable: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute" };
const notReady: Taint = { key: "node.kubernetes.io/not-ready", effect: "NoExecute" };
const tol = (key: string, seconds?: number): Toleration => ({ key, operator: "Exists", effect: "NoExecute", ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}) });

/** A cluster with one node and the taint eviction controller; no kubelet, taints are set by hand. */
function setup() {
  const c = new TestCluster();
  c.addNode("node-1");
  const tec = new TaintEvictionController(c.ctx);
  c.start(tec);
  return { c, tec };
}

function taint(c: TestCluster, ...taints: Taint[]): void {
  c.patchNode("node-1", (n) => (n.spec.taints = [...(n.spec.taints ?? []), ...taints.map((t) => ({ ...t, timeAdded: rfc3339(c.clock.absolute()) }))]));
}

function untaint(c: TestCluster): void {
  c.patchNode("node-1", (n) => delete n.spec.taints);
}

function deletes(c: TestCluster, name: string) {
  return c.auditWhere((e) => e.verb === "delete" && e.resource === "pods" && e.name === name);
}

function evictionEvents(c: TestCluster): string[] {
  return c.eventsList().filter((e) => (e as KubeEvent).reason === "TaintManagerEviction").map((e) => (e as KubeEvent).message);
}

describe("TaintEvictionController", () => {
  it("deletes a pod that does not tolerate the taint as soon as the taint is seen", () => {
    const { c } = setup();
    c.addPod("x", "node-1");
    c.runUntil(10_000);
    taint(c, unreachable);
    c.runUntil(10_001);
    const d = deletes(c, "x");
    expect(d.map((e) => [e.t, e.actor, e.code])).toEqual([[10_001, "node-controller", 200]]);
    const pod = c.pod("x")!;
    expect(pod.metadata.deletionTimestamp).toBe(rfc3339(c.clock.absolute(10_001 + 30_000)));
    expect(pod.status!.conditions!.find((x) => x.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
      lastTransitionTime: rfc3339(c.clock.absolute(10_001)),
    });
    const ev = c.eventsList().find((e) => (e as KubeEvent).reason === "TaintManagerEviction") as KubeEvent;
    expect(ev).toMatchObject({ type: "Normal", message: "Marking for deletion Pod default/x", source: { component: "taint-eviction-controller" } });
    expect(ev.involvedObject).toMatchObject({ kind: "Pod", namespace: "default", name: "x" });
    // GET, status PATCH (DisruptionTarget), DELETE: all as node-controller.
    expect(c.auditWhere((e) => e.actor === "node-controller").map((e) => `${e.verb} ${e.resource}${e.subresource ? "/" + e.subresource : ""}`)).toEqual([
      "get pods",
      "patch pods/status",
      "delete pods",
    ]);
  });

  it("ignores NoSchedule taints", () => {
    const { c } = setup();
    c.addPod("x", "node-1");
    taint(c, { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" });
    c.runUntil(100_000);
    expect(deletes(c, "x")).toEqual([]);
  });

  it("deletes a tolerating pod tolerationSeconds after the taint was seen; a later taint does not restart the countdown", () => {
    const { c, tec } = setup();
    c.addPod("x", "node-1", [tol(unreachable.key, 300), tol(notReady.key, 100)]);
    c.runUntil(5_000);
    taint(c, unreachable); // tolerated 300s
    c.runUntil(5_001);
    expect(tec.scheduledEviction("default/x")).toBe(5_001 + 300_000);
    c.runUntil(50_000);
    // Both taints now: min(300, 100) = 100s. processPodOnNode keeps a running countdown whenever
    // createdAt + min < now + min, i.e. always for an older one: the first taint's 300s still rule.
    taint(c, notReady);
    c.runUntil(50_001);
    expect(tec.scheduledEviction("default/x")).toBe(5_001 + 300_000);
    c.runUntil(400_000);
    expect(deletes(c, "x").map((e) => e.t)).toEqual([305_001]);
  });

  it("never deletes a pod whose tolerations have no seconds (DaemonSet pods)", () => {
    const { c } = setup();
    c.addPod("ds", "node-1", [tol(unreachable.key), tol(notReady.key)]);
    taint(c, unreachable, notReady);
    c.runUntil(3_600_000);
    expect(deletes(c, "ds")).toEqual([]);
  });

  it("deletes at once when a matching toleration has tolerationSeconds <= 0", () => {
    const { c } = setup();
    c.addPod("x", "node-1", [tol(unreachable.key, 0)]);
    c.runUntil(1_000);
    taint(c, unreachable);
    c.runUntil(1_001);
    expect(deletes(c, "x").map((e) => e.t)).toEqual([1_001]);
  });

  it("cancels the scheduled deletion when the taint goes away", () => {
    const { c, tec } = setup();
    c.addPod("x", "node-1", [tol(unreachable.key, 300)]);
    taint(c, unreachable);
    c.runUntil(60_000);
    untaint(c);
    c.runUntil(60_001);
    expect(tec.scheduledEviction("default/x")).toBeUndefined();
    expect(evictionEvents(c)).toEqual(["Cancelling deletion of Pod default/x"]);
    c.runUntil(1_000_000);
    expect(deletes(c, "x")).toEqual([]);
  });

  it("cancels the scheduled deletion when the pod goes", () => {
    const { c, tec } = setup();
    c.addPod("x", "node-1", [tol(unreachable.key, 300)]);
    taint(c, unreachable);
    c.runUntil(60_000);
    c.client().delete("Pod", "default", "x", { gracePeriodSeconds: 0 });
    c.runUntil(60_001);
    expect(tec.scheduledEviction("default/x")).toBeUndefined();
    expect(evictionEvents(c)).toEqual(["Cancelling deletion of Pod default/x"]);
    c.runUntil(1_000_000);
    expect(c.auditWhere((e) => e.actor === "node-controller")).toEqual([]);
  });

  it("evicts a pod bound later to an already tainted node", () => {
    const { c } = setup();
    taint(c, unreachable);
    c.runUntil(10_000);
    c.addPod("late", "node-1", [tol(unreachable.key, 30)]);
    c.runUntil(10_001 + 30_000);
    expect(deletes(c, "late").map((e) => e.t)).toEqual([10_001 + 30_000]);
  });

  it("holds evictions while stopped and runs the ones that came due on resume", () => {
    const { c, tec } = setup();
    c.addPod("x", "node-1", [tol(unreachable.key, 60)]);
    taint(c, unreachable);
    c.runUntil(1_000);
    tec.stop();
    c.runUntil(120_000);
    expect(deletes(c, "x")).toEqual([]);
    tec.resume();
    c.runUntil(120_000);
    expect(deletes(c, "x").map((e) => e.t)).toEqual([120_000]);
  });
});

describe("getMatchingTolerations / getMinTolerationTime", () => {
  it("needs a toleration for every taint and keeps the first matching one", () => {
    expect(getMatchingTolerations([], undefined)).toEqual([true, []]);
    expect(getMatchingTolerations([unreachable], undefined)).toEqual([false, []]);
    expect(getMatchingTolerations([unreachable, notReady], [tol(unreachable.key, 5)])).toEqual([false, []]);
    const any: Toleration = { operator: "Exists" };
    expect(getMatchingTolerations([unreachable, notReady], [any, tol(unreachable.key, 5)])).toEqual([true, [any, any]]);
  });

  it("min over the seconds given; -1 (forever) when none has seconds", () => {
    expect(getMinTolerationTime([])).toBe(0);
    expect(getMinTolerationTime([tol("a"), tol("b")])).toBe(-1);
    expect(getMinTolerationTime([tol("a", 300), tol("b", 100), tol("c")])).toBe(100_000);
    expect(getMinTolerationTime([tol("a", 300), tol("b", -5)])).toBe(0);
  });
});
