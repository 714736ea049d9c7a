// The HPA controller on a bare kernel (API server with defaulting, no other controllers): the test plays
// the Deployment controller and the kubelet by creating the pods itself. Expected texts are upstream's
// (k/k pkg/controller/podautoscaler/horizontal.go).
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject } from "../../api/types";
import { admissionHooks } from "../../sim/admissionHooks";
import { newKernel } from "../../testing/kernel";
import type { ContainerMetrics, MetricsApi, NodeMetrics, PodMetrics } from "../../metrics/metricsApi";
import { HorizontalController } from "./horizontal";
import type { HorizontalPodAutoscaler } from "./types";

class LoadMetrics implements MetricsApi {
  cpu: Record<string, number> = {};
  constructor(private readonly now: () => number) {}
  podMetrics(ns: string, name: string) {
    return this.listPodMetrics(ns).find((m) => m.name === name);
  }
  listPodMetrics(namespace?: string): readonly PodMetrics[] {
    return Object.keys(this.cpu)
      .sort()
      .map((name) => {
        const containers: ContainerMetrics[] = [{ name: "php-apache", cpuMilli: this.cpu[name]!, memoryBytes: 1 << 24 }];
        return { namespace: namespace ?? "default", name, timestamp: this.now(), windowMs: 15_000, containers };
      });
  }
  nodeMetrics(): NodeMetrics | undefined {
    return undefined;
  }
  listNodeMetrics(): readonly NodeMetrics[] {
    return [];
  }
}

function setup() {
  const k = newKernel({ freeze: true });
  k.api.hooks = admissionHooks(k.store, k.random);
  k.api.create("kubectl", { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } } as unknown as KubeObject);
  const metrics = new LoadMetrics(() => k.clock.now() - 1000);
  const hpa = new HorizontalController(k.ctx, metrics);
  hpa.start();
  k.informers.startAll();
  k.api.create("kubectl", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "php-apache", namespace: "default" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "php-apache" } },
      template: { metadata: { labels: { app: "php-apache" } }, spec: { containers: [{ name: "php-apache", image: "registry.k8s.io/hpa-example", resources: { requests: { cpu: "200m" }, limits: { cpu: "500m" } } }] } },
    },
  } as unknown as KubeObject);
  return { k, metrics };
}

function runningPod(k: ReturnType<typeof setup>["k"], name: string): void {
  const started = new Date(k.clock.absolute() - 600_000).toISOString().replace(/\.\d+Z$/, "Z");
  const pod = k.api.create("kubelet", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "php-apache" } },
    spec: { nodeName: "node-1", containers: [{ name: "php-apache", image: "registry.k8s.io/hpa-example", resources: { requests: { cpu: "200m" }, limits: { cpu: "500m" } } }] },
  } as unknown as KubeObject);
  k.api.updateStatus("kubelet", { ...pod, status: { phase: "Running", startTime: started, conditions: [{ type: "Ready", status: "True", lastTransitionTime: started }] } } as KubeObject);
}

function hpaObject(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "php-apache", namespace: "default" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "php-apache" },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }],
      ...extra,
    },
  } as unknown as KubeObject;
}

const events = (k: ReturnType<typeof setup>["k"]) => (k.store.list("events", "default") as KubeEvent[]).filter((e) => e.involvedObject.kind === "HorizontalPodAutoscaler").map((e) => `${e.type} ${e.reason}: ${e.message}`);
const hpaOf = (k: ReturnType<typeof setup>["k"]) => k.store.get("horizontalpodautoscalers", "horizontalpodautoscalers/default/php-apache") as HorizontalPodAutoscaler;

describe("HorizontalController", () => {
  it("is first evaluated one sync period (15 s) after creation", () => {
    const { k } = setup();
    runningPod(k, "php-apache-a");
    k.api.create("kubectl", hpaObject());
    k.advance(14_000);
    expect(hpaOf(k).status?.conditions).toBeUndefined();
    k.advance(2_000);
    expect(hpaOf(k).status?.conditions?.length).toBeGreaterThan(0);
  });

  it("without samples: FailedGetResourceMetric and FailedComputeMetricsReplicas, ScalingActive=False", () => {
    const { k } = setup();
    runningPod(k, "php-apache-a");
    k.api.create("kubectl", hpaObject());
    k.advance(16_000);
    expect(events(k)).toEqual([
      "Warning FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
      "Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
    ]);
    const st = hpaOf(k).status!;
    expect(st.currentReplicas).toBe(1);
    expect(st.currentMetrics).toEqual([{ type: "" }]);
    expect(st.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale"],
      ["ScalingActive", "False", "FailedGetResourceMetric", "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API"],
    ]);
  });

  it("scales 1 → 4 under 250% load (max(2×1, 4) without behavior) and reports the metric", () => {
    const { k, metrics } = setup();
    runningPod(k, "php-apache-a");
    metrics.cpu = { "php-apache-a": 500 };
    k.api.create("kubectl", hpaObject());
    k.advance(16_000);
    expect(events(k)).toEqual(["Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target"]);
    const d = k.store.get("deployments", "deployments/default/php-apache")!;
    expect(d.spec.replicas).toBe(4);
    const st = hpaOf(k).status!;
    expect(st).toMatchObject({ currentReplicas: 1, desiredReplicas: 4, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 250, averageValue: "500m" } } }] });
    expect(st.lastScaleTime).toBeDefined();
    expect(st.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["AbleToScale", "True", "SucceededRescale"],
      ["ScalingActive", "True", "ValidMetricFound"],
      ["ScalingLimited", "True", "ScaleUpLimit"],
    ]);
    expect(st.conditions?.[1]?.message).toBe("the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)");
  });

  it("an autoscaling/v1 HPA scales too and shows currentCPUUtilizationPercentage", () => {
    const { k, metrics } = setup();
    runningPod(k, "php-apache-a");
    metrics.cpu = { "php-apache-a": 100 };
    k.api.create("kubectl", {
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "php-apache", namespace: "default" },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "php-apache" }, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
    } as unknown as KubeObject);
    k.advance(16_000);
    const h = hpaOf(k);
    expect(h.apiVersion).toBe("autoscaling/v1");
    expect(h.status).toMatchObject({ currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 50 });
    expect(JSON.parse(h.metadata.annotations!["autoscaling.alpha.kubernetes.io/conditions"]!)[1]).toMatchObject({ type: "ScalingActive", status: "True" });
  });

  it("a missing target: FailedGetScale", () => {
    const { k } = setup();
    k.api.create("kubectl", hpaObject({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "nope" } }));
    k.advance(16_000);
    expect(events(k)).toEqual(['Warning FailedGetScale: deployments.apps "nope" not found']);
    expect(hpaOf(k).status?.conditions?.[0]).toMatchObject({ type: "AbleToScale", status: "False", reason: "FailedGetScale", message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found' });
  });

  it("a target scaled to zero disables autoscaling", () => {
    const { k } = setup();
    k.api.patch("kubectl", k.api.typeOf({ apiVersion: "apps/v1", kind: "Deployment" } as KubeObject), "default", "php-apache", (o) => {
      o.spec.replicas = 0;
    });
    k.api.create("kubectl", hpaObject());
    k.advance(16_000);
    expect(hpaOf(k).status?.conditions?.find((c) => c.type === "ScalingActive")).toMatchObject({ status: "False", reason: "ScalingDisabled", message: "scaling is disabled since the replica count of the target is zero" });
  });
});
