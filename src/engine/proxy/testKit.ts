// Builders for the network models' unit tests: Services and EndpointSlices as the API server stores them.
import type { EndpointSlice, Service, ServiceSpec } from "../controllers/endpointslice/types";

let uid = 0;
const meta = (name: string, namespace = "default", labels?: Record<string, string>) => ({
  name,
  namespace,
  uid: `uid-${++uid}`,
  resourceVersion: "1",
  creationTimestamp: "2025-01-01T00:00:00Z",
  ...(labels ? { labels } : {}),
});

export function service(name: string, spec: Partial<ServiceSpec>, namespace = "default", status?: Service["status"]): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(name, namespace),
    spec: { type: "ClusterIP", clusterIP: "10.96.100.1", ports: [{ port: 80, protocol: "TCP", targetPort: 80 }], sessionAffinity: "None", internalTrafficPolicy: "Cluster", ...spec },
    ...(status ? { status } : {}),
  } as Service;
}

export interface EndpointInput {
  ip: string;
  node?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  pod?: string;
  hostname?: string;
}

export function slice(name: string, svc: string, ports: { name?: string; port: number }[], endpoints: EndpointInput[], namespace = "default"): EndpointSlice {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: meta(name, namespace, { "kubernetes.io/service-name": svc, "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" }),
    addressType: "IPv4",
    ports: ports.map((p) => ({ name: p.name ?? "", protocol: "TCP", port: p.port })),
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: {
        ...(e.ready !== undefined ? { ready: e.ready } : {}),
        ...(e.serving !== undefined ? { serving: e.serving } : {}),
        ...(e.terminating !== undefined ? { terminating: e.terminating } : {}),
      },
      ...(e.node ? { nodeName: e.node } : {}),
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod ? { targetRef: { kind: "Pod", namespace, name: e.pod, uid: `pod-${e.pod}` } } : {}),
    })),
  } as EndpointSlice;
}
