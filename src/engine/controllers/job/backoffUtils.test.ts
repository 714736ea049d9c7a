import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { BackoffStore, getFinishedTime, getRemainingTimeForFailuresCount } from "./backoffUtils";

const T0 = Date.UTC(2025, 0, 1);
const iso = (s: number): string => new Date(T0 + s * 1000).toISOString().replace(".000Z", "Z");

function finished(name: string, atSec: number, phase: "Succeeded" | "Failed"): Pod {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name, uid: name, resourceVersion: "1", creationTimestamp: iso(0) },
    spec: { containers: [] },
    status: { phase, containerStatuses: [{ name: "c", state: { terminated: { exitCode: phase === "Failed" ? 1 : 0, finishedAt: iso(atSec) } }, lastState: {}, ready: false, restartCount: 0, image: "", imageID: "" }] },
  } as Pod;
}

describe("Job pod-failure backoff (backoff_utils.go)", () => {
  it("waits 10s·2^(n−1) after the last failure, capped at 10 minutes", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => getRemainingTimeForFailuresCount(T0, n, T0) / 1000);
    expect(delays).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
    expect(getRemainingTimeForFailuresCount(T0 + 4_000, 1, T0)).toBe(6_000);
    expect(getRemainingTimeForFailuresCount(T0 + 11_000, 1, T0)).toBe(0);
    expect(getRemainingTimeForFailuresCount(T0, 0, undefined)).toBe(0);
  });

  it("failures accumulate; a success resets the count to failures after it", () => {
    const s = new BackoffStore();
    let r = s.newBackoffRecord("ns/j", [], [finished("a", 5, "Failed"), finished("b", 3, "Failed")]);
    expect(r).toEqual({ key: "ns/j", failuresAfterLastSuccess: 2, lastFailureTime: T0 + 5_000 });
    s.updateBackoffRecord(r);
    r = s.newBackoffRecord("ns/j", [finished("c", 10, "Succeeded")], [finished("d", 8, "Failed"), finished("e", 12, "Failed")]);
    expect(r).toEqual({ key: "ns/j", failuresAfterLastSuccess: 1, lastFailureTime: T0 + 12_000 });
    r = s.newBackoffRecord("ns/j", [finished("c", 10, "Succeeded")], []);
    expect(r.failuresAfterLastSuccess).toBe(0);
    expect(r.lastFailureTime).toBeUndefined();
  });

  it("finish time falls back to Ready=False, then deletionTimestamp − grace, then creation", () => {
    const p = finished("x", 7, "Failed");
    expect(getFinishedTime(p)).toBe(T0 + 7_000);
    const noContainers = { ...p, status: { phase: "Failed", conditions: [{ type: "Ready", status: "False", lastTransitionTime: iso(9) }] } } as Pod;
    expect(getFinishedTime(noContainers)).toBe(T0 + 9_000);
    const deleted = { ...p, metadata: { ...p.metadata, deletionTimestamp: iso(40), deletionGracePeriodSeconds: 30 }, status: { phase: "Running" } } as Pod;
    expect(getFinishedTime(deleted)).toBe(T0 + 10_000);
    expect(getFinishedTime({ ...p, status: {} } as Pod)).toBe(T0);
  });
});
