// TrafficAccounting adds what happened to a generator's requests to the counters: requests that reached a
// pod (shed beyond its capacity for the tick, answered with the status its server gives, with the latency
// model's latency), and requests that failed on the way.
import type { Pod } from "../api/types";
import type { EventQueue } from "../sim/eventQueue";
import { statusClass, type Generator } from "./generator";
import type { PodRuntime } from "./podRuntime";
import type { ServerProfile, ServerProfiles } from "./serverProfiles";
import type { ErrorKind, PodTraffic, TrafficStats } from "./trafficStats";

export const TRAFFIC_TICK_MS = 1_000;

/** Per pod object: its counters and the statuses it answers with (a changed pod is a new object). */
export interface PodCache {
  readonly rec: PodTraffic;
  /** By port, then path (created on first use). */
  statuses: Map<number, Map<string, number>> | undefined;
}

export class TrafficAccounting {
  private readonly podCaches = new WeakMap<Pod, PodCache>();

  constructor(
    readonly stats: TrafficStats,
    readonly profiles: ServerProfiles,
    private readonly runtime: PodRuntime,
    private readonly events: EventQueue,
  ) {}

  podCache(pod: Pod): PodCache {
    let pc = this.podCaches.get(pod);
    if (!pc) {
      pc = { rec: this.stats.pod(pod.metadata.uid, pod.metadata.namespace ?? "", pod.metadata.name, pod.spec.nodeName ?? ""), statuses: undefined };
      this.podCaches.set(pod, pc);
    }
    return pc;
  }

  /** The HTTP status the pod answers `path` on `port` with; 0 when the connection is closed without one. */
  statusOf(pc: PodCache, pod: Pod, port: number, path: string): number {
    pc.statuses ??= new Map();
    let byPath = pc.statuses.get(port);
    if (!byPath) pc.statuses.set(port, (byPath = new Map()));
    const cached = byPath.get(path);
    if (cached !== undefined) return cached;
    const s = this.runtime.statusFor(pod, port, path, this.events.now());
    // "refused" here: the static view knows no server on the port, yet the pod accepted the connection.
    const status = s === "refused" ? 200 : s === "eof" ? 0 : s;
    if (this.runtime.stableAnswers(pod, port)) byPath.set(path, status);
    return status;
  }

  /** `count` requests reached `pod`'s server on `port` from `fromNode` (undefined: outside the cluster). */
  reached(g: Generator, pod: Pod, pc: PodCache, prof: ServerProfile, port: number, path: string, count: number, fromNode: string | undefined, hops: number, serviceKey: string | undefined): void {
    const rec = pc.rec;
    this.stats.roll(rec);
    const room = Math.max(0, Math.floor((prof.capacityRps * TRAFFIC_TICK_MS) / 1000 - rec.tickServed));
    const served = count < room ? count : room;
    const shed = count - served;
    if (shed > 0) {
      this.stats.shed(rec, shed);
      fail(g, "overload", shed);
    }
    const httpStatus = this.statusOf(pc, pod, port, path);
    const bad = httpStatus === 0 || httpStatus >= 400;
    const latency = this.profiles.latencyMs(pod, port, rec.rps, fromNode, hops, prof);
    if (served > 0) {
      this.stats.served(rec, served, latency, bad);
      if (bad) fail(g, httpStatus === 0 ? "refused" : "http", served);
      else g.ok += served;
      if (httpStatus > 0) g.byStatus[statusClass(httpStatus)] += served;
      g.latencySumMs += latency * served;
    }
    if (serviceKey) this.stats.serviceResult(serviceKey, count, shed + (bad ? served : 0), latency * served);
  }

  /** `count` requests failed before a server answered (`pod` when they failed at one; `status` when a proxy answered). */
  failed(g: Generator, kind: ErrorKind, count: number, serviceKey: string | undefined, pod?: Pod, status?: number): void {
    if (pod && status === undefined) this.stats.failedAt(this.podCache(pod).rec, count);
    if (serviceKey) this.stats.serviceResult(serviceKey, count, count, 0);
    fail(g, kind, count);
    if (status !== undefined) g.byStatus[statusClass(status)] += count;
  }
}

export function fail(g: Generator, kind: ErrorKind, n: number): void {
  g.errors += n;
  g.byError[kind] += n;
}
