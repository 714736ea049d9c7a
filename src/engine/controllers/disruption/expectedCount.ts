// The arithmetic of a PodDisruptionBudget's status, free of informers so it can be tested alone:
// how many pods are expected (the scale of the pods' controllers, or simply the selected pods for an
// integer minAvailable), how many must stay healthy, how many are healthy now, and which recorded
// evictions still count as in flight.
// mirrors getExpectedPodCount, getExpectedScale, countHealthyPods and buildDisruptedPodMap
// (k/k pkg/controller/disruption/disruption.go).
import { isPodReady } from "../../api/podutil";
import type { Pod } from "../../api/types";
import { getScaledValueFromIntOrPercent } from "../../apimachinery/intstr";
import type { PodDisruptionBudget } from "./pdbUtil";

/** DeletionTimeout: an eviction not followed by a deletion within this long stops counting. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** A pod's controller and its desired scale (controllerAndScale). */
export interface ControllerAndScale {
  uid: string;
  scale: number;
}

/** Finds the scale of a pod's controller; undefined when the owner is not found (finder returned nil). */
export type ControllerFinder = (ref: { apiVersion: string; kind: string; name: string; uid: string }, namespace: string) => ControllerAndScale | undefined;

export interface ExpectedCount {
  expectedCount: number;
  desiredHealthy: number;
  unmanagedPods: string[];
}

/** Thrown for a budget whose status cannot be computed (the controller's failSafe then zeroes it). */
export class ExpectedCountError extends Error {}

function controllerRef(pod: Pod) {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

// mirrors getExpectedScale: Σ scale over the distinct controllers of the selected pods.
export function getExpectedScale(pods: readonly Pod[], finder: ControllerFinder): { expectedCount: number; unmanagedPods: string[] } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = finder(ref, pod.metadata.namespace ?? "");
    if (!found) throw new ExpectedCountError(`found no controllers for pod ${JSON.stringify(pod.metadata.name)}`);
    scales.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const s of scales.values()) expectedCount += s;
  return { expectedCount, unmanagedPods };
}

// mirrors getExpectedPodCount. Percentages round up, for minAvailable and maxUnavailable alike.
export function getExpectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], finder: ControllerFinder): ExpectedCount {
  const spec = pdb.spec ?? {};
  const scaled = (v: number | string, total: number): number => {
    try {
      return getScaledValueFromIntOrPercent(v, total, true);
    } catch (e) {
      throw new ExpectedCountError((e as Error).message);
    }
  };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = getExpectedScale(pods, finder);
    const desiredHealthy = Math.max(0, expectedCount - scaled(spec.maxUnavailable, expectedCount));
    return { expectedCount, desiredHealthy, unmanagedPods };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === "number") return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const { expectedCount, unmanagedPods } = getExpectedScale(pods, finder);
    return { expectedCount, desiredHealthy: scaled(spec.minAvailable, expectedCount), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

// mirrors countHealthyPods: ready, not being deleted, and not recently evicted.
export function countHealthyPods(pods: readonly Pod[], disruptedPods: Readonly<Record<string, string>>, nowAbsMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const t = disruptedPods[pod.metadata.name];
    if (t !== undefined && Date.parse(t) + DELETION_TIMEOUT_MS > nowAbsMs) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/**
 * mirrors buildDisruptedPodMap: keeps the evictions whose pods still exist, are not yet being deleted
 * and are within DeletionTimeout; `recheckAtAbsMs` is when the earliest of them expires. Pods that
 * outlived the timeout are returned in `notDeleted` (the controller warns "NotDeleted" about them).
 */
export function buildDisruptedPodMap(pods: readonly Pod[], pdb: PodDisruptionBudget, nowAbsMs: number): { disruptedPods: Record<string, string>; recheckAtAbsMs?: number; notDeleted: Pod[] } {
  const recorded = pdb.status?.disruptedPods;
  const disruptedPods: Record<string, string> = {};
  const notDeleted: Pod[] = [];
  let recheckAtAbsMs: number | undefined;
  if (!recorded) return { disruptedPods, notDeleted };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const t = recorded[pod.metadata.name];
    if (t === undefined) continue;
    const expected = Date.parse(t) + DELETION_TIMEOUT_MS;
    if (expected < nowAbsMs) {
      notDeleted.push(pod);
      continue;
    }
    if (recheckAtAbsMs === undefined || expected < recheckAtAbsMs) recheckAtAbsMs = expected;
    disruptedPods[pod.metadata.name] = t;
  }
  return { disruptedPods, recheckAtAbsMs, notDeleted };
}
