import { describe, expect, it } from "vitest";
import { SchedulerCache } from "./cache";
import { newDefaultFramework } from "./plugins/registry";
import { calculateBackoffDuration, SchedulingQueue } from "./schedulingQueue";
import { makeNode, makePod } from "./testing/wrappers";

function newQueue() {
  const cache = new SchedulerCache();
  return new SchedulingQueue(newDefaultFramework(cache));
}

describe("calculateBackoffDuration", () => {
  it("doubles from 1s per attempt and caps at 10s", () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => calculateBackoffDuration(a) / 1000)).toEqual([1, 2, 4, 8, 10, 10]);
    expect(calculateBackoffDuration(0)).toBe(0);
  });
});

describe("SchedulingQueue", () => {
  it("pops by priority, then arrival (FIFO within one instant)", () => {
    const q = newQueue();
    q.add(makePod("low-a", { priority: 0 }), 0);
    q.add(makePod("low-b", { priority: 0 }), 0);
    q.add(makePod("high", { priority: 1000 }), 5);
    expect([q.pop()!, q.pop()!, q.pop()!].map((p) => p.podInfo.name)).toEqual(["high", "low-a", "low-b"]);
    expect(q.pop()).toBeUndefined();
  });

  it("keeps a pod rejected by a plugin in the unschedulable pool until a relevant event", () => {
    const q = newQueue();
    q.add(makePod("p", { cpu: "2" }), 0);
    const p = q.pop()!;
    expect(p.attempts).toBe(1);
    expect(q.addUnschedulableIfNotPresent(p, ["NodeResourcesFit"], 10_300)).toBeNull();
    expect(q.whereIs(p.podInfo.uid)).toBe("unschedulablePods");
    expect(q.hasPodsToPop()).toBe(false);
    // A node too small for the pod: NodeResourcesFit's hint says QueueSkip.
    q.nodeAdded(makeNode("small", { cpu: "1" }), 10_400);
    expect(q.whereIs(p.podInfo.uid)).toBe("unschedulablePods");
    // A big enough node: Queue, but the pod is still backing off (10.3s + 1s → window 11s) → backoffQ.
    q.nodeAdded(makeNode("big", { cpu: "4" }), 10_500);
    expect(q.whereIs(p.podInfo.uid)).toBe("backoffQ");
    expect(q.nextWakeTime()).toBe(12_000);
    q.tick(11_999);
    expect(q.whereIs(p.podInfo.uid)).toBe("backoffQ");
    q.tick(12_000);
    expect(q.whereIs(p.podInfo.uid)).toBe("activeQ");
  });

  it("pops from backoffQ when activeQ is empty (SchedulerPopFromBackoffQ)", () => {
    const q = newQueue();
    q.add(makePod("p", { cpu: "2" }), 0);
    const p = q.pop()!;
    q.addUnschedulableIfNotPresent(p, ["NodeResourcesFit"], 1_000);
    q.nodeAdded(makeNode("big"), 1_100);
    expect(q.whereIs(p.podInfo.uid)).toBe("backoffQ");
    expect(q.hasPodsToPop()).toBe(true);
    expect(q.pop()!.attempts).toBe(2);
  });

  it("flushes pods unschedulable for more than 5 minutes at the next 30s tick", () => {
    const q = newQueue();
    q.add(makePod("p", { cpu: "64" }), 0);
    const p = q.pop()!;
    q.addUnschedulableIfNotPresent(p, ["NodeResourcesFit"], 10_300);
    // First 30s tick T with T − 10.3s > 5m: 330s.
    expect(q.nextWakeTime()).toBe(330_000);
    q.tick(329_999);
    expect(q.whereIs(p.podInfo.uid)).toBe("unschedulablePods");
    q.tick(330_000);
    expect(q.whereIs(p.podInfo.uid)).toBe("activeQ");
    expect(q.nextWakeTime()).toBeUndefined();
  });

  it("moves a taint-rejected pod only when the taint goes away", () => {
    const q = newQueue();
    const node = makeNode("n", { taints: [{ key: "maintenance", effect: "NoSchedule" }] });
    q.add(makePod("p"), 0);
    const p = q.pop()!;
    q.addUnschedulableIfNotPresent(p, ["TaintToleration"], 0);
    // Allocatable changes do not interest TaintToleration.
    q.nodeUpdated(node, { ...node, status: { ...node.status, allocatable: { cpu: "8", memory: "8Gi", pods: "110" } } }, 20_000);
    expect(q.whereIs(p.podInfo.uid)).toBe("unschedulablePods");
    q.nodeUpdated(node, { ...node, spec: { taints: [] } }, 20_000);
    expect(q.whereIs(p.podInfo.uid)).toBe("activeQ");
  });

  it("requeues a Fit-rejected pod when an assigned pod is deleted", () => {
    const q = newQueue();
    q.add(makePod("p", { cpu: "2" }), 0);
    const p = q.pop()!;
    q.addUnschedulableIfNotPresent(p, ["NodeResourcesFit"], 0);
    q.assignedPodDeleted(makePod("gone", { nodeName: "n", cpu: "2" }), 5_000);
    expect(q.whereIs(p.podInfo.uid)).toBe("activeQ");
  });

  it("holds gated pods until their gates are removed", () => {
    const q = newQueue();
    const gated = makePod("g", { gates: ["example.com/wait"] });
    q.add(gated, 0);
    expect(q.whereIs(gated.metadata.uid)).toBe("unschedulablePods");
    expect(q.hasPodsToPop()).toBe(false);
    expect(q.nextWakeTime()).toBeUndefined();
    q.update(gated, { ...gated, spec: { ...gated.spec, schedulingGates: [] } }, 7_000);
    expect(q.whereIs(gated.metadata.uid)).toBe("activeQ");
  });

  it("judges a failed attempt against events seen while it was in flight", () => {
    const q = newQueue();
    q.add(makePod("p", { cpu: "2" }), 0);
    const p = q.pop()!;
    q.nodeAdded(makeNode("big"), 100); // arrives while the pod is being scheduled
    q.addUnschedulableIfNotPresent(p, ["NodeResourcesFit"], 200);
    expect(q.whereIs(p.podInfo.uid)).toBe("backoffQ");
  });

  it("sends errors (no rejecting plugin) to the error backoff queue, which Pop does not drain early", () => {
    const q = newQueue();
    q.add(makePod("p"), 0);
    const p = q.pop()!;
    q.addUnschedulableIfNotPresent(p, [], 2_500);
    expect(q.whereIs(p.podInfo.uid)).toBe("backoffQ");
    expect(q.hasPodsToPop()).toBe(false);
    // Timestamp 2.5s + 1s = 3.5s → window 3s → released at 4s.
    expect(q.nextWakeTime()).toBe(4_000);
    q.tick(4_000);
    expect(q.pop()!.attempts).toBe(2);
  });

  it("reports pending pods like PendingPods", () => {
    const q = newQueue();
    q.add(makePod("a"), 0);
    q.add(makePod("g", { gates: ["x"] }), 0);
    expect(q.pendingPods().summary).toBe("activeQ:1; backoffQ:0; unschedulablePods:1");
  });
});
