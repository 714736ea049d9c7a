// NodeName: a pod that names a node (spec.nodeName) fits only that node.
// Mirrors pkg/scheduler/framework/plugins/nodename/node_name.go.

import type { Node } from "../../api/types";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
import {
  ActionType,
  type ClusterEventWithHint,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  newStatus,
  type QueueingHint,
  type Status,
} from "../framework/types";

export const NodeNameName = "NodeName";
/** ErrReason. */
export const ErrReasonNodeName = "node(s) didn't match the requested node name";

/** Fits: an empty spec.nodeName fits every node. */
export function nodeNameFits(pod: PodInfo, nodeInfo: NodeInfo): boolean {
  const want = pod.pod.spec.nodeName;
  return !want || want === nodeInfo.name;
}

export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = NodeNameName;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    return nodeNameFits(pod, nodeInfo) ? null : newStatus("UnschedulableAndUnresolvable", ErrReasonNodeName);
  }

  filterReuseKey(_state: CycleState, pod: PodInfo): string {
    return pod.pod.spec.nodeName ?? "";
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: "Node", actionType: ActionType.Add }, hint: isSchedulableAfterNodeAdd }];
  }
}

function isSchedulableAfterNodeAdd(pod: PodInfo, _oldObj: unknown, newObj: unknown): QueueingHint {
  const node = newObj as Node | undefined;
  const want = pod.pod.spec.nodeName;
  return node !== undefined && (!want || want === node.metadata.name) ? "Queue" : "QueueSkip";
}
