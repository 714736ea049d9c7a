// The rules one kube-proxy sync programs, as data: per Service, its ports (ServicePortInfo) with their
// endpoints, and indexes by the addresses that capture traffic (cluster IP, node port, load-balancer and
// external IPs). A RulesSnapshot is immutable once built: a node whose kube-proxy stops syncing keeps
// the snapshot it last applied while the others move on.
// mirrors what syncProxyRules writes into KUBE-SERVICES / KUBE-NODEPORTS / KUBE-SVC-* / KUBE-EXT-* and the
// filter table's REJECT/DROP rules (k/k pkg/proxy/iptables/proxier.go).
import type { ProxyEndpoint } from "./endpointsCache";
import type { ServicePortInfo } from "./serviceInfo";
import { categorizeEndpoints, type CategorizedEndpoints } from "./topology";

export class PortRules {
  private readonly perNode = new Map<string, CategorizedEndpoints>();
  private clusterOnly: CategorizedEndpoints | undefined;
  private internalAny: RuleVerdict | undefined;
  private readonly internalByNode = new Map<string, RuleVerdict>();

  constructor(
    readonly info: ServicePortInfo,
    /** Every endpoint of the port (ready or not), in a defined order. */
    readonly endpoints: readonly ProxyEndpoint[],
  ) {}

  /** The remembered verdict for cluster-IP traffic entering at `node` (rules are immutable). */
  internalMemo(node: string | undefined): RuleVerdict | undefined {
    return this.info.internalPolicyLocal ? this.internalByNode.get(node ?? "") : this.internalAny;
  }

  setInternalMemo(node: string | undefined, v: RuleVerdict): void {
    if (this.info.internalPolicyLocal) this.internalByNode.set(node ?? "", v);
    else this.internalAny = v;
  }

  /** CategorizeEndpoints for `node`; the Cluster half does not depend on the node, so it is shared. */
  categorized(node: string | undefined): CategorizedEndpoints {
    if (!this.info.externalPolicyLocal && !this.info.internalPolicyLocal) {
      return (this.clusterOnly ??= categorizeEndpoints(this.endpoints, this.info, undefined));
    }
    const key = node ?? "";
    let c = this.perNode.get(key);
    if (!c) this.perNode.set(key, (c = categorizeEndpoints(this.endpoints, this.info, node)));
    return c;
  }
}

export interface ServiceRules {
  /** "namespace/name" */
  readonly key: string;
  readonly ports: readonly PortRules[];
}

/** Where a packet ends up after the node's rules. */
export type RuleVerdict =
  | { readonly kind: "endpoints"; readonly endpoints: readonly ProxyEndpoint[] }
  /** No endpoints at all: REJECT (the client sees "connection refused" at once). */
  | { readonly kind: "reject" }
  /** A Local traffic policy with no local endpoint: DROP (the client times out). */
  | { readonly kind: "drop" };

const REJECT: RuleVerdict = { kind: "reject" };
const DROP: RuleVerdict = { kind: "drop" };

/** Traffic to the cluster IP (internal traffic policy). Memoized on the rules per node. */
export function internalVerdict(rules: PortRules, node: string | undefined): RuleVerdict {
  const memo = rules.internalMemo(node);
  if (memo) return memo;
  const c = rules.categorized(node);
  let v: RuleVerdict;
  if (!c.hasAnyEndpoints) v = REJECT;
  else if (rules.info.internalPolicyLocal) v = c.local.length > 0 ? { kind: "endpoints", endpoints: c.local } : DROP;
  else v = c.cluster.length > 0 ? { kind: "endpoints", endpoints: c.cluster } : REJECT;
  rules.setInternalMemo(node, v);
  return v;
}

/**
 * Traffic to a node port, load-balancer IP or external IP arriving at `node` (external traffic policy).
 * With Local policy, traffic that starts inside the cluster (a pod or the node itself) is still sent
 * to the cluster-wide endpoints ("pod traffic for … external destinations").
 */
export function externalVerdict(rules: PortRules, node: string | undefined, fromInsideCluster: boolean): RuleVerdict {
  const c = rules.categorized(node);
  if (!c.hasAnyEndpoints) return REJECT;
  if (rules.info.externalPolicyLocal && !fromInsideCluster) return c.local.length > 0 ? { kind: "endpoints", endpoints: c.local } : DROP;
  return c.cluster.length > 0 ? { kind: "endpoints", endpoints: c.cluster } : REJECT;
}

export interface NodePortTarget {
  readonly service: ServiceRules;
  readonly port: PortRules;
}

/** One sync's worth of rules. Build with RulesSnapshot.next(); never mutate a published one. */
export class RulesSnapshot {
  private constructor(
    readonly version: number,
    readonly services: ReadonlyMap<string, ServiceRules>,
    /** cluster IP → Service */
    readonly byClusterIP: ReadonlyMap<string, ServiceRules>,
    /** node port → the Service port that owns it */
    readonly byNodePort: ReadonlyMap<number, NodePortTarget>,
    /** load-balancer ingress IPs and spec.externalIPs → Service */
    readonly byExternalIP: ReadonlyMap<string, ServiceRules>,
  ) {}

  static empty(): RulesSnapshot {
    return new RulesSnapshot(0, new Map(), new Map(), new Map(), new Map());
  }

  /** A new snapshot with `changed` Services replaced (undefined = removed). */
  next(changed: ReadonlyMap<string, ServiceRules | undefined>): RulesSnapshot {
    const services = new Map(this.services);
    const byClusterIP = new Map(this.byClusterIP);
    const byNodePort = new Map(this.byNodePort);
    const byExternalIP = new Map(this.byExternalIP);
    for (const key of changed.keys()) {
      const old = services.get(key);
      if (!old) continue;
      services.delete(key);
      for (const p of old.ports) {
        if (byClusterIP.get(p.info.clusterIP) === old) byClusterIP.delete(p.info.clusterIP);
        if (p.info.nodePort && byNodePort.get(p.info.nodePort)?.service === old) byNodePort.delete(p.info.nodePort);
        for (const ip of [...p.info.loadBalancerIPs, ...p.info.externalIPs]) if (byExternalIP.get(ip) === old) byExternalIP.delete(ip);
      }
    }
    for (const [key, svc] of changed) {
      if (!svc) continue;
      services.set(key, svc);
      for (const p of svc.ports) {
        byClusterIP.set(p.info.clusterIP, svc);
        if (p.info.nodePort) byNodePort.set(p.info.nodePort, { service: svc, port: p });
        for (const ip of [...p.info.loadBalancerIPs, ...p.info.externalIPs]) byExternalIP.set(ip, svc);
      }
    }
    return new RulesSnapshot(this.version + 1, services, byClusterIP, byNodePort, byExternalIP);
  }
}

/** The port of `svc` that a request to `port` (the Service port number) matches, TCP only. */
export function portByNumber(svc: ServiceRules, port: number): PortRules | undefined {
  for (const p of svc.ports) if (p.info.port === port && p.info.protocol === "TCP") return p;
  return undefined;
}
