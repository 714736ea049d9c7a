// Usage ratios: how far the observed usage is from the target.
// mirrors GetResourceUtilizationRatio and GetMetricUsageRatio (k/k pkg/controller/podautoscaler/metrics/utilization.go).
import type { PodMetricsInfo } from "./metricsClient";

export interface UtilizationRatio {
  /** currentUtilization / targetUtilization. */
  ratio: number;
  /** Integer percent of the summed requests (Go int64 division). */
  utilization: number;
  /** Average raw usage per pod, milli-units (integer division). */
  rawAverage: number;
}

/**
 * Sums usage and requests over the pods that have both (a metric without a request is ignored: missing
 * requests are reported elsewhere). Throws when no metric matches a known pod.
 */
export function getResourceUtilizationRatio(metrics: PodMetricsInfo, requests: ReadonlyMap<string, number>, targetUtilization: number): UtilizationRatio {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let numEntries = 0;
  for (const [pod, m] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    numEntries++;
  }
  // If the set of requests is disjoint from the set of metrics, the total would be zero.
  if (requestsTotal === 0) throw new Error("no metrics returned matched known pods");
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / numEntries) };
}

/** Average usage per pod (integer division) against a target average, both in milli-units. */
export function getMetricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}
