// flowNodes turns the partition and its layout into React Flow nodes. A NodeCache hands back the very
// same node object when its position, size and data are unchanged, so React Flow (which compares node
// objects by identity) and the memoised node components skip everything a batch did not touch.
import type { Node } from "@xyflow/react";
import type { ComponentName, ComponentView, IngressView, NodeView, PodView, ServiceView, WorkloadView } from "../../../engine/protocol";
import type { Layout, Rect } from "./layout";
import type { Lod } from "./lod";
import type { Partition } from "./partition";

export type KubectlNodeData = Record<string, never>;
export interface ComponentNodeData extends Record<string, unknown> {
  readonly name: ComponentName;
  /** Absent until the worker reports it (drawn as running). */
  readonly component?: ComponentView;
}
export interface PendingNodeData extends Record<string, unknown> {
  /** Card view only (the cards themselves are separate nodes). Dot view reads the pods from the
   *  DotScene, so a pod change makes no new flow node. */
  readonly pods?: readonly PodView[];
  readonly lod: Lod;
  /** Dot view: rows of dots the area reserves (layout's reservedRows), the canvas height. */
  readonly rows: number;
}
export interface NodeBoxData extends Record<string, unknown> {
  readonly node: NodeView;
  /** Card view only; dot view reads the node's pods from the DotScene (see PendingNodeData.pods). */
  readonly pods?: readonly PodView[];
  readonly lod: Lod;
  readonly headerH: number;
  /** Dot view: rows of dots the box reserves (layout's reservedRows), the canvas height. */
  readonly rows: number;
}
export interface PodNodeData extends Record<string, unknown> {
  readonly pod: PodView;
  /** A pod that no longer exists, fading out. */
  readonly ghost?: boolean;
}
export interface KubeletsNodeData extends Record<string, unknown> {
  readonly nodes: readonly NodeView[];
}
export interface ObjectNodeData extends Record<string, unknown> {
  readonly item: ServiceView | IngressView | WorkloadView;
}

export type KubectlGraphNode = Node<KubectlNodeData, "kubectl">;
export type ComponentGraphNode = Node<ComponentNodeData, "component">;
export type PendingGraphNode = Node<PendingNodeData, "pending">;
export type NodeBoxGraphNode = Node<NodeBoxData, "node">;
export type PodGraphNode = Node<PodNodeData, "pod">;
export type ObjectGraphNode = Node<ObjectNodeData, "object">;
export type KubeletsGraphNode = Node<KubeletsNodeData, "kubelets">;
export type GraphNode = KubectlGraphNode | ComponentGraphNode | PendingGraphNode | NodeBoxGraphNode | PodGraphNode | ObjectGraphNode | KubeletsGraphNode;

/** Stacking: boxes, then relationship edges (z 1, see flowEdges), then pod cards, then message edges. */
export const Z = { box: 0, link: 1, pod: 2, flow: 3 } as const;

export class NodeCache {
  private entries = new Map<string, { node: GraphNode; at: readonly number[]; deps: readonly unknown[] }>();
  private seen = new Set<string>();

  /** The cached node when its place (`at`: position and size) and every dep are identical (===) to last
   *  time, else a fresh one from `make`. A node that only moved keeps its `data` object, so its memoised
   *  component (which compares data, not position) does not re-render. */
  get(id: string, at: readonly number[], deps: readonly unknown[], make: () => GraphNode): GraphNode {
    this.seen.add(id);
    const e = this.entries.get(id);
    const sameDeps = e !== undefined && same(e.deps, deps);
    if (e && sameDeps && same(e.at, at)) return e.node;
    const node = make();
    if (e && sameDeps) node.data = e.node.data;
    this.entries.set(id, { node, at, deps });
    return node;
  }

  /** Drops entries not requested since the last sweep. */
  sweep(): void {
    for (const id of this.entries.keys()) if (!this.seen.has(id)) this.entries.delete(id);
    this.seen.clear();
  }
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function dims(r: Rect): number[] {
  return [r.x, r.y, r.w, r.h];
}

function place<T extends GraphNode>(n: Omit<T, "position" | "width" | "height" | "draggable" | "selectable" | "focusable">, r: Rect): T {
  return { ...n, position: { x: r.x, y: r.y }, width: r.w, height: r.h, draggable: false, selectable: false, focusable: false } as T;
}

export function buildFlowNodes(p: Partition, layout: Layout, cache: NodeCache): GraphNode[] {
  const out: GraphNode[] = [];
  const { boxes, lod } = layout;
  const box = (id: string) => boxes.get(id)!;
  const r = box("actor:kubectl");
  out.push(cache.get("actor:kubectl", dims(r), [], () => place<Node<KubectlNodeData, "kubectl">>({ id: "actor:kubectl", type: "kubectl", data: {}, zIndex: Z.box }, r)));
  for (const name of ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"] as const) {
    const rc = box(name);
    const component = p.components.get(name);
    out.push(cache.get(name, dims(rc), [component], () => place<Node<ComponentNodeData, "component">>({ id: name, type: "component", data: { name, component }, zIndex: Z.box }, rc)));
  }
  const rp = box("area:pending");
  const cards = lod === "cards";
  const pendingRows = layout.rows.get("area:pending") ?? 0;
  const pendingPods = cards ? p.pending : undefined;
  out.push(cache.get("area:pending", dims(rp), [pendingPods, lod, pendingRows], () => place<Node<PendingNodeData, "pending">>({ id: "area:pending", type: "pending", data: { pods: pendingPods, lod, rows: pendingRows }, zIndex: Z.box }, rp)));
  for (const item of [...p.ingresses, ...p.services, ...p.workloads]) {
    const ro = boxes.get(item.id);
    if (!ro) continue;
    out.push(cache.get(item.id, dims(ro), [item], () => place<Node<ObjectNodeData, "object">>({ id: item.id, type: "object", data: { item }, zIndex: Z.box }, ro)));
  }
  const rk = boxes.get("anchor:kubelets");
  if (rk) out.push(cache.get("anchor:kubelets", dims(rk), [p.nodes], () => place<KubeletsGraphNode>({ id: "anchor:kubelets", type: "kubelets", data: { nodes: p.nodes }, zIndex: Z.box }, rk)));
  for (const n of p.nodes) {
    const rn = box(n.id);
    const all = p.podsByNode.get(n.name) ?? [];
    const pods = cards ? all : undefined;
    const rows = layout.rows.get(n.id) ?? 0;
    const headerH = layout.nodeHeader.get(n.id)!;
    out.push(cache.get(n.id, dims(rn), [n, pods, lod, headerH, rows], () => place<Node<NodeBoxData, "node">>({ id: n.id, type: "node", data: { node: n, pods, lod, headerH, rows }, zIndex: Z.box }, rn)));
  }
  if (cards) {
    const pods = [...p.pending];
    for (const n of p.nodes) pods.push(...(p.podsByNode.get(n.name) ?? []));
    for (const pod of pods) out.push(podNode(pod, box(pod.id), cache, false));
  }
  return out;
}

export function podNode(pod: PodView, r: Rect, cache: NodeCache, ghost: boolean): GraphNode {
  const id = ghost ? `ghost:${pod.id}` : pod.id;
  return cache.get(id, [r.x, r.y], [pod], () =>
    place<Node<PodNodeData, "pod">>({ id, type: "pod", data: ghost ? { pod, ghost } : { pod }, zIndex: Z.pod, className: ghost ? "kl-pod-node kl-ghost" : "kl-pod-node" }, r),
  );
}
