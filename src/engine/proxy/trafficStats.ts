// Counters of the traffic model, per backend pod and per Service, readable by the engine API, the page
// and lessons. Cumulative counts never decrease; `rps` is the rate seen in the last completed traffic
// tick. Requests answered with HTTP status ≥ 400, refused, timed out (DROP, a dead node, a NetworkPolicy)
// or shed by an overloaded server are errors; the rest are ok. Latency is summed over answered requests.
// Per-tick counts roll over lazily: a record notices a new tick when it is next touched or read (roll),
// so ending a tick costs nothing however many pods carry traffic.
import type { LoadSource } from "../metrics/metricsApi";

export type ErrorKind = "refused" | "timeout" | "noHost" | "overload" | "http";

/**
 * Per-pod counters live in flat arrays, one row per pod (its `slot`), so that the traffic hot path
 * touches one 64-byte line per request landing instead of a record object and its boxed numbers.
 * `line` holds what every landing reads or writes; `demand` the cumulative demand alone (8 bytes a pod:
 * metrics-server reads it for every pod every scrape, in its own order); `cold` what only errors write.
 * Cumulative counts are derived: requests = demand + failed, errors = httpErrors + (demand − served) + failed.
 */
export const POD_LINE = 8;
/** The tick the per-tick counts belong to. */
export const L_TICK = 0;
export const L_TICK_SERVED = 1;
export const L_TICK_DEMAND = 2;
/** Served per second in the last completed tick (current after roll). */
export const L_RPS = 3;
export const L_DEMAND_RPS = 4;
export const L_SERVED = 5;
export const L_LATENCY = 6;
const POD_COLD = 2;
const C_HTTP_ERRORS = 0;
const C_FAILED = 1;

/** One pod's counters: a live view of its row (reads always show the current values). */
export class PodTraffic {
  /** The pod no longer exists (kept so lessons can see where traffic went). */
  gone = false;

  constructor(
    private readonly owner: TrafficStats,
    /** The row in TrafficStats.line / cold. */
    readonly slot: number,
    readonly uid: string,
    readonly namespace: string,
    readonly name: string,
    public node: string,
  ) {}

  private at(field: number): number {
    return this.owner.line[this.slot * POD_LINE + field]!;
  }

  private demandAt(): number {
    return this.owner.demand[this.slot]!;
  }

  private coldAt(field: number): number {
    return this.owner.cold[this.slot * POD_COLD + field]!;
  }

  /** Requests sent to the pod, cumulative. */
  get requests(): number {
    return this.demandAt() + this.coldAt(C_FAILED);
  }
  /** Requests answered with an HTTP error, shed, or failed at the pod (refused, timed out), cumulative. */
  get errors(): number {
    return this.coldAt(C_HTTP_ERRORS) + this.demandAt() - this.at(L_SERVED) + this.coldAt(C_FAILED);
  }
  get latencySumMs(): number {
    return this.at(L_LATENCY);
  }
  /** Requests the pod's server answered (ok or HTTP error), cumulative. */
  get served(): number {
    return this.at(L_SERVED);
  }
  /** Requests that reached the server, answered or shed under overload: the CPU it was asked for. */
  get demand(): number {
    return this.demandAt();
  }
  /** Requests per second served in the last completed tick (current after TrafficStats.roll). */
  get rps(): number {
    return this.at(L_RPS);
  }
  /** Requests per second that reached the server in the last completed tick. */
  get demandRps(): number {
    return this.at(L_DEMAND_RPS);
  }
  /** Served during tick `tick`. */
  get tickServed(): number {
    return this.at(L_TICK_SERVED);
  }
  get tickDemand(): number {
    return this.at(L_TICK_DEMAND);
  }
  /** The tick the per-tick counts belong to. */
  get tick(): number {
    return this.at(L_TICK);
  }

  /** A plain copy of the counters (JSON, structured clone). */
  toJSON(): Record<string, string | number | boolean> {
    const { uid, namespace, name, node, requests, errors, latencySumMs, served, demand, rps, demandRps, tickServed, tickDemand, tick, gone } = this;
    return { uid, namespace, name, node, requests, errors, latencySumMs, served, demand, rps, demandRps, tickServed, tickDemand, tick, gone };
  }
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
  tick = 1;
  private perSecond = 1;
  /** Pod records ever created (metrics-server looks a pod up again only when this grows). */
  records = 0;
  /** Per-pod rows (see POD_LINE); replaced by a larger copy when they fill up. */
  line = new Float64Array(64 * POD_LINE);
  demand = new Float64Array(64);
  cold = new Float64Array(64 * POD_COLD);
  private goneSlot = new Uint8Array(64);
  private slots = 0;
  private readonly freeSlots: number[] = [];

  pod(uid: string, namespace: string, name: string, node: string): PodTraffic {
    let p = this.pods.get(uid);
    if (!p) {
      p = new PodTraffic(this, this.newSlot(), uid, namespace, name, node);
      this.line[p.slot * POD_LINE + L_TICK] = this.tick;
      this.pods.set(uid, p);
      this.records++;
    }
    return p;
  }

