// TaintToleration (weight 3): filters out nodes with NoSchedule/NoExecute taints the pod does not
// tolerate, and prefers nodes with fewer untolerated PreferNoSchedule taints.
// Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go, and exports the toleration
// matching of api core/v1 toleration.go (ToleratesTaint) and pkg/apis/core/v1/helper/helpers.go
// (TolerationsTolerateTaint, FindMatchingUntoleratedTaint) for the taint-eviction controller.

import type { Node, Pod, Taint, Toleration } from "../../api/types";
import { Col, ROW } from "../framework/nodeColumns";
import type { NodeInfo } from "../framework/nodeInfo";
import { defaultNormalizeScore } from "../framework/normalizeScore";
import type { PodInfo } from "../framework/podInfo";
import {
  ActionType,
  type ClusterEventWithHint,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  MaxNodeScore,
  newStatus,
  type NodeScoreList,
  type PreScorePlugin,
  type ScorePlugin,
  type StateData,
  type Status,
} from "../framework/types";

export const TaintTolerationName = "TaintToleration";

// mirrors (*Toleration).ToleratesTaint (k8s.io/api core/v1 toleration.go, v0.34)
/** An empty effect matches every effect; an empty key (with Exists) matches every key; "" operator means Equal. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? "") {
    case "":
    case "Equal":
      return (t.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

// mirrors TolerationsTolerateTaint (pkg/apis/core/v1/helper/helpers.go)
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** DoNotScheduleTaintsFilterFunc: the taints the Filter cares about (helper/taints.go). */
export function isDoNotScheduleTaint(t: Taint): boolean {
  return t.effect === "NoSchedule" || t.effect === "NoExecute";
}

// mirrors FindMatchingUntoleratedTaint (component-helpers/scheduling/corev1/helpers.go)
/** The first taint (in node order) accepted by `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** The Filter's reason: `node(s) had untolerated taint {key: value}` (an empty value prints nothing after ": "). */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

const preScoreStateKey = "PreScore" + TaintTolerationName;

function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[], tols: readonly Toleration[]): number {
  let n = 0;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i]!;
    if (taint.effect !== "PreferNoSchedule") continue;
    if (!tolerationsTolerateTaint(tols, taint)) n++;
  }
  return n;
}

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}
  clone(): StateData {
    return this;
  }
}

const NO_PREFER_NO_SCHEDULE = new PreScoreState([]);

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = TaintTolerationName;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const taint = findMatchingUntoleratedTaint(nodeInfo.taints, pod.pod.spec.tolerations, isDoNotScheduleTaint);
    if (taint === undefined) return null;
    return newStatus("UnschedulableAndUnresolvable", untoleratedTaintReason(taint));
  }

  /** The verdict depends on the node's taints and the pod's tolerations. */
  filterReuseKey(_state: CycleState, pod: PodInfo): string {
    return pod.tolerationsKey;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    // getAllTolerationPreferNoSchedule: an empty effect also covers PreferNoSchedule.
    const all = pod.pod.spec.tolerations ?? [];
    const tols = all.some((t) => !t.effect || t.effect === "PreferNoSchedule") ? all.filter((t) => !t.effect || t.effect === "PreferNoSchedule") : undefined;
    // Most pods tolerate no PreferNoSchedule taint: they share one state.
    state.write(preScoreStateKey, tols === undefined ? NO_PREFER_NO_SCHEDULE : new PreScoreState(tols));
    return null;
  }

  /** countIntolerableTaintsPreferNoSchedule. */
  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    return countIntolerableTaintsPreferNoSchedule(nodeInfo.taints, state.read<PreScoreState>(preScoreStateKey)?.tolerationsPreferNoSchedule ?? []);
  }

  scoreNodes(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const tols = state.read<PreScoreState>(preScoreStateKey)?.tolerationsPreferNoSchedule ?? [];
    for (let i = 0; i < nodes.length; i++) {
      const ni = nodes[i]!;
      // Most nodes have no PreferNoSchedule taint (counted in the node's row): 0 without reading the taints.
      out[i] = ni.columns.data[ni.index * ROW + Col.preferNoScheduleTaints] === 0 ? 0 : countIntolerableTaintsPreferNoSchedule(ni.taints, tols);
    }
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScoreList): Status | null {
    defaultNormalizeScore(MaxNodeScore, true, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeTaint }, hint: isSchedulableAfterNodeChange },
      { event: { resource: "Pod", actionType: ActionType.UpdatePodToleration }, hint: isSchedulableAfterPodTolerationChange },
    ];
  }
}

/** Queue when the node is new or its taints changed so that the pod no longer hits an untolerated one. */
function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): "Queue" | "QueueSkip" {
  const modified = newObj as Node | undefined;
  if (!modified) return "QueueSkip";
  const tols = pod.pod.spec.tolerations;
  const wasUntolerated = oldObj === undefined || findMatchingUntoleratedTaint((oldObj as Node).spec?.taints, tols, isDoNotScheduleTaint) !== undefined;
  const isUntolerated = findMatchingUntoleratedTaint(modified.spec?.taints, tols, isDoNotScheduleTaint) !== undefined;
  return wasUntolerated && !isUntolerated ? "Queue" : "QueueSkip";
}

/** Queue when the unscheduled pod itself gained tolerations. */
function isSchedulableAfterPodTolerationChange(pod: PodInfo, _oldObj: unknown, newObj: unknown): "Queue" | "QueueSkip" {
  const modified = newObj as Pod | undefined;
  return modified !== undefined && modified.metadata.uid === pod.uid ? "Queue" : "QueueSkip";
}
