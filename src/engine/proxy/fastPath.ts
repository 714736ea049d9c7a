// The common case of aggregate traffic, without per-request objects: a generator's requests to a cluster IP
// without session affinity. Same semantics as ClusterNetwork.deliver + TrafficAccounting (the statistic
// chain over the node's usable endpoints, then machine, NetworkPolicy and listening checks, capacity,
// status and latency), but everything an endpoint needs — its pod, counters, capacity, answer — is kept on
// a Backend beside the rules and refreshed only when the pod object changes, so
// an endpoint hit costs one pod lookup (to notice a changed or deleted pod) and a handful of field reads.
// Anything else takes the general path.
import type { Pod } from "../api/types";
import { fail, TRAFFIC_TICK_MS, type PodCache, type TrafficAccounting } from "./accounting";
import type { ProxyEndpoint } from "./endpointsCache";
import { statusClass, type Generator } from "./generator";
import { isIngressControllerPod } from "./ingress/ingressHop";
import type { ClusterNetwork, Landing, Target } from "./network";
import { internalVerdict, portByNumber } from "./rules";
import { serverLatencyMs, NETWORK_LATENCY_MS } from "../metrics/usageModel";
import { splitStatistic } from "./statistic";

interface Backend {
  readonly ep: ProxyEndpoint;
  /** The pod changed since the values below were computed (pod watch events set it). */
  stale: boolean;
  pod: Pod | undefined;
  /** The pod is gone or no longer has the endpoint's address. */
  missing: boolean;
  pc: PodCache | undefined;
  node: string;
  /** The node's agent (its kubelet): `alive` is read on every hit, no lookup. */
  agent: { readonly alive: boolean } | undefined;
  accepts: boolean;
  ingress: boolean;
  cpuMs: number;
  capacityRps: number;
  /** Requests the pod can complete in one tick. */
  capacityPerTick: number;
  /** The last path asked and the status the pod answered it with. */
  path: string | undefined;
  status: number;
}

interface FastCache {
  readonly rules: unknown;
  readonly target: Target;
  readonly serviceKey: string;
  /** null: this target takes the general path (REJECT/DROP, affinity, endpoints without pods). */
  readonly backends: Backend[] | null;
}

export type GeneralAccount = (g: Generator, t: Target, path: string, l: Landing, count: number) => void;

export class ClusterIPFastPath {
  /** Per usable-endpoints list (one per rules snapshot and node): its backends. */
  private readonly backends = new WeakMap<readonly ProxyEndpoint[], Backend[] | null>();
  private split = new Int32Array(64);
  /**
   * Backends that cached a pod, by pod key, until that pod's next watch event marks them stale (and
   * forgets them: a stale backend registers again when it refreshes, so dead rule snapshots fall away).
   */
  private readonly watchers = new Map<string, Backend[]>();
  /** Per-deliver accumulators (fields, so landing needs no closure or result object). */
  private errors = 0;
  private latencySum = 0;
  private handedOver = 0;

  constructor(
    private readonly net: ClusterNetwork,
    private readonly acct: TrafficAccounting,
    private readonly general: GeneralAccount,
  ) {
    const changed = (p: Pod): void => {
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      const list = this.watchers.get(key);
      if (!list) return;
      for (const b of list) b.stale = true;
      this.watchers.delete(key);
    };
    net.book.pods.addEventHandler({ add: changed, update: (_o, p) => changed(p), delete: changed });
  }

  /** Delivers `n` requests of `g` to `t`; false when the general path must handle this target. */
  deliver(g: Generator, t: Target, n: number): boolean {
    const e = t.entry;
    if (e.kind !== "clusterIP") return false;
    const node = t.client.node;
    const rules = node !== undefined ? this.net.proxy.nodeProxy(node).snapshot : this.net.proxy.latest;
    // What the rules say for this generator's target, kept until the node's rules change.
    let hit = g.fastCache as FastCache | undefined;
    if (!hit || hit.rules !== rules || hit.target !== t) {
      const svc = rules.services.get(e.serviceKey);
      const port = svc ? portByNumber(svc, e.port) : undefined;
      const v = port && port.info.stickyMaxAgeSeconds === 0 ? internalVerdict(port, node) : undefined;
      const backends = v?.kind === "endpoints" ? this.backendsFor(v.endpoints) : null;
      hit = { rules, target: t, serviceKey: port?.info.serviceKey ?? "", backends };
      g.fastCache = hit;
    }
    const backends = hit.backends;
    if (!backends) return false;
    const serviceKey = hit.serviceKey;
    const count = backends.length;
    const policies = this.net.book.policies().length > 0;
    this.errors = 0;
    this.latencySum = 0;
    this.handedOver = 0;
    if (n < count) {
      // Fewer requests than endpoints: each walks the chain on its own (splitStatistic's small-count
      // branch, without visiting every endpoint).
      const random = this.net.random;
      for (let r = 0; r < n; r++) {
        const i = Math.min(count - 1, Math.floor(random() * count));
        this.land(g, t, backends[i]!, 1, node, policies, serviceKey);
      }
    } else {
      if (this.split.length < count) this.split = new Int32Array(count * 2);
      const shares = this.split;
      splitStatistic(n, count, this.net.random, shares);
      for (let i = 0; i < count; i++) {
        const c = shares[i]!;
        if (c > 0) this.land(g, t, backends[i]!, c, node, policies, serviceKey);
      }
    }
    if (n > this.handedOver) this.acct.stats.serviceResult(serviceKey, n - this.handedOver, this.errors, this.latencySum);
    return true;
  }

