// What serving one request costs a pod, and how many it can serve per second: the server program on the
// port (behaviour model) gives the CPU per request, the serving container's limits.cpu (or its node's
// allocatable CPU without a limit) gives the capacity. Cached per pod UID and port: both come from the
// pod spec, which does not change (a resize creates no new UID but is not modelled).
import type { Pod } from "../api/types";
import { parseCpuMillis } from "../apimachinery/quantity";
import { capacityRps, cpuLimitMilli, cpuMsPerRequest, NETWORK_LATENCY_MS, serverLatencyMs } from "../metrics/usageModel";
import type { AddressBook } from "./addressBook";
import type { PodRuntime } from "./podRuntime";

export interface ServerProfile {
  readonly cpuMs: number;
  readonly capacityRps: number;
}

/** A pod's profiles, one per port asked about (almost always one: a list, not a Map per pod). */
interface PortProfile {
  readonly port: number;
  readonly profile: ServerProfile;
  readonly next: PortProfile | undefined;
}

export class ServerProfiles {
  private readonly cache = new Map<string, PortProfile>();
  /** Allocatable CPU per Node object (a changed node is a new object). */
  private readonly nodeCpu = new WeakMap<object, number>();

  constructor(
    private readonly runtime: PodRuntime,
    private readonly book: AddressBook,
  ) {}

  get(pod: Pod, port: number): ServerProfile {
    const first = this.cache.get(pod.metadata.uid);
    for (let e = first; e !== undefined; e = e.next) if (e.port === port) return e.profile;
    const server = this.runtime.serverName(pod, port);
    const cpuMs = cpuMsPerRequest(server);
    const container = pod.spec.containers.find((c) => (c.ports ?? []).some((x) => x.containerPort === port)) ?? pod.spec.containers[0];
    const limit = cpuLimitMilli(container) ?? this.nodeCpuMilli(pod.spec.nodeName);
    const profile = { cpuMs, capacityRps: capacityRps(limit, cpuMs) };
    this.cache.set(pod.metadata.uid, { port, profile, next: first });
    return profile;
  }

  forget(uid: string): void {
    this.cache.delete(uid);
  }

  /** Latency of a request answered by `pod` now, from `fromNode` (undefined: outside the cluster). */
  latencyMs(pod: Pod, port: number, currentRps: number, fromNode: string | undefined, extraHops: number, prof = this.get(pod, port)): number {
    const network = fromNode === undefined ? NETWORK_LATENCY_MS.external + NETWORK_LATENCY_MS.crossNode : fromNode === pod.spec.nodeName ? NETWORK_LATENCY_MS.sameNode : NETWORK_LATENCY_MS.crossNode;
    return network + extraHops * NETWORK_LATENCY_MS.proxyHop + serverLatencyMs(prof.cpuMs, currentRps / prof.capacityRps);
  }

  private nodeCpuMilli(node: string | undefined): number {
    const n = node ? this.book.nodes.get(node) : undefined;
    if (!n) return 1000;
    let v = this.nodeCpu.get(n);
    if (v === undefined) {
      const alloc = n.status?.allocatable?.cpu;
      try {
        v = alloc ? parseCpuMillis(alloc) : 1000;
      } catch {
        v = 1000;
      }
      this.nodeCpu.set(n, v);
    }
    return v;
  }
}
