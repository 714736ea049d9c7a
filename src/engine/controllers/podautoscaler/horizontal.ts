// HorizontalController is kube-controller-manager's horizontalpodautoscaling loop: every 15 s each HPA
// reads its target's /scale, asks the metrics API for the pods' usage, computes the replica count the
// metrics call for, stabilises and rate-limits it, writes the new scale, and records conditions, events
// and status.currentMetrics. mirrors HorizontalController (k/k pkg/controller/podautoscaler/horizontal.go,
// v1.34): enqueueHPA/updateHPA/deleteHPA, processNextWorkItem, reconcileKey, reconcileAutoscaler,
// validateAndParseSelector, setStatus and updateStatusIfNeeded.
//
// The queue is a fixed-interval rate limiter (NewDefaultHPARateLimiter): every add, including the first,
// waits one sync period, so a new HPA is first evaluated 15 s after it is created.
import type { KubeObject, Pod } from "../../api/types";
import { parseSelector, type Selector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import { jsonEqual } from "../../apiserver/strategy";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { MetricsApi } from "../../metrics/metricsApi";
import { rfc3339 } from "../../sim/clock";
import type { Controller, ControllerContext } from "../context";
import { computeReplicasForMetrics } from "./computeMetrics";
import { setCondition } from "./conditions";
import { statusWriteFor, toV2 } from "./hpaVersion";
import { NormalizationState } from "./normalize";
import { ReplicaCalculator } from "./replicaCalculator";
import { getScale, scalableKindFor, updateScale } from "./scaleTarget";
import type { HorizontalPodAutoscaler, MetricStatus, Scale } from "./types";

/** names.HorizontalPodAutoscalerController. */
export const HPA_CONTROLLER = "horizontal-pod-autoscaler-controller";
/** The client and event source name (ClientOrDie("horizontal-pod-autoscaler")). */
export const HPA_ACTOR = "horizontal-pod-autoscaler";
/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_WINDOW_MS = 5 * 60_000;
/**
 * Simulated duration of one reconcile. Upstream re-adds the key after the reconcile finished, so syncs
 * drift later by that much each period; without the drift a recommendation exactly one window old would
 * still be inside the window (time.Before is strict) and every scale-down would wait one sync longer.
 */
const RECONCILE_MS = 1;

export interface HorizontalControllerOptions {
  syncPeriodMs?: number;
  downscaleStabilisationWindowMs?: number;
  cpuInitializationPeriodMs?: number;
  delayOfInitialReadinessStatusMs?: number;
}

/** The metrics API, or a way to find it when it is wired after the controller. */
export type MetricsSource = MetricsApi | (() => MetricsApi | undefined) | undefined;

export class HorizontalController implements Controller {
  readonly name = HPA_CONTROLLER;
  private readonly hpas: Informer<HorizontalPodAutoscaler>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly calc: ReplicaCalculator;
  private readonly state: NormalizationState;
  private readonly syncPeriodMs: number;
  private readonly downscaleWindowSeconds: number;
  /** hpaSelectors: the last selector each HPA used, to find pods claimed by several HPAs. */
  private readonly selectors = new Map<string, Selector | undefined>();

  constructor(
    private readonly ctx: ControllerContext,
    private metrics: MetricsSource,
    opts: HorizontalControllerOptions = {},
  ) {
    this.syncPeriodMs = opts.syncPeriodMs ?? HPA_SYNC_PERIOD_MS;
    const window = opts.downscaleStabilisationWindowMs ?? DOWNSCALE_STABILIZATION_WINDOW_MS;
    this.downscaleWindowSeconds = Math.trunc(window / 1000);
    this.hpas = ctx.informers.for<HorizontalPodAutoscaler>("horizontalpodautoscalers");
    this.pods = ctx.informers.for<Pod>("pods");
    this.queue = ctx.workqueue("horizontalpodautoscaler", (k) => this.reconcileKey(k));
    this.client = ctx.client(HPA_ACTOR);
    this.recorder = ctx.recorder(HPA_ACTOR);
    this.state = new NormalizationState(window);
    this.calc = new ReplicaCalculator({
      listPods: (ns, sel) => this.listPods(ns, sel),
      now: () => ctx.clock.absolute(),
      ...(opts.cpuInitializationPeriodMs !== undefined ? { cpuInitializationPeriodMs: opts.cpuInitializationPeriodMs } : {}),
      ...(opts.delayOfInitialReadinessStatusMs !== undefined ? { delayOfInitialReadinessStatusMs: opts.delayOfInitialReadinessStatusMs } : {}),
    });
  }

  start(): void {
    this.pods.addIndexer("namespace", (p) => [p.metadata.namespace ?? ""]);
    this.hpas.addEventHandler({
      add: (h) => this.enqueueHPA(h),
      update: (_o, h) => this.enqueueHPA(h),
      delete: (h) => this.queue.forget(keyOf(h)),
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  /** Points the controller at a metrics API (the cluster's metrics-server, or a fake in tests). */
  useMetrics(source: MetricsSource): void {
    this.metrics = source;
  }

  private metricsApi(): MetricsApi | undefined {
    return typeof this.metrics === "function" ? this.metrics() : this.metrics;
  }

  // mirrors enqueueHPA: always through the rate limiter (one sync period); registers a Nothing selector.
  private enqueueHPA(h: HorizontalPodAutoscaler): void {
    const key = keyOf(h);
    this.queue.addAfter(key, this.syncPeriodMs);
    if (!this.selectors.has(key)) this.selectors.set(key, undefined);
  }

  private listPods(namespace: string, selector: Selector): Pod[] {
    return this.pods.byIndex("namespace", namespace).filter((p) => selector.matches(p.metadata.labels));
  }

  // mirrors processNextWorkItem + reconcileKey: reconcile, then come back one period later.
  private reconcileKey(key: string): void {
    const shared = this.hpas.get(key);
    if (!shared) {
      this.state.forget(key);
      this.selectors.delete(key);
      return;
    }
    try {
      this.reconcileAutoscaler(shared, key);
    } finally {
      this.queue.addAfter(key, this.syncPeriodMs + RECONCILE_MS);
    }
  }

  private now(): { sim: number; rfc: string } {
    return { sim: this.ctx.clock.now(), rfc: rfc3339(this.ctx.clock.absolute()) };
  }

  // mirrors reconcileAutoscaler
  private reconcileAutoscaler(shared: HorizontalPodAutoscaler, key: string): void {
    const hpa = toV2(shared);
    const statusOriginal = JSON.parse(JSON.stringify(hpa.status ?? {}));
    const ns = hpa.metadata.namespace ?? "default";
    const ref = hpa.spec.scaleTargetRef ?? { kind: "", name: "" };
    const t = this.now();
    const warn = (reason: string, message: string) => this.recorder.event(shared, "Warning", reason, message);

    let scale: Scale;
    try {
      scalableKindFor(ref);
      scale = getScale(this.client, ns, ref);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      warn("FailedGetScale", msg);
      setCondition(hpa, "AbleToScale", "False", "FailedGetScale", `the HPA controller was unable to get the target's current scale: ${msg}`, t.rfc);
      this.updateStatusIfNeeded(shared, statusOriginal, hpa);
      return;
    }
    setCondition(hpa, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", t.rfc);
    const currentReplicas = scale.specReplicas;
    this.state.recordInitialRecommendation(currentReplicas, key, t.sim);

    let metricStatuses: MetricStatus[] | undefined;
    let desiredReplicas = 0;
    let rescaleReason = "";
    const minReplicas = hpa.spec.minReplicas ?? 1;
    const maxReplicas = hpa.spec.maxReplicas;
    let rescale = true;

    if (currentReplicas === 0 && minReplicas !== 0) {
      // Autoscaling is disabled for this resource.
      desiredReplicas = 0;
      rescale = false;
      setCondition(hpa, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", t.rfc);
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = "Current number of replicas above Spec.MaxReplicas";
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = "Current number of replicas below Spec.MinReplicas";
      desiredReplicas = minReplicas;
    } else {
      const selector = this.validateAndParseSelector(hpa, shared, key, scale.selector, t.rfc);
      if (typeof selector === "string") {
        this.setCurrentReplicasAndMetricsInStatus(hpa, currentReplicas, undefined);
        this.updateStatusIfNeeded(shared, statusOriginal, hpa);
        warn("FailedComputeMetricsReplicas", selector);
        return;
      }
      const out = computeReplicasForMetrics(
        {
          namespace: ns,
          selector,
          calc: this.calc,
          metricsApi: this.metricsApi(),
          pod: (n) => this.pods.get(`${ns}/${n}`),
          absolute: (sim) => this.ctx.clock.absolute(sim),
          warn,
        },
        hpa.spec.metrics ?? [],
        scale.specReplicas,
      );
      setCondition(hpa, out.condition.type, out.condition.status, out.condition.reason ?? "", out.condition.message ?? "", t.rfc);
      metricStatuses = out.statuses;
      if (out.replicas === -1) {
        this.setCurrentReplicasAndMetricsInStatus(hpa, currentReplicas, metricStatuses);
        this.updateStatusIfNeeded(shared, statusOriginal, hpa);
        warn("FailedComputeMetricsReplicas", out.error ?? "");
        return;
      }
      let rescaleMetric = "";
      if (out.replicas > desiredReplicas) {
        desiredReplicas = out.replicas;
        rescaleMetric = out.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = "All metrics below target";
      const normalized = hpa.spec.behavior
        ? this.state.normalizeDesiredReplicasWithBehaviors(
            {
              key,
              scaleUp: hpa.spec.behavior.scaleUp ?? {},
              // maybeInitScaleDownStabilizationWindow: an unset window is the controller's (5m).
              scaleDown: { stabilizationWindowSeconds: this.downscaleWindowSeconds, ...(hpa.spec.behavior.scaleDown ?? {}) },
              minReplicas,
              maxReplicas,
              currentReplicas,
              desiredReplicas,
            },
            t.sim,
          )
        : this.state.normalizeDesiredReplicas(key, currentReplicas, desiredReplicas, minReplicas, maxReplicas, t.sim);
      for (const c of normalized.conditions) setCondition(hpa, c.type, c.status, c.reason, c.message, t.rfc);
      desiredReplicas = normalized.desired;
      rescale = desiredReplicas !== currentReplicas;
    }

    if (rescale) {
      try {
        updateScale(this.client, scale, desiredReplicas);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        warn("FailedRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${msg}`);
        setCondition(hpa, "AbleToScale", "False", "FailedUpdateScale", `the HPA controller was unable to update the target scale: ${msg}`, t.rfc);
        this.setCurrentReplicasAndMetricsInStatus(hpa, currentReplicas, metricStatuses);
        this.updateStatusIfNeeded(shared, statusOriginal, hpa);
        return;
      }
      setCondition(hpa, "AbleToScale", "True", "SucceededRescale", `the HPA controller was able to update the target scale to ${desiredReplicas}`, t.rfc);
      this.recorder.event(shared, "Normal", "SuccessfulRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      this.state.storeScaleEvent(!!hpa.spec.behavior, hpa.spec.behavior?.scaleUp, hpa.spec.behavior?.scaleDown, key, currentReplicas, desiredReplicas, t.sim);
    } else {
      desiredReplicas = currentReplicas;
    }
    this.setStatus(hpa, currentReplicas, desiredReplicas, metricStatuses, rescale, t.rfc);
    this.updateStatusIfNeeded(shared, statusOriginal, hpa);
  }

  // mirrors validateAndParseSelector: a selector is required, must parse, and its pods must belong to
  // this HPA alone. On failure sets ScalingActive=False and returns the error message.
  private validateAndParseSelector(hpa: HorizontalPodAutoscaler, shared: HorizontalPodAutoscaler, key: string, selector: string, rfc: string): Selector | string {
    const fail = (reason: string, eventReason: string, msg: string, condMsg = msg): string => {
      this.recorder.event(shared, "Warning", eventReason, msg);
      setCondition(hpa, "ScalingActive", "False", reason, condMsg, rfc);
      return msg;
    };
    if (selector === "") return fail("InvalidSelector", "SelectorRequired", "selector is required", "the HPA target's scale is missing a selector");
    let parsed: Selector;
    try {
      parsed = parseSelector(selector);
    } catch (e) {
      const msg = `couldn't convert selector into a corresponding internal selector object: ${(e as Error).message}`;
      return fail("InvalidSelector", "InvalidSelector", msg);
    }
    if (this.selectors.has(key)) this.selectors.set(key, parsed);
    const ns = hpa.metadata.namespace ?? "default";
    const selecting = new Set<string>();
    for (const pod of this.listPods(ns, parsed)) {
      for (const [k, sel] of this.selectors) {
        if (sel && k.startsWith(`${ns}/`) && sel.matches(pod.metadata.labels)) selecting.add(k);
      }
    }
    if (selecting.size > 1) {
      // selectors.Key{Name, Namespace} printed with %v.
      const list = [...selecting].sort().map((k) => `{${k.slice(ns.length + 1)} ${ns}}`).join(" ");
      const msg = `pods by selector ${selector} are controlled by multiple HPAs: [${list}]`;
      return fail("AmbiguousSelector", "AmbiguousSelector", msg);
    }
    return parsed;
  }

  private setCurrentReplicasAndMetricsInStatus(hpa: HorizontalPodAutoscaler, currentReplicas: number, statuses: MetricStatus[] | undefined): void {
    this.setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, statuses, false, "");
  }

  // mirrors setStatus
  private setStatus(hpa: HorizontalPodAutoscaler, currentReplicas: number, desiredReplicas: number, statuses: MetricStatus[] | undefined, rescale: boolean, rfc: string): void {
    const prev = hpa.status;
    hpa.status = {
      ...(currentReplicas !== 0 ? { currentReplicas } : {}),
      desiredReplicas,
      ...(rescale ? { lastScaleTime: rfc } : prev?.lastScaleTime ? { lastScaleTime: prev.lastScaleTime } : {}),
      ...(statuses?.length ? { currentMetrics: statuses } : {}),
      ...(prev?.conditions?.length ? { conditions: prev.conditions } : {}),
    };
  }

  // mirrors updateStatusIfNeeded / updateStatus
  private updateStatusIfNeeded(shared: HorizontalPodAutoscaler, original: unknown, hpa: HorizontalPodAutoscaler): void {
    if (jsonEqual(original, hpa.status ?? {})) return;
    try {
      this.client.updateStatus(statusWriteFor(shared, hpa.status ?? { desiredReplicas: 0 }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.recorder.event(shared, "Warning", "FailedUpdateStatus", e.message);
    }
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}
