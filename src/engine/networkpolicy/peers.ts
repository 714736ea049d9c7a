// The parts of a NetworkPolicy rule: does a peer (podSelector, namespaceSelector, ipBlock) cover the
// other end of a connection, and does a port entry cover its port and protocol?
// Semantics from the networking.k8s.io/v1 API (k8s.io/api networking/v1/types.go, NetworkPolicyPeer and
// NetworkPolicyPort doc comments) and web concepts/services-networking/network-policies.md.
import type { KubeObject, LabelSelector, Pod } from "../api/types";
import { labelSelectorAsSelector, type Selector } from "../apimachinery/labels";
import { cidrContains, parseCidr, parseIP } from "./cidr";

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: { cidr: string; except?: string[] } | null;
}

export interface NetworkPolicyPort {
  protocol?: "TCP" | "UDP" | "SCTP";
  port?: number | string;
  endPort?: number;
}

/** One end of a connection as the rules see it. */
export interface Endpoint {
  /** Set for a pod; undefined for an address outside the cluster. */
  pod?: Pod;
  /** The pod's namespace labels (for namespaceSelector). */
  namespaceLabels?: Readonly<Record<string, string>>;
  /** The pod's IP or the outside address, when known (for ipBlock). */
  ip?: string;
}

// Selectors are parsed once per selector object (policies are immutable once stored).
const selectors = new WeakMap<object, Selector | null>();

/** The selector, or null when it cannot be parsed (matches nothing, as an invalid object would not be stored). */
export function selectorOf(ls: LabelSelector): Selector | null {
  let s = selectors.get(ls);
  if (s === undefined) {
    try {
      s = labelSelectorAsSelector(ls);
    } catch {
      s = null;
    }
    selectors.set(ls, s);
  }
  return s;
}

function matchesSelector(ls: LabelSelector | null | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  // A present-but-empty selector ({}) selects everything; absent is handled by the caller.
  if (!ls) return false;
  const s = selectorOf(ls);
  return s !== null && s.matches(labels);
}

/** Whether `peer` of a policy in `policyNamespace` covers `other`. */
export function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) {
    // ipBlock is meant for addresses outside the cluster; like most plugins, Kubelab also applies it to
    // pod IPs (the API leaves that to the implementation).
    if (!other.ip) return false;
    const ip = parseIP(other.ip);
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (!ip || !cidr || !cidrContains(cidr, ip)) return false;
    for (const ex of peer.ipBlock.except ?? []) {
      const e = parseCidr(ex);
      if (e && cidrContains(e, ip)) return false;
    }
    return true;
  }
  if (!other.pod) return false; // pod and namespace selectors only ever select pods
  const hasPodSel = peer.podSelector !== undefined && peer.podSelector !== null;
  const hasNsSel = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  if (!hasPodSel && !hasNsSel) return false;
  // Without a namespaceSelector the podSelector picks pods of the policy's own namespace.
  const nsOk = hasNsSel ? matchesSelector(peer.namespaceSelector, other.namespaceLabels) : other.pod.metadata.namespace === policyNamespace;
  if (!nsOk) return false;
  return !hasPodSel || matchesSelector(peer.podSelector, other.pod.metadata.labels);
}

/** The port number a named port stands for on `pod` (the destination), for `protocol`. */
export function resolveNamedPort(pod: KubeObject | undefined, name: string, protocol: string): number | undefined {
  for (const c of (pod as Pod | undefined)?.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

/** Whether a rule's `ports` (absent or empty: every port) covers `port`/`protocol` on `destination`. */
export function portsMatch(ports: readonly NetworkPolicyPort[] | undefined | null, port: number, protocol: string, destination: KubeObject | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  for (const p of ports) {
    if ((p.protocol ?? "TCP") !== protocol) continue;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === "string") {
      // A named port is looked up on the destination pod; it takes no endPort.
      if (resolveNamedPort(destination, p.port, protocol) === port) return true;
      continue;
    }
    const end = typeof p.endPort === "number" ? p.endPort : p.port;
    if (port >= p.port && port <= end) return true;
  }
  return false;
}
