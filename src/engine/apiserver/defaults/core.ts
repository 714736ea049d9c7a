// Defaulting of the core/v1 kinds other than pods and controllers.
// mirrors SetDefaults_Service, SetDefaults_Namespace(+Status), SetDefaults_Secret, SetDefaults_NodeStatus,
// SetDefaults_PersistentVolume(+Claim), SetDefaults_Endpoints, SetDefaults_LimitRangeItem and the ResourceList
// defaulting the generated code applies to them (k/k pkg/apis/core/v1/defaults.go, zz_generated.defaults.go).
// Mutates the object it is given.
import { defaultPersistentVolumeClaimSpec } from "./podSpec";
import { defaultResourceList } from "./resourceList";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** v1.DefaultClientIPServiceAffinitySeconds: 3 hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

// mirrors service.ExternallyAccessible (k/k pkg/api/v1/service/util.go)
function externallyAccessible(spec: Obj): boolean {
  return spec.type === "LoadBalancer" || spec.type === "NodePort" ||
    (spec.type === "ClusterIP" && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

// mirrors SetDefaults_Service, then what the service registry does before validation: NormalizeClusterIPs
// (k/k pkg/registry/core/service/strategy.go) and the IP-family fields of initIPFamilyFields
// (k/k pkg/registry/core/service/storage/alloc.go) for a single-stack IPv4 cluster.
export function defaultService(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP") {
    const cfg = spec.sessionAffinityConfig;
    if (!isObj(cfg) || !isObj(cfg.clientIP) || cfg.clientIP.timeoutSeconds == null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  if (!spec.type) spec.type = "ClusterIP";
  if (Array.isArray(spec.ports)) {
    for (const sp of spec.ports) {
      if (!isObj(sp)) continue;
      if (!sp.protocol) sp.protocol = "TCP";
      if (sp.targetPort == null || sp.targetPort === 0 || sp.targetPort === "") sp.targetPort = sp.port;
    }
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = "Cluster";
  if (spec.internalTrafficPolicy == null && (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP")) {
    spec.internalTrafficPolicy = "Cluster";
  }
  if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;

  // NormalizeClusterIPs (service strategy): a user-set clusterIP seeds clusterIPs.
  if (spec.clusterIP && (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP];

  if (spec.type !== "ExternalName") {
    const headless = spec.clusterIP === "None" || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === "None");
    const hasSelector = isObj(spec.selector) && Object.keys(spec.selector).length > 0;
    // Headless services without a selector may be dual-stack; everything else is single-stack.
    if (spec.ipFamilyPolicy == null) spec.ipFamilyPolicy = headless && !hasSelector ? "RequireDualStack" : "SingleStack";
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ["IPv4"];
  }
}

// mirrors SetDefaults_Namespace (the kubernetes.io/metadata.name label) and SetDefaults_NamespaceStatus
export function defaultNamespace(obj: Obj): void {
  if (!isObj(obj.metadata)) obj.metadata = {};
  const name = obj.metadata.name;
  // Nameless namespaces (generateName) get the label from the registry strategy instead.
  if (typeof name === "string" && name.length > 0) {
    obj.metadata.labels = { ...(isObj(obj.metadata.labels) ? obj.metadata.labels : {}), "kubernetes.io/metadata.name": name };
  }
  if (!isObj(obj.status)) obj.status = {};
  if (!obj.status.phase) obj.status.phase = "Active";
}

// mirrors SetDefaults_Secret
export function defaultSecret(obj: Obj): void {
  if (!obj.type) obj.type = "Opaque";
}

// mirrors SetObjectDefaults_Node: SetDefaults_NodeStatus then ResourceList defaults.
export function defaultNode(obj: Obj): void {
  if (!isObj(obj.status)) return;
  const status = obj.status;
  if (status.allocatable == null && isObj(status.capacity)) status.allocatable = { ...status.capacity };
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatable);
}

// mirrors SetDefaults_PersistentVolume
export function defaultPersistentVolume(obj: Obj): void {
  if (!isObj(obj.status)) obj.status = {};
  if (!obj.status.phase) obj.status.phase = "Pending";
  if (!isObj(obj.spec)) obj.spec = {};
  if (!obj.spec.persistentVolumeReclaimPolicy) obj.spec.persistentVolumeReclaimPolicy = "Retain";
  if (obj.spec.volumeMode == null) obj.spec.volumeMode = "Filesystem";
  defaultResourceList(obj.spec.capacity);
  if (isObj(obj.spec.hostPath) && obj.spec.hostPath.type == null) obj.spec.hostPath.type = "";
}

// mirrors SetDefaults_PersistentVolumeClaim + SetDefaults_PersistentVolumeClaimSpec
export function defaultPersistentVolumeClaim(obj: Obj): void {
  if (!isObj(obj.status)) obj.status = {};
  if (!obj.status.phase) obj.status.phase = "Pending";
  if (!isObj(obj.spec)) obj.spec = {};
  defaultPersistentVolumeClaimSpec(obj.spec);
  defaultResourceList(obj.status.capacity);
}

// mirrors SetDefaults_Endpoints
export function defaultEndpoints(obj: Obj): void {
  if (!Array.isArray(obj.subsets)) return;
  for (const ss of obj.subsets) {
    if (!isObj(ss) || !Array.isArray(ss.ports)) continue;
    for (const p of ss.ports) if (isObj(p) && !p.protocol) p.protocol = "TCP";
  }
}

// mirrors SetDefaults_LimitRangeItem + ResourceList defaults of SetObjectDefaults_LimitRange
export function defaultLimitRange(obj: Obj): void {
  if (!isObj(obj.spec) || !Array.isArray(obj.spec.limits)) return;
  for (const item of obj.spec.limits) {
    if (!isObj(item)) continue;
    if (item.type === "Container") {
      if (!isObj(item.default)) item.default = {};
      if (!isObj(item.defaultRequest)) item.defaultRequest = {};
      // A max without a default limit: the limit defaults to the max.
      for (const [k, v] of Object.entries(isObj(item.max) ? item.max : {})) if (!(k in item.default)) item.default[k] = v;
      // A default limit without a default request: the request defaults to the limit.
      for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      // Still no default request but a min: the request defaults to the min.
      for (const [k, v] of Object.entries(isObj(item.min) ? item.min : {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      // Empty maps are omitempty in the JSON upstream returns.
      if (Object.keys(item.default).length === 0) delete item.default;
      if (Object.keys(item.defaultRequest).length === 0) delete item.defaultRequest;
    }
    for (const key of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) defaultResourceList(item[key]);
  }
}

// mirrors the ResourceList defaults of SetObjectDefaults_ResourceQuota
export function defaultResourceQuota(obj: Obj): void {
  if (isObj(obj.spec)) defaultResourceList(obj.spec.hard);
  if (isObj(obj.status)) {
    defaultResourceList(obj.status.hard);
    defaultResourceList(obj.status.used);
  }
}
