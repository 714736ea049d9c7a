// EndpointSliceController keeps, for every Service with a selector, EndpointSlices listing the pods it
// selects: one endpoint per pod IP with ready/serving/terminating conditions, node, zone and a reference
// to the pod, in slices of at most 100 named "<service>-<5 random chars>" and owned by the Service (the
// garbage collector removes them with it). kube-proxy programs Service traffic from these slices.
// mirrors pkg/controller/endpointslice/endpointslice_controller.go (handlers, syncService, handleErr);
// the slice arithmetic lives in reconciler.ts (k8s.io/endpointslice).
import type { Node, Pod } from "../../api/types";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";
import { EndpointSliceTracker } from "./endpointSliceTracker";
import { servicesForLabels, servicesToUpdateOnPodChange } from "./podEndpoints";
import { Reconciler } from "./reconciler";
import { addServiceIndexes, podsForSelector, servicesInNamespace } from "./serviceIndex";
import { SyncThrottle } from "./syncThrottle";
import { TriggerTimeTracker } from "./triggerTimeTracker";
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, serviceSelector, type EndpointSlice, type Service } from "./types";

/** --max-endpoints-per-slice default (pkg/controller/endpointslice/config/v1alpha1/defaults.go). */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** controllerQualifiedName: the managed-by label value. */
export const ENDPOINTSLICE_CONTROLLER_QUALIFIED_NAME = "endpointslice-controller.k8s.io";
/** A Service is dropped from the queue after this many failed syncs (maxRetries). */
const MAX_RETRIES = 15;
/** endpointSliceChangeMinSyncDelay: slices changed by someone else are looked at after 1s. */
const ENDPOINTSLICE_CHANGE_MIN_SYNC_DELAY_MS = 1_000;
/** Retries back off from 1s to 1000s (defaultSyncBackOff, maxSyncBackOff). */
const SYNC_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 1_000_000 } as const;

const SLICE_SERVICE_INDEX = "endpointslice:service";

export interface EndpointSliceControllerOptions {
  maxEndpointsPerSlice?: number;
  /** --endpointslice-updates-batch-period: delay added to syncs caused by pod changes (default 0). */
  endpointUpdatesBatchPeriodMs?: number;
}

export class EndpointSliceController implements Controller {
  readonly name = "endpointslice-controller";
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nodes: Informer<Node>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly tracker = new EndpointSliceTracker();
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly reconciler: Reconciler;
  private readonly batchPeriodMs: number;
  private readonly throttle: SyncThrottle;

  constructor(ctx: ControllerContext, opts: EndpointSliceControllerOptions = {}) {
    this.services = ctx.informers.for<Service>("services");
    this.pods = ctx.informers.for<Pod>("pods");
    this.slices = ctx.informers.for<EndpointSlice>("endpointslices");
    this.nodes = ctx.informers.for<Node>("nodes");
    this.client = ctx.client(this.name);
    this.recorder = ctx.recorder("endpoint-slice-controller");
    this.queue = ctx.workqueue("endpoint_slice", (key) => this.processServiceKey(key), SYNC_BACKOFF);
    this.batchPeriodMs = opts.endpointUpdatesBatchPeriodMs ?? 0;
    this.throttle = new SyncThrottle(this.queue, ctx.clock);
    this.reconciler = new Reconciler({
      client: this.client,
      tracker: this.tracker,
      nodeByName: (n) => this.nodes.get(n),
      maxEndpointsPerSlice: opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE,
      controllerName: ENDPOINTSLICE_CONTROLLER_QUALIFIED_NAME,
    });
  }

