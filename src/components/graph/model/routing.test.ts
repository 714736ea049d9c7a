import { describe, it, expect } from "vitest";
import type { FlowMessage } from "../../../engine/protocol";
import { FLOW_ETCD, FLOW_KCM, FLOW_KUBECTL, FLOW_NODES, FLOW_SCHEDULER, flowNodeEdge, routeMessage, type RouteContext } from "./routing";

const ctx: RouteContext = {
  nodeNames: ["control-plane", "node-1", "node-2"],
  podNode: (ns, name) => (ns === "default" && name === "web-1" ? "node-2" : undefined),
  fanOutLimit: 12,
};

function msg(o: Partial<FlowMessage>): FlowMessage {
  return { seq: 1, t: 0, actor: "kubectl", from: "kubectl", verb: "create", resource: "pods", namespace: "default", name: "web-0", code: 201, summary: "", ...o };
}

const edges = (m: Partial<FlowMessage>) => routeMessage(msg(m), ctx).steps.map((s) => s.map((h) => `${h.edge}${h.reverse ? "<" : ">"}`));

describe("routeMessage", () => {
  it("sends a kubectl write to etcd and wakes the scheduler for a new pod", () => {
    expect(edges({})).toEqual([[`${FLOW_KUBECTL}>`], [`${FLOW_ETCD}>`], [`${FLOW_SCHEDULER}>`]]);
    expect(routeMessage(msg({}), ctx).tone).toBe("write");
  });

  it("sends the scheduler's binding on to the chosen node's kubelet", () => {
    expect(edges({ from: "kube-scheduler", actor: "kube-scheduler", subresource: "binding", name: "web-1" })).toEqual([[`${FLOW_SCHEDULER}<`], [`${FLOW_ETCD}>`], [`${flowNodeEdge("node-2")}>`]]);
    expect(edges({ from: "kube-scheduler", subresource: "binding", name: "other", summary: "kube-scheduler binds default/other to node-1" })[2]).toEqual([`${flowNodeEdge("node-1")}>`]);
  });

  it("carries a kubelet's status update up from its node and on to the controllers", () => {
    expect(edges({ from: "kubelet/node-2", verb: "patch", subresource: "status", name: "web-1" })).toEqual([[`${flowNodeEdge("node-2")}<`], [`${FLOW_ETCD}>`], [`${FLOW_KCM}>`]]);
  });

  it("routes any *-controller actor through kube-controller-manager", () => {
    expect(edges({ from: "replicaset-controller" })[0]).toEqual([`${FLOW_KCM}<`]);
  });

  it("wakes kube-controller-manager when a Deployment is written, even by a controller", () => {
    expect(edges({ resource: "deployments" })[2]).toEqual([`${FLOW_KCM}>`]);
    expect(edges({ from: "kube-controller-manager", resource: "replicasets" })[2]).toEqual([`${FLOW_KCM}>`]);
    expect(edges({ from: "kube-controller-manager", resource: "deployments", subresource: "status" })).toHaveLength(2);
  });

  it("fans EndpointSlice changes out to every node's kube-proxy on small clusters only", () => {
    expect(edges({ from: "kube-controller-manager", resource: "endpointslices" })[2]).toHaveLength(3);
    expect(routeMessage(msg({ resource: "endpointslices" }), { ...ctx, fanOutLimit: 2 }).steps).toHaveLength(2);
  });

  it("does not write to etcd for reads or refused requests", () => {
    expect(edges({ verb: "get" })).toEqual([[`${FLOW_KUBECTL}>`]]);
    const refused = routeMessage(msg({ code: 422 }), ctx);
    expect(refused.steps).toHaveLength(1);
    expect(refused.tone).toBe("error");
  });

  it("sends a graceful pod delete to the kubelet that runs it", () => {
    const r = routeMessage(msg({ verb: "delete", name: "web-1" }), ctx);
    expect(r.tone).toBe("delete");
    expect(r.steps[2]).toEqual([{ edge: flowNodeEdge("node-2"), reverse: false }]);
  });

  it("ignores agents of nodes the graph does not draw", () => {
    expect(edges({ from: "kubelet/node-9", resource: "nodes", verb: "patch" })[0]).toEqual([`${FLOW_ETCD}>`]);
  });

  it("sends node heartbeats to the node lifecycle controller and cordons to the scheduler", () => {
    expect(edges({ from: "kubelet/node-1", resource: "leases", namespace: "kube-node-lease", verb: "update" })[2]).toEqual([`${FLOW_KCM}>`]);
    expect(edges({ resource: "nodes", verb: "patch", namespace: undefined })[2]).toEqual([`${FLOW_SCHEDULER}>`]);
  });

  it("sends every node's traffic along one edge in dot view", () => {
    const dots = { ...ctx, aggregateNodes: true };
    const r = routeMessage(msg({ from: "kubelet/node-2", verb: "patch", subresource: "status", name: "web-1" }), dots);
    expect(r.steps[0]).toEqual([{ edge: FLOW_NODES, reverse: true }]);
    expect(routeMessage(msg({ from: "kube-controller-manager", resource: "endpointslices" }), dots).steps[2]).toEqual([{ edge: FLOW_NODES, reverse: false }]);
  });
});
