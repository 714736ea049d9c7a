// Turning stored API objects into the ViewItems the page draws (protocol.ts). Every text column comes from
// the same printer functions `kubectl get` uses (kubectl/printers/columns), so the page and the terminal
// agree byte for byte: a pod the graph labels "CrashLoopBackOff" is one `kubectl get pods` prints so.
import type { KubeObject, Node, Pod } from "../api/types";
import { podStatusSummary } from "../kubectl/printers/columns/pods";
import { findNodeRoles, nodeStatus } from "../kubectl/printers/columns/nodes";
import { servicePrinter } from "../kubectl/printers/columns/services";
import { deploymentPrinter } from "../kubectl/printers/columns/deployments";
import { replicaSetPrinter, replicationControllerPrinter } from "../kubectl/printers/columns/replicasets";
import { statefulSetPrinter } from "../kubectl/printers/columns/statefulsets";
import { daemonSetPrinter } from "../kubectl/printers/columns/daemonsets";
import { jobPrinter } from "../kubectl/printers/columns/jobs";
import { formatHosts } from "../kubectl/printers/columns/networking";
import { SIM_EPOCH_MS } from "../sim/clock";
import type { IngressView, NodeView, PodView, ServiceView, WorkloadView } from "../protocol";

/** The workload kinds the graph draws, by store resource (plural) name. */
export const WORKLOAD_RESOURCES: Readonly<Record<string, WorkloadView["kind"]>> = {
  deployments: "Deployment",
  replicasets: "ReplicaSet",
  statefulsets: "StatefulSet",
  daemonsets: "DaemonSet",
  jobs: "Job",
  cronjobs: "CronJob",
  replicationcontrollers: "ReplicationController",
};

const ZONE_LABEL = "topology.kubernetes.io/zone";

/** metav1.Time (RFC 3339) as simulated ms since the sim epoch; 0 when absent or malformed. */
export function simMs(timestamp: string | undefined): number {
  if (!timestamp) return 0;
  const abs = Date.parse(timestamp);
  return Number.isNaN(abs) ? 0 : abs - SIM_EPOCH_MS;
}

/** The controller owner reference (controller: true), as GetControllerOf finds it. */
export function controllerOf(obj: KubeObject): { kind: string; uid: string } | undefined {
  for (const ref of obj.metadata.ownerReferences ?? []) if (ref.controller) return { kind: ref.kind, uid: ref.uid };
  return undefined;
}

/** A taint as `kubectl describe node` prints it: key[=value]:effect. */
export function taintString(t: { key?: string; value?: string; effect?: string }): string {
  return `${t.key ?? ""}${t.value ? `=${t.value}` : ""}:${t.effect ?? ""}`;
}

export function podView(pod: Pod, previous: PodView | undefined): PodView {
  // READY and STATUS do not depend on the clock; RESTARTS' "(5m ago)" suffix does, so the count is summed here.
  const s = podStatusSummary(pod, 0);
  let restarts = 0;
  for (const c of pod.status?.containerStatuses ?? []) restarts += c.restartCount ?? 0;
  for (const c of pod.status?.initContainerStatuses ?? []) restarts += c.restartCount ?? 0;
  const owner = controllerOf(pod);
  const v: {
    -readonly [K in keyof PodView]: PodView[K];
  } = {
    kind: "Pod",
    id: pod.metadata.uid,
    namespace: pod.metadata.namespace ?? "",
    name: pod.metadata.name,
    status: s.reason,
    phase: pod.status?.phase ?? "",
    ready: s.ready,
    restarts,
    labels: pod.metadata.labels ?? {},
    terminating: !!pod.metadata.deletionTimestamp,
    // The creation time never changes for a uid: reuse it rather than parse a date per update.
    createdAt: previous?.createdAt ?? simMs(pod.metadata.creationTimestamp),
  };
  if (pod.spec?.nodeName) v.nodeName = pod.spec.nodeName;
  if (owner) {
    v.ownerKind = owner.kind;
    v.ownerId = owner.uid;
  }
  const ip = pod.status?.podIP;
  if (ip) v.podIP = ip;
  return v;
}

export function nodeView(node: Node, machineUp: boolean, podCount: number): NodeView {
  const alloc = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string | undefined>;
  const zone = node.metadata.labels?.[ZONE_LABEL];
  const v: { -readonly [K in keyof NodeView]: NodeView[K] } = {
    kind: "Node",
    id: node.metadata.uid,
    name: node.metadata.name,
    status: nodeStatus(node),
    roles: findNodeRoles(node).join(",") || "<none>",
    taints: (node.spec?.taints ?? []).map(taintString),
    machineUp,
    cpu: alloc.cpu ?? "0",
    memory: alloc.memory ?? "0",
    podCapacity: Number(alloc.pods ?? 0) || 0,
    podCount,
  };
  if (zone !== undefined) v.zone = zone;
  return v;
}

function cellText(c: unknown): string {
  return c === null || c === undefined ? "" : String(c);
}

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

