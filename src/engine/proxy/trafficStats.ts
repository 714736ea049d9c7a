// Counters of the traffic model, per backend pod and per Service, readable by the engine API, the page
// and lessons. Cumulative counts never decrease; `rps` is the rate seen in the last completed traffic
// tick. Requests answered with HTTP status ≥ 400, refused, timed out (DROP, a dead node, a NetworkPolicy)
// or shed by an overloaded server are errors; the rest are ok. Latency is summed over answered requests.
import type { LoadSource } from "../metrics/metricsApi";

export type ErrorKind = "refused" | "timeout" | "noHost" | "overload" | "http";

export interface PodTraffic {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  node: string;
  requests: number;
  errors: number;
  latencySumMs: number;
  /** Requests the pod's server answered (ok or HTTP error), cumulative. */
  served: number;
  /** Requests that reached the server, answered or shed under overload: the CPU it was asked for. */
  demand: number;
  /** Requests per second served in the last completed tick. */
  rps: number;
  /** Requests per second that reached the server in the last completed tick. */
  demandRps: number;
  /** Served during the tick in progress. */
  tickServed: number;
  tickDemand: number;
  /** The pod no longer exists (kept so lessons can see where traffic went). */
  gone: boolean;
  /** In the active list (traffic this tick or a non-zero rate). */
  active: boolean;
}

export interface ServiceTraffic {
  /** "namespace/name" */
  readonly key: string;
  requests: number;
  errors: number;
  latencySumMs: number;
  rps: number;
  tickRequests: number;
}

/** Pods that disappeared are forgotten once there are more than this many. */
const MAX_GONE = 1_000;

export class TrafficStats implements LoadSource {
  private readonly pods = new Map<string, PodTraffic>();
  private readonly services = new Map<string, ServiceTraffic>();
  private gone: string[] = [];
  /** Records with traffic in this tick or a non-zero rate: the only ones endTick must visit. */
  private activePods: PodTraffic[] = [];
  private activeServices = new Set<ServiceTraffic>();

  pod(uid: string, namespace: string, name: string, node: string): PodTraffic {
    let p = this.pods.get(uid);
    if (!p) {
      p = { uid, namespace, name, node, requests: 0, errors: 0, latencySumMs: 0, served: 0, demand: 0, rps: 0, demandRps: 0, tickServed: 0, tickDemand: 0, gone: false, active: false };
      this.pods.set(uid, p);
    }
    return p;
  }

  service(key: string): ServiceTraffic {
    let s = this.services.get(key);
    if (!s) {
      s = { key, requests: 0, errors: 0, latencySumMs: 0, rps: 0, tickRequests: 0 };
      this.services.set(key, s);
    }
    return s;
  }

  /** `count` requests reached pod `p`'s server and were answered (ok unless `httpError`). */
  served(p: PodTraffic, count: number, latencyMs: number, httpError: boolean): void {
    p.requests += count;
    p.served += count;
    p.demand += count;
    p.tickServed += count;
    p.tickDemand += count;
    p.latencySumMs += latencyMs * count;
    if (httpError) p.errors += count;
    if (!p.active) {
      p.active = true;
      this.activePods.push(p);
    }
  }

  /** `count` requests reached pod `p`'s server but were shed: it was already saturated (they still cost CPU). */
  shed(p: PodTraffic, count: number): void {
    p.requests += count;
    p.errors += count;
    p.demand += count;
    p.tickDemand += count;
    if (!p.active) {
      p.active = true;
      this.activePods.push(p);
    }
  }

  /** `count` requests were sent to pod `p` and failed before its server answered. */
  failedAt(p: PodTraffic, count: number): void {
    p.requests += count;
    p.errors += count;
  }

  serviceResult(key: string, count: number, errors: number, latencySumMs: number): void {
    const s = this.service(key);
    s.requests += count;
    s.errors += errors;
    s.latencySumMs += latencySumMs;
    s.tickRequests += count;
    this.activeServices.add(s);
  }

  /** Ends a traffic tick of `tickMs`: per-tick counts become rates. */
  endTick(tickMs: number): void {
    const perSecond = 1000 / tickMs;
    // A record with no traffic this tick drops to rate 0 now and leaves the active set.
    const pods = this.activePods;
    this.activePods = [];
    for (const p of pods) {
      p.rps = p.tickServed * perSecond;
      p.demandRps = p.tickDemand * perSecond;
      p.active = p.tickDemand > 0;
      if (p.active) this.activePods.push(p);
      p.tickServed = 0;
      p.tickDemand = 0;
    }
    const services = this.activeServices;
    this.activeServices = new Set();
    for (const s of services) {
      s.rps = s.tickRequests * perSecond;
      if (s.tickRequests > 0) this.activeServices.add(s);
      s.tickRequests = 0;
    }
  }

  podGone(uid: string): void {
    const p = this.pods.get(uid);
    if (!p || p.gone) return;
    p.gone = true;
    p.rps = 0;
    p.demandRps = 0;
    this.gone.push(uid);
    if (this.gone.length > MAX_GONE) {
      const drop = this.gone.slice(0, this.gone.length - MAX_GONE);
      this.gone = this.gone.slice(drop.length);
      for (const u of drop) this.pods.delete(u);
    }
  }

  // ---- LoadSource (metrics-server's input) ----

  requestsPerSecond(podUid: string): number {
    return this.pods.get(podUid)?.demandRps ?? 0;
  }

  /** Requests that reached the pod's server since the simulation began (metrics-server averages deltas). */
  servedTotal(podUid: string): number {
    return this.pods.get(podUid)?.demand ?? 0;
  }

  /** The pod's counters (their `demand` keeps growing), or undefined until traffic first reaches it. */
  recordOf(podUid: string): PodTraffic | undefined {
    return this.pods.get(podUid);
  }

  /** Per-pod counters, sorted by namespace/name. */
  podList(): PodTraffic[] {
    return [...this.pods.values()].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  }

  /** Per-Service counters, sorted by namespace/name. */
  serviceList(): ServiceTraffic[] {
    return [...this.services.values()].sort((a, b) => cmp(a.key, b.key));
  }

  podByUid(uid: string): PodTraffic | undefined {
    return this.pods.get(uid);
  }

  serviceByKey(key: string): ServiceTraffic | undefined {
    return this.services.get(key);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
