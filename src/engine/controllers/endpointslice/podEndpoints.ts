// Pod-side rules shared by the EndpointSlice and Endpoints controllers: which pods belong in endpoints,
// which port a Service port resolves to on a pod, and which pod changes matter.
// mirrors k8s.io/endpointslice/util/controller_utils.go (ShouldPodBeInEndpoints, ShouldSetHostname,
// podEndpointsChanged, GetPodUpdateProjectionKey, GetServicesToUpdate, determineNeededServiceUpdates)
// and FindPort (k8s.io/endpointslice/utils.go, pkg/api/v1/pod/util.go).
import { isPodReady } from "../../api/podutil";
import type { Pod } from "../../api/types";
import { selectorMatches, serviceSelector, type Service, type ServicePort } from "./types";

// mirrors ShouldPodBeInEndpoints: terminal pods and pods without an IP never are; terminating pods only
// when the caller includes them (EndpointSlices always do, Endpoints only with publishNotReadyAddresses).
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Failed" || phase === "Succeeded") return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

// mirrors ShouldSetHostname: a pod with spec.hostname whose subdomain names this Service.
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's container ports
 * (then its sidecars') with the Service port's protocol. Undefined when nothing matches.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  const protocol = sp.protocol ?? "TCP";
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== "Always") continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pod's IPs in order (status.podIPs; endpoints read only this list, as upstream). */
export function podIPs(pod: Pod): string[] {
  const ips = pod.status?.podIPs;
  return ips ? ips.map((x) => x.ip) : [];
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  let n = 0;
  for (const k in x) {
    n++;
    if (x[k] !== y[k]) return false;
  }
  for (const _k in y) n--;
  return n === 0;
}

/**
 * podEndpointsChanged: [podChanged, labelsChanged]. The first is true when the pod's endpoint may differ
 * (deletion started, readiness flipped, IPs changed); the second when the Services it matches may differ.
 */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): [boolean, boolean] {
  const labelsChanged = !sameLabels(oldPod.metadata.labels, newPod.metadata.labels) ||
    oldPod.spec.hostname !== newPod.spec.hostname || oldPod.spec.subdomain !== newPod.spec.subdomain;
  if (oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const a = podIPs(oldPod);
  const b = podIPs(newPod);
  if (a.length !== b.length) return [true, labelsChanged];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return [true, labelsChanged];
  return [false, labelsChanged];
}

/** The keys ("ns/name") of the Services among `services` whose selector matches `labels`. */
export function servicesForLabels(services: readonly Service[], labels: Record<string, string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const svc of services) {
    const sel = serviceSelector(svc);
    if (sel && selectorMatches(sel, labels)) out.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }
  return out;
}

/**
 * GetServicesToUpdateOnPodChange: which Services to resync after a pod update. `services` are the pod's
 * namespace's Services. Pure status noise (same endpoint, same labels) resyncs nothing.
 */
export function servicesToUpdateOnPodChange(services: readonly Service[], oldPod: Pod, newPod: Pod): Set<string> {
  if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return new Set();
  const [podChanged, labelsChanged] = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = servicesForLabels(services, newPod.metadata.labels);
  if (!labelsChanged) return current;
  const previous = servicesForLabels(services, oldPod.metadata.labels);
  // determineNeededServiceUpdates: a changed pod touches both sets; a relabel only the difference.
  const out = new Set<string>();
  for (const k of current) if (podChanged || !previous.has(k)) out.add(k);
  for (const k of previous) if (podChanged || !current.has(k)) out.add(k);
  return out;
}
