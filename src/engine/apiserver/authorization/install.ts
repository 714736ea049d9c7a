// Turning authorization on for a cluster: the API server gets the Node,RBAC chain and, as
// kube-apiserver's rbac/bootstrap-roles post-start hook does, the bootstrap policy is written through the
// loopback client (system:apiserver); then what kubeadm init adds (kubeadm:* objects, CoreDNS and
// kube-proxy accounts) and the service accounts kube-controller-manager creates for its control loops.
// mirrors EnsureRBACPolicy (pkg/registry/rbac/rest/storage_rbac.go).
//
// Invariant: the bootstrap writes draw their UIDs from their own seeded source, so turning RBAC on
// does not shift the cluster's random sequence (every generated pod name stays what it was).
import type { KubeObject } from "../../api/types";
import type { SimClock } from "../../sim/clock";
import type { EventQueue } from "../../sim/eventQueue";
import { deepCopy } from "../../sim/clone";
import { SeededRandom } from "../../sim/random";
import { ApiServer } from "../apiServer";
import { ApiAuthorizer } from "./authorizer";
import {
  CLUSTER_ROLE_BINDINGS, KUBEADM_CLUSTER_ROLE_BINDINGS, KUBEADM_CLUSTER_ROLES, KUBEADM_ROLE_BINDINGS, KUBEADM_ROLES, KUBEADM_SERVICE_ACCOUNTS,
  NAMESPACE_ROLE_BINDINGS, NAMESPACE_ROLES, type BindingDef,
} from "./bootstrap/bindings";
import { CLUSTER_ROLES } from "./bootstrap/clusterRoles";
import { CONTROLLER_ROLES, CONTROLLER_SERVICE_ACCOUNTS } from "./bootstrap/controllerRoles";
import type { RoleDef } from "./bootstrap/rules";

const RBAC = "rbac.authorization.k8s.io/v1";
const BOOTSTRAP_SEED = 0x5eed_0b00;
const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };
const BOOTSTRAPPING = { "kubernetes.io/bootstrapping": "rbac-defaults" };
/** Cloud-provider loops kind does not run: no service account is made for them. */
const NOT_STARTED = new Set(["route-controller", "service-controller"]);

/** The authorizer of `api`, created (AlwaysAllow) when the server has none yet. */
export function authorizerOf(api: ApiServer): ApiAuthorizer {
  if (api.authorizer instanceof ApiAuthorizer) return api.authorizer;
  const a = new ApiAuthorizer(api.store, "AlwaysAllow");
  api.authorizer = a;
  return a;
}

/**
 * Node,RBAC for `api`: cluster-scoped policy now, namespaced roles and service accounts at the first
 * tick (the system namespaces exist by then).
 */
export function installAuthorization(api: ApiServer, clock: SimClock, events: EventQueue): ApiAuthorizer {
  const authz = authorizerOf(api);
  authz.mode = "Node,RBAC";
  const loopback = new ApiServer(api.store, clock, new SeededRandom(BOOTSTRAP_SEED), api.audit);
  loopback.hooks = api.hooks;
  const create = (actor: string, obj: KubeObject): void => {
    const rt = loopback.typeOf(obj);
    const key = rt.namespaced ? `${rt.resource}/${obj.metadata.namespace}/${obj.metadata.name}` : `${rt.resource}/${obj.metadata.name}`;
    if (api.store.get(rt.resource, key)) return;
    loopback.create(actor, obj);
  };
  for (const r of [...CLUSTER_ROLES, ...CONTROLLER_ROLES]) create("system:apiserver", clusterRole(r, true));
  for (const b of CLUSTER_ROLE_BINDINGS) create("system:apiserver", binding(b, true));
  for (const r of KUBEADM_CLUSTER_ROLES) create("kubeadm", clusterRole(r, false));
  for (const b of KUBEADM_CLUSTER_ROLE_BINDINGS) create("kubeadm", binding(b, false));
  events.after(0, "rbac/bootstrap-namespaced", () => {
    for (const r of NAMESPACE_ROLES) create("system:apiserver", namespacedRole(r, r.namespace, true));
    for (const b of NAMESPACE_ROLE_BINDINGS) create("system:apiserver", binding(b, true));
    for (const r of KUBEADM_ROLES) create("kubeadm", namespacedRole(r, r.namespace, false));
    for (const b of KUBEADM_ROLE_BINDINGS) create("kubeadm", binding(b, false));
    for (const name of KUBEADM_SERVICE_ACCOUNTS) create("kubeadm", serviceAccount("kube-system", name));
    const controllers = [...CONTROLLER_SERVICE_ACCOUNTS.filter((n) => !NOT_STARTED.has(n)), "bootstrap-signer", "token-cleaner"].sort();
    for (const name of controllers) create("kube-controller-manager", serviceAccount("kube-system", name));
  });
  return authz;
}

function meta(name: string, bootstrap: boolean, labels?: Record<string, string>, namespace?: string): KubeObject["metadata"] {
  const allLabels = { ...(bootstrap ? BOOTSTRAPPING : {}), ...(labels ?? {}) };
  return {
    name,
    ...(namespace ? { namespace } : {}),
    ...(bootstrap ? { annotations: { ...AUTOUPDATE } } : {}),
    ...(Object.keys(allLabels).length > 0 ? { labels: allLabels } : {}),
  } as KubeObject["metadata"];
}

function clusterRole(r: RoleDef, bootstrap: boolean): KubeObject {
  return {
    apiVersion: RBAC,
    kind: "ClusterRole",
    metadata: meta(r.name, bootstrap, r.labels),
    ...(r.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ...r.aggregateFrom } }] } } : {}),
    rules: r.rules === null ? null : deepCopy(r.rules),
  } as KubeObject;
}

function namespacedRole(r: RoleDef, namespace: string, bootstrap: boolean): KubeObject {
  return { apiVersion: RBAC, kind: "Role", metadata: meta(r.name, bootstrap, r.labels, namespace), rules: deepCopy(r.rules ?? []) } as KubeObject;
}

function binding(b: BindingDef, bootstrap: boolean): KubeObject {
  return {
    apiVersion: RBAC,
    kind: b.namespace ? "RoleBinding" : "ClusterRoleBinding",
    metadata: meta(b.name, bootstrap, undefined, b.namespace),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: b.roleKind, name: b.roleName },
    ...(b.subjects.length > 0 ? { subjects: b.subjects.map((s) => ({ ...s })) } : {}),
  } as KubeObject;
}

function serviceAccount(namespace: string, name: string): KubeObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } } as unknown as KubeObject;
}
