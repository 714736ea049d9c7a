// Cluster events that may make unschedulable pods schedulable, and how a Node or Pod update maps to them.
// Mirrors pkg/scheduler/framework/events.go (NodeSchedulingPropertiesChange, PodSchedulingPropertiesChange)
// and the Event* constants of pkg/scheduler/framework/types.go.

import type { Node, Pod } from "../api/types";
import { ActionType, type ClusterEvent } from "./framework/types";
import { PodInfo } from "./framework/podInfo";

export const EventNodeAdd: ClusterEvent = { resource: "Node", actionType: ActionType.Add, label: "NodeAdd" };
export const EventNodeDelete: ClusterEvent = { resource: "Node", actionType: ActionType.Delete, label: "NodeDelete" };
export const EventAssignedPodAdd: ClusterEvent = { resource: "Pod", actionType: ActionType.Add, label: "AssignedPodAdd" };
export const EventAssignedPodDelete: ClusterEvent = { resource: "Pod", actionType: ActionType.Delete, label: "AssignedPodDelete" };
/** A wildcard: every pod in the unschedulable pool is worth retrying (flushUnschedulablePodsLeftover). */
export const EventUnschedulableTimeout: ClusterEvent = { resource: "WildCard", actionType: ActionType.All, label: "UnschedulableTimeout" };
/** A wildcard aimed at one pod (Activate). */
export const EventForceActivate: ClusterEvent = { resource: "WildCard", actionType: ActionType.All, label: "ForceActivate" };

function nodeUpdate(actionType: number, label: string): ClusterEvent {
  return { resource: "Node", actionType, label };
}

function podUpdate(actionType: number, label: string, assigned: boolean): ClusterEvent {
  return { resource: "Pod", actionType, label: (assigned ? "AssignedPod" : "UnschedulablePod") + label };
}

function sameRecord(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

function sameTaints(a: Node, b: Node): boolean {
  const ta = a.spec?.taints ?? [];
  const tb = b.spec?.taints ?? [];
  if (ta.length !== tb.length) return false;
  return ta.every((t, i) => t.key === tb[i]!.key && (t.value ?? "") === (tb[i]!.value ?? "") && t.effect === tb[i]!.effect);
}

function sameContainerRequests(a: Pod, b: Pod): boolean {
  const ca = [...(a.spec.initContainers ?? []), ...(a.spec.containers ?? [])];
  const cb = [...(b.spec.initContainers ?? []), ...(b.spec.containers ?? [])];
  if (ca.length !== cb.length) return false;
  return ca.every((c, i) => sameRecord(c.resources?.requests, cb[i]!.resources?.requests));
}

function sameTolerations(a: Pod, b: Pod): boolean {
  const ta = a.spec.tolerations ?? [];
  const tb = b.spec.tolerations ?? [];
  if (ta.length !== tb.length) return false;
  return ta.every((t, i) => {
    const u = tb[i]!;
    return t.key === u.key && t.operator === u.operator && t.value === u.value && t.effect === u.effect && t.tolerationSeconds === u.tolerationSeconds;
  });
}

/** Condition type → status; heartbeat and transition times are ignored (kubelets update them every 10s). */
function conditionStatuses(n: Node): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of n.status?.conditions ?? []) out[c.type] = c.status;
  return out;
}

// mirrors NodeSchedulingPropertiesChange (events.go)
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  if ((newNode.spec?.unschedulable ?? false) !== (oldNode.spec?.unschedulable ?? false)) events.push(nodeUpdate(ActionType.UpdateNodeTaint, "NodeSpecUnschedulableChange"));
  if (!sameRecord(newNode.status?.allocatable, oldNode.status?.allocatable)) events.push(nodeUpdate(ActionType.UpdateNodeAllocatable, "NodeAllocatableChange"));
  if (!sameRecord(newNode.metadata.labels, oldNode.metadata.labels)) events.push(nodeUpdate(ActionType.UpdateNodeLabel, "NodeLabelChange"));
  if (!sameTaints(newNode, oldNode)) events.push(nodeUpdate(ActionType.UpdateNodeTaint, "NodeTaintChange"));
  if (!sameRecord(conditionStatuses(newNode), conditionStatuses(oldNode))) events.push(nodeUpdate(ActionType.UpdateNodeCondition, "NodeConditionChange"));
  if (!sameRecord(newNode.metadata.annotations, oldNode.metadata.annotations)) events.push(nodeUpdate(ActionType.UpdateNodeAnnotation, "NodeAnnotationChange"));
  return events;
}

// mirrors PodSchedulingPropertiesChange (events.go); `assigned` picks the AssignedPod/UnschedulablePod label.
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod, assigned: boolean): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  if (!sameRecord(newPod.metadata.labels, oldPod.metadata.labels)) events.push(podUpdate(ActionType.UpdatePodLabel, "UpdatePodLabel", assigned));
  // Requests are parsed only when a container's requests changed (status updates are far more common).
  if (!sameContainerRequests(newPod, oldPod)) {
    const before = new PodInfo(oldPod).requests;
    const after = new PodInfo(newPod).requests;
    if (after.milliCPU < before.milliCPU || after.memory < before.memory || after.ephemeralStorage < before.ephemeralStorage) {
      events.push(podUpdate(ActionType.UpdatePodScaleDown, "UpdatePodScaleDown", assigned));
    }
  }
  if ((oldPod.spec.schedulingGates?.length ?? 0) > 0 && (newPod.spec.schedulingGates?.length ?? 0) === 0) {
    events.push(podUpdate(ActionType.UpdatePodSchedulingGatesEliminated, "UpdatePodSchedulingGatesEliminated", assigned));
  }
  if (!sameTolerations(newPod, oldPod)) {
    events.push(podUpdate(ActionType.UpdatePodToleration, "UpdatePodToleration", assigned));
  }
  if (events.length === 0) events.push(podUpdate(ActionType.UpdatePodOther, "UpdatePodOther", assigned));
  return events;
}

/** MatchClusterEvents: either side a wildcard, or the same resource with an overlapping action. */
export function matchClusterEvents(registered: { resource: string; actionType: number }, incoming: { resource: string; actionType: number }): boolean {
  if (registered.resource === "WildCard" || incoming.resource === "WildCard") return true;
  return registered.resource === incoming.resource && (registered.actionType & incoming.actionType) !== 0;
}
