// Pod filters and the deletion order the Job controller borrows from pkg/controller/controller_utils.go:
// FilterActivePods, CountTerminatingPods, FilterTerminatingPods and the ActivePods sort, which puts the
// pods that are cheapest to lose first (unassigned, pending, not ready, recently ready, crash-looping, new).
import type { Pod } from "../../api/types";
import { getPodCondition, isPodActive, isPodReady, isPodTerminating } from "../../api/podutil";

// mirrors FilterActivePods
export function filterActivePods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

// mirrors CountTerminatingPods
export function countTerminatingPods(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) if (isPodTerminating(p)) n++;
  return n;
}

// mirrors FilterTerminatingPods
export function filterTerminatingPods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodTerminating);
}

// mirrors countReadyPods (job_controller.go)
export function countReadyPods(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) if (isPodReady(p)) n++;
  return n;
}

/** podPhaseToOrdinal: Pending < Unknown < Running. */
function phaseOrdinal(pod: Pod): number {
  switch (pod.status?.phase) {
    case "Pending":
      return 0;
    case "Unknown":
      return 1;
    case "Running":
      return 2;
    default:
      return 0; // Go's map lookup of a missing phase yields 0
  }
}

function ms(t: string | undefined | null): number {
  const v = t ? Date.parse(t) : NaN;
  return Number.isNaN(v) ? 0 : v;
}

// mirrors afterOrZero: a zero time sorts first, otherwise later first.
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

// mirrors maxContainerRestarts: regular containers and restartable (sidecar) init containers.
function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** ActivePods.Less: true when `a` should be deleted before `b`. Ties fall back to the name (determinism). */
// mirrors ActivePods.Less (pkg/controller/controller_utils.go)
export function activePodsLess(a: Pod, b: Pod): boolean {
  const na = a.spec.nodeName ?? "";
  const nb = b.spec.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "";
  const pa = phaseOrdinal(a);
  const pb = phaseOrdinal(b);
  if (pa !== pb) return pa < pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  if (ra && rb) {
    const ta = ms(getPodCondition(a, "Ready")?.lastTransitionTime);
    const tb = ms(getPodCondition(b, "Ready")?.lastTransitionTime);
    if (ta !== tb) return afterOrZero(ta, tb);
  }
  const ca = maxContainerRestarts(a);
  const cb = maxContainerRestarts(b);
  if (ca !== cb) return ca > cb;
  const cta = ms(a.metadata.creationTimestamp);
  const ctb = ms(b.metadata.creationTimestamp);
  if (cta !== ctb) return afterOrZero(cta, ctb);
  return a.metadata.name < b.metadata.name;
}

/** Sorts in place, deletion candidates first. */
export function sortActivePods(pods: Pod[]): Pod[] {
  return pods.sort((a, b) => (activePodsLess(a, b) ? -1 : activePodsLess(b, a) ? 1 : 0));
}
