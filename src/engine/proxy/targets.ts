// Targets: who a client is and where the packets of a connection go first. A client is a pod (its node,
// its address, its DNS policy's search path), the client pod `sim curl`/`sim traffic` start in a namespace,
// or a machine outside the cluster. A target is what owns the address the client connects to — a
// Service's cluster IP, a load-balancer or external IP, a node (node ports), a pod — found through cluster
// DNS for names, the simulated internet for public names, or an Ingress host pointed at the controller.
//
// Clients without --from: names and cluster/pod IPs are reached from a client pod in the namespace (like
// `kubectl run curl --rm -it --image=curlimages/curl -- curl URL`), on the first running worker node,
// with address 10.244.<node>.254. Load-balancer IPs, node ports and Ingress hosts are reached from
// outside the cluster, from 203.0.113.10 (TEST-NET-3): that is how their users reach them.
import type { Pod } from "../api/types";
import type { ClusterDns } from "../dns/clusterDns";
import { clusterFirstSearches, isPublicName } from "../dns/dnsNames";
import type { AddressBook } from "./addressBook";
import { INGRESS_NGINX, type IngressNginxController } from "./ingress/ingressController";
import type { KubeProxyModel } from "./kubeProxy";
import { portByNumber } from "./rules";
import type { Uniform } from "./statistic";
import type { ErrorKind } from "./trafficStats";

export const EXTERNAL_CLIENT_IP = "203.0.113.10";

export interface Client {
  /** The node the packets leave from; undefined outside the cluster. */
  readonly node: string | undefined;
  readonly ip: string;
  readonly inCluster: boolean;
  readonly pod: Pod | undefined;
  /** DNS search path; undefined when the client does not use cluster DNS. */
  readonly searches: readonly string[] | undefined;
}

export type Entry =
  | { readonly kind: "clusterIP"; readonly serviceKey: string; readonly port: number }
  /** Node port on `node`, or a load-balancer/external IP (node undefined: the balancer picks nodes). */
  | { readonly kind: "external"; readonly serviceKey: string; readonly port: number; readonly node: string | undefined; readonly nodePort: number }
  | { readonly kind: "pod"; readonly pod: Pod; readonly port: number }
  | { readonly kind: "internet"; readonly host: string }
  | { readonly kind: "fail"; readonly error: ErrorKind };

