import { describe, expect, it } from "vitest";
import { SchedulerCache } from "../cache";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { calculateNumCandidates, DefaultPreemption, moreImportantPod, pickOneNodeForPreemption } from "./defaultPreemption";
import { newDefaultFramework } from "./registry";

describe("DefaultPreemption", () => {
  it("calculateNumCandidates: 10% of potential nodes, at least 100, at most all", () => {
    expect(calculateNumCandidates(50)).toBe(50);
    expect(calculateNumCandidates(500)).toBe(100);
    expect(calculateNumCandidates(5000)).toBe(500);
  });

  it("MoreImportantPod: priority, then the earlier start", () => {
    const a = new PodInfo(makePod("a", { priority: 5, startTime: "2025-01-01T00:00:10Z" }));
    const b = new PodInfo(makePod("b", { priority: 5, startTime: "2025-01-01T00:00:20Z" }));
    const c = new PodInfo(makePod("c", { priority: 6 }));
    expect(moreImportantPod(a, b)).toBe(true);
    expect(moreImportantPod(c, a)).toBe(true);
    expect(moreImportantPod(b, a)).toBe(false);
  });

  it("SelectVictimsOnNode removes every lower-priority pod, then reprieves the most important that still fit", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode("n", { cpu: "4" }));
    cache.addPod(makePod("low1", { nodeName: "n", cpu: "2", priority: 1 }));
    cache.addPod(makePod("low0", { nodeName: "n", cpu: "1", priority: 0 }));
    cache.addPod(makePod("high", { nodeName: "n", cpu: "1", priority: 100 }));
    const fwk = newDefaultFramework(cache);
    const pod = new PodInfo(makePod("p", { cpu: "2", priority: 50 }));
    const state = new CycleState();
    fwk.runPreFilterPlugins(state, pod, cache.list());
    const { victims, status } = new DefaultPreemption().selectVictimsOnNode(fwk, state, pod, cache.get("n")!.clone(), undefined);
    // Without low1 and low0: 1 CPU used, 3 free. Reprieve low1 (prio 1): 3 used, 1 free < 2 → victim.
    // Reprieve low0: 2 used, 2 free → stays.
    expect(status).toBeNull();
    expect(victims.map((v) => v.name)).toEqual(["low1"]);
    expect(cache.get("n")!.pods.length).toBe(3); // the dry run worked on a copy
  });

  it("reports no victims when nothing has lower priority", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode("n", { cpu: "1" }));
    cache.addPod(makePod("same", { nodeName: "n", cpu: "1", priority: 10 }));
    const fwk = newDefaultFramework(cache);
    const pod = new PodInfo(makePod("p", { cpu: "1", priority: 10 }));
    const out = new DefaultPreemption().selectVictimsOnNode(fwk, new CycleState(), pod, cache.get("n")!.clone(), undefined);
    expect(out.status).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["No preemption victims found for incoming pod"] });
  });

  it("pickOneNodeForPreemption prefers the lowest highest-priority victim, then the smallest priority sum, then fewer victims", () => {
    const v = (name: string, priority: number) => new PodInfo(makePod(name, { priority }));
    expect(pickOneNodeForPreemption([{ name: "a", victims: [v("x", 5)] }, { name: "b", victims: [v("y", 3), v("z", 3)] }]).name).toBe("b");
    expect(pickOneNodeForPreemption([{ name: "a", victims: [v("x", 3), v("w", 3)] }, { name: "b", victims: [v("y", 3), v("z", 1)] }]).name).toBe("b");
    expect(pickOneNodeForPreemption([{ name: "a", victims: [v("x", 3), v("w", 3)] }, { name: "b", victims: [v("y", 3)] }]).name).toBe("b");
  });
});