  start(): void {
    addServiceIndexes(this.services, this.pods);
    this.slices.addIndexer(SLICE_SERVICE_INDEX, (s) =>
      managedByUs(s) ? [`${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME] ?? ""}`] : []);
    this.services.addEventHandler({
      add: (s) => this.queue.add(keyOf(s)),
      update: (_old, s) => this.queue.add(keyOf(s)),
      delete: (s) => this.queue.add(keyOf(s)),
    });
    this.pods.addEventHandler({
      add: (p) => this.addPod(p),
      update: (old, p) => this.enqueue(servicesToUpdateOnPodChange(this.servicesOf(p), old, p)),
      delete: (p) => this.addPod(p),
    });
    this.slices.addEventHandler({
      add: (s) => {
        if (managedByUs(s) && this.tracker.shouldSync(s)) this.queueServiceForSlice(s);
      },
      update: (old, s) => this.onSliceUpdate(old, s),
      delete: (s) => {
        // A slice deleted by someone else (not by this controller) is recreated.
        if (managedByUs(s) && this.tracker.has(s) && !this.tracker.handleDeletion(s)) this.queueServiceForSlice(s);
      },
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  // ---- handlers ----

  private servicesOf(pod: Pod): Service[] {
    return servicesInNamespace(this.services, pod.metadata.namespace ?? "");
  }

  private enqueue(keys: Iterable<string>): void {
    for (const k of keys) this.throttle.add(k, this.batchPeriodMs);
  }

  /** GetPodServiceMemberships: every Service in the pod's namespace whose selector matches it. */
  private addPod(pod: Pod): void {
    this.enqueue(servicesForLabels(this.servicesOf(pod), pod.metadata.labels));
  }

  private onSliceUpdate(old: EndpointSlice, s: EndpointSlice): void {
    const name = s.metadata.labels?.[LABEL_SERVICE_NAME];
    if (name !== old.metadata.labels?.[LABEL_SERVICE_NAME]) {
      this.queueServiceForSlice(s);
      this.queueServiceForSlice(old);
      return;
    }
    if (managedByUs(old) !== managedByUs(s) || (managedByUs(s) && this.tracker.shouldSync(s))) this.queueServiceForSlice(s);
  }

  private queueServiceForSlice(s: EndpointSlice): void {
    const name = s.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!name) return;
    this.queue.addAfter(`${s.metadata.namespace}/${name}`, Math.max(ENDPOINTSLICE_CHANGE_MIN_SYNC_DELAY_MS, this.batchPeriodMs));
  }

  // ---- sync ----

  /** handleErr: retry with backoff up to maxRetries, then drop the key. */
  private processServiceKey(key: string): void {
    try {
      this.syncService(key);
    } catch (e) {
      if (this.queue.numRequeues(key) < MAX_RETRIES) throw e;
    }
  }

  // mirrors Controller.syncService
  private syncService(key: string): void {
    const slash = key.indexOf("/");
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const svc = this.services.get(key);
    if (!svc) {
      // The slices are the garbage collector's to delete (they are owned by the Service).
      this.triggerTimes.deleteService(namespace, name);
      this.tracker.deleteService(namespace, name);
      this.throttle.forget(key);
      return;
    }
    this.throttle.synced(key);
    if (svc.spec?.type === "ExternalName") return;
    const selector = serviceSelector(svc);
    if (!selector) return;
    const pods = podsForSelector(this.pods, namespace, selector);
    const slices = this.slices.byIndex(SLICE_SERVICE_INDEX, key).filter((s) => !s.metadata.deletionTimestamp);
    if (this.tracker.staleSlices(svc, slices)) throw new Error("EndpointSlice informer cache is out of date");
    const triggerTime = this.triggerTimes.compute(namespace, svc, pods);
    try {
      this.reconciler.reconcile(svc, pods, slices, triggerTime);
    } catch (e) {
      this.recorder.event(svc, "Warning", "FailedToUpdateEndpointSlices", `Error updating Endpoint Slices for Service ${namespace}/${name}: ${(e as Error).message}`);
      throw e;
    }
  }
}

function managedByUs(s: EndpointSlice): boolean {
  return s.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_QUALIFIED_NAME;
}
