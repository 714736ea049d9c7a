// NodeUnschedulable: filters out nodes with spec.unschedulable (cordoned) unless the pod tolerates the
// node.kubernetes.io/unschedulable:NoSchedule taint.
// Mirrors pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go.

import type { Node, Pod } from "../../api/types";
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
import { tolerationsTolerateTaint } from "./taintToleration";

export const NodeUnschedulableName = "NodeUnschedulable";
/** ErrReasonUnschedulable. */
export const ErrReasonUnschedulable = "node(s) were unschedulable";
/** v1.TaintNodeUnschedulable (api core/v1 well_known_taints.go). */
export const TaintNodeUnschedulable = "node.kubernetes.io/unschedulable";

function toleratesUnschedulable(pod: Pod): boolean {
  return tolerationsTolerateTaint(pod.spec.tolerations, { key: TaintNodeUnschedulable, effect: "NoSchedule" });
}

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = NodeUnschedulableName;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.unschedulable) return null;
    if (toleratesUnschedulable(pod.pod)) return null;
    return newStatus("UnschedulableAndUnresolvable", ErrReasonUnschedulable);
  }

  /** The verdict depends on the node's spec.unschedulable and whether the pod tolerates it. */
  filterReuseKey(_state: CycleState, pod: PodInfo): string {
    return toleratesUnschedulable(pod.pod) ? "tolerates" : "";
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // spec.unschedulable changes are reported as UpdateNodeTaint (nodeSpecUnschedulableChange).
      { event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeTaint }, hint: isSchedulableAfterNodeChange },
      { event: { resource: "Pod", actionType: ActionType.UpdatePodToleration }, hint: isSchedulableAfterPodTolerationChange },
    ];
  }
}

function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as Node | undefined;
  if (!modified) return "QueueSkip";
  const original = oldObj as Node | undefined;
  const wasUnschedulable = original === undefined || original.spec?.unschedulable === true;
  if (wasUnschedulable && (!modified.spec?.unschedulable || toleratesUnschedulable(pod.pod))) return "Queue";
  return "QueueSkip";
}

function isSchedulableAfterPodTolerationChange(pod: PodInfo, _oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as Pod | undefined;
  return modified !== undefined && modified.metadata.uid === pod.uid && toleratesUnschedulable(modified) ? "Queue" : "QueueSkip";
}
