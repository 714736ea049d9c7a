// From an HPA's metric specs to one proposed replica count: each metric proposes a count, the largest
// wins, and the statuses become status.currentMetrics.
// mirrors computeReplicasForMetrics, computeReplicasForMetric, computeStatusForResourceMetricGeneric,
// computeStatusForResourceMetric(+Container…) and getUnableComputeReplicaCountCondition
// (k/k pkg/controller/podautoscaler/horizontal.go). Pods, Object and External metrics need a custom or
// external metrics API, which this cluster does not serve: they fail with upstream's error for that case.
import type { Pod } from "../../api/types";
import type { Selector } from "../../apimachinery/labels";
import { milliValue, newMilliQuantity, quantityToString } from "../../apimachinery/quantity";
import { parseQuantityCached } from "../../apiserver/defaults/resourceList";
import type { MetricsApi } from "../../metrics/metricsApi";
import { getResourceMetric } from "./metricsClient";
import { DEFAULT_TOLERANCES, type ReplicaCalculator } from "./replicaCalculator";
import type { HorizontalPodAutoscalerCondition, MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from "./types";

export interface MetricComputeContext {
  namespace: string;
  selector: Selector;
  calc: ReplicaCalculator;
  metricsApi: MetricsApi | undefined;
  pod(name: string): Pod | undefined;
  absolute(simMs: number): number;
  /** Records a Warning event on the HPA. */
  warn(reason: string, message: string): void;
}

export interface MetricsOutcome {
  /** -1 when nothing could be computed. */
  replicas: number;
  metric: string;
  statuses: MetricStatus[];
  timestamp: number;
  error?: string;
  /** The condition to set: the first invalid metric's, or ScalingActive=True. */
  condition: HorizontalPodAutoscalerCondition;
}

const NO_CUSTOM_METRICS = "unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";
const NO_EXTERNAL_METRICS = "unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered";

class MetricError extends Error {
  constructor(
    message: string,
    readonly condition: HorizontalPodAutoscalerCondition,
  ) {
    super(message);
  }
}

function milliString(milli: number): string {
  return quantityToString(newMilliQuantity(milli, "DecimalSI"));
}

function targetMilli(q: string | undefined): number {
  const parsed = parseQuantityCached(q);
  return parsed ? milliValue(parsed) : 0;
}

// mirrors getUnableComputeReplicaCountCondition: a Warning event and a ScalingActive=False condition.
function unable(ctx: MetricComputeContext, reason: string, err: string): HorizontalPodAutoscalerCondition {
  ctx.warn(reason, err);
  return { type: "ScalingActive", status: "False", reason, message: `the HPA was unable to compute the replica count: ${err}` };
}

// mirrors computeStatusForResourceMetricGeneric
function resourceMetricGeneric(ctx: MetricComputeContext, currentReplicas: number, target: MetricTarget, resource: string, container: string, containerSource: boolean): { replicas: number; status: MetricValueStatus; timestamp: number; name: string } {
  const fetch = () => {
    try {
      return getResourceMetric(ctx.metricsApi, resource, ctx.namespace, ctx.selector, container, (n) => ctx.pod(n), ctx.absolute);
    } catch (e) {
      throw new Error(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
    }
  };
  if (target.averageValue !== undefined) {
    let r;
    try {
      const { metrics, timestamp } = fetch();
      r = ctx.calc.getRawResourceReplicas(currentReplicas, targetMilli(target.averageValue), resource, DEFAULT_TOLERANCES, ctx.namespace, ctx.selector, metrics, timestamp);
    } catch (e) {
      throw new Error(`failed to get ${resource} usage: ${(e as Error).message}`);
    }
    return { replicas: r.replicas, status: { averageValue: milliString(r.usage) }, timestamp: r.timestamp, name: `${resource} resource` };
  }
  if (target.averageUtilization === undefined) {
    throw new Error("invalid resource metric source: neither an average utilization target nor an average value (usage) target was set");
  }
  let r;
  try {
    const { metrics, timestamp } = fetch();
    r = ctx.calc.getResourceReplicas(currentReplicas, target.averageUtilization, resource, DEFAULT_TOLERANCES, ctx.namespace, ctx.selector, container, metrics, timestamp);
  } catch (e) {
    throw new Error(`failed to get ${resource} utilization: ${(e as Error).message}`);
  }
  const name = containerSource ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`;
  return { replicas: r.replicas, status: { averageValue: milliString(r.rawUtilization), averageUtilization: r.utilization }, timestamp: r.timestamp, name };
}

// mirrors computeReplicasForMetric
function computeReplicasForMetric(ctx: MetricComputeContext, spec: MetricSpec, specReplicas: number): { replicas: number; name: string; timestamp: number; status: MetricStatus } {
  switch (spec.type) {
    case "Resource": {
      const src = spec.resource!;
      try {
        const r = resourceMetricGeneric(ctx, specReplicas, src.target, src.name, "", false);
        return { replicas: r.replicas, name: r.name, timestamp: r.timestamp, status: { type: "Resource", resource: { name: src.name, current: r.status } } };
      } catch (e) {
        const msg = (e as Error).message;
        throw new MetricError(`failed to get ${src.name} resource metric value: ${msg}`, unable(ctx, "FailedGetResourceMetric", msg));
      }
    }
    case "ContainerResource": {
      const src = spec.containerResource!;
      try {
        const r = resourceMetricGeneric(ctx, specReplicas, src.target, src.name, src.container, true);
        return { replicas: r.replicas, name: r.name, timestamp: r.timestamp, status: { type: "ContainerResource", containerResource: { name: src.name, container: src.container, current: r.status } } };
      } catch (e) {
        const msg = (e as Error).message;
        throw new MetricError(`failed to get ${src.container} container metric value: ${msg}`, unable(ctx, "FailedGetContainerResourceMetric", msg));
      }
    }
    case "Pods": {
      const msg = `unable to get metric ${spec.pods?.metric.name ?? ""}: ${NO_CUSTOM_METRICS}`;
      throw new MetricError(`failed to get pods metric value: ${msg}`, unable(ctx, "FailedGetPodsMetric", msg));
    }
    case "Object": {
      const o = spec.object;
      const msg = `unable to get metric ${o?.metric.name ?? ""}: ${o?.describedObject.kind ?? ""} ${ctx.namespace}/${o?.describedObject.name ?? ""} ${NO_CUSTOM_METRICS}`;
      throw new MetricError(`failed to get object metric value: ${msg}`, unable(ctx, "FailedGetObjectMetric", msg));
    }
    case "External": {
      const name = spec.external?.metric.name ?? "";
      const msg = `failed to get ${name} external metric: ${NO_EXTERNAL_METRICS}`;
      throw new MetricError(`failed to get ${name} external metric value: ${msg}`, unable(ctx, "FailedGetExternalMetric", msg));
    }
    default: {
      const msg = `unknown metric source type "${spec.type}"`;
      throw new MetricError(msg, unable(ctx, "InvalidMetricSourceType", msg));
    }
  }
}

/**
 * computeReplicasForMetrics: the maximum proposal over all metrics. When every metric failed, or some
 * failed and the rest would scale down, it gives up (-1) and reports the first failure.
 */
export function computeReplicasForMetrics(ctx: MetricComputeContext, specs: readonly MetricSpec[], specReplicas: number): MetricsOutcome {
  // A metric that failed keeps a zero MetricStatus (type ""), as the Go slice element does.
  const statuses: MetricStatus[] = specs.map(() => ({ type: "" }));
  if (specs.length === 0) {
    return { replicas: -1, metric: "", statuses, timestamp: 0, error: "invalid metrics (0 invalid out of 0)", condition: { type: "ScalingActive", status: "False", reason: "InvalidMetricSourceType", message: "the HPA was unable to compute the replica count: no metrics" } };
  }
  let replicas = 0;
  let metric = "";
  let timestamp = 0;
  let invalidCount = 0;
  let firstError: MetricError | undefined;
  specs.forEach((spec, i) => {
    try {
      const r = computeReplicasForMetric(ctx, spec, specReplicas);
      statuses[i] = r.status;
      if (replicas === 0 || r.replicas > replicas) {
        replicas = r.replicas;
        metric = r.name;
        timestamp = r.timestamp;
      }
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      firstError ??= e;
      invalidCount++;
    }
  });
  const error = firstError ? `invalid metrics (${invalidCount} invalid out of ${specs.length}), first error is: ${firstError.message}` : undefined;
  if (invalidCount >= specs.length || (invalidCount > 0 && replicas < specReplicas)) {
    return { replicas: -1, metric: "", statuses, timestamp: 0, error, condition: firstError!.condition };
  }
  const condition: HorizontalPodAutoscalerCondition = { type: "ScalingActive", status: "True", reason: "ValidMetricFound", message: `the HPA was able to successfully calculate a replica count from ${metric}` };
  return { replicas, metric, statuses, timestamp, ...(error ? { error } : {}), condition };
}
