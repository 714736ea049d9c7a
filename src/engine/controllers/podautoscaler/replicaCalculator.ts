// ReplicaCalculator turns observed usage into a desired replica count for one metric.
// mirrors ReplicaCalculator.GetResourceReplicas, GetRawResourceReplicas, calcPlainMetricReplicas,
// groupPods and calculateRequests (k/k pkg/controller/podautoscaler/replica_calculator.go, v1.34).
//
// Invariants worth stating:
//  - a change smaller than the tolerance (0.1 either way) keeps the current count;
//  - pods that are Pending, not yet ready (cpu only) or without a sample are first left out; then, if
//    that could change the decision, they are put back pessimistically (missing pods at 100% of their
//    request on a scale-down, 0% on a scale-up; unready pods at 0% on a scale-up) and the decision is
//    only taken if the direction does not flip.
import type { Pod } from "../../api/types";
import { getPodCondition } from "../../api/podutil";
import type { Selector } from "../../apimachinery/labels";
import { milliValue } from "../../apimachinery/quantity";
import { parseQuantityCached } from "../../apiserver/defaults/resourceList";
import { parseTime } from "../../sim/clock";
import type { PodMetricsInfo } from "./metricsClient";
import { getMetricUsageRatio, getResourceUtilizationRatio } from "./utilization";

/** --horizontal-pod-autoscaler-tolerance default. */
export const DEFAULT_TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period default (5m). */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay default (30s). */
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30_000;

/** Tolerances: scale-down and scale-up tolerance (HPAConfigurableTolerance is alpha: both 0.1). */
export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

export const DEFAULT_TOLERANCES: Tolerances = { scaleDown: DEFAULT_TOLERANCE, scaleUp: DEFAULT_TOLERANCE };

function isWithin(t: Tolerances, ratio: number): boolean {
  return 1 - t.scaleDown <= ratio && ratio <= 1 + t.scaleUp;
}

export interface ReplicaCalculatorDeps {
  /** Pods of a namespace matching a selector (the pod lister). */
  listPods(namespace: string, selector: Selector): Pod[];
  /** time.Now() as absolute Unix ms. */
  now(): number;
  cpuInitializationPeriodMs?: number;
  delayOfInitialReadinessStatusMs?: number;
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilization: number;
  timestamp: number;
}

export interface PodGroups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

