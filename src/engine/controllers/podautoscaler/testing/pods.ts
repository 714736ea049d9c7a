// Test helpers: pods as the replica calculator sees them, and a MetricsApi answering fixed samples.
import type { Pod } from "../../../api/types";
import type { ContainerMetrics, MetricsApi, NodeMetrics, PodMetrics } from "../../../metrics/metricsApi";

/** Absolute ms of the test's "now" (2025-01-01T01:00:00Z). */
export const NOW = Date.UTC(2025, 0, 1, 1, 0, 0);

export interface TestPodOptions {
  phase?: "Pending" | "Running" | "Failed";
  ready?: boolean;
  /** Seconds before NOW the pod started (default 10 minutes: past the cpu initialization period). */
  startedAgo?: number;
  /** Seconds before NOW the Ready condition last changed (default: at start). */
  transitionAgo?: number;
  cpuRequest?: string | null;
  memoryRequest?: string;
  deleting?: boolean;
  labels?: Record<string, string>;
}

const iso = (abs: number) => new Date(abs).toISOString().replace(".000Z", "Z");

export function testPod(name: string, o: TestPodOptions = {}): Pod {
  const started = NOW - (o.startedAgo ?? 600) * 1000;
  const transition = NOW - (o.transitionAgo ?? o.startedAgo ?? 600) * 1000;
  const requests: Record<string, string> = {};
  if (o.cpuRequest !== null) requests.cpu = o.cpuRequest ?? "1";
  if (o.memoryRequest) requests.memory = o.memoryRequest;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      resourceVersion: "1",
      creationTimestamp: iso(started),
      labels: o.labels ?? { name: "test-pod" },
      ...(o.deleting ? { deletionTimestamp: iso(NOW) } : {}),
    },
    spec: { containers: [{ name: "c", image: "nginx", resources: { requests } }] },
    status: {
      phase: o.phase ?? "Running",
      startTime: iso(started),
      conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True", lastTransitionTime: iso(transition) }],
    },
  };
}

/** A metrics.k8s.io answering the given cpu (millicores) per pod, sampled `sampleAgo` s before NOW. */
export class FixedMetrics implements MetricsApi {
  constructor(
    private readonly cpu: Record<string, number>,
    private readonly simNow = 3_600_000,
    private readonly sampleAgoMs = 15_000,
  ) {}

  podMetrics(namespace: string, name: string): PodMetrics | undefined {
    return this.listPodMetrics(namespace).find((m) => m.name === name);
  }

  listPodMetrics(namespace?: string): readonly PodMetrics[] {
    return Object.keys(this.cpu)
      .sort()
      .map((name) => {
        const containers: ContainerMetrics[] = [{ name: "c", cpuMilli: this.cpu[name]!, memoryBytes: 1024 * 1024 }];
        return { namespace: namespace ?? "default", name, timestamp: this.simNow - this.sampleAgoMs, windowMs: 15_000, containers };
      });
  }

  nodeMetrics(): NodeMetrics | undefined {
    return undefined;
  }

  listNodeMetrics(): readonly NodeMetrics[] {
    return [];
  }
}
