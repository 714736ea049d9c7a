// fixtures builds hand-made view items for the graph's tests and its dev preview (a 3-node cluster and a
// 100-node / 3,000-pod one). Not used by the app itself.
import type { ComponentView, IngressView, NodeView, PodView, ServiceView, ViewItem, WorkloadView } from "../../../engine/protocol";
import { COMPONENT_ORDER } from "./partition";

export function mkComponent(name: ComponentView["name"], up = true): ComponentView {
  const controllers = name === "kube-controller-manager" ? ["deployment", "replicaset", "statefulset", "daemonset", "job", "cronjob", "endpointslice", "node-lifecycle", "taint-eviction", "garbage-collector", "namespace", "pod-garbage-collector"] : undefined;
  return { kind: "Component", id: name, name, up, controllers };
}

export function mkNode(name: string, o: Partial<NodeView> = {}): NodeView {
  return { kind: "Node", id: `uid-${name}`, name, status: "Ready", roles: "<none>", zone: "zone-a", taints: [], machineUp: true, cpu: "4", memory: "8Gi", podCapacity: 110, podCount: 0, ...o };
}

export function mkPod(name: string, o: Partial<PodView> = {}): PodView {
  return { kind: "Pod", id: `uid-${name}`, namespace: "default", name, status: "Running", phase: "Running", ready: "1/1", restarts: 0, labels: {}, terminating: false, createdAt: 0, ...o };
}

export function mkWorkload(kind: WorkloadView["kind"], name: string, o: Partial<WorkloadView> = {}): WorkloadView {
  return { kind, id: `uid-${name}`, namespace: "default", name, ready: "3/3", ...o };
}

export function mkService(name: string, o: Partial<ServiceView> = {}): ServiceView {
  return { kind: "Service", id: `uid-svc-${name}`, namespace: "default", name, type: "ClusterIP", clusterIP: "10.96.0.10", ports: "80/TCP", readyPodIds: [], notReadyPodIds: [], ...o };
}

export function mkIngress(name: string, serviceNames: string[], o: Partial<IngressView> = {}): IngressView {
  return { kind: "Ingress", id: `uid-ing-${name}`, namespace: "default", name, hosts: "example.com", serviceNames, ...o };
}

export function toMap(items: readonly ViewItem[]): Map<string, ViewItem> {
  return new Map(items.map((i) => [i.id, i]));
}

const ZONES = ["zone-a", "zone-b", "zone-c"];
const SUFFIX = "bcdfghjklmnpqrstvwxz2456789";

/** Deterministic 5-letter suffix, as the ReplicaSet controller's generateName would give. */
function suffix(i: number): string {
  let s = "";
  let n = i * 7919 + 13;
  for (let k = 0; k < 5; k++) {
    s += SUFFIX[n % SUFFIX.length];
    n = Math.floor(n / SUFFIX.length) + k * 31;
  }
  return s;
}

/** A cluster of `nodeCount` workers with `podsPerNode` pods each from one Deployment, plus a few pods in
 *  every lifecycle state and `pendingCount` unscheduled ones. */
export function syntheticCluster(nodeCount: number, podsPerNode: number, pendingCount = 2): ViewItem[] {
  const items: ViewItem[] = COMPONENT_ORDER.map((c) => mkComponent(c));
  const dep = mkWorkload("Deployment", "web", { ready: `${nodeCount * podsPerNode}/${nodeCount * podsPerNode}`, desired: nodeCount * podsPerNode });
  const rs = mkWorkload("ReplicaSet", "web-7c5ddbdf54", { ownerKind: "Deployment", ownerId: dep.id });
  items.push(dep, rs);
  const ready: string[] = [];
  const notReady: string[] = [];
  let i = 0;
  for (let n = 1; n <= nodeCount; n++) {
    const node = mkNode(`node-${n}`, { id: `uid-node-${n}`, zone: ZONES[(n - 1) % 3], podCount: podsPerNode });
    items.push(node);
    for (let k = 0; k < podsPerNode; k++, i++) {
      const state = i % 29 === 3 ? "creating" : i % 31 === 5 ? "crash" : "ok";
      const pod = mkPod(`web-7c5ddbdf54-${suffix(i)}`, {
        id: `uid-pod-${i}`,
        nodeName: node.name,
        createdAt: i * 10,
        ownerKind: "ReplicaSet",
        ownerId: rs.id,
        labels: { app: "web" },
        status: state === "creating" ? "ContainerCreating" : state === "crash" ? "CrashLoopBackOff" : "Running",
        ready: state === "ok" ? "1/1" : "0/1",
        restarts: state === "crash" ? 4 : 0,
      });
      items.push(pod);
      (state === "ok" ? ready : notReady).push(pod.id);
    }
  }
  for (let k = 0; k < pendingCount; k++, i++) {
    items.push(mkPod(`web-7c5ddbdf54-${suffix(i)}`, { id: `uid-pod-${i}`, createdAt: i * 10, status: "Pending", phase: "Pending", ready: "0/1", ownerKind: "ReplicaSet", ownerId: rs.id, labels: { app: "web" } }));
  }
  items.push(mkService("web", { readyPodIds: ready, notReadyPodIds: notReady, selector: { app: "web" } }));
  items.push(mkIngress("web", ["web"]));
  return items;
}
