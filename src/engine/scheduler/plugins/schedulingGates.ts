// SchedulingGates: a pod with spec.schedulingGates stays out of activeQ until every gate is removed.
// Mirrors pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go (PreEnqueue).

import type { Pod } from "../../api/types";
import type { PodInfo } from "../framework/podInfo";
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  newStatus,
  type PreEnqueuePlugin,
  type QueueingHint,
  type Status,
} from "../framework/types";

export const SchedulingGatesName = "SchedulingGates";

export class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = SchedulingGatesName;

  /** Go prints the gate names with %v of a []string: "waiting for scheduling gates: [a b]". */
  preEnqueue(pod: PodInfo): Status | null {
    const gates = pod.pod.spec.schedulingGates ?? [];
    if (gates.length === 0) return null;
    return newStatus("UnschedulableAndUnresolvable", `waiting for scheduling gates: [${gates.map((g) => g.name).join(" ")}]`);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: "Pod", actionType: ActionType.UpdatePodSchedulingGatesEliminated }, hint: isSchedulableAfterUpdatePodSchedulingGatesEliminated }];
  }
}

function isSchedulableAfterUpdatePodSchedulingGatesEliminated(pod: PodInfo, _oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as Pod | undefined;
  return modified !== undefined && modified.metadata.uid === pod.uid ? "Queue" : "QueueSkip";
}
