// The bootstrap bindings and namespaced roles kube-apiserver creates with its ClusterRoles, and the
// ones kubeadm adds when it sets a cluster up (kind runs kubeadm).
// mirrors ClusterRoleBindings() (bootstrappolicy/policy.go), buildControllerRoles' bindings
// (controller_policy.go), NamespaceRoles()/NamespaceRoleBindings() (namespace_policy.go, as rendered in
// testdata/namespace-roles.yaml and namespace-role-bindings.yaml), and kubeadm's
// cmd/kubeadm/app/phases/{bootstraptoken/clusterinfo,bootstraptoken/node,kubeconfig,addons/proxy,
// addons/dns} (the "kubeadm:*" objects, system:coredns, and kubeadm:cluster-admins since v1.29).
import type { Subject } from "../types";
import { CONTROLLER_ROLE_PREFIX, CONTROLLER_SERVICE_ACCOUNTS } from "./controllerRoles";
import { role, rule, type RoleDef } from "./rules";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const user = (name: string): Subject => ({ kind: "User", apiGroup: RBAC_GROUP, name });
const group = (name: string): Subject => ({ kind: "Group", apiGroup: RBAC_GROUP, name });
const sa = (namespace: string, name: string): Subject => ({ kind: "ServiceAccount", name, namespace });

export interface BindingDef {
  name: string;
  namespace?: string;
  roleKind: "ClusterRole" | "Role";
  roleName: string;
  subjects: Subject[];
}

const clusterBinding = (name: string, subjects: Subject[], roleName = name): BindingDef => ({ name, roleKind: "ClusterRole", roleName, subjects });
const roleBinding = (namespace: string, name: string, roleName: string, subjects: Subject[]): BindingDef => ({ name, namespace, roleKind: "Role", roleName, subjects });

