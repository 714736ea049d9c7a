// ServicePortInfo is kube-proxy's view of one port of one Service: the addresses it answers on and the
// policies that decide which endpoints may serve it. kube-proxy skips Services with no cluster IP
// (headless: DNS answers with pod IPs instead) and ExternalName Services (a DNS CNAME only).
// mirrors newBaseServiceInfo and ShouldSkipService (k/k pkg/proxy/serviceport.go, pkg/proxy/service.go,
// pkg/proxy/util/utils.go), ExternallyAccessible / ExternalPolicyLocal / InternalPolicyLocal
// (pkg/apis/core/v1/helper/helpers.go) and BaseServicePortInfo.UsesClusterEndpoints/UsesLocalEndpoints.
import type { Service, ServicePort } from "../controllers/endpointslice/types";

/** v1.DefaultClientIPServiceAffinitySeconds: 3 hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10_800;

export type Protocol = "TCP" | "UDP" | "SCTP";

export interface ServicePortInfo {
  /** ServicePortName.String(): "namespace/name:port-name" (port name may be empty). */
  readonly key: string;
  /** "namespace/name" of the Service. */
  readonly serviceKey: string;
  readonly namespace: string;
  readonly name: string;
  readonly portName: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly clusterIP: string;
  /** 0 when the Service has no node port. */
  readonly nodePort: number;
  readonly loadBalancerIPs: readonly string[];
  readonly externalIPs: readonly string[];
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** sessionAffinity ClientIP timeout in seconds; 0 = no affinity. */
  readonly stickyMaxAgeSeconds: number;
}

/** ServicePortName.String() */
export function servicePortKey(namespace: string, name: string, portName: string): string {
  return `${namespace}/${name}:${portName}`;
}

// mirrors ShouldSkipService: no cluster IP (headless or not yet allocated) or type ExternalName.
export function shouldSkipService(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === "None") return true;
  return svc.spec?.type === "ExternalName";
}

// mirrors helper.ExternallyAccessible: NodePort/LoadBalancer, or external IPs.
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  if (t === "LoadBalancer" || t === "NodePort") return true;
  return t === "ClusterIP" && Array.isArray(svc.spec?.externalIPs) && (svc.spec.externalIPs as unknown[]).length > 0;
}

function stickySeconds(svc: Service): number {
  if (svc.spec?.sessionAffinity !== "ClientIP") return 0;
  const cfg = svc.spec.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: number } } | undefined;
  return cfg?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_AFFINITY_SECONDS;
}

/** The ServicePortInfos of a Service, one per spec.ports entry; empty when kube-proxy skips it. */
export function servicePortInfos(svc: Service): ServicePortInfo[] {
  if (shouldSkipService(svc)) return [];
  const namespace = svc.metadata.namespace ?? "default";
  const name = svc.metadata.name;
  const external = externallyAccessible(svc);
  const lbIPs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);
  const base = {
    serviceKey: `${namespace}/${name}`,
    namespace,
    name,
    clusterIP: svc.spec.clusterIP as string,
    loadBalancerIPs: lbIPs,
    externalIPs: (svc.spec.externalIPs as string[] | undefined) ?? [],
    externalPolicyLocal: external && svc.spec.externalTrafficPolicy === "Local",
    internalPolicyLocal: svc.spec.internalTrafficPolicy === "Local",
    stickyMaxAgeSeconds: stickySeconds(svc),
  };
  return (svc.spec.ports ?? []).map((p: ServicePort) => ({
    ...base,
    key: servicePortKey(namespace, name, p.name ?? ""),
    portName: p.name ?? "",
    protocol: p.protocol ?? "TCP",
    port: p.port,
    nodePort: p.nodePort ?? 0,
  }));
}

// mirrors BaseServicePortInfo.UsesClusterEndpoints: some traffic uses the Cluster policy.
export function usesClusterEndpoints(info: ServicePortInfo): boolean {
  return !info.externalPolicyLocal || !info.internalPolicyLocal;
}

// mirrors BaseServicePortInfo.UsesLocalEndpoints
export function usesLocalEndpoints(info: ServicePortInfo): boolean {
  return info.externalPolicyLocal || info.internalPolicyLocal;
}
