// ServiceLoadBalancerController gives `type: LoadBalancer` Services an external IP, the way the cloud
// provider's service controller does on a kind cluster running cloud-provider-kind: it adds the
// load-balancer-cleanup finalizer, records EnsuringLoadBalancer, "provisions" the load balancer (a short
// simulated delay: cloud-provider-kind starts a proxy container), writes status.loadBalancer.ingress and
// records EnsuredLoadBalancer. Until then `kubectl get svc` shows EXTERNAL-IP <pending>. When the Service
// stops wanting a load balancer, or is deleted, it releases the address, removes the finalizer (only then
// can the Service go) and clears the status.
// mirrors k8s.io/cloud-provider controllers/service/controller.go (syncLoadBalancerIfNeeded, needsUpdate,
// needsCleanup, wantsLoadBalancer, addFinalizer/removeFinalizer, patchStatus).
// Simulated, not upstream: the address pool 172.18.255.200-172.18.255.250 on kind's docker network
// (the range the kind docs use for a MetalLB L2 pool), handed out lowest-free-first, and the delay.
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { formatIPv4, parseIPv4 } from "../../apiserver/servicealloc/ipv4";
import type { Controller, ControllerContext } from "../context";
import type { LoadBalancerIngress, Service } from "../endpointslice/types";

/** servicehelper.LoadBalancerCleanupFinalizer */
export const LOAD_BALANCER_CLEANUP_FINALIZER = "service.kubernetes.io/load-balancer-cleanup";
/** The simulated external address pool (inclusive). */
export const LOAD_BALANCER_IP_POOL = { first: "172.18.255.200", last: "172.18.255.250" } as const;
/** Simulated time EnsureLoadBalancer takes before the address shows in the Service's status. */
export const LOAD_BALANCER_PROVISION_DELAY_MS = 2_000;
/** The service queue's retry backoff: minRetryDelay 5s, maxRetryDelay 300s. */
const RETRY = { baseDelayMs: 5_000, maxDelayMs: 300_000 } as const;

const POOL_FIRST = parseIPv4(LOAD_BALANCER_IP_POOL.first)!;
const POOL_LAST = parseIPv4(LOAD_BALANCER_IP_POOL.last)!;

// mirrors wantsLoadBalancer: type LoadBalancer and no loadBalancerClass (another controller's then).
export function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === "LoadBalancer" && svc.spec.loadBalancerClass == null;
}

function hasFinalizer(svc: Service): boolean {
  return (svc.metadata.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER);
}

