// ClusterNetwork carries connections through the simulated cluster network: a client (a pod, a client
// pod started for `sim curl`, or a machine outside the cluster) connects to a name or an address; cluster
// DNS turns names into addresses; the rules of the kube-proxy on the node the packet enters decide the
// backend; the backend pod must be on a running machine, allowed by NetworkPolicy and listening.
// The same code serves one connection (wget in a container, `sim curl`) and a count of them (the traffic
// model): with a count, the iptables statistic chain is applied to the count (statistic.ts).
// Who the client is and where its packets go first (DNS, addresses) is targets.ts.
import type { Pod } from "../api/types";
import { policyAllows } from "../networkpolicy/evaluate";
import type { ClusterDns } from "../dns/clusterDns";
import type { AddressBook } from "./addressBook";
import type { ProxyEndpoint } from "./endpointsCache";
import type { KubeProxyModel } from "./kubeProxy";
import type { IngressNginxController } from "./ingress/ingressController";
import { isIngressControllerPod } from "./ingress/ingressHop";
import type { PodRuntime } from "./podRuntime";
import { externalVerdict, internalVerdict, portByNumber, type PortRules, type RuleVerdict, type RulesSnapshot } from "./rules";
import { pickStatistic, splitStatistic, type Uniform } from "./statistic";
import { TargetResolver, type Client, type Entry, type Target } from "./targets";
import type { ErrorKind } from "./trafficStats";

export type { Client, Entry, Target } from "./targets";
export { EXTERNAL_CLIENT_IP } from "./targets";

/** Where connections ended: at a pod's port, or failed. */
export type Landing =
  | { readonly ok: true; readonly pod: Pod; readonly port: number; readonly serviceKey: string | undefined }
  | {
      readonly ok: false;
      readonly error: ErrorKind;
      readonly serviceKey: string | undefined;
      readonly pod?: Pod;
      /** A proxy on the way answered instead of the backend (ingress-nginx 404/502/503/504). */
      readonly status?: number;
      readonly body?: string;
    };

export type Visit = (landing: Landing, count: number) => void;

interface PortListening {
  readonly port: number;
  readonly listening: boolean;
  readonly next: PortListening | undefined;
}

export class ClusterNetwork {
  /** Scratch buffer for splitStatistic (no allocation per tick). */
  private split = new Int32Array(64);
  /** Per pod object, the ports asked about (almost always one: a list, not a Map per pod). */
  private readonly listenCache = new WeakMap<Pod, PortListening>();
  readonly targets: TargetResolver;

  constructor(
    readonly proxy: KubeProxyModel,
    readonly dns: ClusterDns,
    readonly book: AddressBook,
    readonly runtime: PodRuntime,
    readonly ingress: IngressNginxController,
    private readonly nodeUp: (node: string) => boolean,
    readonly random: Uniform,
  ) {
    this.targets = new TargetResolver(proxy, dns, book, ingress, nodeUp, random);
  }

  /** The client `sim curl`/`sim traffic` use inside the cluster (targets.ts). */
  defaultClient(namespace: string): Client {
    return this.targets.defaultClient(namespace);
  }

  externalClient(): Client {
    return this.targets.externalClient();
  }

  podClient(pod: Pod): Client {
    return this.targets.podClient(pod);
  }

  /** Where a client's packets to host:port go (targets.ts). */
  target(host: string, port: number, client: Client | undefined, namespace: string): Target {
    return this.targets.target(host, port, client, namespace);
  }

  /** Whether the node's machine is running. */
  nodeIsUp(node: string): boolean {
    return this.nodeUp(node);
  }

  /** The node's agent, whose `alive` says whether its machine runs (for callers that keep it). */
  nodeAgent(node: string): { readonly alive: boolean } | undefined {
    return this.agents?.(node);
  }

  /** Set by the stack when the cluster offers its kubelets (NetworkStackDeps.nodeAgent). */
  agents: ((node: string) => { readonly alive: boolean } | undefined) | undefined;