export function workloadView(obj: KubeObject, kind: WorkloadView["kind"]): WorkloadView {
  let ready: string;
  let desired: number | undefined;
  switch (kind) {
    case "Deployment":
      ready = cellText(deploymentPrinter.row(obj, 0)[1]);
      desired = num(obj.spec?.replicas, 1);
      break;
    case "StatefulSet":
      ready = cellText(statefulSetPrinter.row(obj, 0)[1]);
      desired = num(obj.spec?.replicas, 1);
      break;
    case "ReplicaSet":
    case "ReplicationController": {
      // kubectl prints DESIRED, CURRENT and READY apart; the graph shows READY/DESIRED.
      const row = (kind === "ReplicaSet" ? replicaSetPrinter : replicationControllerPrinter).row(obj, 0);
      ready = `${cellText(row[3])}/${cellText(row[1])}`;
      desired = num(row[1], 1);
      break;
    }
    case "DaemonSet": {
      const row = daemonSetPrinter.row(obj, 0);
      ready = `${cellText(row[3])}/${cellText(row[1])}`;
      desired = num(row[1], 0);
      break;
    }
    case "Job":
      ready = cellText(jobPrinter.row(obj, 0)[2]);
      desired = num(obj.spec?.completions, 1);
      break;
    case "CronJob":
      // kubectl's ACTIVE column: how many Jobs it is running now.
      ready = `${Array.isArray(obj.status?.active) ? obj.status.active.length : 0} active`;
      break;
  }
  const owner = controllerOf(obj);
  const v: { -readonly [K in keyof WorkloadView]: WorkloadView[K] } = {
    kind,
    id: obj.metadata.uid,
    namespace: obj.metadata.namespace ?? "",
    name: obj.metadata.name,
    ready,
  };
  if (desired !== undefined) v.desired = desired;
  if (owner) {
    v.ownerKind = owner.kind;
    v.ownerId = owner.uid;
  }
  return v;
}

/** Endpoints of a Service's EndpointSlices, split by readiness (a nil `ready` condition means ready). */
export interface EndpointPods {
  ready: string[];
  notReady: string[];
}

export function endpointPods(slices: Iterable<KubeObject>): EndpointPods {
  const ready = new Set<string>();
  const notReady = new Set<string>();
  for (const slice of slices) {
    for (const ep of (slice.endpoints ?? []) as { targetRef?: { kind?: string; uid?: string }; conditions?: { ready?: boolean } }[]) {
      const uid = ep.targetRef?.kind === "Pod" ? ep.targetRef.uid : undefined;
      if (!uid) continue;
      if (ep.conditions?.ready === false) notReady.add(uid);
      else ready.add(uid);
    }
  }
  for (const uid of ready) notReady.delete(uid);
  return { ready: [...ready].sort(), notReady: [...notReady].sort() };
}

export function serviceView(svc: KubeObject, endpoints: EndpointPods): ServiceView {
  const row = servicePrinter.row(svc, 0);
  const external = cellText(row[3]);
  const v: { -readonly [K in keyof ServiceView]: ServiceView[K] } = {
    kind: "Service",
    id: svc.metadata.uid,
    namespace: svc.metadata.namespace ?? "",
    name: svc.metadata.name,
    type: cellText(row[1]),
    clusterIP: cellText(row[2]),
    ports: cellText(row[4]),
    readyPodIds: endpoints.ready,
    notReadyPodIds: endpoints.notReady,
  };
  if (external !== "<none>" && external !== "") v.externalIP = external;
  const selector = svc.spec?.selector as Record<string, string> | undefined;
  if (selector) v.selector = selector;
  return v;
}

export function ingressView(ing: KubeObject): IngressView {
  const rules = Array.isArray(ing.spec?.rules) ? (ing.spec.rules as unknown[]) : [];
  const names = new Set<string>();
  const backend = (b: unknown) => {
    const name = (b as { service?: { name?: string } } | undefined)?.service?.name;
    if (name) names.add(name);
  };
  backend(ing.spec?.defaultBackend);
  for (const r of rules as { http?: { paths?: { backend?: unknown }[] } }[]) for (const p of r.http?.paths ?? []) backend(p.backend);
  return {
    kind: "Ingress",
    id: ing.metadata.uid,
    namespace: ing.metadata.namespace ?? "",
    name: ing.metadata.name,
    hosts: formatHosts(rules),
    serviceNames: [...names].sort(),
  };
}

/**
 * Whether two view items would draw the same. Items are flat records whose values are scalars, arrays of
 * scalars or string maps, so a one-level structural compare is exact (and far cheaper than JSON).
 */
export function sameItem(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  if (ka.length !== Object.keys(rb).length) return false;
  for (const k of ka) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      continue;
    }
    if (x && y && typeof x === "object" && typeof y === "object") {
      const mx = x as Record<string, unknown>;
      const my = y as Record<string, unknown>;
      const kx = Object.keys(mx);
      if (kx.length !== Object.keys(my).length) return false;
      for (const kk of kx) if (mx[kk] !== my[kk]) return false;
      continue;
    }
    return false;
  }
  return true;
}
