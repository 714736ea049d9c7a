import { describe, it, expect } from "vitest";
import { buildFlowNodes, NodeCache } from "./flowNodes";
import { GraphModel } from "./graphModel";
import { buildFlowEdges, EdgeCache } from "./flowEdges";
import { computeLayout } from "./layout";
import { partition } from "./partition";
import { mkComponent, mkIngress, mkNode, mkPod, mkService, mkWorkload, syntheticCluster, toMap } from "./fixtures";
import type { ViewItem } from "../../../engine/protocol";
import { flowNodeEdge } from "./routing";

function items(extra: ViewItem[] = []): ViewItem[] {
  return [
    mkComponent("kube-apiserver"),
    mkNode("node-1"),
    mkNode("node-2"),
    mkWorkload("Deployment", "web"),
    mkWorkload("ReplicaSet", "web-1", { ownerId: "uid-web", ownerKind: "Deployment" }),
    mkPod("a", { nodeName: "node-1", ownerId: "uid-web-1" }),
    mkPod("b", { nodeName: "node-2", ownerId: "uid-web-1", createdAt: 1 }),
    mkService("web", { readyPodIds: ["uid-a"], notReadyPodIds: ["uid-b"] }),
    mkIngress("web", ["web", "missing"]),
    ...extra,
  ];
}

function build(list: ViewItem[], nodes = new NodeCache(), edges = new EdgeCache(), showOwnership = true) {
  const p = partition(toMap(list));
  const l = computeLayout(p, "cards", showOwnership);
  return { nodes: buildFlowNodes(p, l, nodes), edges: buildFlowEdges(p, l, showOwnership, edges) };
}

describe("buildFlowNodes", () => {
  it("draws the control plane, every node, every pod card and every object", () => {
    const { nodes } = build(items());
    const ids = nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(["actor:kubectl", "kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager", "area:pending", "uid-node-1", "uid-a", "uid-b", "uid-svc-web", "uid-ing-web", "uid-web", "uid-web-1"]));
    expect(nodes.find((n) => n.id === "uid-a")!.zIndex).toBeGreaterThan(nodes.find((n) => n.id === "uid-node-1")!.zIndex!);
  });

  it("returns the same node objects when only another node's pod changed", () => {
    const model = new GraphModel();
    const list = items();
    const first = model.update(toMap(list), true, 0).nodes;
    const changed = list.map((i) => (i.id === "uid-b" ? mkPod("b", { nodeName: "node-2", ownerId: "uid-web-1", createdAt: 1, restarts: 2 }) : i));
    const second = model.update(toMap(changed), true, 0).nodes;
    const byId = (list: typeof first, id: string) => list.find((n) => n.id === id);
    for (const id of ["uid-node-1", "uid-a", "kube-apiserver", "uid-svc-web"]) expect(byId(second, id), id).toBe(byId(first, id));
    expect(byId(second, "uid-b")).not.toBe(byId(first, "uid-b"));
    expect(byId(second, "uid-node-2")).not.toBe(byId(first, "uid-node-2"));
  });

  it("draws a 3,000-pod cluster with about one React Flow node per node box", () => {
    const p = partition(toMap(syntheticCluster(100, 30)));
    const nodes = buildFlowNodes(p, computeLayout(p, "dots", true), new NodeCache());
    expect(nodes.length).toBeLessThan(120);
    const box = nodes.find((n) => n.id === "uid-node-7")!;
    expect(box.type).toBe("node");
    // Dot view: the box does not carry its pods (the DotScene draws them), only the rows it reserves.
    expect(box.type === "node" && box.data.pods).toBeUndefined();
    // 30 pods fill two rows of 18; the box keeps room for a rollout's surge (a quarter more): four rows.
    expect(box.type === "node" && box.data.rows).toBe(4);
  });

  it("keeps a dot-view node box when only its pods changed", () => {
    const items = toMap(syntheticCluster(100, 30));
    const model = new GraphModel();
    const first = model.update(items, true, 0);
    const next = new Map(items);
    next.set("uid-pod-5", mkPod("changed", { id: "uid-pod-5", nodeName: "node-1", status: "Terminating", terminating: true }));
    // The node's view changes only in podCount when a pod moves: still the same box.
    next.set("uid-node-1", mkNode("node-1", { id: "uid-node-1", podCount: 29 }));
    const second = model.update(next, true, 1);
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
    expect(second.partition.podsByNode.get("node-1")).not.toBe(first.partition.podsByNode.get("node-1"));
  });
});

describe("buildFlowEdges", () => {
  it("links a Service to ready pods solid and not-ready pods dashed, and Ingress to Service", () => {
    const { edges } = build(items());
    const kind = (id: string) => (edges.find((e) => e.id === id)?.data as { link?: string } | undefined)?.link;
    expect(kind("ep:uid-svc-web:uid-a")).toBe("endpoint");
    expect(kind("ep:uid-svc-web:uid-b")).toBe("endpoint-unready");
    expect(kind("route:uid-ing-web:uid-svc-web")).toBe("route");
    expect(edges.filter((e) => e.id.startsWith("route:"))).toHaveLength(1);
  });

  it("draws ownership Deployment → ReplicaSet → Pod only when asked", () => {
    const on = build(items()).edges.map((e) => e.id);
    expect(on).toEqual(expect.arrayContaining(["own:uid-web:uid-web-1", "own:uid-web-1:uid-a", "own:uid-web-1:uid-b"]));
    const off = build(items(), new NodeCache(), new EdgeCache(), false).edges.map((e) => e.id);
    expect(off.some((id) => id.startsWith("own:"))).toBe(false);
  });

  it("gives every node a message edge from kube-apiserver", () => {
    const { edges } = build(items());
    const e = edges.find((x) => x.id === flowNodeEdge("node-2"))!;
    expect(e.source).toBe("kube-apiserver");
    expect(e.target).toBe("uid-node-2");
  });

  it("keeps edge objects across rebuilds", () => {
    const cache = new EdgeCache();
    const a = build(items(), new NodeCache(), cache).edges;
    const b = build(items(), new NodeCache(), cache).edges;
    expect(b[0]).toBe(a[0]);
    expect(b.find((e) => e.id === "ep:uid-svc-web:uid-a")).toBe(a.find((e) => e.id === "ep:uid-svc-web:uid-a"));
  });
});