  /**
   * Sends `count` connections from `t.client` and reports where they land. `clientIPs` are the source
   * addresses the connections are spread over (session affinity keys on them).
   */
  deliver(t: Target, count: number, visit: Visit, clientIPs: readonly string[] = [t.client.ip]): void {
    if (count <= 0) return;
    const e = t.entry;
    switch (e.kind) {
      case "fail":
        return visit({ ok: false, error: e.error, serviceKey: undefined }, count);
      case "internet":
        return;
      case "pod":
        return this.land(t.client, e.pod, e.port, undefined, count, visit);
      case "clusterIP": {
        const node = t.client.node;
        const np = node !== undefined ? this.proxy.nodeProxy(node) : undefined;
        const port = this.portIn(np?.snapshot ?? this.proxy.latest, e.serviceKey, e.port);
        if (!port) return visit({ ok: false, error: "timeout", serviceKey: e.serviceKey }, count);
        return this.follow(internalVerdict(port, node), port, node, t.client, count, clientIPs, visit);
      }
      case "external":
        return e.node !== undefined ? this.atNode(e.node, e, t.client, count, clientIPs, visit) : this.viaBalancer(e, t.client, count, clientIPs, visit);
    }
  }

  private portIn(rules: RulesSnapshot, serviceKey: string, port: number): PortRules | undefined {
    const svc = rules.services.get(serviceKey);
    return svc ? portByNumber(svc, port) : undefined;
  }

  /** Traffic arriving at `node` for a node port / LB IP: that node's rules, external traffic policy. */
  private atNode(node: string, e: Entry & { kind: "external" }, client: Client, count: number, clientIPs: readonly string[], visit: Visit): void {
    if (!this.nodeUp(node)) return visit({ ok: false, error: "timeout", serviceKey: e.serviceKey }, count);
    const np = this.proxy.nodeProxy(node);
    const port = e.nodePort ? np.snapshot.byNodePort.get(e.nodePort)?.port : this.portIn(np.snapshot, e.serviceKey, e.port);
    if (!port) return visit({ ok: false, error: e.nodePort ? "refused" : "timeout", serviceKey: e.serviceKey }, count);
    this.follow(externalVerdict(port, node, client.inCluster), port, node, client, count, clientIPs, visit);
  }

  /**
   * A cloud load balancer: it spreads connections over the nodes passing its health check — every running
   * node for Cluster policy, only nodes with a local endpoint for Local (kube-proxy's healthCheckNodePort).
   * A client keeps its node (the balancer hashes the source), so ClientIP affinity holds.
   */
  private viaBalancer(e: Entry & { kind: "external" }, client: Client, count: number, clientIPs: readonly string[], visit: Visit): void {
    const latest = this.portIn(this.proxy.latest, e.serviceKey, e.port);
    if (!latest) return visit({ ok: false, error: "timeout", serviceKey: e.serviceKey }, count);
    const local = latest.info.externalPolicyLocal && !client.inCluster;
    const nodes = this.book.nodeNames().filter((n) => this.nodeUp(n) && (!local || latest.categorized(n).local.length > 0));
    if (nodes.length === 0) return visit({ ok: false, error: "timeout", serviceKey: e.serviceKey }, count);
    const one = { ...e, nodePort: 0 };
    if (!local && latest.info.stickyMaxAgeSeconds === 0) return this.atNode(nodes[0]!, one, client, count, clientIPs, visit);
    if (latest.info.stickyMaxAgeSeconds > 0) {
      const per = perClient(count, clientIPs.length);
      for (let i = 0; i < clientIPs.length; i++) {
        if (per[i]! > 0) this.atNode(nodes[hashIP(clientIPs[i]!) % nodes.length]!, one, client, per[i]!, [clientIPs[i]!], visit);
      }
      return;
    }
    const shares = this.splitOver(count, nodes.length);
    for (let i = 0; i < nodes.length; i++) if (shares[i]! > 0) this.atNode(nodes[i]!, one, client, shares[i]!, clientIPs, visit);
  }

  private splitOver(count: number, n: number): Int32Array {
    const out = new Int32Array(n);
    splitStatistic(count, n, this.random, out);
    return out;
  }

