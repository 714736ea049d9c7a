// Authentication for the simulation: which user.Info each audit actor authenticates as. In a kind
// cluster the learner's kubeconfig (admin.conf) is the client certificate CN=kubernetes-admin,
// O=kubeadm:cluster-admins (kubeadm v1.29+, kubernetes/kubeadm#2414), bound to cluster-admin by the
// ClusterRoleBinding kubeadm:cluster-admins. kube-controller-manager runs with
// --use-service-account-credentials, so each control loop acts as the service account
// kube-system/<controller> bound to system:controller:<controller>; the scheduler is
// system:kube-scheduler; kubelets are system:node:<node> in system:nodes; the API server's loopback
// client is system:apiserver in system:masters.
import { nodeUser } from "./nodeAuthorizer";
import { serviceAccountUser } from "./serviceAccounts";
import { AllAuthenticated, APIServerUser, KubeControllerManager, KubeScheduler, SystemPrivilegedGroup, type UserInfo } from "./types";

/** The learner (kubectl with kind's admin.conf). */
export const KUBERNETES_ADMIN: UserInfo = { name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", AllAuthenticated] };
/** Loopback and kubeadm's super-admin.conf: the privileged group that needs no binding. */
const LOOPBACK: UserInfo = { name: APIServerUser, groups: [AllAuthenticated, SystemPrivilegedGroup] };
const SUPER_ADMIN: UserInfo = { name: "kubernetes-super-admin", groups: [SystemPrivilegedGroup, AllAuthenticated] };
const SCHEDULER: UserInfo = { name: KubeScheduler, groups: [AllAuthenticated] };
const CONTROLLER_MANAGER: UserInfo = { name: KubeControllerManager, groups: [AllAuthenticated] };

/**
 * Audit actors of the simulated control loops (client and event-recorder names) → the upstream service
 * account that loop runs as. Actor names differ from upstream's service account names in places
 * ("endpoints-controller" vs endpoint-controller); this table is the single place that knows.
 */
const CONTROLLER_SERVICE_ACCOUNT: Readonly<Record<string, string>> = {
  "replicaset-controller": "replicaset-controller",
  "replicationcontroller-controller": "replication-controller",
  "replication-controller": "replication-controller",
  "deployment-controller": "deployment-controller",
  "daemon-set-controller": "daemon-set-controller",
  "daemonset-controller": "daemon-set-controller",
  "statefulset-controller": "statefulset-controller",
  "job-controller": "job-controller",
  "cronjob-controller": "cronjob-controller",
  "ttl-after-finished-controller": "ttl-after-finished-controller",
  "endpoints-controller": "endpoint-controller",
  "endpoint-controller": "endpoint-controller",
  "endpointslice-controller": "endpointslice-controller",
  "endpoint-slice-controller": "endpointslice-controller",
  "generic-garbage-collector": "generic-garbage-collector",
  "garbage-collector-controller": "generic-garbage-collector",
  "namespace-controller": "namespace-controller",
  "node-controller": "node-controller",
  "taint-eviction-controller": "node-controller",
  "pod-garbage-collector": "pod-garbage-collector",
  "disruption-controller": "disruption-controller",
  "service-account-controller": "service-account-controller",
  "serviceaccount-controller": "service-account-controller",
  "clusterrole-aggregation-controller": "clusterrole-aggregation-controller",
  "horizontal-pod-autoscaler": "horizontal-pod-autoscaler",
  "persistent-volume-binder": "persistent-volume-binder",
  "pv-protection-controller": "pv-protection-controller",
  "pvc-protection-controller": "pvc-protection-controller",
  "resourcequota-controller": "resourcequota-controller",
  "root-ca-cert-publisher": "root-ca-cert-publisher",
  "ttl-controller": "ttl-controller",
  "attachdetach-controller": "attachdetach-controller",
  "expand-controller": "expand-controller",
  "ephemeral-volume-controller": "ephemeral-volume-controller",
};

const FIXED: Readonly<Record<string, UserInfo>> = {
  kubectl: KUBERNETES_ADMIN,
  "system:apiserver": LOOPBACK,
  kubeadm: SUPER_ADMIN,
  "kube-scheduler": SCHEDULER,
  "default-scheduler": SCHEDULER,
  "kube-controller-manager": CONTROLLER_MANAGER,
  // kind has no in-tree service controller: LoadBalancer Services are served by cloud-provider-kind, a
  // process on the host that talks to the cluster with kind's admin kubeconfig.
  "service-lb-controller": KUBERNETES_ADMIN,
  "service-controller": KUBERNETES_ADMIN,
  // The disruption controller's event recorder names its source "controllermanager".
  controllermanager: serviceAccountUser("kube-system", "disruption-controller"),
};

const cache = new Map<string, UserInfo>();

/**
 * The identity an actor authenticates as. Actors this table does not know (test harnesses, components
 * added before they are given their upstream identity) use the loopback identity, so that a new control
 * loop is never refused for want of an entry here.
 */
export function identityOf(actor: string): UserInfo {
  let u = cache.get(actor);
  if (!u) {
    u = resolve(actor);
    cache.set(actor, u);
  }
  return u;
}

function resolve(actor: string): UserInfo {
  const fixed = FIXED[actor];
  if (fixed) return fixed;
  const sa = CONTROLLER_SERVICE_ACCOUNT[actor];
  if (sa) return serviceAccountUser("kube-system", sa);
  const slash = actor.indexOf("/");
  if (slash > 0) {
    const component = actor.slice(0, slash);
    const host = actor.slice(slash + 1);
    if (component === "kubelet" && host !== "") return nodeUser(host);
    if (component === "kube-proxy") return serviceAccountUser("kube-system", "kube-proxy");
  }
  return LOOPBACK;
}