// mirrors groupPods
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, cpuInitializationPeriodMs: number, delayOfInitialReadinessStatusMs: number, now: number): PodGroups {
  const g: PodGroups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === "Failed") {
      g.ignored.add(name);
      continue;
    }
    // Pending pods count as unready.
    if (pod.status?.phase === "Pending") {
      g.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      g.missing.add(name);
      continue;
    }
    if (resource === "cpu") {
      const condition = getPodCondition(pod, "Ready");
      const start = parseTime(pod.status?.startTime);
      let unready: boolean;
      if (!condition || Number.isNaN(start)) {
        unready = true;
      } else {
        const transition = parseTime(condition.lastTransitionTime);
        if (start + cpuInitializationPeriodMs > now) {
          // Still initialising: ignore the sample if unready, or if it was not collected over a whole
          // window since the last readiness transition.
          unready = condition.status === "False" || metric.timestamp < transition + metric.windowMs;
        } else {
          // Ignore the sample only if the pod is unready and has never been ready.
          unready = condition.status === "False" && start + delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

function requestOf(list: unknown, resource: string): number | undefined {
  if (!list || typeof list !== "object") return undefined;
  const q = parseQuantityCached((list as Record<string, unknown>)[resource]);
  return q ? milliValue(q) : undefined;
}

// mirrors calculateRequests / calculatePodLevelRequests / calculatePodRequestsFromContainers
export function calculateRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const podLevel = (pod.spec.resources as { requests?: Record<string, string> } | undefined)?.requests;
    // PodLevelResources (beta, on in v1.34): pod-level requests win unless a container is named.
    const podLevelSet = !!podLevel && ("cpu" in podLevel || "memory" in podLevel);
    if (container === "" && podLevelSet) {
      const v = requestOf(podLevel, resource);
      if (v === undefined) throw new Error(`missing pod-level request for ${resource} in Pod ${pod.metadata.name}`);
      requests.set(pod.metadata.name, v);
      continue;
    }
    const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
    let request = 0;
    let found = false;
    for (const c of containers) {
      if (container === "" || container === c.name) {
        const v = requestOf(c.resources?.requests, resource);
        if (v === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
        request += v;
      }
      if (container === c.name) {
        found = true;
        break;
      }
    }
    if (container !== "" && !found) throw new Error(`container ${container} not found in Pod ${pod.metadata.name}`);
    requests.set(pod.metadata.name, request);
  }
  return requests;
}

export class ReplicaCalculator {
  private readonly cpuInit: number;
  private readonly readinessDelay: number;

  constructor(private readonly deps: ReplicaCalculatorDeps) {
    this.cpuInit = deps.cpuInitializationPeriodMs ?? CPU_INITIALIZATION_PERIOD_MS;
    this.readinessDelay = deps.delayOfInitialReadinessStatusMs ?? DELAY_OF_INITIAL_READINESS_STATUS_MS;
  }

  private podsFor(namespace: string, selector: Selector): Pod[] {
    const pods = this.deps.listPods(namespace, selector);
    if (pods.length === 0) throw new Error("no pods returned by selector while calculating replica count");
    return pods;
  }

  // mirrors GetResourceReplicas: a target utilization (percent of request). `metrics` is consumed.
  getResourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, tolerances: Tolerances, namespace: string, selector: Selector, container: string, metrics: PodMetricsInfo, timestamp: number): ResourceReplicas {
    const pods = this.podsFor(namespace, selector);
    const g = groupPods(pods, metrics, resource, this.cpuInit, this.readinessDelay, this.deps.now());
    for (const n of g.ignored) metrics.delete(n);
    for (const n of g.unready) metrics.delete(n);
    if (metrics.size === 0) throw new Error("did not receive metrics for targeted pods (pods might be unready)");
    const requests = calculateRequests(pods, container, resource);
    const { ratio: usageRatio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, targetUtilization);
    const result = (replicas: number): ResourceReplicas => ({ replicas, utilization, rawUtilization: rawAverage, timestamp });

    const scaleUpWithUnready = g.unready.size > 0 && usageRatio > 1.0;
    if (!scaleUpWithUnready && g.missing.size === 0) {
      if (isWithin(tolerances, usageRatio)) return result(currentReplicas);
      return result(Math.ceil(usageRatio * g.readyPodCount));
    }
    if (g.missing.size > 0) {
      if (usageRatio < 1.0) {
        // Scale-down: missing pods count at 100% of their request, or the target when it is higher.
        const fallback = Math.max(100, targetUtilization);
        for (const n of g.missing) metrics.set(n, { timestamp, windowMs: 0, value: Math.trunc(((requests.get(n) ?? 0) * fallback) / 100) });
      } else if (usageRatio > 1.0) {
        for (const n of g.missing) metrics.set(n, { timestamp, windowMs: 0, value: 0 });
      }
    }
    if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { timestamp, windowMs: 0, value: 0 });

    const newRatio = getResourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
    if (isWithin(tolerances, newRatio) || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
      return result(currentReplicas);
    }
    const newReplicas = Math.ceil(newRatio * metrics.size);
    if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) {
      return result(currentReplicas);
    }
    return result(newReplicas);
  }

  // mirrors GetRawResourceReplicas → calcPlainMetricReplicas: a target average value per pod.
  getRawResourceReplicas(currentReplicas: number, targetUsage: number, resource: string, tolerances: Tolerances, namespace: string, selector: Selector, metrics: PodMetricsInfo, timestamp: number): { replicas: number; usage: number; timestamp: number } {
    const pods = this.podsFor(namespace, selector);
    const g = groupPods(pods, metrics, resource, this.cpuInit, this.readinessDelay, this.deps.now());
    for (const n of g.ignored) metrics.delete(n);
    for (const n of g.unready) metrics.delete(n);
    if (metrics.size === 0) throw new Error("did not receive metrics for targeted pods (pods might be unready)");
    const { ratio: usageRatio, usage } = getMetricUsageRatio(metrics, targetUsage);
    const result = (replicas: number) => ({ replicas, usage, timestamp });

    const scaleUpWithUnready = g.unready.size > 0 && usageRatio > 1.0;
    if (!scaleUpWithUnready && g.missing.size === 0) {
      if (isWithin(tolerances, usageRatio)) return result(currentReplicas);
      return result(Math.ceil(usageRatio * g.readyPodCount));
    }
    if (g.missing.size > 0) {
      // Scale-down: missing pods use exactly the target; scale-up: nothing.
      const v = usageRatio < 1.0 ? targetUsage : 0;
      if (usageRatio !== 1.0) for (const n of g.missing) metrics.set(n, { timestamp, windowMs: 0, value: v });
    }
    if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { timestamp, windowMs: 0, value: 0 });
    const newRatio = getMetricUsageRatio(metrics, targetUsage).ratio;
    if (isWithin(tolerances, newRatio) || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
      return result(currentReplicas);
    }
    const newReplicas = Math.ceil(newRatio * metrics.size);
    if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) {
      return result(currentReplicas);
    }
    return result(newReplicas);
  }
}
