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
  readonly nodes: readonly NodeView[];
  /** Keyed by node name; every node has an entry (possibly empty). */
  readonly podsByNode: ReadonlyMap<string, readonly PodView[]>;
  /** Pods with no spec.nodeName (or bound to a node the graph does not know), by creation time. */
  readonly pending: readonly PodView[];
  readonly workloads: readonly WorkloadView[];
  readonly services: readonly ServiceView[];
  readonly ingresses: readonly IngressView[];
  readonly podCount: number;
  /** "namespace/name" → pod, for routing messages that name a pod. */
  readonly podByKey: ReadonlyMap<string, PodView>;
}

const collator = new Intl.Collator("en", { numeric: true });

/** Natural order: node-2 before node-10. Ties broken by plain comparison so the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function comparePods(a: PodView, b: PodView): number {
  return a.createdAt - b.createdAt || compareNames(a.namespace, b.namespace) || compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function compareNamespaced(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return compareNames(a.namespace, b.namespace) || compareNames(a.name, b.name);
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
  const pods: PodView[] = [];
  const workloads: WorkloadView[] = [];
  const services: ServiceView[] = [];
  const ingresses: IngressView[] = [];
  for (const it of items.values()) {
    switch (it.kind) {
      case "Component":
        components.set(it.name, it);
        break;
      case "Node":
        nodes.push(it);
        break;
      case "Pod":
        pods.push(it);
        break;
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
  pods.sort(comparePods);
  const byNode = new Map<string, PodView[]>();
  for (const n of nodes) byNode.set(n.name, []);
  const pending: PodView[] = [];
  const podByKey = new Map<string, PodView>();
  for (const p of pods) {
    podByKey.set(`${p.namespace}/${p.name}`, p);
    const list = p.nodeName === undefined ? undefined : byNode.get(p.nodeName);
    (list ?? pending).push(p);
  }
  const podsByNode = new Map<string, readonly PodView[]>();
  for (const [name, list] of byNode) podsByNode.set(name, reuse(prev?.podsByNode.get(name), list));
  workloads.sort((a, b) => WORKLOAD_ORDER.indexOf(a.kind) - WORKLOAD_ORDER.indexOf(b.kind) || compareNamespaced(a, b));
  services.sort(compareNamespaced);
  ingresses.sort(compareNamespaced);
  return {
    components,
    nodes: reuse(prev?.nodes, nodes),
    podsByNode,
    pending: reuse(prev?.pending, pending),
    workloads: reuse(prev?.workloads, workloads),
    services: reuse(prev?.services, services),
    ingresses: reuse(prev?.ingresses, ingresses),
    podCount: pods.length,
    podByKey,
  };
}
