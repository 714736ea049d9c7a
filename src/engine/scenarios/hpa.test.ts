// The HorizontalPodAutoscaler walkthrough (corpus oracle 09: horizontal-pod-autoscale-walkthrough.md,
// application/php-apache.yaml + application/hpa/php-apache.yaml) on the whole simulated cluster, with a
// stand-in metrics-server: a total CPU demand shared by the ready pods, each capped at its 500m limit,
// sampled every 15 s (metrics-server's --metric-resolution). Expected behaviour comes from upstream's
// controller (k/k pkg/controller/podautoscaler): a first evaluation 15 s after creation, scale-up capped
// at max(2×current, 4) per sync without spec.behavior, and no scale-down until the highest
// recommendation of the last 5 minutes allows it.
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../api/types";
import { isPodReady } from "../api/podutil";
import { parseTime } from "../sim/clock";
import type { Cluster } from "../sim/cluster";
import type { ContainerMetrics, MetricsApi, NodeMetrics, PodMetrics } from "../metrics/metricsApi";
import { HPA_CONTROLLER, type HorizontalController } from "../controllers/podautoscaler/horizontal";
import { Session } from "../sim/session";
import { deployment, events, fixture, fixtures, newCluster } from "./testCluster";

const SCRAPE_MS = 15_000;

/** metrics-server stand-in: `demandMilli` CPU spread over the ready php-apache pods. */
class DemandMetrics implements MetricsApi {
  demandMilli = 0;
  constructor(private readonly c: Cluster) {}

  private sampleTime(): number {
    return Math.floor(this.c.now() / SCRAPE_MS) * SCRAPE_MS;
  }

  listPodMetrics(namespace?: string): readonly PodMetrics[] {
    const t = this.sampleTime();
    const abs = this.c.clock.absolute(t);
    // A pod has a sample once it has run for a whole scrape window.
    const running = (this.c.list<Pod>("pods", namespace) as Pod[]).filter((p) => p.status?.phase === "Running" && parseTime(p.status.startTime) + SCRAPE_MS <= abs);
    const ready = running.filter((p) => isPodReady(p));
    const share = ready.length > 0 ? this.demandMilli / ready.length : 0;
    return running.map((p) => {
      const cpu = isPodReady(p) ? Math.min(500, Math.round(share)) : 1;
      const containers: ContainerMetrics[] = p.spec.containers.map((ct) => ({ name: ct.name, cpuMilli: cpu, memoryBytes: 12 * 1024 * 1024 }));
      return { namespace: p.metadata.namespace ?? "default", name: p.metadata.name, timestamp: t, windowMs: SCRAPE_MS, containers };
    });
  }

  podMetrics(namespace: string, name: string): PodMetrics | undefined {
    return this.listPodMetrics(namespace).find((m) => m.name === name);
  }

  nodeMetrics(): NodeMetrics | undefined {
    return undefined;
  }

  listNodeMetrics(): readonly NodeMetrics[] {
    return [];
  }
}

function setup() {
  const c = newCluster({ workers: 3 });
  const metrics = new DemandMetrics(c);
  const hpa = c.controllerManager.controllers.find((x) => x.name === HPA_CONTROLLER) as HorizontalController;
  hpa.useMetrics(metrics);
  for (const o of fixtures("hpa/php-apache.yaml")) c.api.create("kubectl", o);
  c.advance(30_000);
  return { c, metrics };
}

const rescales = (c: Cluster) =>
  events(c)
    .filter((e) => e.reason === "SuccessfulRescale")
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0))
    .map((e) => e.message);
const replicas = (c: Cluster) => deployment(c, "php-apache")?.spec.replicas;

/** Simulated time of the first HPA status that reports 0% cpu: the first sync that saw the load gone. */
function firstZeroSync(c: Cluster): () => number | undefined {
  let t: number | undefined;
  c.store.onEvent((e) => {
    if (t !== undefined || e.resource !== "horizontalpodautoscalers") return;
    if (e.object.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization === 0) t = c.now();
  });
  return () => t;
}

