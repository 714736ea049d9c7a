// The API server's discovery data: which group/version/kinds exist in a v1.34 cluster, their resource
// (plural) names, short names, scope, and whether the engine runs a control loop for them.
// Mirrors what `kubectl api-resources` prints on a v1.34 kind cluster, restricted to the kinds Kubelab
// knows. A kind that is not here (or a removed version such as batch/v1beta1 CronJob) gets kubectl's
// `no matches for kind "X" in version "Y"`.

export interface ResourceType {
  group: string; // "" for the core group
  version: string;
  kind: string;
  /** Plural lowercase name used in URLs, RBAC and `kubectl get` (pods, deployments). */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  /** True when a control loop in the engine acts on the kind; false: stored and listed only. */
  simulated: boolean;
}

function rt(
  groupVersion: string,
  kind: string,
  resource: string,
  shortNames: string[],
  namespaced: boolean,
  simulated: boolean,
): ResourceType {
  const [group, version] = groupVersion.includes("/") ? groupVersion.split("/") as [string, string] : ["", groupVersion];
  return { group, version, kind, resource, singular: kind.toLowerCase(), shortNames, namespaced, simulated };
}

/** Every resource type the API server serves. Order is the order `kubectl api-resources` prints. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt("v1", "Binding", "bindings", [], true, true),
  rt("v1", "ConfigMap", "configmaps", ["cm"], true, true),
  rt("v1", "Endpoints", "endpoints", ["ep"], true, true),
  rt("v1", "Event", "events", ["ev"], true, true),
  rt("v1", "LimitRange", "limitranges", ["limits"], true, true),
  rt("v1", "Namespace", "namespaces", ["ns"], false, true),
  rt("v1", "Node", "nodes", ["no"], false, true),
  rt("v1", "PersistentVolumeClaim", "persistentvolumeclaims", ["pvc"], true, true),
  rt("v1", "PersistentVolume", "persistentvolumes", ["pv"], false, true),
  rt("v1", "Pod", "pods", ["po"], true, true),
  rt("v1", "PodTemplate", "podtemplates", [], true, false),
  rt("v1", "ReplicationController", "replicationcontrollers", ["rc"], true, true),
  rt("v1", "ResourceQuota", "resourcequotas", ["quota"], true, true),
  rt("v1", "Secret", "secrets", [], true, true),
  rt("v1", "ServiceAccount", "serviceaccounts", ["sa"], true, true),
  rt("v1", "Service", "services", ["svc"], true, true),
  rt("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", [], false, false),
  rt("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", [], false, false),
  rt("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", [], false, false),
  rt("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", [], false, false),
  rt("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", ["crd", "crds"], false, false),
  rt("apps/v1", "ControllerRevision", "controllerrevisions", [], true, true),
  rt("apps/v1", "DaemonSet", "daemonsets", ["ds"], true, true),
  rt("apps/v1", "Deployment", "deployments", ["deploy"], true, true),
  rt("apps/v1", "ReplicaSet", "replicasets", ["rs"], true, true),
  rt("apps/v1", "StatefulSet", "statefulsets", ["sts"], true, true),
  rt("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ["hpa"], true, true),
  rt("autoscaling/v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ["hpa"], true, true),
  rt("batch/v1", "CronJob", "cronjobs", ["cj"], true, true),
  rt("batch/v1", "Job", "jobs", [], true, true),
  rt("coordination.k8s.io/v1", "Lease", "leases", [], true, true),
  rt("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", [], true, true),
  rt("events.k8s.io/v1", "Event", "events", ["ev"], true, false),
  rt("networking.k8s.io/v1", "IngressClass", "ingressclasses", [], false, true),
  rt("networking.k8s.io/v1", "Ingress", "ingresses", ["ing"], true, true),
  rt("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", ["netpol"], true, true),
  rt("node.k8s.io/v1", "RuntimeClass", "runtimeclasses", [], false, false),
  rt("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", ["pdb"], true, true),
  rt("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", [], false, true),
  rt("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", [], false, true),
  rt("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", [], true, true),
  rt("rbac.authorization.k8s.io/v1", "Role", "roles", [], true, true),
  rt("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", ["pc"], false, true),
  rt("storage.k8s.io/v1", "CSIDriver", "csidrivers", [], false, false),
  rt("storage.k8s.io/v1", "CSINode", "csinodes", [], false, false),
  rt("storage.k8s.io/v1", "StorageClass", "storageclasses", ["sc"], false, true),
  rt("storage.k8s.io/v1", "VolumeAttachment", "volumeattachments", [], false, false),
];

export function groupVersionOf(t: ResourceType): string {
  return t.group === "" ? t.version : `${t.group}/${t.version}`;
}

/** The resource type for an apiVersion + kind, or undefined when the cluster does not serve it. */
export function resourceTypeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  // Two map lookups: the API server resolves every request's object through here, and a scan building a
  // "group/version" string per entry was a measurable share of every write.
  return typesByKind().get(kind)?.get(apiVersion);
}

/** kind → apiVersion → type, made on first use; the first registered entry wins (as a scan would find it). */
let byKind: Map<string, Map<string, ResourceType>> | undefined;
function typesByKind(): Map<string, Map<string, ResourceType>> {
  if (byKind) return byKind;
  byKind = new Map();
  for (const t of RESOURCE_TYPES) {
    let byVersion = byKind.get(t.kind);
    if (!byVersion) byKind.set(t.kind, (byVersion = new Map()));
    const gv = groupVersionOf(t);
    if (!byVersion.has(gv)) byVersion.set(gv, t);
  }
  return byKind;
}

/**
 * Resolves what a user typed (`po`, `pods`, `pod`, `deployments.apps`, `deploy`) to a resource type, the
 * way kubectl's RESTMapper does: plural, singular or short name, optionally qualified by group. The
 * preferred version wins when several versions serve the resource (autoscaling/v2 over v1).
 */
export function resolveResource(input: string): ResourceType | undefined {
  const lower = input.toLowerCase();
  const dot = lower.indexOf(".");
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  for (const t of RESOURCE_TYPES) {
    if (group !== undefined && t.group !== group && groupVersionOf(t) !== group) continue;
    // events.k8s.io serves "events" too, but kubectl resolves plain "events" to core/v1.
    if (group === undefined && t.group === "events.k8s.io") continue;
    if (t.resource === name || t.singular === name || t.shortNames.includes(name)) return t;
  }
  return undefined;
}

/** The key the store files an object under: `<resource>/<namespace>/<name>` or `<resource>/<name>`. */
export function storageKey(resource: string, namespace: string | undefined, name: string): string {
  return namespace ? `${resource}/${namespace}/${name}` : `${resource}/${name}`;
}
