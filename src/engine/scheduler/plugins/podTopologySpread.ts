// PodTopologySpread (weight 2): spreads matching pods across topology domains. Hard constraints filter,
// soft ones (and the system defaults: hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) score.
// Mirrors pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (plus filtering.go, scoring.go).

import type { Node, Pod } from "../../api/types";
import type { Snapshot } from "../cache";
import { Selector } from "../framework/labels";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
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
  buildDefaultConstraints,
  type Constraint,
  defaultSelector,
  type DefaultSelectorInputs,
  filterTopologySpreadConstraints,
  PodTopologySpreadName,
} from "./podTopologySpreadCommon";
import { calPreFilterState, SpreadPreFilterState, spreadFilter } from "./podTopologySpreadFilter";
import { DomainCounter } from "./podTopologySpreadDomains";
import { calPreScoreState, type SpreadPreScoreState, spreadNormalizeScore, spreadScore } from "./podTopologySpreadScore";
import { spreadScoreNodes } from "./podTopologySpreadScoreNodes";

export { PodTopologySpreadName } from "./podTopologySpreadCommon";

const preFilterStateKey = "PreFilter" + PodTopologySpreadName;
const preScoreStateKey = "PreScore" + PodTopologySpreadName;

export interface PodTopologySpreadOptions {
  /**
   * Selectors DefaultSelector needs for a pod without constraints: Services selecting it and its
   * controller. Without it, the system default constraints never apply (their selector is empty).
   */
  defaultSelectorInputs?: (pod: Pod) => DefaultSelectorInputs | undefined;
}

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = PodTopologySpreadName;
  readonly preFilterExtensions: PreFilterExtensions;
  private readonly counter: DomainCounter;
  private readonly ownConstraints = new WeakMap<PodInfo, { DoNotSchedule?: readonly Constraint[]; ScheduleAnyway?: readonly Constraint[] }>();
  /** The default selector of the current cycle's pod (see constraints). */
  private selectorState: CycleState | undefined = undefined;
  private selectorPod: PodInfo | undefined = undefined;
  private selector: Selector = Selector.EVERYTHING;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly options: PodTopologySpreadOptions = {},
  ) {
    this.counter = new DomainCounter(snapshot);
    this.preFilterExtensions = {
      addPod: (state, podToSchedule, podToAdd, nodeInfo) => {
        state.read<SpreadPreFilterState>(preFilterStateKey)?.updateWithPod(podToAdd, podToSchedule, nodeInfo, 1);
        return null;
      },
      removePod: (state, podToSchedule, podToRemove, nodeInfo) => {
        state.read<SpreadPreFilterState>(preFilterStateKey)?.updateWithPod(podToRemove, podToSchedule, nodeInfo, -1);
        return null;
      },
    };
  }

  /**
   * The pod's constraints for one whenUnsatisfiable. Its own constraints depend only on the pod (memoized
   * per PodInfo); the system defaults on its default selector, which reads Services and the owner, looked
   * up once per scheduling cycle (`state`).
   */
  private constraints(pod: PodInfo, action: "DoNotSchedule" | "ScheduleAnyway", state?: CycleState): readonly Constraint[] {
    const own = pod.pod.spec.topologySpreadConstraints;
    if (own && own.length > 0) {
      let memo = this.ownConstraints.get(pod);
      if (memo === undefined) this.ownConstraints.set(pod, (memo = {}));
      return (memo[action] ??= filterTopologySpreadConstraints(own, pod.labels, action));
    }
    let selector: Selector;
    if (state !== undefined && state === this.selectorState && pod === this.selectorPod) selector = this.selector;
    else {
      selector = defaultSelector(this.options.defaultSelectorInputs?.(pod.pod));
      if (state !== undefined) {
        this.selectorState = state;
        this.selectorPod = pod;
        this.selector = selector;
      }
    }
    return buildDefaultConstraints(pod.pod, action, selector);
  }

  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]) {
    const constraints = this.constraints(pod, "DoNotSchedule", state);
    // Skip: no hard constraints (the system defaults are all ScheduleAnyway).
    if (constraints.length === 0) return SKIP_PRE_FILTER;
    // The memo only applies to the snapshot's own node list (preemption dry runs pass copies).
    const counter = nodes === this.snapshot.list() ? this.counter : undefined;
    state.write(preFilterStateKey, calPreFilterState(pod, constraints, nodes, counter));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<SpreadPreFilterState>(preFilterStateKey);
    if (!s) return newStatus("Error", `reading "${preFilterStateKey}" from cycleState: not found`);
    return spreadFilter(s, pod, nodeInfo);
  }

  preScore(state: CycleState, pod: PodInfo, filteredNodes: readonly NodeInfo[]): Status | null {
    const allNodes = this.snapshot.list();
    if (allNodes.length === 0) return SKIP;
    const constraints = this.constraints(pod, "ScheduleAnyway", state);
    if (constraints.length === 0) return SKIP;
    const own = pod.pod.spec.topologySpreadConstraints;
    // Only the system defaults (not user constraints) tolerate nodes missing a topology label.
    const requireAllTopologies = own !== undefined && own.length > 0;
    state.write(preScoreStateKey, calPreScoreState(pod, constraints, filteredNodes, allNodes, requireAllTopologies, this.counter));
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<SpreadPreScoreState>(preScoreStateKey);
    return s ? spreadScore(s, pod, nodeInfo) : 0;
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const s = state.read<SpreadPreScoreState>(preScoreStateKey);
    if (s) spreadScoreNodes(s, pod, nodes, out);
    else out.fill(0, 0, nodes.length);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScoreList, nodes: readonly NodeInfo[]): Status | null {
    const s = state.read<SpreadPreScoreState>(preScoreStateKey);
    if (s) spreadNormalizeScore(s, scores, nodes);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: "Pod", actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete }, hint: (p, o, n) => this.isSchedulableAfterPodChange(p, o, n) },
      {
        event: { resource: "Node", actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
        hint: (p, o, n) => this.isSchedulableAfterNodeChange(p, o, n),
      },
    ];
  }

  /** Queue when a pod in the same namespace matching one of the constraints' selectors appeared, changed or left. */
  private isSchedulableAfterPodChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
    const changed = (newObj ?? oldObj) as Pod | undefined;
    if (!changed || (changed.metadata.namespace ?? "default") !== pod.namespace) return "QueueSkip";
    const constraints = [...this.constraints(pod, "DoNotSchedule"), ...this.constraints(pod, "ScheduleAnyway")];
    const labelsBefore = (oldObj as Pod | undefined)?.metadata.labels;
    const labelsAfter = (newObj as Pod | undefined)?.metadata.labels;
    for (const c of constraints) {
      if ((newObj !== undefined && c.selector.matches(labelsAfter)) || (oldObj !== undefined && c.selector.matches(labelsBefore))) return "Queue";
    }
    return "QueueSkip";
  }

  /** Queue when the node carries (or carried) every topology key the pod spreads over. */
  private isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
    const constraints = this.constraints(pod, "DoNotSchedule");
    if (constraints.length === 0) return "QueueSkip";
    const has = (n: Node | undefined) => n !== undefined && constraints.every((c) => n.metadata.labels?.[c.topologyKey] !== undefined);
    const before = oldObj as Node | undefined;
    const after = newObj as Node | undefined;
    if (before === undefined || after === undefined) return has(before ?? after) ? "Queue" : "QueueSkip";
    if (!has(before) && !has(after)) return "QueueSkip";
    return "Queue";
  }
}
