// getExpectedPodCount / countHealthyPods / buildDisruptedPodMap (k/k pkg/controller/disruption/
// disruption.go): an integer minAvailable counts the selected pods; percentages and maxUnavailable use
// the controllers' scale and round up; evicted pods stop counting as healthy for DeletionTimeout (2m).
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { buildDisruptedPodMap, countHealthyPods, DELETION_TIMEOUT_MS, ExpectedCountError, getExpectedPodCount, type ControllerFinder } from "./expectedCount";
import type { PodDisruptionBudget } from "./pdbUtil";

const T0 = Date.parse("2025-01-01T00:00:00Z");

function pod(name: string, opts: { owner?: string; ready?: boolean; deleting?: boolean } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: name,
      resourceVersion: "1",
      creationTimestamp: "",
      ...(opts.deleting ? { deletionTimestamp: "2025-01-01T00:00:30Z" } : {}),
      ...(opts.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: opts.owner, uid: opts.owner, controller: true }] } : {}),
    },
    spec: { containers: [] },
    status: { phase: "Running", conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }] },
  } as unknown as Pod;
}

const pdb = (spec: PodDisruptionBudget["spec"], status: PodDisruptionBudget["status"] = {}): PodDisruptionBudget =>
  ({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "p", namespace: "default" }, spec, status }) as PodDisruptionBudget;

/** Every ReplicaSet named in a test has 5 replicas. */
const finder: ControllerFinder = (ref) => ({ uid: ref.uid, scale: 5 });

describe("getExpectedPodCount", () => {
  const pods = [pod("a", { owner: "rs" }), pod("b", { owner: "rs" }), pod("c", { owner: "rs", ready: false })];

  it("uses the number of selected pods for an integer minAvailable", () => {
    expect(getExpectedPodCount(pdb({ minAvailable: 2 }), pods, finder)).toEqual({ expectedCount: 3, desiredHealthy: 2, unmanagedPods: [] });
  });

  it("uses the controllers' scale for a percentage, rounding up", () => {
    expect(getExpectedPodCount(pdb({ minAvailable: "50%" }), pods, finder)).toEqual({ expectedCount: 5, desiredHealthy: 3, unmanagedPods: [] });
    // maxUnavailable 30% of 5 = 1.5 → 2 may be unavailable, 3 must stay healthy.
    expect(getExpectedPodCount(pdb({ maxUnavailable: "30%" }), pods, finder).desiredHealthy).toBe(3);
    expect(getExpectedPodCount(pdb({ maxUnavailable: 1 }), pods, finder).desiredHealthy).toBe(4);
    expect(getExpectedPodCount(pdb({ maxUnavailable: 9 }), pods, finder).desiredHealthy).toBe(0);
  });

  it("reports unmanaged pods, and fails when a controller cannot be found", () => {
    expect(getExpectedPodCount(pdb({ maxUnavailable: 1 }), [pod("bare")], finder)).toEqual({ expectedCount: 0, desiredHealthy: 0, unmanagedPods: ["bare"] });
    expect(() => getExpectedPodCount(pdb({ maxUnavailable: 1 }), pods, () => undefined)).toThrow(new ExpectedCountError('found no controllers for pod "a"'));
    expect(() => getExpectedPodCount(pdb({ minAvailable: "2" }), pods, finder)).toThrow(/string is not a percentage/);
  });
});

describe("countHealthyPods and buildDisruptedPodMap", () => {
  it("counts ready pods that are neither being deleted nor recently evicted", () => {
    const pods = [pod("a"), pod("b", { ready: false }), pod("c", { deleting: true }), pod("d")];
    expect(countHealthyPods(pods, {}, T0)).toBe(2);
    expect(countHealthyPods(pods, { d: "2025-01-01T00:00:00Z" }, T0 + 60_000)).toBe(1);
    expect(countHealthyPods(pods, { d: "2025-01-01T00:00:00Z" }, T0 + DELETION_TIMEOUT_MS)).toBe(2);
  });

  it("keeps evictions in flight, drops those of deleted pods, and flags the ones that timed out", () => {
    const pods = [pod("a"), pod("b", { deleting: true }), pod("c")];
    const status = { disruptedPods: { a: "2025-01-01T00:00:00Z", b: "2025-01-01T00:00:00Z", c: "2024-12-31T23:57:00Z", gone: "2025-01-01T00:00:00Z" } };
    const r = buildDisruptedPodMap(pods, pdb({ minAvailable: 1 }, status as never), T0 + 10_000);
    expect(r.disruptedPods).toEqual({ a: "2025-01-01T00:00:00Z" });
    expect(r.recheckAtAbsMs).toBe(T0 + DELETION_TIMEOUT_MS);
    expect(r.notDeleted.map((p) => p.metadata.name)).toEqual(["c"]);
  });
});
