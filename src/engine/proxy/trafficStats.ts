// Counters of the traffic model, per backend pod and per Service, readable by the engine API, the page
// and lessons. Cumulative counts never decrease; `rps` is the rate seen in the last completed traffic
// tick. Requests answered with HTTP status ≥ 400, refused, timed out (DROP, a dead node, a NetworkPolicy)
// or shed by an overloaded server are errors; the rest are ok. Latency is summed over answered requests.
// Per-tick counts roll over lazily: a record notices a new tick when it is next touched or read (roll),
// so ending a tick costs nothing however many pods carry traffic.
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
  /** Requests per second served in the last completed tick (current after TrafficStats.roll). */
  rps: number;
  /** Requests per second that reached the server in the last completed tick. */
  demandRps: number;
  /** Served during tick `tick`. */
  tickServed: number;
  tickDemand: number;
  /** The tick the per-tick counts belong to. */
  tick: number;
  /** The pod no longer exists (kept so lessons can see where traffic went). */
  gone: boolean;
}

export interface ServiceTraffic {
  /** "namespace/name" */
  readonly key: string;
  requests: number;
  errors: number;
  latencySumMs: number;
  rps: number;
  tickRequests: number;
  tick: number;
}

/** Pods that disappeared are forgotten once there are more than this many. */
const MAX_GONE = 1_000;

export class TrafficStats implements LoadSource {
  private readonly pods = new Map<string, PodTraffic>();
  private readonly services = new Map<string, ServiceTraffic>();
  private gone: string[] = [];
  /** The tick in progress (ticks are numbered from 1). */
  private tick = 1;
  private perSecond = 1;

  pod(uid: string, namespace: string, name: string, node: string): PodTraffic {
    let p = this.pods.get(uid);
    if (!p) {
      p = { uid, namespace, name, node, requests: 0, errors: 0, latencySumMs: 0, served: 0, demand: 0, rps: 0, demandRps: 0, tickServed: 0, tickDemand: 0, tick: this.tick, gone: false };
      this.pods.set(uid, p);
    }
    return p;
  }

  service(key: string): ServiceTraffic {
    let s = this.services.get(key);
    if (!s) {
      s = { key, requests: 0, errors: 0, latencySumMs: 0, rps: 0, tickRequests: 0, tick: this.tick };
      this.services.set(key, s);
    }
    return s;
  }

  /** Brings a record's per-tick counts to the tick in progress: its rates become the last tick's. */
  roll(p: PodTraffic): void {
    if (p.tick === this.tick) return;
    const last = p.tick === this.tick - 1 && !p.gone;
    p.rps = last ? p.tickServed * this.perSecond : 0;
    p.demandRps = last ? p.tickDemand * this.perSecond : 0;
    p.tickServed = 0;
    p.tickDemand = 0;
    p.tick = this.tick;
  }

  private rollService(s: ServiceTraffic): void {
    if (s.tick === this.tick) return;
    s.rps = s.tick === this.tick - 1 ? s.tickRequests * this.perSecond : 0;
    s.tickRequests = 0;
    s.tick = this.tick;
  }

  /** `count` requests reached pod `p`'s server and were answered (ok unless `httpError`). */
  served(p: PodTraffic, count: number, latencyMs: number, httpError: boolean): void {
    if (p.tick !== this.tick) this.roll(p);
    p.requests += count;
    p.served += count;
    p.demand += count;
    p.tickServed += count;
    p.tickDemand += count;
    p.latencySumMs += latencyMs * count;
    if (httpError) p.errors += count;
  }

  /** `count` requests reached pod `p`'s server but were shed: it was already saturated (they still cost CPU). */
  shed(p: PodTraffic, count: number): void {
    if (p.tick !== this.tick) this.roll(p);
    p.requests += count;
    p.errors += count;
    p.demand += count;
    p.tickDemand += count;
  }

  /** `count` requests were sent to pod `p` and failed before its server answered. */
  failedAt(p: PodTraffic, count: number): void {
    p.requests += count;
    p.errors += count;
  }

  serviceResult(key: string, count: number, errors: number, latencySumMs: number): void {
    const s = this.service(key);
    if (s.tick !== this.tick) this.rollService(s);
    s.requests += count;
    s.errors += errors;
    s.latencySumMs += latencySumMs;
    s.tickRequests += count;
  }

  /** Ends a traffic tick of `tickMs`: the per-tick counts of the tick just ended become the rates. */
  endTick(tickMs: number): void {
    this.perSecond = 1000 / tickMs;
    this.tick++;
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
    const p = this.pods.get(podUid);
    if (!p) return 0;
    this.roll(p);
    return p.demandRps;
  }

  /** Requests that reached the pod's server since the simulation began (metrics-server averages deltas). */
  servedTotal(podUid: string): number {
    return this.pods.get(podUid)?.demand ?? 0;
  }

  /** The pod's counters (their `demand` keeps growing), or undefined until traffic first reaches it. */
  recordOf(podUid: string): PodTraffic | undefined {
    return this.pods.get(podUid);
  }

  /** Per-pod counters with current rates, sorted by namespace/name. */
  podList(): PodTraffic[] {
    for (const p of this.pods.values()) this.roll(p);
    return [...this.pods.values()].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  }

  /** Per-Service counters with current rates, sorted by namespace/name. */
  serviceList(): ServiceTraffic[] {
    for (const s of this.services.values()) this.rollService(s);
    return [...this.services.values()].sort((a, b) => cmp(a.key, b.key));
  }

  podByUid(uid: string): PodTraffic | undefined {
    const p = this.pods.get(uid);
    if (p) this.roll(p);
    return p;
  }

  serviceByKey(key: string): ServiceTraffic | undefined {
    const s = this.services.get(key);
    if (s) this.rollService(s);
    return s;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
