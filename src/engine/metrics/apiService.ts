// The aggregation layer's APIService v1beta1.metrics.k8s.io: which MetricsApi answers metrics.k8s.io
// requests sent to an API server. metrics-server registers itself when it starts; `kubectl top` and the
// HPA controller only know the API server, as upstream, and get "Metrics API not available" without it.
import type { ApiServer } from "../apiserver/apiServer";
import type { MetricsApi } from "./metricsApi";

const registered = new WeakMap<ApiServer, MetricsApi>();

export function registerMetricsApi(api: ApiServer, metrics: MetricsApi): void {
  registered.set(api, metrics);
}

export function unregisterMetricsApi(api: ApiServer): void {
  registered.delete(api);
}

/** The MetricsApi behind `api`'s metrics.k8s.io group, or undefined when none is installed. */
export function metricsApiFor(api: ApiServer): MetricsApi | undefined {
  return registered.get(api);
}
