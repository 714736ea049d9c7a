// The ClusterRoles kube-apiserver creates at start (its rbac/bootstrap-roles post-start hook), rule for
// rule. mirrors ClusterRoles() (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go) as rendered in
// bootstrappolicy/testdata/cluster-roles.yaml (stored copy at commit 025f2834; v1.34 adds feature-gated
// DRA rules Kubelab does not simulate). admin, edit and view carry no rules of their own: the
// clusterrole-aggregation controller fills them from the system:aggregate-to-* roles.
import { EVENTS_RULE, role, rule, urls, type RoleDef } from "./rules";

const AGG = "rbac.authorization.k8s.io/aggregate-to-";
const toAdmin = { [`${AGG}admin`]: "true" };
const toEdit = { [`${AGG}edit`]: "true" };
const toView = { [`${AGG}view`]: "true" };
const WRITE = "create delete deletecollection patch update";
const READ = "get list watch";

/** NodeRules(): what a kubelet may do (the system:node role; the Node authorizer checks these). */
export const NODE_RULES = [
  rule("create", "authentication.k8s.io", "tokenreviews"),
  rule("create", "authorization.k8s.io", "localsubjectaccessreviews subjectaccessreviews"),
  rule(READ, "core", "services"),
  rule("create get list watch", "core", "nodes"),
  rule("patch update", "core", "nodes/status"),
  rule("patch update", "core", "nodes"),
  rule("create patch update", "core", "events"),
  rule(READ, "core", "pods"),
  rule("create delete", "core", "pods"),
  rule("patch update", "core", "pods/status"),
  rule("create", "core", "pods/eviction"),
  rule(READ, "core", "configmaps secrets"),
  rule("get", "core", "persistentvolumeclaims persistentvolumes"),
  rule("get", "core", "endpoints"),
  rule("create get list watch", "certificates.k8s.io", "certificatesigningrequests"),
  rule("create delete get patch update", "coordination.k8s.io", "leases"),
  rule("get", "storage.k8s.io", "volumeattachments"),
  rule("create", "core", "serviceaccounts/token"),
  rule("get patch update", "core", "persistentvolumeclaims/status"),
  rule(READ, "storage.k8s.io", "csidrivers"),
  rule("create delete get patch update", "storage.k8s.io", "csinodes"),
  rule(READ, "node.k8s.io", "runtimeclasses"),
];

