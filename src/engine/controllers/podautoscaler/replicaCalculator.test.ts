// Cases follow k/k pkg/controller/podautoscaler/replica_calculator_test.go (TestReplicaCalcScaleUp,
// …ScaleDown, …UnreadyLessScale, …IncludeUnreadyPods, …MissingMetrics…, …Tolerance). Expected counts
// are worked out from upstream's formula: ceil(usageRatio × pods considered).
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { everything } from "../../apimachinery/labels";
import { getResourceMetric, type PodMetricsInfo } from "./metricsClient";
import { calculateRequests, DEFAULT_TOLERANCES, groupPods, ReplicaCalculator } from "./replicaCalculator";
import { FixedMetrics, NOW, testPod } from "./testing/pods";

const SIM_NOW = 3_600_000;
const absolute = (sim: number) => NOW - SIM_NOW + sim;

function calc(pods: Pod[], cpu: Record<string, number>, current: number, target: number) {
  const c = new ReplicaCalculator({ listPods: () => pods, now: () => NOW });
  const { metrics, timestamp } = getResourceMetric(new FixedMetrics(cpu), "cpu", "default", everything(), "", (n) => pods.find((p) => p.metadata.name === n), absolute);
  return c.getResourceReplicas(current, target, "cpu", DEFAULT_TOLERANCES, "default", everything(), "", metrics, timestamp);
}

describe("ReplicaCalculator.getResourceReplicas", () => {
  it("scales up: 3 pods at 300m/500m/700m of 1 cpu, target 30% → 50% → 5", () => {
    const pods = [testPod("a"), testPod("b"), testPod("c")];
    const r = calc(pods, { a: 300, b: 500, c: 700 }, 3, 30);
    expect(r).toMatchObject({ replicas: 5, utilization: 50, rawUtilization: 500 });
  });

  it("scales down: 5 pods at 100/300/500/250/250m, target 50% → 28% → 3", () => {
    const pods = ["a", "b", "c", "d", "e"].map((n) => testPod(n));
    const r = calc(pods, { a: 100, b: 300, c: 500, d: 250, e: 250 }, 5, 50);
    expect(r).toMatchObject({ replicas: 3, utilization: 28 });
  });

  it("keeps the count within the 10% tolerance", () => {
    const pods = [testPod("a"), testPod("b"), testPod("c")];
    // 1050m of 3000m = 35% against 33% → ratio 1.06.
    expect(calc(pods, { a: 350, b: 350, c: 350 }, 3, 33).replicas).toBe(3);
  });

  it("a scale-up with an unready pod counts it at 0%: (500+700)/3000 = 40% of 30% → 4", () => {
    // The first pod is unready and still in its cpu initialisation period: its sample is ignored.
    const pods = [testPod("a", { ready: false, startedAgo: 60 }), testPod("b"), testPod("c")];
    const r = calc(pods, { a: 300, b: 500, c: 700 }, 3, 30);
    // Ready pods alone: 1200/2000 = 60% (reported); rebalanced with a at 0: 1200/3000 = 40% → ceil(1.33×3).
    expect(r).toMatchObject({ replicas: 4, utilization: 60 });
  });

  it("a scale-down ignores unready pods: ready 100+300+500 of 3000 = 30% of 50% → 2", () => {
    const pods = [testPod("a"), testPod("b"), testPod("c"), testPod("d", { ready: false, startedAgo: 60 }), testPod("e", { ready: false, startedAgo: 60 })];
    expect(calc(pods, { a: 100, b: 300, c: 500, d: 250, e: 250 }, 5, 50)).toMatchObject({ replicas: 2, utilization: 30 });
  });

  it("missing metrics on a scale-down count at 100% of the request: no change in direction", () => {
    // 2 pods, one without a sample: 100m/1000m = 10% of 50% → scale down; the missing pod at 100% gives
    // 1100/2000 = 55% > 50%: the direction would flip, so the count stays.
    const pods = [testPod("a"), testPod("b")];
    expect(calc(pods, { a: 100 }, 2, 50).replicas).toBe(2);
  });

  it("missing metrics on a scale-up count at 0%", () => {
    // 1800/1000 = 180% of 50% → up; with b at 0: 1800/2000 = 90% → ratio 1.8 → ceil(1.8×2) = 4.
    const pods = [testPod("a"), testPod("b")];
    expect(calc(pods, { a: 1800 }, 2, 50).replicas).toBe(4);
  });

  it("pending pods are unready; deleting and failed pods are ignored", () => {
    const pods = [testPod("a"), testPod("b", { phase: "Pending" }), testPod("c", { deleting: true }), testPod("d", { phase: "Failed" })];
    const metrics: PodMetricsInfo = new Map([["a", { timestamp: NOW, windowMs: 15_000, value: 1 }], ["c", { timestamp: NOW, windowMs: 15_000, value: 1 }]]);
    const g = groupPods(pods, metrics, "cpu", 300_000, 30_000, NOW);
    expect(g.readyPodCount).toBe(1);
    expect([...g.unready]).toEqual(["b"]);
    expect([...g.ignored]).toEqual(["c", "d"]);
  });

  it("fails with upstream's messages when nothing can be computed", () => {
    const c = new ReplicaCalculator({ listPods: () => [], now: () => NOW });
    expect(() => c.getResourceReplicas(1, 50, "cpu", DEFAULT_TOLERANCES, "default", everything(), "", new Map(), NOW)).toThrow(
      "no pods returned by selector while calculating replica count",
    );
    const pods = [testPod("a", { phase: "Pending" })];
    expect(() => calc(pods, { a: 100 }, 1, 50)).toThrow("did not receive metrics for targeted pods (pods might be unready)");
    expect(() => calculateRequests([testPod("x", { cpuRequest: null })], "", "cpu")).toThrow("missing request for cpu in container c of Pod x");
  });

  it("reports an empty metrics API as upstream's metrics client does", () => {
    expect(() => getResourceMetric(new FixedMetrics({}), "cpu", "default", everything(), "", () => undefined, absolute)).toThrow("no metrics returned from resource metrics API");
    expect(() => getResourceMetric(undefined, "cpu", "default", everything(), "", () => undefined, absolute)).toThrow(
      "unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)",
    );
  });
});

describe("ReplicaCalculator.getRawResourceReplicas (averageValue targets)", () => {
  it("scales on the average usage per pod: (300+500+700)/3 = 500m against 250m → 6", () => {
    const pods = [testPod("a"), testPod("b"), testPod("c")];
    const c = new ReplicaCalculator({ listPods: () => pods, now: () => NOW });
    const { metrics, timestamp } = getResourceMetric(new FixedMetrics({ a: 300, b: 500, c: 700 }), "cpu", "default", everything(), "", (n) => pods.find((p) => p.metadata.name === n), absolute);
    expect(c.getRawResourceReplicas(3, 250, "cpu", DEFAULT_TOLERANCES, "default", everything(), metrics, timestamp)).toMatchObject({ replicas: 6, usage: 500 });
  });
});