  /** `c` requests reach backend `b` (accumulates the Service's errors and latency in the fields above). */
  private land(g: Generator, t: Target, b: Backend, c: number, node: string | undefined, policies: boolean, serviceKey: string): void {
    if (b.stale) this.refresh(b);
    const pod = b.pod;
    if (b.missing || pod === undefined) {
      this.acct.failed(g, "timeout", c, undefined);
      this.errors += c;
      return;
    }
    if (b.ingress) {
      // Handed over with the Service counted by the general path.
      this.general(g, t, g.spec.path, { ok: true, pod, port: b.ep.port, serviceKey }, c);
      this.handedOver += c;
      return;
    }
    if (!(b.agent ? b.agent.alive : this.net.nodeIsUp(b.node)) || (policies && !this.net.allowed(t.client, pod, b.ep.port))) {
      this.acct.failed(g, "timeout", c, undefined, pod);
      this.errors += c;
      return;
    }
    if (!b.accepts) {
      this.acct.failed(g, "refused", c, undefined, pod);
      this.errors += c;
      return;
    }
    // TrafficAccounting.reached, with the backend's cached values.
    const rec = b.pc!.rec;
    this.acct.stats.roll(rec);
    const left = b.capacityPerTick - rec.tickServed;
    const served = c < left ? c : left > 0 ? Math.floor(left) : 0;
    const shed = c - served;
    if (shed > 0) {
      this.acct.stats.shed(rec, shed);
      fail(g, "overload", shed);
      this.errors += shed;
    }
    if (served === 0) return;
    const path = g.spec.path;
    if (b.path !== path) {
      b.path = path;
      b.status = this.acct.statusOf(b.pc!, pod, b.ep.port, path);
    }
    const status = b.status;
    const bad = status === 0 || status >= 400;
    const latency = (node === b.node ? NETWORK_LATENCY_MS.sameNode : NETWORK_LATENCY_MS.crossNode) + serverLatencyMs(b.cpuMs, rec.rps / b.capacityRps);
    this.acct.stats.served(rec, served, latency, bad);
    if (bad) {
      fail(g, status === 0 ? "refused" : "http", served);
      this.errors += served;
    } else g.ok += served;
    if (status > 0) g.byStatus[statusClass(status)] += served;
    g.latencySumMs += latency * served;
    this.latencySum += latency * served;
  }

  private backendsFor(eps: readonly ProxyEndpoint[]): Backend[] | null {
    let list = this.backends.get(eps);
    if (list === undefined) {
      // Endpoints without a pod (a selector-less Service's manual addresses) take the general path.
      list = eps.every((ep) => ep.podKey !== undefined) ? eps.map((ep) => this.newBackend(ep)) : null;
      this.backends.set(eps, list);
    }
    return list;
  }

  private newBackend(ep: ProxyEndpoint): Backend {
    return { ep, stale: true, pod: undefined, missing: true, pc: undefined, node: "", agent: undefined, accepts: false, ingress: false, cpuMs: 0, capacityRps: 0, capacityPerTick: 0, path: undefined, status: 0 };
  }

  private refresh(b: Backend): void {
    b.stale = false;
    b.path = undefined;
    const ep = b.ep;
    const pod = this.net.book.pods.get(ep.podKey!);
    let list = this.watchers.get(ep.podKey!);
    if (!list) this.watchers.set(ep.podKey!, (list = []));
    list.push(b);
    b.pod = pod;
    b.missing = !pod || pod.status?.podIP !== ep.ip;
    if (!pod || b.missing) return;
    b.pc = this.acct.podCache(pod);
    b.node = pod.spec.nodeName ?? "";
    b.agent = this.net.nodeAgent(b.node);
    b.accepts = this.net.accepts(pod, ep.port);
    b.ingress = isIngressControllerPod(pod);
    const prof = this.acct.profiles.get(pod, ep.port);
    b.cpuMs = prof.cpuMs;
    b.capacityRps = prof.capacityRps;
    b.capacityPerTick = (prof.capacityRps * TRAFFIC_TICK_MS) / 1000;
  }
}
