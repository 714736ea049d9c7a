// NodeAuthorizer: the "Node" authorization mode, which answers for kubelets (users "system:node:<name>"
// in group "system:nodes"; nobody binds the system:node ClusterRole any more). Upstream checks the static
// NodeRules() and, for secrets, configmaps, volumes and the like, a graph of which objects the node's
// pods reference. Kubelab keeps the static rules only: a kubelet may do what the system:node role lists.
// mirrors NodeAuthorizer.Authorize (plugin/pkg/auth/authorizer/node/node_authorizer.go) and
// NodeIdentifier (pkg/auth/nodeidentifier/default.go).
import { NODE_RULES } from "./bootstrap/clusterRoles";
import { ruleAllows, ruleAllowsAnyName } from "./ruleMatching";
import { NodesGroup, type Attributes, type AuthorizationResult, type UserInfo } from "./types";

const NODE_USER_PREFIX = "system:node:";

/** The node a user speaks for, or undefined when it is not a node identity. */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.name.startsWith(NODE_USER_PREFIX)) return undefined;
  if (!user.groups.includes(NodesGroup)) return undefined;
  const node = user.name.slice(NODE_USER_PREFIX.length);
  return node === "" ? undefined : node;
}

export function nodeUser(node: string): UserInfo {
  return { name: `${NODE_USER_PREFIX}${node}`, groups: [NodesGroup, "system:authenticated"] };
}

const ALLOW: AuthorizationResult = { decision: "Allow", reason: "" };
const NO_OPINION: AuthorizationResult = { decision: "NoOpinion", reason: "" };

export class NodeAuthorizer {
  authorize(a: Attributes): AuthorizationResult {
    if (nodeIdentity(a.user) === undefined) return NO_OPINION;
    for (const rule of NODE_RULES) if (ruleAllows(a, rule)) return ALLOW;
    return NO_OPINION;
  }

  /** Whether a static node rule without resourceNames allows `a`: then any object name is allowed. */
  allowsAnyName(a: Attributes): boolean {
    if (nodeIdentity(a.user) === undefined) return false;
    for (const rule of NODE_RULES) if (ruleAllowsAnyName(a, rule)) return true;
    return false;
  }
}
