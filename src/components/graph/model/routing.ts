// routing turns one API request (an audit entry as a FlowMessage) into the hops a learner watches:
// the requester → kube-apiserver, kube-apiserver → etcd for a successful write, then kube-apiserver →
// the component whose watch the write wakes (a new pod wakes the scheduler, a binding wakes the node's
// kubelet, a pod's status wakes the controllers, an EndpointSlice wakes every kube-proxy, ...).
// Every hop travels one "flow" edge; edges are drawn once per pair of boxes.
import type { FlowMessage } from "../../../engine/protocol";

export const FLOW_KUBECTL = "flow:kubectl";
export const FLOW_ETCD = "flow:etcd";
export const FLOW_SCHEDULER = "flow:kube-scheduler";
export const FLOW_KCM = "flow:kube-controller-manager";

/** In dot view one edge stands for every node's agents (a hundred edges would only be noise). */
export const FLOW_NODES = "flow:nodes";

/** The edge between kube-apiserver and a node's agents (kubelet and kube-proxy share it). */
export function flowNodeEdge(nodeName: string): string {
  return `flow:node:${nodeName}`;
}

/** One hop along a flow edge. Edges are drawn source → target as listed in flowEdges.ts: kubectl →
 *  kube-apiserver, and kube-apiserver → everything else; `reverse` travels target → source. */
export interface Hop {
  readonly edge: string;
  readonly reverse: boolean;
}

export type Tone = "write" | "delete" | "read" | "error";

export interface Route {
  readonly seq: number;
  /** Steps played one after another; hops within a step travel at the same time. */
  readonly steps: readonly (readonly Hop[])[];
  readonly tone: Tone;
  readonly summary: string;
}

export interface RouteContext {
  /** Nodes the graph draws, by name. */
  readonly nodeNames: readonly string[];
  /** spec.nodeName of a pod, if the graph knows the pod and it is bound. */
  podNode(namespace: string | undefined, name: string | undefined): string | undefined;
  /** Above this many nodes, fan-out to every kube-proxy is not drawn (too many edges at once). */
  readonly fanOutLimit: number;
  /** Dot view: every node's traffic uses the single FLOW_NODES edge. */
  readonly aggregateNodes?: boolean;
}

const WRITES = new Set(["create", "update", "patch", "delete", "deletecollection"]);
/** Kinds whose controllers run in kube-controller-manager (their writes wake it). */
const CONTROLLER_KINDS = new Set([
  "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "replicationcontrollers", "namespaces",
  "services", "horizontalpodautoscalers", "poddisruptionbudgets", "persistentvolumeclaims", "serviceaccounts",
]);

/** The hop from the requesting actor's box to kube-apiserver, or none when kube-apiserver wrote itself. */
export function requesterHop(from: string, ctx: RouteContext): Hop | undefined {
  if (from === "kube-apiserver") return undefined;
  if (from === "kube-scheduler") return { edge: FLOW_SCHEDULER, reverse: true };
  if (from === "kube-controller-manager" || from.endsWith("-controller") || from.includes("garbage-collector")) return { edge: FLOW_KCM, reverse: true };
  const agent = /^(?:kubelet|kube-proxy)\/(.+)$/.exec(from);
  if (agent) return ctx.nodeNames.includes(agent[1]!) ? { edge: nodeEdge(agent[1]!, ctx), reverse: true } : undefined;
  // kubectl and any other client outside the cluster (sim, a lesson, an experiment) enter from the left.
  return { edge: FLOW_KUBECTL, reverse: false };
}

/** The watchers a successful write wakes, as edges from kube-apiserver. */
export function watcherEdges(m: FlowMessage, origin: Hop | undefined, ctx: RouteContext): string[] {
  const fromNode = /^kubelet\//.test(m.from);
  switch (m.resource) {
    case "pods": {
      if (m.subresource === "binding") return nodeOf(ctx.podNode(m.namespace, m.name) ?? bindingTarget(m.summary), ctx);
      if (m.subresource === "status") return [FLOW_KCM];
      if (m.verb === "create") return [FLOW_SCHEDULER];
      // A graceful delete tells the kubelet to stop the containers; the kubelet's own final delete wakes
      // the controllers that count pods.
      if (m.verb === "delete" && fromNode) return [FLOW_KCM];
      const node = ctx.podNode(m.namespace, m.name);
      return node ? nodeOf(node, ctx) : [FLOW_KCM];
    }
    case "bindings":
      return nodeOf(ctx.podNode(m.namespace, m.name) ?? bindingTarget(m.summary), ctx);
    case "nodes":
      // Kubelet heartbeats feed the node lifecycle controller; taints and cordons change where pods fit.
      return fromNode ? [FLOW_KCM] : [FLOW_SCHEDULER];
    case "leases":
      return m.namespace === "kube-node-lease" ? [FLOW_KCM] : [];
    case "endpointslices":
    case "endpoints":
      if (ctx.aggregateNodes) return ctx.nodeNames.length > 0 ? [FLOW_NODES] : [];
      return ctx.nodeNames.length <= ctx.fanOutLimit ? ctx.nodeNames.map(flowNodeEdge) : [];
    default:
      if (!CONTROLLER_KINDS.has(m.resource)) return [];
      // A controller writing its own object's status wakes nobody worth drawing.
      if (origin?.edge === FLOW_KCM && m.subresource === "status") return [];
      return [FLOW_KCM];
  }
}

function nodeEdge(name: string, ctx: RouteContext): string {
  return ctx.aggregateNodes ? FLOW_NODES : flowNodeEdge(name);
}

function nodeOf(name: string | undefined, ctx: RouteContext): string[] {
  return name !== undefined && ctx.nodeNames.includes(name) ? [nodeEdge(name, ctx)] : [];
}

/** "kube-scheduler binds default/web-1 to node-2" → "node-2". */
function bindingTarget(summary: string): string | undefined {
  return / to (\S+)$/.exec(summary)?.[1];
}

export function routeMessage(m: FlowMessage, ctx: RouteContext): Route {
  const failed = m.code >= 400;
  const write = WRITES.has(m.verb);
  const tone: Tone = failed ? "error" : !write ? "read" : m.verb.startsWith("delete") ? "delete" : "write";
  const origin = requesterHop(m.from, ctx);
  const steps: Hop[][] = [];
  if (origin) steps.push([origin]);
  if (write && !failed) {
    steps.push([{ edge: FLOW_ETCD, reverse: false }]);
    const watchers = watcherEdges(m, origin, ctx).filter((e) => e !== origin?.edge || e === FLOW_KCM);
    if (watchers.length > 0) steps.push(watchers.map((edge) => ({ edge, reverse: false })));
  }
  return { seq: m.seq, steps, tone, summary: m.summary };
}
