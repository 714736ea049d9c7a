// Placeholder: NetworkPolicy evaluation (replaced by the real implementation). Signature is the contract
// the traffic model codes against.
import type { KubeObject } from "../api/types";

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

export function policyAllows(_input: PolicyInput): PolicyVerdict {
  return { allowed: true, reason: "NetworkPolicy evaluation is not implemented yet" };
}
