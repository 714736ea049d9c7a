// TrafficModel: requests flowing through the simulated cluster, in aggregate.
//
// Generators (`sim traffic start`) are advanced once per traffic tick (1 s of simulated time), never once
// per request: a tick hands each generator's request count to ClusterNetwork, which splits counts over
// nodes and endpoints with the iptables statistic chain, and the landings are added to the counters
// (trafficStats.ts). 10,000 requests per second cost a few hundred counter updates per tick.
// Single requests (`sim curl`, wget/curl inside containers) take the same path with a count of one and get
// their answer from the backend's live process.
//
// Overload: a pod serves at most capacityRps (serverProfiles.ts) per second; within a tick, aggregate
// requests beyond what is left are shed and counted as "overload" errors. Single requests are always
// answered (only slower: latency grows with the pod's load, see usageModel.ts).
import type { Pod } from "../api/types";
import { parseUrl, internetGet } from "../kubelet/behaviour/netutils";
import type { HostHttpResult, ProcessHost } from "../kubelet/behaviour/types";
import type { EventQueue, ScheduledTask } from "../sim/eventQueue";
import { fail, TrafficAccounting, TRAFFIC_TICK_MS } from "./accounting";
import { ClusterIPFastPath } from "./fastPath";
import { clientAddresses, newGenerator, requestsThisTick, type Generator, type GeneratorSpec } from "./generator";
import { IngressForwarder, isIngressControllerPod } from "./ingress/ingressHop";
import type { Client, ClusterNetwork, Landing, Target } from "./network";
import type { ServerProfiles } from "./serverProfiles";
import type { TrafficStats } from "./trafficStats";

export { TRAFFIC_TICK_MS } from "./accounting";

export interface FetchResult {
  readonly result: HostHttpResult;
  readonly target: Target;
  /** The pod that answered (after any ingress hop). */
  readonly pod?: Pod;
  readonly serviceKey?: string;
  readonly latencyMs?: number;
}

export class TrafficModel {
  private readonly generators = new Map<string, Generator>();
  private readonly forwarder: IngressForwarder;
  private task: ScheduledTask | undefined;
  private activeThisTick = false;
  private readonly acct: TrafficAccounting;
  /** Generators in name order (the order a tick runs them in), rebuilt when one starts or stops. */
  private sorted: Generator[] | undefined;
  private readonly fast: ClusterIPFastPath;

  constructor(
    readonly net: ClusterNetwork,
    readonly stats: TrafficStats,
    private readonly profiles: ServerProfiles,
    private readonly events: EventQueue,
  ) {
    this.forwarder = new IngressForwarder(net);
    this.acct = new TrafficAccounting(stats, profiles, net.runtime, events);
    this.fast = new ClusterIPFastPath(net, this.acct, (g, t, path, l, c) => this.account(g, t, path, l, c, 0));
  }

  // ---- generators ----

  start(spec: GeneratorSpec): Generator {
    const g = newGenerator(spec, this.events.now());
    this.generators.set(spec.name, g);
    this.sorted = undefined;
    this.ensureTicking();
    return g;
  }

  stop(name: string): Generator | undefined {
    const g = this.generators.get(name);
    this.generators.delete(name);
    this.sorted = undefined;
    return g;
  }

  generator(name: string): Generator | undefined {
    return this.generators.get(name);
  }

