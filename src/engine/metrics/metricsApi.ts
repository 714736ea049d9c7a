// The contract between the simulated metrics-server (metrics.k8s.io) and its readers: `kubectl top`,
// the HorizontalPodAutoscaler controller, the page. Upstream, metrics-server scrapes each kubelet's
// resource metrics every 15 s (--metric-resolution) and serves PodMetrics/NodeMetrics; readers never see
// usage directly, only these samples, which is why an HPA reacts with a delay.

export interface ContainerMetrics {
  readonly name: string;
  /** CPU usage in millicores over the sample span (windowMs). */
  readonly cpuMilli: number;
  /** Working-set memory in bytes. */
  readonly memoryBytes: number;
}

export interface PodMetrics {
  readonly namespace: string;
  readonly name: string;
  /** Simulated ms when the sample was taken. */
  readonly timestamp: number;
  /** Sample window in ms. */
  readonly windowMs: number;
  readonly containers: readonly ContainerMetrics[];
}

export interface NodeMetrics {
  readonly name: string;
  readonly timestamp: number;
  readonly windowMs: number;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** What metrics.k8s.io answers. `undefined` / empty when metrics-server has no sample yet (as upstream:
 *  "error: metrics not available yet"). */
export interface MetricsApi {
  podMetrics(namespace: string, name: string): PodMetrics | undefined;
  /** Pods in a namespace (all namespaces when undefined), sorted by namespace/name. */
  listPodMetrics(namespace?: string): readonly PodMetrics[];
  nodeMetrics(name: string): NodeMetrics | undefined;
  listNodeMetrics(): readonly NodeMetrics[];
}

/** What drives CPU use: requests per second a pod is serving (averaged by the traffic model). The
 *  metrics-server's usage model turns this into millicores (documented where it is implemented). */
export interface LoadSource {
  requestsPerSecond(podUid: string): number;
}

/** A pod's cumulative demand as a load source keeps it (`slot`: where a source's demandOf finds it). */
export interface LoadRecord {
  readonly demand: number;
  readonly slot?: number;
}
