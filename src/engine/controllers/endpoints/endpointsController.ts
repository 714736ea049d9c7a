// EndpointsController maintains the legacy core/v1 Endpoints object of every Service with a selector:
// named like the Service, ready pod addresses under `addresses`, the others under `notReadyAddresses`,
// at most 1000 of them. `kubectl get endpoints` reads it; a Service that selects nothing has an
// Endpoints object with no subsets (ENDPOINTS <none>). Unlike EndpointSlices it has no owner: the
// controller deletes it itself when the Service goes.
// mirrors pkg/controller/endpoint/endpoints_controller.go (syncService, addEndpointSubset,
// podToEndpointAddressForService, truncateEndpoints, checkLeftoverEndpoints, staleEndpointsTracker).
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { jsonEqual } from "../../apiserver/strategy";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import type { Controller, ControllerContext } from "../context";
import { isPodReady } from "../../api/podutil";
import { findPort, podIPs, servicesForLabels, servicesToUpdateOnPodChange, shouldPodBeInEndpoints, shouldSetHostname } from "../endpointslice/podEndpoints";
import { addServiceIndexes, podsForSelector, servicesInNamespace } from "../endpointslice/serviceIndex";
import { addTriggerTimeAnnotation } from "../endpointslice/sliceUtils";
import { TriggerTimeTracker } from "../endpointslice/triggerTimeTracker";
import { SyncThrottle } from "../endpointslice/syncThrottle";
import { isServiceIPSet, LABEL_HEADLESS_SERVICE, serviceSelector, type Service, type ServicePort } from "../endpointslice/types";
import { repackSubsets, type EndpointAddress, type EndpointPort, type Endpoints, type EndpointSubset } from "./repackSubsets";

/** maxCapacity: addresses beyond this are truncated and the object annotated. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const ANNOTATION_OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";
const MAX_RETRIES = 15;
/** The leader-election record annotation: such Endpoints have no Service and must be left alone. */
const LEADER_ELECTION_ANNOTATION = "control-plane.alpha.kubernetes.io/leader";

export interface EndpointsControllerOptions {
  /** --endpoint-updates-batch-period (default 0). */
  endpointUpdatesBatchPeriodMs?: number;
}

export class EndpointsController implements Controller {
  readonly name = "endpoints-controller";
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();
  /** staleEndpointsTracker: key → a resourceVersion this controller has already replaced. */
  private readonly staleVersions = new Map<string, string>();
  /** Endpoints this controller created that the cache has not shown yet (so a quick resync does not create twice). */
  private readonly pendingCreates = new Set<string>();
  private readonly batchPeriodMs: number;
  private readonly throttle: SyncThrottle;
  /** A pod's subsets for a Service, valid while both cached objects are the current ones. */
  private readonly podSubsets = new WeakMap<Pod, { svc: Service; subsets: EndpointSubset[] }>();

  constructor(private readonly ctx: ControllerContext, opts: EndpointsControllerOptions = {}) {
    this.services = ctx.informers.for<Service>("services");
    this.pods = ctx.informers.for<Pod>("pods");
    this.endpoints = ctx.informers.for<Endpoints>("endpoints");
    this.client = ctx.client(this.name);
    this.recorder = ctx.recorder("endpoint-controller");
    this.queue = ctx.workqueue("endpoint", (key) => this.processKey(key));
    this.batchPeriodMs = opts.endpointUpdatesBatchPeriodMs ?? 0;
    this.throttle = new SyncThrottle(this.queue, ctx.clock);
  }

