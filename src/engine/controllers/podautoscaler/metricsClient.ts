// The HPA controller's view of metrics.k8s.io: per-pod usage of one resource, in milli-units, with the
// sample's time and span. It reads the simulated metrics-server through the MetricsApi contract and
// applies the label selector the real API server would apply (metrics.k8s.io filters by labelSelector).
// mirrors resourceMetricsClient.GetResourceMetric, getPodMetrics and getContainerMetrics
// (k/k pkg/controller/podautoscaler/metrics/client.go).
import type { Pod } from "../../api/types";
import type { Selector } from "../../apimachinery/labels";
import type { MetricsApi, PodMetrics } from "../../metrics/metricsApi";

/** One pod's sample. `timestamp` is absolute (Unix ms), comparable with the pod's own timestamps. */
export interface PodMetric {
  timestamp: number;
  windowMs: number;
  /** Milli-units: millicores for cpu, milli-bytes for memory (Quantity.MilliValue()). */
  value: number;
}

/** PodMetricsInfo: pod name → sample. */
export type PodMetricsInfo = Map<string, PodMetric>;

/** What `kubectl get --raw /apis/metrics.k8s.io` answers when no metrics-server is installed. */
export const NO_METRICS_API = "the server could not find the requested resource (get pods.metrics.k8s.io)";

export interface ResourceMetricResult {
  metrics: PodMetricsInfo;
  /** Absolute ms of the first sample (metrics.Items[0].Timestamp). */
  timestamp: number;
}

function usageMilli(resource: string, c: { cpuMilli: number; memoryBytes: number }): number | undefined {
  if (resource === "cpu") return c.cpuMilli;
  if (resource === "memory") return c.memoryBytes * 1000;
  return undefined;
}

/**
 * GetResourceMetric. `pods` resolves a pod name to the cached pod (the metrics API's label filter needs
 * its labels); `absolute` converts a sample's simulated time to Unix ms. Throws Error with upstream's text.
 */
export function getResourceMetric(
  api: MetricsApi | undefined,
  resource: string,
  namespace: string,
  selector: Selector,
  container: string,
  pods: (name: string) => Pod | undefined,
  absolute: (simMs: number) => number,
): ResourceMetricResult {
  if (!api) throw new Error(`unable to fetch metrics from resource metrics API: ${NO_METRICS_API}`);
  const items: PodMetrics[] = [];
  for (const m of api.listPodMetrics(namespace)) {
    const pod = pods(m.name);
    if (pod && selector.matches(pod.metadata.labels)) items.push(m);
  }
  if (items.length === 0) throw new Error("no metrics returned from resource metrics API");
  const metrics: PodMetricsInfo = new Map();
  for (const m of items) {
    const sample = (value: number): PodMetric => ({ timestamp: absolute(m.timestamp), windowMs: m.windowMs, value });
    if (container !== "") {
      const c = m.containers.find((x) => x.name === container);
      if (!c) throw new Error(`failed to get container metrics: container ${container} not present in metrics for pod ${m.namespace}/${m.name}`);
      const v = usageMilli(resource, c);
      if (v !== undefined) metrics.set(m.name, sample(v));
      continue;
    }
    // getPodMetrics: a pod with no containers, or a container without the resource, is left out (missing).
    if (m.containers.length === 0) continue;
    let sum = 0;
    let missing = false;
    for (const c of m.containers) {
      const v = usageMilli(resource, c);
      if (v === undefined) {
        missing = true;
        break;
      }
      sum += v;
    }
    if (!missing) metrics.set(m.name, sample(sum));
  }
  return { metrics, timestamp: absolute(items[0]!.timestamp) };
}
