import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { PodInfo } from "../framework/podInfo";
import { type PreemptionHandle, prepareCandidate } from "./prepareCandidate";

function pod(name: string, priority: number, extra: Partial<Pod["metadata"]> = {}, nominated?: string): PodInfo {
  return new PodInfo({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, ...extra },
    spec: { containers: [{ name: "c", image: "nginx" }], priority },
    status: nominated ? { nominatedNodeName: nominated } : {},
  } as Pod);
}

function fakeHandle(nominated: PodInfo[], fail?: string) {
  const preempted: string[] = [];
  const cleared: string[] = [];
  const h: PreemptionHandle = {
    preemptPod: (preemptor, victim, node) => {
      if (victim.metadata.name === fail) throw new Error("boom");
      preempted.push(`${victim.metadata.name}<-${preemptor.metadata.name}@${node}`);
    },
    nominatedPodsForNode: () => nominated,
    clearNominatedNodeName: (pods) => cleared.push(...pods.map((p) => p.metadata.name)),
  };
  return { h, preempted, cleared };
}

describe("prepareCandidate", () => {
  it("preempts each victim not already terminating, then clears lower-priority nominations on the node", () => {
    const preemptor = pod("hi", 100);
    const lower = pod("lower", 10, {}, "n1");
    const higher = pod("higher", 1000, {}, "n1");
    const { h, preempted, cleared } = fakeHandle([preemptor, lower, higher]);
    const victims = [pod("v1", 5), pod("v2", 1, { deletionTimestamp: "2025-01-01T00:00:00Z" })];
    expect(prepareCandidate(h, { name: "n1", victims }, preemptor)).toBeNull();
    expect(preempted).toEqual(["v1<-hi@n1"]);
    expect(cleared).toEqual(["lower"]);
  });

  it("an API error preempting a victim is an Error status", () => {
    const { h } = fakeHandle([], "v1");
    expect(prepareCandidate(h, { name: "n1", victims: [pod("v1", 1)] }, pod("hi", 100))?.code).toBe("Error");
  });
});
