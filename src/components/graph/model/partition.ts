// partition sorts the store's flat item map into what the graph draws: control plane, nodes (by name),
// each node's pods (by creation time), the unscheduled pods, Services, Ingresses and workloads.
// Stable orders are the layout's promise that nothing jumps when something else changes. Arrays whose
// members did not change keep their previous identity, so memoised React pieces skip re-rendering when a
// batch touched one pod on another node.
import type { ComponentName, ComponentView, IngressView, NodeView, PodView, ServiceView, ViewItem, WorkloadView } from "../../../engine/protocol";

export const COMPONENT_ORDER: readonly ComponentName[] = ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"];

/** Owners drawn above the ReplicaSets they own (Deployments) or above pods directly. */
export const WORKLOAD_ORDER: readonly WorkloadView["kind"][] = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "ReplicationController", "ReplicaSet"];

export interface Partition {
  readonly components: ReadonlyMap<ComponentName, ComponentView>;
  /** By name. A node whose view changed only in `podCount` keeps its previous object (the graph counts
   *  pods itself, from `podsByNode`; `podCount` here may be stale and is never drawn). */
  readonly nodes: readonly NodeView[];
  /** Keyed by node name; every node has an entry (possibly empty). */
  readonly podsByNode: ReadonlyMap<string, readonly PodView[]>;
  /** Pods with no spec.nodeName (or bound to a node the graph does not know), by creation time. */
  readonly pending: readonly PodView[];
  readonly workloads: readonly WorkloadView[];
  readonly services: readonly ServiceView[];
  readonly ingresses: readonly IngressView[];
  readonly podCount: number;
  /** Every pod: pending ones first, then node by node (each in creation order). */
  pods(): Iterable<PodView>;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const naturalKeys = new Map<string, string>();

/** "node-10" → "node-000000000010": plain comparison of keys is natural order (node-2 before node-10).
 *  Cached, because sorting runs on every batch and nodes keep their names. */
export function naturalKey(name: string): string {
  let k = naturalKeys.get(name);
  if (k === undefined) {
    k = name.replace(/\d+/g, (d) => d.padStart(12, "0"));
    if (naturalKeys.size > 20_000) naturalKeys.clear();
    naturalKeys.set(name, k);
  }
  return k;
}

/** Natural order, ties broken by plain comparison so the order is total. */
export function compareNames(a: string, b: string): number {
  return cmp(naturalKey(a), naturalKey(b)) || cmp(a, b);
}

/** Creation time, then namespace/name, then uid: a total order. Plain string comparison on purpose:
 *  thousands of pods are sorted per batch, often with equal creation times (a controller creates a
 *  burst in one simulated millisecond), so the tie-break must be cheap. */
export function comparePods(a: PodView, b: PodView): number {
  return a.createdAt - b.createdAt || cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.id, b.id);
}

export function compareNamespaced(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return cmp(a.namespace, b.namespace) || compareNames(a.name, b.name);
}

export function compareWorkloads(a: WorkloadView, b: WorkloadView): number {
  return WORKLOAD_ORDER.indexOf(a.kind) - WORKLOAD_ORDER.indexOf(b.kind) || compareNamespaced(a, b);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two views of a node draw the same: every field but `podCount`, which changes with every pod
 *  bound or deleted (on every node at once during a rollout) while the box shows its own count. */
export function sameDrawnNode(a: NodeView, b: NodeView): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.status === b.status &&
    a.roles === b.roles &&
    a.zone === b.zone &&
    a.machineUp === b.machineUp &&
    a.cpu === b.cpu &&
    a.memory === b.memory &&
    a.podCapacity === b.podCapacity &&
    sameStrings(a.taints, b.taints)
  );
}

/** `next` if it differs from `prev` element-wise, else `prev` (keeping its identity). */
export function reuse<T>(prev: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  if (!prev || prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next;
  return prev;
}

export function partition(items: ReadonlyMap<string, ViewItem>, prev?: Partition): Partition {
  const components = new Map<ComponentName, ComponentView>();
  const nodes: NodeView[] = [];
  const workloads: WorkloadView[] = [];
  const services: ServiceView[] = [];
  const ingresses: IngressView[] = [];
  const byNode = new Map<string, PodView[]>();
  const pendingList: PodView[] = [];
  let podCount = 0;
  let prevNodes: Map<string, NodeView> | undefined;
  if (prev) {
    prevNodes = new Map();
    for (const n of prev.nodes) prevNodes.set(n.id, n);
  }
  for (const it of items.values()) {
    switch (it.kind) {
      case "Component":
        components.set(it.name, it);
        break;
      case "Node": {
        const before = prevNodes?.get(it.id);
        nodes.push(before && sameDrawnNode(before, it) ? before : it);
        break;
      }
      case "Pod": {
        podCount++;
        // Grouped first and sorted per node below: many small sorts are cheaper than one big one.
        const key = it.nodeName ?? "";
        const list = byNode.get(key);
        if (list) list.push(it);
        else byNode.set(key, [it]);
        break;
      }
      case "Service":
        services.push(it);
        break;
      case "Ingress":
        ingresses.push(it);
        break;
      default:
        workloads.push(it);
    }
  }
  nodes.sort((a, b) => compareNames(a.name, b.name));
  const podsByNode = new Map<string, readonly PodView[]>();
  for (const n of nodes) {
    const list = byNode.get(n.name) ?? [];
    byNode.delete(n.name);
    list.sort(comparePods);
    podsByNode.set(n.name, reuse(prev?.podsByNode.get(n.name), list));
  }
  // What is left is unbound, or bound to a node the graph does not know.
  for (const list of byNode.values()) pendingList.push(...list);
  pendingList.sort(comparePods);
  const pending = reuse(prev?.pending, pendingList);
  workloads.sort(compareWorkloads);
  services.sort(compareNamespaced);
  ingresses.sort(compareNamespaced);
  return assemble({
    components,
    nodes: reuse(prev?.nodes, nodes),
    podsByNode,
    pending,
    workloads: reuse(prev?.workloads, workloads),
    services: reuse(prev?.services, services),
    ingresses: reuse(prev?.ingresses, ingresses),
    podCount,
  });
}

/** A Partition from its parts (adds the pod iterator). */
export function assemble(parts: Omit<Partition, "pods">): Partition {
  const { pending, podsByNode } = parts;
  function* pods(): Iterable<PodView> {
    yield* pending;
    for (const list of podsByNode.values()) yield* list;
  }
  return { ...parts, pods };
}