  start(): void {
    addServiceIndexes(this.services, this.pods);
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
    this.endpoints.addEventHandler({
      add: (e) => this.pendingCreates.delete(keyOf(e)),
      delete: (e) => {
        this.pendingCreates.delete(keyOf(e));
        this.queue.add(keyOf(e));
      },
    });
    // checkLeftoverEndpoints, once the caches are synced (informers start right after the controllers).
    this.ctx.events.after(0, "endpoints-controller:leftovers", () => this.checkLeftoverEndpoints());
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  private servicesOf(pod: Pod): Service[] {
    return servicesInNamespace(this.services, pod.metadata.namespace ?? "");
  }

  private enqueue(keys: Iterable<string>): void {
    for (const k of keys) this.throttle.add(k, this.batchPeriodMs);
  }

  private addPod(pod: Pod): void {
    this.enqueue(servicesForLabels(this.servicesOf(pod), pod.metadata.labels));
  }

  /** Endpoints whose Service no longer exists are queued (and so deleted). */
  private checkLeftoverEndpoints(): void {
    const keys = this.endpoints.list().filter((e) => !e.metadata.annotations?.[LEADER_ELECTION_ANNOTATION]).map(keyOf).sort();
    for (const k of keys) this.queue.add(k);
  }

  private processKey(key: string): void {
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
      try {
        this.client.delete("Endpoints", namespace, name);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
      this.triggerTimes.deleteService(namespace, name);
      this.staleVersions.delete(key);
      this.pendingCreates.delete(key);
      this.throttle.forget(key);
      return;
    }
    this.throttle.synced(key);
    if (svc.spec?.type === "ExternalName") return;
    const selector = serviceSelector(svc);
    if (!selector) return;
    const pods = podsForSelector(this.pods, namespace, selector);
    const triggerTime = this.triggerTimes.compute(namespace, svc, pods);
    const subsets = repackSubsets(this.subsetsFor(svc, pods), true);

    const current = this.endpoints.get(key);
    if (!current && this.pendingCreates.has(key)) throw new Error(`endpoints informer cache is out of date, endpoints ${key} already created`);
    if (current && this.staleVersions.get(key) === current.metadata.resourceVersion) {
      throw new Error(`endpoints informer cache is out of date, resource version ${current.metadata.resourceVersion} already processed for endpoints ${key}`);
    }
    const svcLabels = svc.metadata.labels ?? {};
    if (current) {
      const compareLabels = { ...(current.metadata.labels ?? {}) };
      delete compareLabels[LABEL_HEADLESS_SERVICE];
      if (jsonEqual(current.subsets ?? [], subsets) && jsonEqual(compareLabels, svcLabels) && capacityAnnotationSetCorrectly(current)) return;
    }
    // The subsets are replaced wholesale: copying the old ones first would only cost time.
    const next: Endpoints = current
      ? { ...current, metadata: deepCopy(current.metadata) }
      : ({ apiVersion: "v1", kind: "Endpoints", metadata: { name, namespace } } as Endpoints);
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    addTriggerTimeAnnotation(next, triggerTime);
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (truncateEndpoints(next)) annotations[ANNOTATION_OVER_CAPACITY] = "truncated";
    else delete annotations[ANNOTATION_OVER_CAPACITY];
    if (Object.keys(annotations).length > 0) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;
    const labels: Record<string, string> = { ...svcLabels };
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS_SERVICE] = "";
    if (Object.keys(labels).length > 0) next.metadata.labels = labels;
    else delete next.metadata.labels;

    try {
      if (!current) {
        this.client.create(next);
        this.pendingCreates.add(key);
      } else {
        const updated = this.client.update(next);
        // Our own write comes back through the watch later: until then the cached version is stale.
        if (updated.metadata.resourceVersion !== current.metadata.resourceVersion) this.staleVersions.set(key, current.metadata.resourceVersion);
      }
    } catch (e) {
      if (!current && e instanceof ApiError && e.code === 403 && e.message.includes("because it is being terminated")) return;
      if (!current) this.recorder.event(next, "Warning", "FailedToCreateEndpoint", `Failed to create endpoint for service ${namespace}/${name}: ${(e as Error).message}`);
      else this.recorder.event(next, "Warning", "FailedToUpdateEndpoint", `Failed to update endpoint ${namespace}/${name}: ${(e as Error).message}`);
      throw e;
    }
  }

  /**
   * One subset per pod with every port that resolves on it (upstream adds one per pod and port; the
   * repacked result is the same, since a pod's ports share its readiness).
   */
  private subsetsFor(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
    const tolerateUnready = svc.spec.publishNotReadyAddresses === true;
    const ports = svc.spec.ports ?? [];
    const out: EndpointSubset[] = [];
    for (const pod of pods) {
      const hit = this.podSubsets.get(pod);
      if (hit && hit.svc === svc) {
        for (const ss of hit.subsets) out.push(ss);
        continue;
      }
      const start = out.length;
      this.addPodSubsets(svc, pod, tolerateUnready, ports, out);
      this.podSubsets.set(pod, { svc, subsets: out.slice(start) });
    }
    return out;
  }

  // mirrors the per-pod body of syncService's loop (addEndpointSubset per resolved port).
  private addPodSubsets(svc: Service, pod: Pod, tolerateUnready: boolean, ports: readonly ServicePort[], out: EndpointSubset[]): void {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) return;
    const epa = podToEndpointAddressForService(svc, pod);
    if (!epa) return;
    if (shouldSetHostname(pod, svc)) epa.hostname = pod.spec.hostname;
    const ready = tolerateUnready || isPodReady(pod);
    if (ports.length === 0) {
      // Headless Services may have no ports.
      if (svc.spec.clusterIP === "None") out.push(ready ? { addresses: [epa] } : { notReadyAddresses: [epa] });
      return;
    }
    const epps: EndpointPort[] = [];
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const epp: EndpointPort = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) epp.name = sp.name;
      if (sp.appProtocol !== undefined) epp.appProtocol = sp.appProtocol;
      epps.push(epp);
    }
    if (epps.length > 0) out.push(ready ? { addresses: [epa], ports: epps } : { notReadyAddresses: [epa], ports: epps });
  }
}

// mirrors podToEndpointAddressForService: the pod IP of the Service's (first) IP family.
function podToEndpointAddressForService(svc: Service, pod: Pod): EndpointAddress | undefined {
  let v6: boolean;
  const family = svc.spec.ipFamilies?.[0];
  if (family) v6 = family === "IPv6";
  else if (svc.spec.clusterIP && svc.spec.clusterIP !== "None") v6 = svc.spec.clusterIP.includes(":");
  else v6 = (pod.status?.podIP ?? "").includes(":");
  const ip = podIPs(pod).find((x) => x.includes(":") === v6);
  if (!ip) return undefined;
  return {
    ip,
    nodeName: pod.spec.nodeName ?? "",
    targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

function countAddresses(subsets: readonly EndpointSubset[] | undefined): number {
  let n = 0;
  for (const s of subsets ?? []) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  return n;
}

// mirrors capacityAnnotationSetCorrectly
function capacityAnnotationSetCorrectly(ep: Endpoints): boolean {
  if (countAddresses(ep.subsets) > MAX_ENDPOINTS_CAPACITY) return false;
  return ep.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] === undefined;
}

// mirrors truncateEndpoints: keep ready addresses first, cut each subset in proportion (rounding up).
function truncateEndpoints(ep: Endpoints): boolean {
  const subsets = ep.subsets ?? [];
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = truncateReady ? s.addresses?.length ?? 0 : s.notReadyAddresses?.length ?? 0;
    const toBeAdded = Math.min(canBeAdded, Math.ceil((inSubset / numTotal) * max));
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
    }
  }
  return true;
}
