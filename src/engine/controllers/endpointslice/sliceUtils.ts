// Building blocks of an EndpointSlice: one endpoint per pod, the ports resolved on that pod, a new slice
// owned by its Service, and the labels a slice mirrors from its Service.
// mirrors podToEndpoint, getEndpointPorts, getEndpointAddresses, newEndpointSlice, ownedBy,
// getSliceToFill, addTriggerTimeAnnotation and setEndpointSliceLabels (k8s.io/endpointslice/utils.go).
import { isPodReady } from "../../api/podutil";
import type { KubeObject, Node, Pod } from "../../api/types";
import { rfc3339 } from "../../sim/clock";
import { findPort, podIPs, shouldSetHostname } from "./podEndpoints";
import {
  ANNOTATION_LAST_CHANGE_TRIGGER_TIME, isServiceIPSet, LABEL_HEADLESS_SERVICE, LABEL_MANAGED_BY, LABEL_SERVICE_NAME,
  LABEL_TOPOLOGY_ZONE, type Endpoint, type EndpointPort, type EndpointSlice, type Service,
} from "./types";

export type AddressType = EndpointSlice["addressType"];

// mirrors podToEndpoint: serving = Ready, terminating = being deleted, ready = serving && !terminating
// (always true with publishNotReadyAddresses).
export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Endpoint = {
    addresses: getEndpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  return ep;
}

// mirrors getEndpointAddresses: the pod IPs of the slice's family.
function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const out: string[] = [];
  for (const ip of podIPs(pod)) {
    const v6 = ip.includes(":");
    if ((v6 && addressType === "IPv6") || (!v6 && addressType === "IPv4")) out.push(ip);
  }
  return out;
}

// mirrors getEndpointPorts: a Service port that does not resolve on this pod is left out for this pod.
export function getEndpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const ports = svc.spec.ports ?? [];
  const out: EndpointPort[] = [];
  if (ports.length === 0 && svc.spec.clusterIP === "None") return out;
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? "", protocol: sp.protocol ?? "TCP", port };
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

// mirrors newEndpointSlice: generateName "<service>-", a controller reference to the Service.
export function newEndpointSlice(svc: Service, ports: EndpointPort[], addressType: AddressType, controllerName: string): EndpointSlice {
  const slice = {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: {} as Record<string, string>,
      ownerReferences: [{ apiVersion: "v1", kind: "Service", name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [] as Endpoint[],
    ports,
  } as unknown as EndpointSlice;
  slice.metadata.labels = setEndpointSliceLabels(slice, svc, controllerName)[0];
  return slice;
}

// mirrors ownedBy
export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  for (const o of slice.metadata.ownerReferences ?? []) {
    if (o.uid === svc.metadata.uid && o.kind === "Service" && o.apiVersion === "v1") return true;
  }
  return false;
}

// mirrors getSliceToFill: the slice that ends up closest to full after taking `numEndpoints`.
export function getSliceToFill(slices: readonly EndpointSlice[], numEndpoints: number, maxEndpoints: number): EndpointSlice | undefined {
  let closestDiff = maxEndpoints;
  let closest: EndpointSlice | undefined;
  for (const s of slices) {
    const diff = maxEndpoints - (numEndpoints + (s.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

/** addTriggerTimeAnnotation: set it to the trigger time (RFC 3339, UTC), or clear it when there is none. */
export function addTriggerTimeAnnotation(obj: KubeObject, triggerTimeAbsMs: number | undefined): void {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (triggerTimeAbsMs !== undefined) annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = rfc3339(triggerTimeAbsMs);
  else delete annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
  if (Object.keys(annotations).length > 0) obj.metadata.annotations = annotations;
  else delete obj.metadata.annotations;
}

const isReservedLabelKey = (k: string): boolean => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS_SERVICE;

/**
 * setEndpointSliceLabels: the slice's labels are the Service's (minus the reserved keys), plus the
 * headless marker, the service-name and managed-by labels. The boolean says whether the mirrored part
 * differs from what the slice carries.
 */
export function setEndpointSliceLabels(slice: EndpointSlice, svc: Service, controllerName: string): [Record<string, string>, boolean] {
  const current: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice.metadata.labels ?? {})) if (!isReservedLabelKey(k)) current[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!isReservedLabelKey(k)) labels[k] = v;
  const a = Object.keys(current);
  const updated = a.length !== Object.keys(labels).length || a.some((k) => current[k] !== labels[k]);
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS_SERVICE] = "";
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = controllerName;
  return [labels, updated];
}