export interface Target {
  readonly entry: Entry;
  readonly client: Client;
  /** The Host header (the name or address as typed). */
  readonly host: string;
  /** The address connected to, when there was one. */
  readonly ip?: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export class TargetResolver {
  /** The `sim` client per namespace and node (immutable, so shared). */
  private readonly clients = new Map<string, Map<string, Client>>();

  constructor(
    private readonly proxy: KubeProxyModel,
    private readonly dns: ClusterDns,
    private readonly book: AddressBook,
    private readonly ingress: IngressNginxController,
    private readonly nodeUp: (node: string) => boolean,
    private readonly random: Uniform,
  ) {}

  /** The client pod `sim curl`/`sim traffic` use inside the cluster: first running worker node. */
  defaultClient(namespace: string): Client {
    let worker: string | undefined;
    let any: string | undefined;
    for (const n of this.book.nodeNames()) {
      if (!this.nodeUp(n)) continue;
      any ??= n;
      if (n !== "control-plane" && !this.book.nodes.get(n)?.metadata.labels?.["node-role.kubernetes.io/control-plane"]) {
        worker = n;
        break;
      }
    }
    worker ??= any;
    let byNode = this.clients.get(namespace);
    if (!byNode) this.clients.set(namespace, (byNode = new Map()));
    const nodeKey = worker ?? "";
    let c = byNode.get(nodeKey);
    if (!c) {
      const cidr = worker ? this.book.nodes.get(worker)?.spec.podCIDR : undefined;
      const m = cidr ? /^(\d+\.\d+\.\d+)\.0\/24$/.exec(cidr) : null;
      c = { node: worker, ip: m ? `${m[1]}.254` : "10.244.0.254", inCluster: true, pod: undefined, searches: clusterFirstSearches(namespace) };
      byNode.set(nodeKey, c);
    }
    return c;
  }

  externalClient(): Client {
    return { node: undefined, ip: EXTERNAL_CLIENT_IP, inCluster: false, pod: undefined, searches: undefined };
  }

  /** A pod as a client: its node, its IP, its DNS policy's search path. */
  podClient(pod: Pod): Client {
    const ns = pod.metadata.namespace ?? "default";
    const policy = pod.spec.dnsPolicy ?? "ClusterFirst";
    // dnsPolicy ClusterFirst on a host-network pod falls back to Default (the node's resolver).
    const clusterDns = policy === "ClusterFirstWithHostNet" || (policy === "ClusterFirst" && !pod.spec.hostNetwork);
    return { node: pod.spec.nodeName, ip: pod.status?.podIP ?? "", inCluster: true, pod, searches: clusterDns ? clusterFirstSearches(ns) : undefined };
  }

  /** Resolves what a client typed (host and port) to where its packets go. `client` undefined: `sim` defaults. */
  target(host: string, port: number, client: Client | undefined, namespace: string): Target {
    if (IPV4.test(host)) {
      const entry = this.entryForIP(host, port);
      return { entry, client: client ?? this.clientFor(entry, namespace), host, ip: host };
    }
    const asker = client ?? this.defaultClient(namespace);
    // The `sim` client's /etc/hosts points Ingress hosts at the controller (the line the docs have you
    // add); a pod's resolver has no such line.
    if (client === undefined && this.ingress.table().servesHost(host)) {
      const via = this.ingressEntry(port);
      if (via) return { entry: via.entry, client: this.externalClient(), host, ip: via.ip };
    }
    if (asker.searches) {
      const a = this.dns.resolve(host, { searches: asker.searches });
      if (a.rcode === "NOERROR") {
        const ip = a.addresses.length === 1 ? a.addresses[0]! : a.addresses[Math.floor(this.random() * a.addresses.length)]!;
        // A name CoreDNS forwarded upstream (or a CNAME to one) is on the simulated internet.
        const upstream = a.cname ?? (a.name.endsWith(`.${this.dns.domain}`) ? undefined : a.name);
        const entry = upstream !== undefined && isPublicName(upstream) && !this.isClusterAddress(ip) ? { kind: "internet" as const, host: upstream } : this.entryForIP(ip, port);
        return { entry, client: asker, host, ip };
      }
      if (a.rcode === "TIMEOUT") return { entry: { kind: "fail", error: "noHost" }, client: asker, host };
    }
    if (isPublicName(host)) return { entry: { kind: "internet", host }, client: asker, host };
    return { entry: { kind: "fail", error: "noHost" }, client: asker, host };
  }

  /**
   * How a client outside reaches the ingress controller: its load balancer's address, or — while the
   * balancer is pending — the Service's node port on the first running node.
   */
  private ingressEntry(port: number): { entry: Entry; ip: string } | undefined {
    const svc = this.proxy.latest.services.get(`${INGRESS_NGINX.namespace}/${INGRESS_NGINX.service}`);
    const p = svc ? portByNumber(svc, port) : undefined;
    if (!svc || !p) return undefined;
    const lb = p.info.loadBalancerIPs[0];
    if (lb) return { entry: this.entryForIP(lb, port), ip: lb };
    // With externalTrafficPolicy Local (ingress-nginx's default) only nodes running a controller answer.
    const node = this.book.nodeNames().find((n) => this.nodeUp(n) && (!p.info.externalPolicyLocal || p.categorized(n).local.length > 0));
    const ip = node ? this.book.nodeIP(node) : undefined;
    if (!node || !ip || !p.info.nodePort) return undefined;
    return { entry: { kind: "external", serviceKey: svc.key, port, node, nodePort: p.info.nodePort }, ip };
  }

  private clientFor(entry: Entry, namespace: string): Client {
    return entry.kind === "external" ? this.externalClient() : this.defaultClient(namespace);
  }

  private isClusterAddress(ip: string): boolean {
    const rules = this.proxy.latest;
    return rules.byClusterIP.has(ip) || rules.byExternalIP.has(ip) || this.book.podByIP(ip) !== undefined || this.book.nodeNameByIP(ip) !== undefined;
  }

  /** What owns `ip`: a Service's cluster IP, a load-balancer/external IP, a node, a pod — or nothing. */
  entryForIP(ip: string, port: number): Entry {
    const rules = this.proxy.latest;
    const svc = rules.byClusterIP.get(ip);
    if (svc) return portByNumber(svc, port) ? { kind: "clusterIP", serviceKey: svc.key, port } : { kind: "fail", error: "timeout" };
    const ext = rules.byExternalIP.get(ip);
    if (ext) return portByNumber(ext, port) ? { kind: "external", serviceKey: ext.key, port, node: undefined, nodePort: 0 } : { kind: "fail", error: "timeout" };
    const node = this.book.nodeNameByIP(ip);
    if (node) {
      const np = rules.byNodePort.get(port);
      return np ? { kind: "external", serviceKey: np.service.key, port: np.port.info.port, node, nodePort: port } : { kind: "fail", error: "refused" };
    }
    const pod = this.book.podByIP(ip);
    if (pod) return { kind: "pod", pod, port };
    return { kind: "fail", error: "timeout" };
  }
}
