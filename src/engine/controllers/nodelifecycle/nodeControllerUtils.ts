// Helpers of the node controllers: node events, marking a lost node's pods NotReady, and the
// add-then-remove taint swap. Mirrors pkg/controller/util/node/controller_utils.go.
import type { Node, NodeCondition, NodeStatus, Pod, Taint } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { deepCopy } from "../../sim/clone";
import { observedGenerationFor, updatePodCondition, type PodConditionV134 } from "./podConditions";
import { addOrUpdateTaintOnNode, removeTaintOffNode } from "./taints";

// mirrors GetNodeCondition (pkg/controller/util/node/controller_utils.go)
export function getNodeCondition(status: NodeStatus | undefined, type: string): NodeCondition | undefined {
  const cs = status?.conditions;
  if (!cs) return undefined;
  for (const c of cs) if (c.type === type) return c;
  return undefined;
}

// mirrors IsNodeReady (pkg/util/node/node.go)
export function isNodeReady(node: Node): boolean {
  return getNodeCondition(node.status, "Ready")?.status === "True";
}

// mirrors RecordNodeEvent: "Node <name> event: <event>" on a Node reference (events of cluster-scoped
// objects land in the "default" namespace).
export function recordNodeEvent(recorder: EventRecorder, nodeName: string, nodeUID: string, type: "Normal" | "Warning", reason: string, event: string): void {
  recorder.record({ apiVersion: "v1", kind: "Node", name: nodeName, uid: nodeUID, namespace: "" }, type, reason, `Node ${nodeName} event: ${event}`);
}

// mirrors RecordNodeStatusChange: "Node <name> status is now: <status>".
export function recordNodeStatusChange(recorder: EventRecorder, node: Node, newStatus: string): void {
  recorder.record(
    { apiVersion: "v1", kind: "Node", name: node.metadata.name, uid: node.metadata.uid, namespace: "" },
    "Normal",
    newStatus,
    `Node ${node.metadata.name} status is now: ${newStatus}`,
  );
}

// mirrors MarkPodsNotReady
/**
 * Flips the Ready condition of each pod bound to `nodeName` to False (status update, so a stale cache
 * gives a 409) and records a Warning NodeNotReady "Node is not ready" event on the pod. Returns the
 * errors (other than NotFound) so the caller can retry on the next pass.
 */
export function markPodsNotReady(client: ApiClient, recorder: EventRecorder, pods: readonly Pod[], nodeName: string, now: string): ApiError[] {
  const errs: ApiError[] = [];
  for (const cached of pods) {
    if (cached.spec.nodeName !== nodeName) continue;
    const ready = cached.status?.conditions?.find((c) => c.type === "Ready");
    if (!ready) continue;
    const pod = deepCopy(cached);
    const cond: PodConditionV134 = {
      ...ready,
      status: "False",
      observedGeneration: observedGenerationFor(pod.status, pod.metadata.generation),
    };
    if (cond.observedGeneration === undefined) delete cond.observedGeneration;
    pod.status ??= {};
    if (!updatePodCondition(pod.status, cond, now)) continue;
    try {
      client.updateStatus(pod);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) continue;
      errs.push(e instanceof ApiError ? e : new ApiError(500, "InternalError", String(e)));
    }
    // Recorded after the update so that the pod is known to still exist (upstream's order).
    recorder.event(pod, "Warning", "NodeNotReady", "Node is not ready");
  }
  return errs;
}

// mirrors SwapNodeControllerTaint: the added taints get timeAdded = now; add first, then remove.
export function swapNodeControllerTaint(client: ApiClient, taintsToAdd: readonly Taint[], taintsToRemove: readonly Taint[], node: Node, now: string): boolean {
  try {
    addOrUpdateTaintOnNode(client, node.metadata.name, taintsToAdd.map((t) => ({ ...t, timeAdded: now })));
    removeTaintOffNode(client, node.metadata.name, node, taintsToRemove);
    return true;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return false; // upstream: HandleError("unable to taint ..."), retried on a later pass
  }
}
