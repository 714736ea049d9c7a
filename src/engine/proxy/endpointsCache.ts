// Endpoints of one Service, per service port, as kube-proxy assembles them from the Service's
// EndpointSlices: each slice port whose name matches the service port contributes one endpoint per
// address (ip:port). An address seen in several slices is kept once, preferring a ready copy.
// mirrors EndpointSliceCache.endpointInfoByServicePort / addEndpoints and newBaseEndpointInfo
// (k/k pkg/proxy/endpointslicecache.go, pkg/proxy/endpoint.go): nil conditions read as ready=true,
// serving=ready, terminating=false; FQDN slices are ignored.
import type { EndpointSlice } from "../controllers/endpointslice/types";
import { servicePortKey } from "./serviceInfo";

export interface ProxyEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName: string | undefined;
  readonly zone: string | undefined;
  /** The backing pod (targetRef), when the slice names one. */
  readonly podNamespace: string | undefined;
  readonly podName: string | undefined;
  /** "namespace/name" of the pod (the informer key), precomputed for the traffic hot path. */
  readonly podKey: string | undefined;
  readonly podUid: string | undefined;
  readonly hostname: string | undefined;
}

/** "ip:port", Endpoint.String() */
export function endpointString(ep: ProxyEndpoint): string {
  return `${ep.ip}:${ep.port}`;
}

/** An IPv4 address as a number (0 for anything else), for ordering. */
function ipNumber(ip: string): number {
  let n = 0;
  let part = 0;
  let parts = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      n = n * 256 + part;
      part = 0;
      parts++;
    } else if (c >= 48 && c <= 57) part = part * 10 + (c - 48);
    else return 0;
  }
  return parts === 3 ? n * 256 + part : 0;
}

/** Orders IPv4 addresses numerically, then ports: a defined order for rules and output. */
export function compareEndpoints(a: ProxyEndpoint, b: ProxyEndpoint): number {
  return ipNumber(a.ip) - ipNumber(b.ip) || a.port - b.port;
}

/**
 * The endpoints of every port of one Service, keyed by ServicePortName.String(). `slices` are the
 * Service's EndpointSlices (label kubernetes.io/service-name); order does not matter.
 */
export function endpointsByServicePort(namespace: string, service: string, slices: readonly EndpointSlice[]): Map<string, ProxyEndpoint[]> {
  const byPort = new Map<string, Map<string, ProxyEndpoint>>();
  for (const slice of slices) {
    if (slice.addressType === "FQDN") continue;
    for (const p of slice.ports ?? []) {
      if (typeof p.port !== "number") continue;
      const key = servicePortKey(namespace, service, p.name ?? "");
      let set = byPort.get(key);
      if (!set) byPort.set(key, (set = new Map()));
      for (const e of slice.endpoints ?? []) {
        const ip = e.addresses?.[0];
        if (!ip) continue;
        const ready = e.conditions?.ready ?? true;
        const isPod = e.targetRef?.kind === "Pod";
        const ep: ProxyEndpoint = {
          ip,
          port: p.port,
          ready,
          serving: e.conditions?.serving ?? ready,
          terminating: e.conditions?.terminating ?? false,
          nodeName: e.nodeName,
          zone: e.zone,
          podNamespace: isPod ? e.targetRef!.namespace : undefined,
          podName: isPod ? e.targetRef!.name : undefined,
          podKey: isPod ? `${e.targetRef!.namespace}/${e.targetRef!.name}` : undefined,
          podUid: isPod ? e.targetRef!.uid : undefined,
          hostname: e.hostname,
        };
        const id = endpointString(ep);
        const existing = set.get(id);
        if (!existing || (!existing.ready && ep.ready)) set.set(id, ep);
      }
    }
  }
  const out = new Map<string, ProxyEndpoint[]>();
  for (const [key, set] of byPort) out.set(key, [...set.values()].sort(compareEndpoints));
  return out;
}
