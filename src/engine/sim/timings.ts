// ClusterTimings: every duration the simulation uses, with its upstream default and source. Lessons and
// experiments may change them (e.g. node-monitor-grace-period) through the cluster's configuration.

export interface ClusterTimings {
  /** Watch event delivery delay (apiserver → informer). */
  watchLatencyMs: number;
  /** kube-controller-manager --node-monitor-period (defaults.go): 5s. */
  nodeMonitorPeriodMs: number;
  /** --node-monitor-grace-period: 50s since v1.32 (PR #126287). */
  nodeMonitorGracePeriodMs: number;
  /** --node-startup-grace-period: 60s. */
  nodeStartupGracePeriodMs: number;
  /** kubelet nodeStatusUpdateFrequency: 10s. */
  nodeStatusUpdateFrequencyMs: number;
  /** kubelet nodeStatusReportFrequency: 5m (status is posted on change, else every 5m). */
  nodeStatusReportFrequencyMs: number;
  /** kubelet nodeLeaseDurationSeconds 40 × renew fraction 0.25 = 10s. */
  nodeLeaseRenewIntervalMs: number;
  nodeLeaseDurationSeconds: number;
  /** Pod GC: --terminated-pod-gc-threshold 12500, and orphan check period (gcCheckPeriod 20s). */
  podGCPeriodMs: number;
  terminatedPodGCThreshold: number;
  /** Simulated registry bandwidth for image pulls (bytes per second). */
  imagePullBytesPerSecond: number;
  /** Container create + start latency in the runtime. */
  containerCreateMs: number;
  containerStartMs: number;
  /** Pod sandbox (pause container, network) setup. */
  sandboxSetupMs: number;
}

export const DEFAULT_TIMINGS: ClusterTimings = {
  watchLatencyMs: 1,
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 5 * 60_000,
  nodeLeaseRenewIntervalMs: 10_000,
  nodeLeaseDurationSeconds: 40,
  podGCPeriodMs: 20_000,
  terminatedPodGCThreshold: 12_500,
  imagePullBytesPerSecond: 12 * 1024 * 1024,
  containerCreateMs: 120,
  containerStartMs: 180,
  sandboxSetupMs: 600,
};