  /** Generators sorted by name. */
  list(): Generator[] {
    return [...this.generators.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
  }

  private ensureTicking(): void {
    if (this.task) return;
    const now = this.events.now();
    const at = (Math.floor(now / TRAFFIC_TICK_MS) + 1) * TRAFFIC_TICK_MS;
    this.task = this.events.at(at, "traffic:tick", () => this.tick());
  }

  /** One tick: every generator sends its share, then rates are computed. */
  tick(): void {
    this.task = undefined;
    this.sorted ??= this.list();
    this.fast.beginTick();
    for (const g of this.sorted) this.runGenerator(g);
    this.stats.endTick(TRAFFIC_TICK_MS);
    const keepGoing = this.generators.size > 0 || this.activeThisTick;
    this.activeThisTick = false;
    if (keepGoing) this.ensureTicking();
  }

  private clientOf(g: Generator): Client | undefined | null {
    if (!g.spec.from) {
      if (g.spec.url) return undefined;
      // The generator's client pod stays on its node while the node runs (a pod does not move).
      const c = g.client as Client | undefined;
      if (c?.node !== undefined && this.net.nodeIsUp(c.node)) return c;
      return (g.client = this.net.defaultClient(g.spec.namespace));
    }
    const [ns, name] = g.spec.from.split("/") as [string, string];
    const pod = this.net.book.pod(ns, name);
    return pod?.status?.podIP ? this.net.podClient(pod) : null;
  }

  private runGenerator(g: Generator): void {
    const n = requestsThisTick(g, TRAFFIC_TICK_MS);
    g.rps = (n * 1000) / TRAFFIC_TICK_MS;
    if (n === 0) return;
    this.activeThisTick = true;
    g.sent += n;
    const client = this.clientOf(g);
    if (client === null) {
      fail(g, "timeout", n);
      return;
    }
    const t = this.resolve(g, client);
    if (t.entry.kind === "internet") {
      g.ok += n;
      g.byStatus["2xx"] += n;
      return;
    }
    if (g.spec.clients === 1 && this.fast.deliver(g, t, n)) return;
    const ips = clientAddresses(g.spec.clients, t.client.ip);
    this.net.deliver(t, n, (l, c) => this.account(g, t, g.spec.path, l, c, 0), ips);
  }

  /**
   * The generator's target. A cluster-IP target is reused while kube-proxy's rules, DNS answers and the
   * client are the same (names resolve to one address then); anything else is resolved each tick.
   */
  private resolve(g: Generator, client: Client | undefined): Target {
    const rules = this.net.proxy.latest;
    const dnsGeneration = this.net.dns.generation;
    const c = g.cached;
    if (c && c.key === rules && c.dnsGeneration === dnsGeneration && c.client === client && client !== undefined) return c.target as Target;
    const t = this.net.target(g.spec.host, g.spec.port, client, g.spec.namespace);
    g.cached = t.entry.kind === "clusterIP" && client !== undefined ? { key: rules, dnsGeneration, client, target: t } : undefined;
    return t;
  }

  /** Adds `count` landed requests to the counters (aggregate: may shed load beyond capacity). */
  private account(g: Generator, t: Target, path: string, l: Landing, count: number, hops: number): void {
    if (l.ok && isIngressControllerPod(l.pod) && hops === 0) {
      this.forwarder.forward(l.pod, t.host, path, count, (l2, c2) => this.account(g, t, path, l2, c2, 1));
      return;
    }
    if (!l.ok) return this.acct.failed(g, l.error, count, l.serviceKey, l.pod, l.status);
    const pod = l.pod;
    this.acct.reached(g, pod, this.acct.podCache(pod), this.profiles.get(pod, l.port), l.port, path, count, t.client.node, hops, l.serviceKey);
  }

  // ---- single requests ----

  /** One HTTP GET of `url` from `client` (undefined: the `sim` client for `namespace`). */
  fetch(url: string, client: Client | undefined, namespace: string, userAgent = "curl/8.15.0"): FetchResult {
    const u = parseUrl(url);
    const t = this.net.target(u.host.toLowerCase(), u.port, client, namespace);
    if (t.entry.kind === "internet") return { result: internetGet(t.entry.host) ?? { error: "noHost", host: u.host, port: u.port }, target: t };
    this.activeThisTick = true;
    this.ensureTicking();
    let out: FetchResult = { result: { error: "timeout", host: u.host, port: u.port }, target: t };
    const finish = (l: Landing, hops: number): void => {
      if (l.ok && isIngressControllerPod(l.pod) && hops === 0) {
        this.forwarder.forward(l.pod, t.host, u.path, 1, (l2) => finish(l2, 1));
        return;
      }
      if (!l.ok) {
        if (l.serviceKey) this.stats.serviceResult(l.serviceKey, 1, 1, 0);
        if (l.pod && l.status === undefined) this.stats.failedAt(this.acct.podCache(l.pod).rec, 1);
        const result: HostHttpResult =
          l.status !== undefined ? { status: l.status, body: l.body ?? "" } : { error: l.error === "noHost" ? "noHost" : l.error === "refused" ? "refused" : "timeout", host: u.host, port: u.port };
        out = { result, target: t, ...(l.pod ? { pod: l.pod } : {}), ...(l.serviceKey ? { serviceKey: l.serviceKey } : {}) };
        return;
      }
      const pod = l.pod;
      const rec = this.acct.podCache(pod).rec;
      this.stats.roll(rec);
      const r = this.net.runtime.httpGet(pod, l.port, u.path, this.events.now(), t.client.ip, userAgent);
      const latency = this.profiles.latencyMs(pod, l.port, rec.rps, t.client.node, hops);
      if (typeof r === "string") {
        this.stats.failedAt(rec, 1);
        if (l.serviceKey) this.stats.serviceResult(l.serviceKey, 1, 1, 0);
        out = { result: { error: "refused", host: u.host, port: u.port }, target: t, pod, ...(l.serviceKey ? { serviceKey: l.serviceKey } : {}) };
        return;
      }
      this.stats.served(rec, 1, latency, r.status >= 400);
      if (l.serviceKey) this.stats.serviceResult(l.serviceKey, 1, r.status >= 400 ? 1 : 0, latency);
      out = { result: { status: r.status, body: r.body }, target: t, pod, latencyMs: latency, ...(l.serviceKey ? { serviceKey: l.serviceKey } : {}) };
    };
    this.net.deliver(t, 1, (l) => finish(l, 0));
    return out;
  }

  /** wget/curl/nslookup inside `pod`'s containers. */
  processHost(pod: Pod): ProcessHost {
    const ns = pod.metadata.namespace ?? "default";
    const current = (): Pod => this.net.book.pod(ns, pod.metadata.name) ?? pod;
    return {
      httpGet: (url) => {
        const p = current();
        const client = this.net.podClient(p.status?.podIP ? p : { ...p, status: { ...p.status, podIP: "" } });
        return this.fetch(url, client, ns, "Wget").result;
      },
      lookup: (name) => {
        const client = this.net.podClient(current());
        if (!client.searches) return undefined;
        const a = this.net.dns.resolve(name, { searches: client.searches });
        return a.rcode === "NOERROR" ? a.addresses : undefined;
      },
    };
  }

  /** The pod is gone: keep its counters (marked gone), drop cached profiles. */
  podDeleted(uid: string): void {
    this.stats.podGone(uid);
    this.profiles.forget(uid);
  }
}