export const CLUSTER_ROLES: readonly RoleDef[] = [
  { name: "admin", rules: null, aggregateFrom: toAdmin },
  role("cluster-admin", [rule("*", "*", "*"), urls("*", "*")]),
  { name: "edit", rules: null, labels: toAdmin, aggregateFrom: toEdit },
  role("system:aggregate-to-admin", [
    rule("create", "authorization.k8s.io", "localsubjectaccessreviews"),
    rule(`create delete deletecollection get list patch update watch`, "rbac.authorization.k8s.io", "rolebindings roles"),
  ], toAdmin),
  role("system:aggregate-to-edit", [
    rule(READ, "core", "pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy"),
    rule("impersonate", "core", "serviceaccounts"),
    rule(WRITE, "core", "pods pods/attach pods/exec pods/portforward pods/proxy"),
    rule("create", "core", "pods/eviction"),
    rule(WRITE, "core", "configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy"),
    rule("create", "core", "serviceaccounts/token"),
    rule(WRITE, "apps", "daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale"),
    rule(WRITE, "autoscaling", "horizontalpodautoscalers"),
    rule(WRITE, "batch", "cronjobs jobs"),
    rule(WRITE, "extensions", "daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale"),
    rule(WRITE, "policy", "poddisruptionbudgets"),
    rule(WRITE, "networking.k8s.io", "ingresses networkpolicies"),
    rule("create delete deletecollection get list patch update watch", "coordination.k8s.io", "leases"),
  ], toEdit),
  role("system:aggregate-to-view", [
    rule(READ, "core", "configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status"),
    rule(READ, "core", "bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status"),
    rule(READ, "core", "namespaces"),
    rule(READ, "discovery.k8s.io", "endpointslices"),
    rule(READ, "apps", "controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status"),
    rule(READ, "autoscaling", "horizontalpodautoscalers horizontalpodautoscalers/status"),
    rule(READ, "batch", "cronjobs cronjobs/status jobs jobs/status"),
    rule(READ, "extensions", "daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale"),
    rule(READ, "policy", "poddisruptionbudgets poddisruptionbudgets/status"),
    rule(READ, "networking.k8s.io", "ingresses ingresses/status networkpolicies"),
  ], toView),
  role("system:auth-delegator", [
    rule("create", "authentication.k8s.io", "tokenreviews"),
    rule("create", "authorization.k8s.io", "subjectaccessreviews"),
  ]),
  role("system:basic-user", [
    rule("create", "authorization.k8s.io", "selfsubjectaccessreviews selfsubjectrulesreviews"),
    rule("create", "authentication.k8s.io", "selfsubjectreviews"),
  ]),
  role("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [rule("create", "certificates.k8s.io", "certificatesigningrequests/nodeclient")]),
  role("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [rule("create", "certificates.k8s.io", "certificatesigningrequests/selfnodeclient")]),
  role("system:certificates.k8s.io:kube-apiserver-client-approver", [rule("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client")]),
  role("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", [rule("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client-kubelet")]),
  role("system:certificates.k8s.io:kubelet-serving-approver", [rule("approve", "certificates.k8s.io", "signers", "kubernetes.io/kubelet-serving")]),
  role("system:certificates.k8s.io:legacy-unknown-approver", [rule("approve", "certificates.k8s.io", "signers", "kubernetes.io/legacy-unknown")]),
  role("system:discovery", [urls("get", "/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/")]),
  role("system:heapster", [rule(READ, "core", "events namespaces nodes pods"), rule(READ, "extensions", "deployments")]),
  role("system:kube-aggregator", [rule(READ, "core", "endpoints services")]),
  role("system:kube-controller-manager", [
    EVENTS_RULE,
    rule("create", "coordination.k8s.io", "leases"),
    rule("get update", "coordination.k8s.io", "leases", "kube-controller-manager"),
    rule("create", "core", "secrets serviceaccounts"),
    rule("delete", "core", "secrets"),
    rule("get", "core", "configmaps namespaces secrets serviceaccounts"),
    rule("update", "core", "secrets serviceaccounts"),
    rule("create", "authentication.k8s.io", "tokenreviews"),
    rule("create", "authorization.k8s.io", "subjectaccessreviews"),
    rule("list watch", "*", "*"),
    rule("create", "core", "serviceaccounts/token"),
  ]),
  role("system:kube-dns", [rule("list watch", "core", "endpoints services")]),
  role("system:kube-scheduler", [
    EVENTS_RULE,
    rule("create", "coordination.k8s.io", "leases"),
    rule("get update", "coordination.k8s.io", "leases", "kube-scheduler"),
    rule(READ, "core", "nodes"),
    rule("delete get list watch", "core", "pods"),
    rule("create", "core", "bindings pods/binding"),
    rule("patch update", "core", "pods/status"),
    rule(READ, "core", "replicationcontrollers services"),
    rule(READ, "apps extensions", "replicasets"),
    rule(READ, "apps", "statefulsets"),
    rule(READ, "policy", "poddisruptionbudgets"),
    rule(READ, "core", "persistentvolumeclaims persistentvolumes"),
    rule("create", "authentication.k8s.io", "tokenreviews"),
    rule("create", "authorization.k8s.io", "subjectaccessreviews"),
    rule(READ, "storage.k8s.io", "csinodes"),
    rule(READ, "core", "namespaces"),
    rule(READ, "storage.k8s.io", "csidrivers"),
    rule(READ, "storage.k8s.io", "csistoragecapacities"),
  ]),
  role("system:kubelet-api-admin", [rule(READ, "core", "nodes"), rule("proxy", "core", "nodes"), rule("*", "core", "nodes/log nodes/metrics nodes/proxy nodes/stats")]),
  role("system:monitoring", [urls("get", "/healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/*")]),
  role("system:node", NODE_RULES),
  role("system:node-bootstrapper", [rule("create get list watch", "certificates.k8s.io", "certificatesigningrequests")]),
  role("system:node-problem-detector", [rule("get", "core", "nodes"), rule("patch", "core", "nodes/status"), EVENTS_RULE]),
  role("system:node-proxier", [rule("list watch", "core", "endpoints services"), rule(READ, "core", "nodes"), EVENTS_RULE, rule("list watch", "discovery.k8s.io", "endpointslices")]),
  role("system:persistent-volume-provisioner", [
    rule("create delete get list watch", "core", "persistentvolumes"),
    rule("get list update watch", "core", "persistentvolumeclaims"),
    rule(READ, "storage.k8s.io", "storageclasses"),
    rule("watch", "core", "events"),
    EVENTS_RULE,
  ]),
  role("system:public-info-viewer", [urls("get", "/healthz /livez /readyz /version /version/")]),
  role("system:service-account-issuer-discovery", [urls("get", "/.well-known/openid-configuration /openid/v1/jwks")]),
  role("system:volume-scheduler", [
    rule("get list patch update watch", "core", "persistentvolumes"),
    rule(READ, "storage.k8s.io", "storageclasses"),
    rule("get list patch update watch", "core", "persistentvolumeclaims"),
  ]),
  { name: "view", rules: null, labels: toEdit, aggregateFrom: toView },
];
