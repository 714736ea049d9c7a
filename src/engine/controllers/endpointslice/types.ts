// The discovery.k8s.io/v1 and core/v1 Service-side shapes the endpoint controllers read and write
// (api discovery/v1/types.go, core/v1/types.go), and the well-known label and annotation keys.
import type { KubeObject, ObjectReference } from "../../api/types";

export interface ServicePort {
  name?: string;
  protocol?: "TCP" | "UDP" | "SCTP";
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: ("IPv4" | "IPv6")[];
  publishNotReadyAddresses?: boolean;
  externalTrafficPolicy?: string;
  loadBalancerClass?: string;
  [field: string]: unknown;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: "VIP" | "Proxy";
}

export interface Service extends KubeObject {
  kind: "Service";
  spec: ServiceSpec;
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] }; [field: string]: unknown };
}

/** discovery/v1 EndpointPort. `name` is always written (a pointer to "" when the Service port is unnamed). */
export interface EndpointPort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface Endpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
}

/** `endpoints`/`ports` are null when empty: the API returns nil slices as JSON null (e.g. the placeholder slice). */
export interface EndpointSlice extends KubeObject {
  kind: "EndpointSlice";
  addressType: "IPv4" | "IPv6" | "FQDN";
  endpoints: Endpoint[] | null;
  ports: EndpointPort[] | null;
}

/** discovery.LabelServiceName */
export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";
/** discovery.LabelManagedBy */
export const LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
/** v1.IsHeadlessService */
export const LABEL_HEADLESS_SERVICE = "service.kubernetes.io/headless";
/** v1.EndpointsLastChangeTriggerTime */
export const ANNOTATION_LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
/** v1.LabelTopologyZone */
export const LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone";

/** The Service's selector, or undefined when it has none. An empty map counts as none: the API server's
 * storage round trip turns `selector: {}` into nil, which "matches nothing, not everything". */
export function serviceSelector(svc: Service): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  if (!sel || typeof sel !== "object") return undefined;
  for (const _k in sel) return sel;
  return undefined;
}

/** labels.ValidatedSetSelector(selector).Matches(labels), without allocating. */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const k in selector) if (!labels || labels[k] !== selector[k]) return false;
  return true;
}

// mirrors helper.IsServiceIPSet
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== "None";
}