describe("HPA walkthrough (oracle 09)", () => {
  it("kubectl autoscale, then get hpa: <unknown> before the first sample, cpu: 0%/50% after", () => {
    const { c } = setup();
    const s = new Session(c);
    expect(s.run("kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10").out).toBe("horizontalpodautoscaler.autoscaling/php-apache autoscaled\n");
    const lines = (o: string) => o.split("\n").filter((l) => l !== "");
    const first = lines(s.run("kubectl get hpa").out);
    expect(first[0]).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/);
    expect(first[1]).toMatch(/^php-apache\s+Deployment\/php-apache\s+cpu: <unknown>\/50%\s+1\s+10\s+0\s+0s$/);
    c.advance(16_000);
    expect(lines(s.run("kubectl get hpa").out)[1]).toMatch(/^php-apache\s+Deployment\/php-apache\s+cpu: 0%\/50%\s+1\s+10\s+1\s+16s$/);
    const d = s.run("kubectl describe hpa php-apache").out;
    expect(d).toContain("Reference:                                             Deployment/php-apache\n");
    expect(d).toContain("  resource cpu on pods  (as a percentage of request):  0% (0) / 50%\n");
    expect(d).toContain("Deployment pods:                                       1 current / 1 desired\n");
    expect(d).toMatch(/ScalingActive\s+True\s+ValidMetricFound\s+the HPA was able to successfully calculate a replica count from cpu resource utilization \(percentage of request\)/);
    expect(d).toMatch(/ScalingLimited\s+False\s+DesiredWithinRange\s+the desired count is within the acceptable range/);
    expect(c.internalErrors).toEqual([]);
  });

  it("load drives it up in capped steps to 7; removing load brings it back to 1 only after 5 minutes", () => {
    const { c, metrics } = setup();
    c.api.create("kubectl", fixture("hpa/php-apache-hpa.yaml") as KubeObject);
    c.advance(30_000);
    expect(replicas(c)).toBe(1);
    metrics.demandMilli = 700;
    // Each sync may at most double (or reach 4): watch every change of spec.replicas.
    let prev = 1;
    const steps: number[] = [];
    c.store.onEvent((e) => {
      if (e.resource !== "deployments" || e.object.metadata.name !== "php-apache") return;
      const r = e.object.spec?.replicas as number;
      if (r !== prev) {
        expect(r).toBeLessThanOrEqual(Math.max(2 * prev, 4));
        steps.push(r);
        prev = r;
      }
    });
    c.advance(30_000);
    expect(rescales(c)[0]).toBe("New size: 4; reason: cpu resource utilization (percentage of request) above target");
    c.advance(10 * 60_000);
    // The walkthrough's steady state: 700m over 7 pods of 200m request is 50%.
    expect(replicas(c)).toBe(7);
    expect(Math.max(...steps)).toBeLessThanOrEqual(10);
    const hpa = c.store.get("horizontalpodautoscalers", "horizontalpodautoscalers/default/php-apache")!;
    expect(hpa.status.currentMetrics[0].resource.current.averageUtilization).toBe(50);

    // Load off: the recommendations of the last 5 minutes keep it at 7 …
    metrics.demandMilli = 0;
    const zero = firstZeroSync(c);
    c.advance(4 * 60_000 + 30_000);
    expect(replicas(c)).toBe(7);
    const mid = c.store.get("horizontalpodautoscalers", "horizontalpodautoscalers/default/php-apache")!;
    expect(mid.status.conditions.find((x: { type: string }) => x.type === "AbleToScale")).toMatchObject({ reason: "ScaleDownStabilized" });
    // … then it drops to minReplicas in one step (no behavior: no scale-down rate limit).
    c.runUntil(() => replicas(c) === 1, 60_000);
    expect(replicas(c)).toBe(1);
    // The last recommendation of 7 came one sync (15 s) before the first 0% sample; it leaves the 300 s
    // window 300 s later.
    expect(c.now() - zero()!).toBeGreaterThanOrEqual(300_000 - 15_000);
    expect(c.now() - zero()!).toBeLessThanOrEqual(300_000 + 100);
    expect(rescales(c).at(-1)).toBe("New size: 1; reason: All metrics below target");
    expect(c.internalErrors).toEqual([]);
  });

  it("with the default behavior block, scale-up follows max(4 pods, 100%) per 15 s", () => {
    const { c, metrics } = setup();
    const hpa = fixture("hpa/php-apache-hpa.yaml") as KubeObject;
    hpa.spec.maxReplicas = 20;
    hpa.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    c.api.create("kubectl", hpa);
    c.advance(30_000);
    metrics.demandMilli = 1600;
    c.advance(17_000);
    // 1 pod at 500m = 250% → wants 5; the policies allow max(1 + 4, 2 × 1) = 5.
    expect(replicas(c)).toBe(5);
    c.advance(10 * 60_000);
    expect(replicas(c)).toBe(16);
    const stored = c.store.get("horizontalpodautoscalers", "horizontalpodautoscalers/default/php-apache")!;
    // The API server completed the behavior: scale-up defaults, and the user's 60 s scale-down window.
    expect(stored.spec.behavior.scaleUp).toEqual({ stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] });
    metrics.demandMilli = 0;
    const zero = firstZeroSync(c);
    c.runUntil(() => replicas(c) === 1, 5 * 60_000);
    // The 60 s window, measured from the last high recommendation (one sync before the first 0%).
    expect(c.now() - zero()!).toBeGreaterThanOrEqual(60_000 - 15_000);
    expect(c.now() - zero()!).toBeLessThanOrEqual(60_000 + 100);
  });
});
