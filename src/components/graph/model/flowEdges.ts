// flowEdges lists the graph's edges: "flow" edges that API messages travel (kubectl → kube-apiserver,
// kube-apiserver → etcd / kube-scheduler / kube-controller-manager / each node's kubelet), and "link"
// edges for relationships: Service → its endpoint pods (not-ready ones dashed), Ingress → Service, and
// the ownership chain Deployment → ReplicaSet → Pod. Pod-level links exist only in card view; in dot view
// the boxes carry the counts instead, and one edge to a "kubelets" box stands for every node's agents. Edge objects are cached by their inputs like nodes (NodeCache).
import type { Edge } from "@xyflow/react";
import type { Layout } from "./layout";
import type { Partition } from "./partition";
import { FLOW_ETCD, FLOW_KCM, FLOW_KUBECTL, FLOW_NODES, FLOW_SCHEDULER, flowNodeEdge } from "./routing";
import { Z } from "./flowNodes";

export type FlowEdgeData = Record<string, never>;
export type LinkKind = "endpoint" | "endpoint-unready" | "route" | "owner";
export interface LinkEdgeData extends Record<string, unknown> {
  readonly link: LinkKind;
}
export type FlowGraphEdge = Edge<FlowEdgeData, "flow">;
export type LinkGraphEdge = Edge<LinkEdgeData, "link">;
export type GraphEdge = FlowGraphEdge | LinkGraphEdge;

export class EdgeCache {
  private entries = new Map<string, { edge: GraphEdge; key: string }>();
  private seen = new Set<string>();

  get(id: string, key: string, make: () => GraphEdge): GraphEdge {
    this.seen.add(id);
    const e = this.entries.get(id);
    if (e && e.key === key) return e.edge;
    const edge = make();
    this.entries.set(id, { edge, key });
    return edge;
  }

  sweep(): void {
    for (const id of this.entries.keys()) if (!this.seen.has(id)) this.entries.delete(id);
    this.seen.clear();
  }
}

const HIDDEN = { "aria-hidden": true } as const;

function flow(id: string, source: string, target: string, sourceHandle: string, targetHandle: string): Edge<FlowEdgeData, "flow"> {
  return { id, type: "flow", source, target, sourceHandle, targetHandle, data: {}, zIndex: Z.flow, selectable: false, focusable: false, domAttributes: HIDDEN };
}

function link(id: string, source: string, target: string, kind: LinkKind): Edge<LinkEdgeData, "link"> {
  const sourceHandle = kind === "route" ? "right" : "bottom";
  const targetHandle = kind === "route" ? "left" : "top";
  return { id, type: "link", source, target, sourceHandle, targetHandle, data: { link: kind }, zIndex: Z.link, selectable: false, focusable: false, domAttributes: HIDDEN };
}

export function buildFlowEdges(p: Partition, layout: Layout, showOwnership: boolean, cache: EdgeCache): GraphEdge[] {
  const out: GraphEdge[] = [];
  const cards = layout.lod === "cards";
  const add = (id: string, key: string, make: () => GraphEdge) => out.push(cache.get(id, key, make));
  add(FLOW_KUBECTL, "", () => flow(FLOW_KUBECTL, "actor:kubectl", "kube-apiserver", "right", "left"));
  add(FLOW_ETCD, "", () => flow(FLOW_ETCD, "kube-apiserver", "etcd", "right", "left"));
  add(FLOW_SCHEDULER, "", () => flow(FLOW_SCHEDULER, "kube-apiserver", "kube-scheduler", "bottom", "top"));
  add(FLOW_KCM, "", () => flow(FLOW_KCM, "kube-apiserver", "kube-controller-manager", "bottom", "top"));
  if (!cards) add(FLOW_NODES, "", () => flow(FLOW_NODES, "kube-apiserver", "anchor:kubelets", "bottom", "top"));
  else
    for (const n of p.nodes) {
      const id = flowNodeEdge(n.name);
      add(id, n.id, () => flow(id, "kube-apiserver", n.id, "bottom", "top"));
    }

  const drawn = (id: string) => layout.boxes.has(id);
  const servicesByName = new Map(p.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  for (const ing of p.ingresses)
    for (const name of ing.serviceNames) {
      const svc = servicesByName.get(`${ing.namespace}/${name}`);
      if (!svc) continue;
      const id = `route:${ing.id}:${svc.id}`;
      add(id, "", () => link(id, ing.id, svc.id, "route"));
    }
  if (cards)
    for (const svc of p.services) {
      for (const pod of svc.readyPodIds) if (drawn(pod)) add(`ep:${svc.id}:${pod}`, "r", () => link(`ep:${svc.id}:${pod}`, svc.id, pod, "endpoint"));
      for (const pod of svc.notReadyPodIds) if (drawn(pod)) add(`ep:${svc.id}:${pod}`, "u", () => link(`ep:${svc.id}:${pod}`, svc.id, pod, "endpoint-unready"));
    }
  if (showOwnership) {
    for (const w of p.workloads)
      if (w.ownerId && layout.shownWorkloads.has(w.ownerId) && layout.shownWorkloads.has(w.id)) {
        const id = `own:${w.ownerId}:${w.id}`;
        add(id, "", () => link(id, w.ownerId!, w.id, "owner"));
      }
    if (cards)
      for (const pod of p.pods())
        if (pod.ownerId && layout.shownWorkloads.has(pod.ownerId) && drawn(pod.id)) {
          const id = `own:${pod.ownerId}:${pod.id}`;
          add(id, "", () => link(id, pod.ownerId!, pod.id, "owner"));
        }
  }
  return out;
}