  /** After the node's rules: REJECT, DROP, or the statistic chain (with ClientIP affinity first). */
  private follow(v: RuleVerdict, port: PortRules, node: string | undefined, client: Client, count: number, clientIPs: readonly string[], visit: Visit): void {
    const serviceKey = port.info.serviceKey;
    if (v.kind === "reject") return visit({ ok: false, error: "refused", serviceKey }, count);
    if (v.kind === "drop") return visit({ ok: false, error: "timeout", serviceKey }, count);
    const eps = v.endpoints;
    const sticky = port.info.stickyMaxAgeSeconds;
    if (sticky > 0 && node !== undefined) {
      const affinity = this.proxy.nodeProxy(node).affinity;
      const now = this.proxy.now();
      const per = perClient(count, clientIPs.length);
      for (let c = 0; c < clientIPs.length; c++) {
        if (per[c]! === 0) continue;
        const ip = clientIPs[c]!;
        let i = affinity.lookup(port.info.key, ip, eps, now, sticky);
        if (i < 0) i = pickStatistic(eps.length, this.random);
        affinity.record(port.info.key, ip, eps[i]!, now, sticky);
        this.endpoint(client, eps[i]!, serviceKey, per[c]!, visit);
      }
      return;
    }
    if (count === 1) return this.endpoint(client, eps[pickStatistic(eps.length, this.random)]!, serviceKey, 1, visit);
    if (this.split.length < eps.length) this.split = new Int32Array(eps.length * 2);
    const shares = this.split;
    splitStatistic(count, eps.length, this.random, shares);
    // Copy out before visiting: a visit may deliver further (the ingress hop) and reuse the buffer.
    const local = Array.from(shares.subarray(0, eps.length));
    for (let i = 0; i < eps.length; i++) if (local[i]! > 0) this.endpoint(client, eps[i]!, serviceKey, local[i]!, visit);
  }

  /** DNAT to an endpoint: the pod behind it (or whatever owns the address). */
  endpoint(client: Client, ep: ProxyEndpoint, serviceKey: string | undefined, count: number, visit: Visit): void {
    const pod = ep.podKey !== undefined ? this.book.pods.get(ep.podKey) : this.book.podByIP(ep.ip);
    if (!pod || pod.status?.podIP !== ep.ip) {
      // An address outside the cluster (a selector-less Service's manual endpoints) or a pod already gone.
      return visit({ ok: false, error: "timeout", serviceKey }, count);
    }
    this.land(client, pod, ep.port, serviceKey, count, visit);
  }

  /** The packets reach the pod's node: the machine must be up, policy must allow, something must listen. */
  land(client: Client, pod: Pod, port: number, serviceKey: string | undefined, count: number, visit: Visit): void {
    const node = pod.spec.nodeName;
    if (!node || !this.nodeUp(node)) return visit({ ok: false, error: "timeout", serviceKey, pod }, count);
    if (!this.allowed(client, pod, port)) return visit({ ok: false, error: "timeout", serviceKey, pod }, count);
    if (!this.accepts(pod, port)) return visit({ ok: false, error: "refused", serviceKey, pod }, count);
    visit({ ok: true, pod, port, serviceKey }, count);
  }

  /**
   * Whether something in the pod accepts connections on `port`. ingress-nginx's pods are the simulation's
   * own proxy (ingressHop.ts): they listen on their ports. Cached per pod object (a changed pod is a new
   * object) unless the pod's containers are live processes, whose ports can open later.
   */
  accepts(pod: Pod, port: number): boolean {
    const first = this.listenCache.get(pod);
    for (let e = first; e !== undefined; e = e.next) if (e.port === port) return e.listening;
    const v = isIngressControllerPod(pod) || this.runtime.listening(pod, port, this.proxy.now());
    if (!this.runtime.hasLiveView(pod)) this.listenCache.set(pod, { port, listening: v, next: first });
    return v;
  }

  /** NetworkPolicy: with no policy in the cluster everything is allowed (and nothing is evaluated). */
  allowed(client: Client, pod: Pod, port: number): boolean {
    const policies = this.book.policies();
    if (policies.length === 0) return true;
    const from = client.pod ? { pod: client.pod } : { ip: client.ip };
    return policyAllows({ from, to: pod, port, protocol: "TCP", policies, namespaces: this.book.namespaces() }).allowed;
  }
}

/** `count` connections shared by `n` clients: equal shares, the remainder to the first ones. */
export function perClient(count: number, n: number): number[] {
  const base = Math.floor(count / n);
  const rest = count - base * n;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(base + (i < rest ? 1 : 0));
  return out;
}

function hashIP(ip: string): number {
  let h = 0;
  for (let i = 0; i < ip.length; i++) h = (Math.imul(h, 31) + ip.charCodeAt(i)) >>> 0;
  return h;
}
