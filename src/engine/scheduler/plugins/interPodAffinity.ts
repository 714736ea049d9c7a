// InterPodAffinity (weight 2): required pod affinity / anti-affinity filter (including existing pods'
// anti-affinity against the incoming pod) and preferred terms scoring.
// Mirrors pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (plus filtering.go, scoring.go).

import type { Node, Pod } from "../../api/types";
import type { Snapshot } from "../cache";
import type { Labels } from "../framework/labels";
import type { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import {
  ActionType,
  type ClusterEventWithHint,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  newStatus,
  type NodeScoreList,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueingHint,
  type ScorePlugin,
  SKIP,
  SKIP_PRE_FILTER,
  type Status,
} from "../framework/types";
import {
  AffinityPreFilterState,
  calAffinityPreFilterState,
  type NamespaceLabelsFn,
  podMatchesAllAffinityTerms,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
} from "./interPodAffinityFilter";
import { affinityNormalizeScore, affinityScore, type AffinityPreScoreState, calAffinityPreScoreState, DefaultHardPodAffinityWeight } from "./interPodAffinityScore";

export const InterPodAffinityName = "InterPodAffinity";
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

const preFilterStateKey = "PreFilter" + InterPodAffinityName;
const preScoreStateKey = "PreScore" + InterPodAffinityName;

export interface InterPodAffinityOptions {
  /** Labels of a namespace, for terms with a namespaceSelector. Missing = no namespace has labels. */
  namespaceLabels?: (namespace: string) => Labels;
  hardPodAffinityWeight?: number;
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = InterPodAffinityName;
  readonly preFilterExtensions: PreFilterExtensions;
  private readonly ns: NamespaceLabelsFn;
  private readonly hardPodAffinityWeight: number;

  constructor(
    private readonly snapshot: Snapshot,
    options: InterPodAffinityOptions = {},
  ) {
    this.ns = options.namespaceLabels ?? (() => undefined);
    this.hardPodAffinityWeight = options.hardPodAffinityWeight ?? DefaultHardPodAffinityWeight;
    this.preFilterExtensions = {
      addPod: (state, _podToSchedule, podToAdd, nodeInfo) => {
        state.read<AffinityPreFilterState>(preFilterStateKey)?.updateWithPod(podToAdd, nodeInfo, 1);
        return null;
      },
      removePod: (state, _podToSchedule, podToRemove, nodeInfo) => {
        state.read<AffinityPreFilterState>(preFilterStateKey)?.updateWithPod(podToRemove, nodeInfo, -1);
        return null;
      },
    };
  }

  preFilter(state: CycleState, pod: PodInfo, allNodes: readonly NodeInfo[]) {
    const withAnti = this.snapshot.havePodsWithRequiredAntiAffinityList();
    // Fast path: nothing required on either side (the common case at scale).
    if (withAnti.length === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
      return SKIP_PRE_FILTER;
    }
    const s = calAffinityPreFilterState(pod, allNodes, withAnti, this.ns);
    if (s.existingAntiAffinityCounts.size === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
      return SKIP_PRE_FILTER;
    }
    state.write(preFilterStateKey, s);
    return { status: null };
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<AffinityPreFilterState>(preFilterStateKey);
    if (!s) return newStatus("Error", `reading "${preFilterStateKey}" from cycleState: not found`);
    if (!satisfyPodAffinity(s, nodeInfo)) return newStatus("UnschedulableAndUnresolvable", ErrReasonAffinityRulesNotMatch);
    if (!satisfyPodAntiAffinity(s, nodeInfo)) return newStatus("Unschedulable", ErrReasonAntiAffinityRulesNotMatch);
    if (!satisfyExistingPodsAntiAffinity(s, nodeInfo)) return newStatus("Unschedulable", ErrReasonExistingAntiAffinityRulesNotMatch);
    return null;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const s = calAffinityPreScoreState(pod, this.snapshot.list(), this.snapshot.havePodsWithAffinityList(), this.ns, this.hardPodAffinityWeight);
    if (!s) return SKIP;
    state.write(preScoreStateKey, s);
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<AffinityPreScoreState>(preScoreStateKey);
    return s ? affinityScore(s, nodeInfo) : 0;
  }

  scoreNodes(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const s = state.read<AffinityPreScoreState>(preScoreStateKey);
    for (let i = 0; i < nodes.length; i++) out[i] = s ? affinityScore(s, nodes[i]!) : 0;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScoreList): Status | null {
    const s = state.read<AffinityPreScoreState>(preScoreStateKey);
    if (s) affinityNormalizeScore(s, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: "Pod", actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete }, hint: (p, o, n) => this.isSchedulableAfterPodChange(p, o, n) },
      { event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeLabel }, hint: isSchedulableAfterNodeChange },
    ];
  }

  /** Queue when an assigned pod now matches the affinity, or stops matching / leaves the anti-affinity. */
  private isSchedulableAfterPodChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
    const original = oldObj as Pod | undefined;
    const modified = newObj as Pod | undefined;
    if ((modified && !modified.spec.nodeName) || (original && !original.spec.nodeName)) return "QueueSkip";
    const terms = pod.requiredAffinityTerms;
    const anti = pod.requiredAntiAffinityTerms;
    if (modified && original) {
      const o = new PodInfo(original);
      const m = new PodInfo(modified);
      if (!podMatchesAllAffinityTerms(terms, o, this.ns) && podMatchesAllAffinityTerms(terms, m, this.ns)) return "Queue";
      if (podMatchesAllAffinityTerms(anti, o, this.ns) && !podMatchesAllAffinityTerms(anti, m, this.ns)) return "Queue";
      return "QueueSkip";
    }
    if (modified) return podMatchesAllAffinityTerms(terms, new PodInfo(modified), this.ns) ? "Queue" : "QueueSkip";
    if (original) {
      const o = new PodInfo(original);
      // Also requeue when the deleted pod's own required anti-affinity may have been what rejected us
      // (a conservative addition: a missed event would otherwise wait for the 5-minute flush).
      if (o.requiredAntiAffinityTerms.length > 0) return "Queue";
      return podMatchesAllAffinityTerms(anti, o, this.ns) ? "Queue" : "QueueSkip";
    }
    return "QueueSkip";
  }
}

/** Queue when a node appears with (or changes) a label used as a topology key by the pod's required terms. */
function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as Node | undefined;
  if (!modified) return "QueueSkip";
  const original = oldObj as Node | undefined;
  for (const t of [...pod.requiredAffinityTerms, ...pod.requiredAntiAffinityTerms]) {
    const now = modified.metadata.labels?.[t.topologyKey];
    const before = original?.metadata.labels?.[t.topologyKey];
    if (original === undefined ? now !== undefined : now !== before) return "Queue";
  }
  return "QueueSkip";
}
