// NodeAffinity (weight 2): filters on spec.nodeSelector + required node affinity, scores the sum of the
// weights of the preferred terms a node matches.
// Mirrors pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go.

import type { Node } from "../../api/types";
import type { NodeInfo } from "../framework/nodeInfo";
import { ObjectNameField, PreferredSchedulingTerms, RequiredNodeAffinity } from "../framework/nodeSelector";
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
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueingHint,
  type ScorePlugin,
  type StateData,
  SKIP,
  SKIP_PRE_FILTER,
  type Status,
} from "../framework/types";

export const NodeAffinityName = "NodeAffinity";
/** ErrReasonPod. */
export const ErrReasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector";
/** errReasonConflict: every term pins metadata.name, and the pinned sets do not intersect. */
export const ErrReasonNodeAffinityConflict = "pod affinity terms conflict";

const preFilterStateKey = "PreFilter" + NodeAffinityName;
const preScoreStateKey = "PreScore" + NodeAffinityName;

class PreFilterState implements StateData {
  constructor(readonly required: RequiredNodeAffinity) {}
  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferred: PreferredSchedulingTerms) {}
  clone(): StateData {
    return this;
  }
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NodeAffinityName;

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status | null } {
    const spec = pod.pod.spec;
    const req = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // Skip: no nodeSelector and no required node affinity.
    if (req === undefined && spec.nodeSelector === undefined) return SKIP_PRE_FILTER;
    state.write(preFilterStateKey, new PreFilterState(new RequiredNodeAffinity(pod.pod)));
    const terms = req?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return { status: null };

    // A term that pins metadata.name narrows the nodes to evaluate (PreFilterResult.NodeNames).
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== ObjectNameField || r.operator !== "In") continue;
        const s = new Set(r.values ?? []);
        termNames = termNames === undefined ? s : new Set([...termNames].filter((n) => s.has(n)));
      }
      // A term without a name pin makes every node eligible: the terms are ORed.
      if (termNames === undefined) return { status: null };
      nodeNames = nodeNames === undefined ? termNames : new Set([...nodeNames, ...termNames]);
    }
    if (nodeNames !== undefined && nodeNames.size === 0) {
      return { status: newStatus("UnschedulableAndUnresolvable", ErrReasonNodeAffinityConflict) };
    }
    return { result: { nodeNames }, status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const required = state.read<PreFilterState>(preFilterStateKey)?.required ?? new RequiredNodeAffinity(pod.pod);
    return required.match(nodeInfo.node!) ? null : newStatus("UnschedulableAndUnresolvable", ErrReasonNodeAffinity);
  }

  /** The verdict depends on the node's labels and name, and the pod's nodeSelector and required node affinity. */
  filterReuseKey(_state: CycleState, pod: PodInfo): string {
    const spec = pod.pod.spec;
    return JSON.stringify([spec.nodeSelector ?? null, spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null]);
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred === undefined) return SKIP;
    state.write(preScoreStateKey, new PreScoreState(new PreferredSchedulingTerms(preferred)));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(preScoreStateKey);
    return s ? s.preferred.score(nodeInfo.node!) : 0;
  }

  scoreNodes(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const s = state.read<PreScoreState>(preScoreStateKey);
    for (let i = 0; i < nodes.length; i++) out[i] = s ? s.preferred.score(nodes[i]!.node!) : 0;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScoreList): Status | null {
    defaultNormalizeScore(MaxNodeScore, false, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeLabel }, hint: isSchedulableAfterNodeChange }];
  }
}

/** Queue when the new/updated node matches the pod's required node affinity and did not before. */
function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as Node | undefined;
  if (!modified) return "QueueSkip";
  const required = new RequiredNodeAffinity(pod.pod);
  if (!required.match(modified)) return "QueueSkip";
  const original = oldObj as Node | undefined;
  if (original === undefined || !required.match(original)) return "Queue";
  return "QueueSkip";
}