// mirrors needsCleanup
function needsCleanup(svc: Service): boolean {
  if (!hasFinalizer(svc)) return false;
  return !!svc.metadata.deletionTimestamp || svc.spec?.type !== "LoadBalancer";
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

export class ServiceLoadBalancerController implements Controller {
  readonly name = "service-lb-controller";
  private readonly services: Informer<Service>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  /** Service key → the external address its load balancer holds. */
  private readonly assigned = new Map<string, number>();
  private readonly inUse = new Set<number>();
  /** Service key → simulated time its load balancer is ready. */
  private readonly provisioning = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {
    this.services = ctx.informers.for<Service>("services");
    this.client = ctx.client(this.name);
    this.recorder = ctx.recorder("service-controller");
    this.queue = ctx.workqueue("service", (key) => this.syncService(key), RETRY);
  }

  start(): void {
    this.services.addEventHandler({
      add: (s) => {
        if (wantsLoadBalancer(s) || needsCleanup(s)) this.queue.add(keyOf(s));
      },
      update: (old, s) => {
        if (this.needsUpdate(old, s) || needsCleanup(s)) this.queue.add(keyOf(s));
      },
      // Normally the finalizer makes deletion an update; a Service that never got one still frees its address.
      delete: (s) => {
        if (this.assigned.has(keyOf(s))) this.queue.add(keyOf(s));
      },
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  /** The external IP currently held for a Service ("ns/name"), if any. */
  externalIP(key: string): string | undefined {
    const ip = this.assigned.get(key);
    return ip === undefined ? undefined : formatIPv4(ip);
  }

  // mirrors Controller.needsUpdate (the fields this simulation models), with its "Type" event.
  private needsUpdate(old: Service, svc: Service): boolean {
    const was = wantsLoadBalancer(old);
    const wants = wantsLoadBalancer(svc);
    if (!was && !wants) return false;
    if (was !== wants) {
      this.recorder.event(svc, "Normal", "Type", `${old.spec?.type} -> ${svc.spec?.type}`);
      return true;
    }
    const o = old.spec;
    const n = svc.spec;
    return json(o.ports) !== json(n.ports) || o.sessionAffinity !== n.sessionAffinity || o.loadBalancerIP !== n.loadBalancerIP ||
      json(o.externalIPs) !== json(n.externalIPs) || json(old.metadata.annotations) !== json(svc.metadata.annotations) ||
      old.metadata.uid !== svc.metadata.uid || o.externalTrafficPolicy !== n.externalTrafficPolicy ||
      o.healthCheckNodePort !== n.healthCheckNodePort || json(o.ipFamilies) !== json(n.ipFamilies);
  }

  // mirrors syncService → processServiceCreateOrUpdate → syncLoadBalancerIfNeeded
  private syncService(key: string): void {
    const svc = this.services.get(key);
    if (!svc) {
      this.releaseAddress(key);
      this.provisioning.delete(key);
      return;
    }
    try {
      if (!wantsLoadBalancer(svc) || needsCleanup(svc)) this.deleteLoadBalancer(key, svc);
      else this.ensureLoadBalancer(key, svc);
    } catch (e) {
      this.recorder.event(svc, "Warning", "SyncLoadBalancerFailed", `Error syncing load balancer: ${(e as Error).message}`);
      throw e;
    }
  }

  private deleteLoadBalancer(key: string, svc: Service): void {
    this.provisioning.delete(key);
    if (this.assigned.has(key)) {
      this.recorder.event(svc, "Normal", "DeletingLoadBalancer", "Deleting load balancer");
      this.releaseAddress(key);
    }
    if (hasFinalizer(svc)) {
      this.patch(svc, false, (s) => {
        const rest = (s.metadata.finalizers ?? []).filter((f) => f !== LOAD_BALANCER_CLEANUP_FINALIZER);
        if (rest.length > 0) s.metadata.finalizers = rest;
        else delete s.metadata.finalizers;
      }, "failed to remove load balancer cleanup finalizer");
    }
    this.recorder.event(svc, "Normal", "DeletedLoadBalancer", "Deleted load balancer");
    if ((svc.status?.loadBalancer?.ingress?.length ?? 0) > 0) {
      this.patch(svc, true, (s) => (s.status = { ...(s.status ?? {}), loadBalancer: {} }), "failed to update load balancer status");
    }
  }

  private ensureLoadBalancer(key: string, svc: Service): void {
    const now = this.ctx.clock.now();
    const readyAt = this.provisioning.get(key);
    if (readyAt === undefined) {
      this.recorder.event(svc, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer");
      if (!hasFinalizer(svc)) {
        this.patch(svc, false, (s) => (s.metadata.finalizers = [...(s.metadata.finalizers ?? []), LOAD_BALANCER_CLEANUP_FINALIZER]), "failed to add load balancer cleanup finalizer");
      }
      this.assignAddress(key, svc);
      this.provisioning.set(key, now + LOAD_BALANCER_PROVISION_DELAY_MS);
      this.queue.addAfter(key, LOAD_BALANCER_PROVISION_DELAY_MS);
      return;
    }
    if (now < readyAt) {
      this.queue.addAfter(key, readyAt - now);
      return;
    }
    this.provisioning.delete(key);
    const ingress: LoadBalancerIngress[] = [{ ip: formatIPv4(this.assigned.get(key)!), ipMode: "VIP" }];
    this.recorder.event(svc, "Normal", "EnsuredLoadBalancer", "Ensured load balancer");
    if (json(svc.status?.loadBalancer?.ingress) !== json(ingress)) {
      this.patch(svc, true, (s) => (s.status = { ...(s.status ?? {}), loadBalancer: { ingress } }), "failed to update load balancer status");
    }
  }

  /** Keeps an address already assigned (or shown in status), else spec.loadBalancerIP if free, else the lowest free. */
  private assignAddress(key: string, svc: Service): void {
    if (this.assigned.has(key)) return;
    const candidates = [svc.status?.loadBalancer?.ingress?.[0]?.ip, svc.spec.loadBalancerIP as string | undefined];
    for (const c of candidates) {
      const ip = typeof c === "string" ? parseIPv4(c) : undefined;
      if (ip !== undefined && ip >= POOL_FIRST && ip <= POOL_LAST && !this.inUse.has(ip)) return this.hold(key, ip);
    }
    for (let ip = POOL_FIRST; ip <= POOL_LAST; ip++) if (!this.inUse.has(ip)) return this.hold(key, ip);
    throw new Error(`failed to ensure load balancer: no available IPs in pool ${LOAD_BALANCER_IP_POOL.first}-${LOAD_BALANCER_IP_POOL.last}`);
  }

  private hold(key: string, ip: number): void {
    this.assigned.set(key, ip);
    this.inUse.add(ip);
  }

  private releaseAddress(key: string): void {
    const ip = this.assigned.get(key);
    if (ip === undefined) return;
    this.assigned.delete(key);
    this.inUse.delete(ip);
  }

  /** A PATCH of the live object; a Service that vanished meanwhile (finalizer removed) is not an error. */
  private patch(svc: Service, status: boolean, mutate: (s: Service) => void, what: string): void {
    try {
      this.client.patch<Service>("Service", svc.metadata.namespace, svc.metadata.name, mutate, status ? "status" : undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  }
}
