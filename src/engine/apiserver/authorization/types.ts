// The vocabulary of kube-apiserver authorization: who is asking (user.Info), what they ask
// (authorizer.Attributes) and the answer (Decision + reason). Names follow
// k8s.io/apiserver/pkg/authentication/user and k8s.io/apiserver/pkg/authorization/authorizer.

/** user.Info: the authenticated (or impersonated) identity of a request. */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
  readonly uid?: string;
}

/** authorizer.AttributesRecord for a resource or a non-resource (URL) request. */
export interface Attributes {
  readonly user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection, impersonate, ... */
  readonly verb: string;
  /** False for a non-resource request (GET /healthz): only `path` counts then. */
  readonly resourceRequest: boolean;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  /** "" for a cluster-scoped request (or an all-namespaces list). */
  readonly namespace: string;
  /** "" when the request names no object (list, create). */
  readonly name: string;
  readonly path: string;
}

/** authorizer.Decision. */
export type Decision = "Allow" | "Deny" | "NoOpinion";

export interface AuthorizationResult {
  readonly decision: Decision;
  /** Why (RBAC's "allowed by ..." or its role-resolution errors); may be "". */
  readonly reason: string;
}

/** rbacv1.PolicyRule as stored in Roles and ClusterRoles. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** rbacv1.Subject. */
export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** rbacv1.RoleRef. */
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** Well-known users and groups (k8s.io/apiserver/pkg/authentication/user/user.go). */
export const SystemPrivilegedGroup = "system:masters";
export const NodesGroup = "system:nodes";
export const AllAuthenticated = "system:authenticated";
export const AllUnauthenticated = "system:unauthenticated";
export const Anonymous = "system:anonymous";
export const APIServerUser = "system:apiserver";
export const KubeControllerManager = "system:kube-controller-manager";
export const KubeScheduler = "system:kube-scheduler";
export const KubeProxy = "system:kube-proxy";

/** rbacv1 wildcards (VerbAll, APIGroupAll, ResourceAll, NonResourceAll). */
export const ALL = "*";

/** An Attributes record for a resource request, with the optional fields defaulted. */
export function resourceAttributes(
  user: UserInfo,
  verb: string,
  apiGroup: string,
  resource: string,
  opts: { subresource?: string; namespace?: string; name?: string } = {},
): Attributes {
  return {
    user,
    verb,
    resourceRequest: true,
    apiGroup,
    resource,
    subresource: opts.subresource ?? "",
    namespace: opts.namespace ?? "",
    name: opts.name ?? "",
    path: "",
  };
}

/** An Attributes record for a non-resource request (GET /healthz). */
export function nonResourceAttributes(user: UserInfo, verb: string, path: string): Attributes {
  return { user, verb, resourceRequest: false, apiGroup: "", resource: "", subresource: "", namespace: "", name: "", path };
}