  private newSlot(): number {
    // Reuse the most recently freed row (deterministic), else take a new one, growing the arrays.
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    const slot = this.slots++;
    if (slot >= this.goneSlot.length) {
      const cap = this.goneSlot.length * 2;
      const line = new Float64Array(cap * POD_LINE);
      line.set(this.line);
      this.line = line;
      const demand = new Float64Array(cap);
      demand.set(this.demand);
      this.demand = demand;
      const cold = new Float64Array(cap * POD_COLD);
      cold.set(this.cold);
      this.cold = cold;
      const gone = new Uint8Array(cap);
      gone.set(this.goneSlot);
      this.goneSlot = gone;
    }
    return slot;
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
    this.rollSlot(p.slot);
  }

  /** roll() by row (hot paths call it when line[row + L_TICK] is not the current tick). */
  rollSlot(slot: number): void {
    const line = this.line;
    const o = slot * POD_LINE;
    if (line[o + L_TICK] === this.tick) return;
    const last = line[o + L_TICK] === this.tick - 1 && this.goneSlot[slot] === 0;
    line[o + L_RPS] = last ? line[o + L_TICK_SERVED]! * this.perSecond : 0;
    line[o + L_DEMAND_RPS] = last ? line[o + L_TICK_DEMAND]! * this.perSecond : 0;
    line[o + L_TICK_SERVED] = 0;
    line[o + L_TICK_DEMAND] = 0;
    line[o + L_TICK] = this.tick;
  }

  /** `count` requests reached pod `p`'s server and were answered (ok unless `httpError`). */
  served(p: PodTraffic, count: number, latencyMs: number, httpError: boolean): void {
    this.servedSlot(p.slot, count, latencyMs, httpError);
  }

  /** served() by row. */
  servedSlot(slot: number, count: number, latencyMs: number, httpError: boolean): void {
    const line = this.line;
    const o = slot * POD_LINE;
    if (line[o + L_TICK] !== this.tick) this.rollSlot(slot);
    line[o + L_SERVED] = line[o + L_SERVED]! + count;
    this.demand[slot] = this.demand[slot]! + count;
    line[o + L_TICK_SERVED] = line[o + L_TICK_SERVED]! + count;
    line[o + L_TICK_DEMAND] = line[o + L_TICK_DEMAND]! + count;
    line[o + L_LATENCY] = line[o + L_LATENCY]! + latencyMs * count;
    if (httpError) this.cold[slot * POD_COLD + C_HTTP_ERRORS] = this.cold[slot * POD_COLD + C_HTTP_ERRORS]! + count;
  }

  /** `count` requests reached pod `p`'s server but were shed: it was already saturated (they still cost CPU). */
  shed(p: PodTraffic, count: number): void {
    this.shedSlot(p.slot, count);
  }

  shedSlot(slot: number, count: number): void {
    const line = this.line;
    const o = slot * POD_LINE;
    if (line[o + L_TICK] !== this.tick) this.rollSlot(slot);
    this.demand[slot] = this.demand[slot]! + count;
    line[o + L_TICK_DEMAND] = line[o + L_TICK_DEMAND]! + count;
  }

  /** `count` requests were sent to pod `p` and failed before its server answered. */
  failedAt(p: PodTraffic, count: number): void {
    this.failedAtSlot(p.slot, count);
  }

  failedAtSlot(slot: number, count: number): void {
    this.cold[slot * POD_COLD + C_FAILED] = this.cold[slot * POD_COLD + C_FAILED]! + count;
  }

  private rollService(s: ServiceTraffic): void {
    if (s.tick === this.tick) return;
    s.rps = s.tick === this.tick - 1 ? s.tickRequests * this.perSecond : 0;
    s.tickRequests = 0;
    s.tick = this.tick;
  }

  serviceResult(key: string, count: number, errors: number, latencySumMs: number): void {
    this.serviceResultTo(this.service(key), count, errors, latencySumMs);
  }

  /** serviceResult() with the Service's record already at hand. */
  serviceResultTo(s: ServiceTraffic, count: number, errors: number, latencySumMs: number): void {
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
    this.goneSlot[p.slot] = 1;
    const o = p.slot * POD_LINE;
    this.line[o + L_RPS] = 0;
    this.line[o + L_DEMAND_RPS] = 0;
    this.gone.push(uid);
    if (this.gone.length > MAX_GONE) {
      const drop = this.gone.slice(0, this.gone.length - MAX_GONE);
      this.gone = this.gone.slice(drop.length);
      for (const u of drop) {
        const r = this.pods.get(u);
        if (!r) continue;
        this.pods.delete(u);
        this.freeSlot(r.slot);
      }
    }
  }

  /** A forgotten record's row: zeroed, to be handed out again. */
  private freeSlot(slot: number): void {
    this.line.fill(0, slot * POD_LINE, (slot + 1) * POD_LINE);
    this.demand[slot] = 0;
    this.cold.fill(0, slot * POD_COLD, (slot + 1) * POD_COLD);
    this.goneSlot[slot] = 0;
    this.freeSlots.push(slot);
  }

  // ---- LoadSource (metrics-server's input) ----

  requestsPerSecond(podUid: string): number {
    const p = this.pods.get(podUid);
    if (!p) return 0;
    this.roll(p);
    return p.demandRps;
  }

  /** servedTotal by a record's slot (metrics-server keeps the slot of every pod it scrapes). */
  demandOf(slot: number): number {
    return this.demand[slot]!;
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
