// NodePorts: a pod asking for hostPorts fits only nodes where no pod uses the same ip/protocol/port.
// Mirrors pkg/scheduler/framework/plugins/nodeports/node_ports.go.

import type { Pod } from "../../api/types";
import { HostPortInfo, type NodeInfo } from "../framework/nodeInfo";
import { type HostPort, PodInfo } from "../framework/podInfo";
import {
  ActionType,
  type ClusterEventWithHint,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  newStatus,
  type PreFilterPlugin,
  type QueueingHint,
  type StateData,
  SKIP_PRE_FILTER,
  type Status,
} from "../framework/types";

export const NodePortsName = "NodePorts";
/** ErrReason. */
export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

const preFilterStateKey = "PreFilter" + NodePortsName;

class PreFilterState implements StateData {
  constructor(readonly ports: readonly HostPort[]) {}
  clone(): StateData {
    return this;
  }
}

/** fitsPorts: no requested host port conflicts with one in use on the node. */
export function fitsPorts(ports: readonly HostPort[], nodeInfo: NodeInfo): boolean {
  for (const p of ports) if (nodeInfo.usedPorts.checkConflict(p.ip, p.protocol, p.port)) return false;
  return true;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NodePortsName;

  preFilter(state: CycleState, pod: PodInfo) {
    // Skip: a pod without host ports has nothing for this plugin.
    if (pod.hostPorts.length === 0) return SKIP_PRE_FILTER;
    state.write(preFilterStateKey, new PreFilterState(pod.hostPorts));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const ports = state.read<PreFilterState>(preFilterStateKey)?.ports ?? pod.hostPorts;
    return fitsPorts(ports, nodeInfo) ? null : newStatus("Unschedulable", ErrReasonNodePorts);
  }

  /** The verdict depends on the node's used ports and the pod's host ports. */
  filterReuseKey(_state: CycleState, pod: PodInfo): string {
    // PreFilter stores pod.hostPorts: the ports Filter reads are the pod's.
    return JSON.stringify(pod.hostPorts);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: "Pod", actionType: ActionType.Delete }, hint: isSchedulableAfterPodDeleted },
      { event: { resource: "Node", actionType: ActionType.Add } },
    ];
  }
}

/** Queue when a deleted bound pod used one of the host ports this pod wants. */
function isSchedulableAfterPodDeleted(pod: PodInfo, oldObj: unknown): QueueingHint {
  const deleted = oldObj as Pod | undefined;
  if (!deleted || !deleted.spec.nodeName) return "QueueSkip";
  const freed = new PodInfo(deleted).hostPorts;
  if (freed.length === 0) return "QueueSkip";
  // A fake node holding only the deleted pod: if the pod fits there, the two never shared a port.
  const used = new HostPortInfo();
  for (const p of freed) used.add(p.ip, p.protocol, p.port);
  for (const want of pod.hostPorts) if (used.checkConflict(want.ip, want.protocol, want.port)) return "Queue";
  return "QueueSkip";
}
