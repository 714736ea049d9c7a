// The common case of aggregate traffic, without per-request objects: a generator's requests to a cluster IP
// without session affinity. Same semantics as ClusterNetwork.deliver + TrafficModel's accounting (the
// statistic chain over the node's usable endpoints, then machine, NetworkPolicy and listening checks), but
// each endpoint's pod, counters and server profile are looked up once per pod object and kept beside the
// rules, so a tick costs a few map lookups per endpoint hit. Anything else takes the general path.
import type { Pod } from "../api/types";
import type { PodCache, TrafficAccounting } from "./accounting";
import type { ProxyEndpoint } from "./endpointsCache";
import type { Generator } from "./generator";
import { isIngressControllerPod } from "./ingress/ingressHop";
import type { ClusterNetwork, Landing, Target } from "./network";
import { internalVerdict, portByNumber } from "./rules";
import type { ServerProfile } from "./serverProfiles";
import { splitStatistic } from "./statistic";

interface Backend {
  readonly ep: ProxyEndpoint;
  pod: Pod | undefined;
  pc: PodCache | undefined;
  prof: ServerProfile | undefined;
  accepts: boolean;
  ingress: boolean;
}

export type GeneralAccount = (g: Generator, t: Target, path: string, l: Landing, count: number) => void;

export class ClusterIPFastPath {
  /** Per usable-endpoints list (one per rules snapshot and node): its backends. */
  private readonly backends = new WeakMap<readonly ProxyEndpoint[], Backend[] | null>();
  private split = new Int32Array(64);

  constructor(
    private readonly net: ClusterNetwork,
    private readonly acct: TrafficAccounting,
    private readonly general: GeneralAccount,
  ) {}

  /** Delivers `n` requests of `g` to `t`; false when the general path must handle this target. */
  deliver(g: Generator, t: Target, n: number): boolean {
    const e = t.entry;
    if (e.kind !== "clusterIP") return false;
    const node = t.client.node;
    const rules = node !== undefined ? this.net.proxy.nodeProxy(node).snapshot : this.net.proxy.latest;
    const svc = rules.services.get(e.serviceKey);
    const port = svc ? portByNumber(svc, e.port) : undefined;
    if (!port || port.info.stickyMaxAgeSeconds > 0) return false;
    const v = internalVerdict(port, node);
    if (v.kind !== "endpoints") return false;
    const backends = this.backendsFor(v.endpoints);
    if (!backends) return false;
    const count = backends.length;
    if (this.split.length < count) this.split = new Int32Array(count * 2);
    const shares = this.split;
    splitStatistic(n, count, this.net.random, shares);
    const serviceKey = port.info.serviceKey;
    for (let i = 0; i < count; i++) {
      const c = shares[i]!;
      if (c > 0) this.land(g, t, backends[i]!, c, serviceKey);
    }
    return true;
  }

  private backendsFor(eps: readonly ProxyEndpoint[]): Backend[] | null {
    let b = this.backends.get(eps);
    if (b === undefined) {
      // Endpoints without a pod (a selector-less Service's manual addresses) take the general path.
      b = eps.every((ep) => ep.podKey !== undefined) ? eps.map((ep) => ({ ep, pod: undefined, pc: undefined, prof: undefined, accepts: false, ingress: false })) : null;
      this.backends.set(eps, b);
    }
    return b;
  }

  private land(g: Generator, t: Target, b: Backend, count: number, serviceKey: string): void {
    const ep = b.ep;
    const pod = this.net.book.pods.get(ep.podKey!);
    if (pod !== b.pod) {
      b.pod = pod;
      b.pc = pod ? this.acct.podCache(pod) : undefined;
      b.prof = pod ? this.acct.profiles.get(pod, ep.port) : undefined;
      b.accepts = pod ? this.net.accepts(pod, ep.port) : false;
      b.ingress = pod ? isIngressControllerPod(pod) : false;
    }
    if (!pod || pod.status?.podIP !== ep.ip) return this.acct.failed(g, "timeout", count, serviceKey);
    if (b.ingress) return this.general(g, t, g.spec.path, { ok: true, pod, port: ep.port, serviceKey }, count);
    const node = pod.spec.nodeName;
    if (!node || !this.net.nodeIsUp(node) || !this.net.allowed(t.client, pod, ep.port)) return this.acct.failed(g, "timeout", count, serviceKey, pod);
    if (!b.accepts) return this.acct.failed(g, "refused", count, serviceKey, pod);
    this.acct.reached(g, pod, b.pc!, b.prof!, ep.port, g.spec.path, count, t.client.node, 0, serviceKey);
  }
}
