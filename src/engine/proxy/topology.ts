// Which endpoints a node's kube-proxy may send a service port's traffic to.
// mirrors CategorizeEndpoints (k/k pkg/proxy/topology.go): "usable" means Ready, falling back to
// Serving-and-Terminating endpoints (independently for Cluster and Local) when none is Ready — the
// ProxyTerminatingEndpoints behaviour, GA since v1.28. Topology hints are not modelled (the simulated
// EndpointSlice controller writes none), so the topology mode is always "".
import type { ProxyEndpoint } from "./endpointsCache";
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from "./serviceInfo";

export interface CategorizedEndpoints {
  /** Usable endpoints for Cluster traffic policy (empty if the port never uses it). */
  readonly cluster: readonly ProxyEndpoint[];
  /** Usable endpoints on this node for Local traffic policy (empty if the port never uses it). */
  readonly local: readonly ProxyEndpoint[];
  /** Whether any endpoint anywhere can serve (decides REJECT versus DROP). */
  readonly hasAnyEndpoints: boolean;
}

const NONE: readonly ProxyEndpoint[] = [];

const isReady = (ep: ProxyEndpoint): boolean => ep.ready;
const isServingTerminating = (ep: ProxyEndpoint): boolean => ep.serving && ep.terminating;

export function categorizeEndpoints(endpoints: readonly ProxyEndpoint[], info: ServicePortInfo, nodeName: string | undefined): CategorizedEndpoints {
  if (endpoints.length === 0) return { cluster: NONE, local: NONE, hasAnyEndpoints: false };
  let cluster: readonly ProxyEndpoint[] = NONE;
  let hasAny = false;
  if (usesClusterEndpoints(info)) {
    cluster = endpoints.filter(isReady);
    if (cluster.length === 0) cluster = endpoints.filter(isServingTerminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(info)) return { cluster, local: NONE, hasAnyEndpoints: hasAny };
  let localReady = false;
  let localServingTerminating = false;
  for (const ep of endpoints) {
    const local = ep.nodeName !== undefined && ep.nodeName === nodeName;
    if (ep.ready) {
      hasAny = true;
      if (local) localReady = true;
    } else if (isServingTerminating(ep)) {
      hasAny = true;
      if (local) localServingTerminating = true;
    }
  }
  let local: readonly ProxyEndpoint[] = NONE;
  if (localReady) local = endpoints.filter((ep) => ep.nodeName === nodeName && ep.ready);
  else if (localServingTerminating) local = endpoints.filter((ep) => ep.nodeName === nodeName && isServingTerminating(ep));
  return { cluster, local, hasAnyEndpoints: hasAny };
}
