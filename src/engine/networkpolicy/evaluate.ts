// NetworkPolicy evaluation: may a connection from a client (a pod, or an address outside the cluster)
// reach a pod on a port? Two independent checks must both pass:
//   - egress: a client pod is isolated for egress when some policy of its namespace selects it with
//     policyTypes Egress; then at least one egress rule of those policies must allow the destination;
//   - ingress: likewise for the destination pod with policyTypes Ingress and ingress rules.
// A pod no policy selects for a direction is not isolated in that direction (all allowed). Policies only
// add: the allowed set is the union of every selecting policy's rules. policyTypes, when absent, is
// Ingress plus Egress if the policy has egress rules (SetDefaults_NetworkPolicy).
// Semantics from web concepts/services-networking/network-policies.md and k8s.io/api networking/v1
// types.go; `port` is the port on the destination pod (after any Service translation), as policies see it.
import type { KubeObject, Pod } from "../api/types";
import { portsMatch, peerMatches, selectorOf, type Endpoint, type NetworkPolicyPeer, type NetworkPolicyPort } from "./peers";

export interface PolicyInput {
  /** The client: a pod, or an address outside the cluster. */
  from: { pod: KubeObject } | { ip: string };
  to: KubeObject;
  port: number;
  protocol: "TCP" | "UDP" | "SCTP";
  /** All NetworkPolicy objects in the cluster. */
  policies: readonly KubeObject[];
  /** All Namespace objects (for namespaceSelector). */
  namespaces: readonly KubeObject[];
}

export interface PolicyVerdict {
  allowed: boolean;
  /** Why, for `sim can-reach` and the page: e.g. "no NetworkPolicy selects pod default/web-1". */
  reason: string;
}

interface Rule {
  from?: NetworkPolicyPeer[] | null;
  to?: NetworkPolicyPeer[] | null;
  ports?: NetworkPolicyPort[] | null;
}

interface NetworkPolicySpec {
  podSelector?: { matchLabels?: Record<string, string> } | null;
  policyTypes?: string[] | null;
  ingress?: Rule[] | null;
  egress?: Rule[] | null;
}

type Direction = "Ingress" | "Egress";

// mirrors SetDefaults_NetworkPolicy's policyTypes (k/k pkg/apis/networking/v1/defaults.go)
export function policyTypes(spec: NetworkPolicySpec): readonly string[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  return spec.egress && spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

function ref(o: KubeObject): string {
  return `${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}

/** Policies of `pod`'s namespace that select it for `direction`, sorted by name. */
export function selectingPolicies(pod: KubeObject, direction: Direction, policies: readonly KubeObject[]): KubeObject[] {
  const ns = pod.metadata.namespace ?? "default";
  const out: KubeObject[] = [];
  for (const p of policies) {
    if ((p.metadata.namespace ?? "default") !== ns) continue;
    const spec = (p.spec ?? {}) as NetworkPolicySpec;
    if (!policyTypes(spec).includes(direction)) continue;
    // podSelector is required; {} selects every pod of the namespace.
    const sel = selectorOf(spec.podSelector ?? {});
    if (sel && sel.matches(pod.metadata.labels)) out.push(p);
  }
  return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** A rule matches when any of its peers (none listed: any peer) and any of its ports (none: any) match. */
function ruleAllows(rule: Rule, peers: NetworkPolicyPeer[] | null | undefined, policyNamespace: string, other: Endpoint, input: PolicyInput): boolean {
  if (!portsMatch(rule.ports, input.port, input.protocol, input.to)) return false;
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => peerMatches(peer, policyNamespace, other));
}

interface Check {
  allowed: boolean;
  text: string;
}

function check(direction: Direction, subject: KubeObject, other: Endpoint, otherText: string, input: PolicyInput): Check {
  const verb = direction === "Ingress" ? `ingress to ${ref(subject)}` : `egress from ${ref(subject)}`;
  const selecting = selectingPolicies(subject, direction, input.policies);
  if (selecting.length === 0) return { allowed: true, text: `no NetworkPolicy selects pod ${ref(subject)} for ${direction.toLowerCase()}` };
  for (const p of selecting) {
    const spec = (p.spec ?? {}) as NetworkPolicySpec;
    const rules = (direction === "Ingress" ? spec.ingress : spec.egress) ?? [];
    const ns = p.metadata.namespace ?? "default";
    for (const rule of rules) {
      if (ruleAllows(rule, direction === "Ingress" ? rule.from : rule.to, ns, other, input)) return { allowed: true, text: `${verb} allowed by NetworkPolicy ${ref(p)}` };
    }
  }
  const names = selecting.map((p) => `NetworkPolicy ${ref(p)}`).join(", ");
  return { allowed: false, text: `${verb} denied: isolated by ${names}, and no ${direction.toLowerCase()} rule allows ${otherText} on ${input.protocol} port ${input.port}` };
}

function labelsByNamespace(namespaces: readonly KubeObject[]): Map<string, Readonly<Record<string, string>>> {
  let m = cached.get(namespaces);
  if (!m) {
    m = new Map();
    for (const ns of namespaces) m.set(ns.metadata.name, ns.metadata.labels ?? {});
    cached.set(namespaces, m);
  }
  return m;
}
const cached = new WeakMap<readonly KubeObject[], Map<string, Readonly<Record<string, string>>>>();

function podIP(pod: KubeObject): string | undefined {
  const ip = (pod as Pod).status?.podIP;
  return typeof ip === "string" && ip !== "" ? ip : undefined;
}

export function policyAllows(input: PolicyInput): PolicyVerdict {
  const nsLabels = labelsByNamespace(input.namespaces);
  const to = input.to;
  const dest: Endpoint = { pod: to as Pod, namespaceLabels: nsLabels.get(to.metadata.namespace ?? "default"), ip: podIP(to) };
  let client: Endpoint;
  let clientText: string;
  if ("pod" in input.from) {
    const p = input.from.pod;
    client = { pod: p as Pod, namespaceLabels: nsLabels.get(p.metadata.namespace ?? "default"), ip: podIP(p) };
    clientText = `pod ${ref(p)}`;
  } else {
    client = { ip: input.from.ip };
    clientText = input.from.ip;
  }
  const ingress = check("Ingress", to, client, clientText, input);
  // Egress policies only govern pods: traffic from outside the cluster has no egress side here.
  const egress = client.pod ? check("Egress", client.pod, dest, `pod ${ref(to)}`, input) : undefined;
  const allowed = ingress.allowed && (egress?.allowed ?? true);
  const parts = allowed ? [ingress, egress] : [ingress, egress].filter((c) => c && !c.allowed);
  return { allowed, reason: parts.filter((c): c is Check => c !== undefined).map((c) => c.text).join("; ") };
}