export const CLUSTER_ROLE_BINDINGS: readonly BindingDef[] = [
  clusterBinding("cluster-admin", [group("system:masters")]),
  clusterBinding("system:monitoring", [group("system:monitoring")]),
  clusterBinding("system:discovery", [group("system:authenticated")]),
  clusterBinding("system:basic-user", [group("system:authenticated")]),
  clusterBinding("system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
  clusterBinding("system:node-proxier", [user("system:kube-proxy")]),
  clusterBinding("system:kube-controller-manager", [user("system:kube-controller-manager")]),
  clusterBinding("system:kube-dns", [sa("kube-system", "kube-dns")]),
  clusterBinding("system:kube-scheduler", [user("system:kube-scheduler")]),
  clusterBinding("system:volume-scheduler", [user("system:kube-scheduler")]),
  clusterBinding("system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
  // Nodes are authorized by the Node authorizer; the binding is kept with no subjects.
  clusterBinding("system:node", []),
  ...CONTROLLER_SERVICE_ACCOUNTS.map((name) => clusterBinding(`${CONTROLLER_ROLE_PREFIX}${name}`, [sa("kube-system", name)])),
];

export const NAMESPACE_ROLES: readonly (RoleDef & { namespace: string })[] = [
  { namespace: "kube-public", ...role("system:controller:bootstrap-signer", [rule("get list watch", "core", "configmaps"), rule("update", "core", "configmaps", "cluster-info"), rule("create patch update", "core events.k8s.io", "events")]) },
  { namespace: "kube-system", ...role("extension-apiserver-authentication-reader", [rule("get list watch", "core", "configmaps", "extension-apiserver-authentication")]) },
  { namespace: "kube-system", ...role("system::leader-locking-kube-controller-manager", [rule("create get list update watch", "coordination.k8s.io", "leases"), rule("create get list update watch", "coordination.k8s.io", "leasecandidates")]) },
  { namespace: "kube-system", ...role("system::leader-locking-kube-scheduler", [rule("create get list update watch", "coordination.k8s.io", "leases"), rule("create get list update watch", "coordination.k8s.io", "leasecandidates")]) },
  { namespace: "kube-system", ...role("system:controller:bootstrap-signer", [rule("get list watch", "core", "secrets")]) },
  { namespace: "kube-system", ...role("system:controller:cloud-provider", [rule("create get list watch", "core", "configmaps")]) },
  { namespace: "kube-system", ...role("system:controller:token-cleaner", [rule("delete get list watch", "core", "secrets"), rule("create patch update", "core events.k8s.io", "events")]) },
];

export const NAMESPACE_ROLE_BINDINGS: readonly BindingDef[] = [
  roleBinding("kube-public", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer", [sa("kube-system", "bootstrap-signer")]),
  roleBinding("kube-system", "system::extension-apiserver-authentication-reader", "extension-apiserver-authentication-reader", [user("system:kube-controller-manager"), user("system:kube-scheduler")]),
  roleBinding("kube-system", "system::leader-locking-kube-controller-manager", "system::leader-locking-kube-controller-manager", [
    user("system:kube-controller-manager"), sa("kube-system", "kube-controller-manager"), sa("kube-system", "leader-election-controller"),
  ]),
  roleBinding("kube-system", "system::leader-locking-kube-scheduler", "system::leader-locking-kube-scheduler", [user("system:kube-scheduler"), sa("kube-system", "kube-scheduler")]),
  roleBinding("kube-system", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer", [sa("kube-system", "bootstrap-signer")]),
  roleBinding("kube-system", "system:controller:cloud-provider", "system:controller:cloud-provider", [sa("kube-system", "cloud-provider")]),
  roleBinding("kube-system", "system:controller:token-cleaner", "system:controller:token-cleaner", [sa("kube-system", "token-cleaner")]),
];

const BOOTSTRAP_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

/** What kubeadm init adds on top (created by "kubeadm", without the bootstrap labels). */
export const KUBEADM_CLUSTER_ROLES: readonly RoleDef[] = [
  role("kubeadm:get-nodes", [rule("get", "core", "nodes")]),
  role("system:coredns", [rule("list watch", "core", "endpoints services pods namespaces"), rule("list watch", "discovery.k8s.io", "endpointslices")]),
];

export const KUBEADM_CLUSTER_ROLE_BINDINGS: readonly BindingDef[] = [
  clusterBinding("kubeadm:cluster-admins", [group("kubeadm:cluster-admins")], "cluster-admin"),
  clusterBinding("kubeadm:get-nodes", [group(BOOTSTRAP_TOKEN_GROUP)]),
  clusterBinding("kubeadm:kubelet-bootstrap", [group(BOOTSTRAP_TOKEN_GROUP)], "system:node-bootstrapper"),
  clusterBinding("kubeadm:node-autoapprove-bootstrap", [group(BOOTSTRAP_TOKEN_GROUP)], "system:certificates.k8s.io:certificatesigningrequests:nodeclient"),
  clusterBinding("kubeadm:node-autoapprove-certificate-rotation", [group("system:nodes")], "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient"),
  clusterBinding("kubeadm:node-proxier", [sa("kube-system", "kube-proxy")], "system:node-proxier"),
  clusterBinding("system:coredns", [sa("kube-system", "coredns")]),
];

export const KUBEADM_ROLES: readonly (RoleDef & { namespace: string })[] = [
  { namespace: "kube-public", ...role("kubeadm:bootstrap-signer-clusterinfo", [rule("get", "core", "configmaps", "cluster-info")]) },
  { namespace: "kube-system", ...role("kube-proxy", [rule("get", "core", "configmaps", "kube-proxy")]) },
  { namespace: "kube-system", ...role("kubeadm:kubelet-config", [rule("get", "core", "configmaps", "kubelet-config")]) },
  { namespace: "kube-system", ...role("kubeadm:nodes-kubeadm-config", [rule("get", "core", "configmaps", "kubeadm-config")]) },
];

export const KUBEADM_ROLE_BINDINGS: readonly BindingDef[] = [
  roleBinding("kube-public", "kubeadm:bootstrap-signer-clusterinfo", "kubeadm:bootstrap-signer-clusterinfo", [user("system:anonymous")]),
  roleBinding("kube-system", "kube-proxy", "kube-proxy", [group(BOOTSTRAP_TOKEN_GROUP)]),
  roleBinding("kube-system", "kubeadm:kubelet-config", "kubeadm:kubelet-config", [group("system:nodes"), group(BOOTSTRAP_TOKEN_GROUP)]),
  roleBinding("kube-system", "kubeadm:nodes-kubeadm-config", "kubeadm:nodes-kubeadm-config", [group(BOOTSTRAP_TOKEN_GROUP), group("system:nodes")]),
];

/** Service accounts kubeadm's addons run as. */
export const KUBEADM_SERVICE_ACCOUNTS: readonly string[] = ["coredns", "kube-proxy"];
