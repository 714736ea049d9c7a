// The scheduling framework's contracts: Status, CycleState, plugin interfaces and score bounds.
// Mirrors k8s.io/kube-scheduler/framework (interface.go, cycle_state.go) as vendored by k/k v1.34
// pkg/scheduler/framework/interface.go.
//
// Hot-path conventions (5,000 nodes × 150,000 pods):
// - A Filter that passes returns `null` (no allocation); only rejections allocate a Status.
// - Score returns a plain number; plugins write their per-cycle data into CycleState once in
//   PreFilter/PreScore and read it per node.

import type { NodeInfo } from "./nodeInfo";
import type { PodInfo } from "./podInfo";

/** Upstream fwk.Code names. "Pending" exists upstream too (DRA); no default plugin here returns it. */
export type Code = "Success" | "Error" | "Unschedulable" | "UnschedulableAndUnresolvable" | "Wait" | "Skip" | "Pending";

/** Status of running a plugin. `null` anywhere a Status is expected means Success (upstream: nil). */
export interface Status {
  code: Code;
  reasons: string[];
  plugin?: string;
}

/** MaxNodeScore / MinNodeScore (fwk.MaxNodeScore): every normalized plugin score lies in [0, 100]. */
export const MaxNodeScore = 100;
export const MinNodeScore = 0;

export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

/**
 * The Skip status, shared (PreFilter and PreScore return it for most pods every cycle). Frozen: the
 * framework never annotates a Skip (it only records the plugin name), and nothing else may.
 */
export const SKIP: Status = Object.freeze({ code: "Skip", reasons: Object.freeze([]) as unknown as string[] });
/** PreFilter's Skip result, shared likewise. */
export const SKIP_PRE_FILTER: { status: Status } = Object.freeze({ status: SKIP });

/** Status.Message(): the reasons joined by ", " (upstream strings.Join(s.reasons, ", ")). */
export function statusMessage(s: Status | null): string {
  return s === null ? "" : s.reasons.join(", ");
}

export function isSuccess(s: Status | null): boolean {
  return s === null || s.code === "Success";
}

/** Status.IsRejected(): Unschedulable, UnschedulableAndUnresolvable or Pending. */
export function isRejected(s: Status | null): boolean {
  return s !== null && (s.code === "Unschedulable" || s.code === "UnschedulableAndUnresolvable" || s.code === "Pending");
}

export function isSkip(s: Status | null): boolean {
  return s !== null && s.code === "Skip";
}

/** Data a plugin keeps for one scheduling cycle. `clone` is needed only by preemption's dry runs. */
export interface StateData {
  clone(): StateData;
}

/**
 * CycleState: per-scheduling-cycle scratch space shared by the plugins (upstream framework.CycleState).
 * Keys are plugin-chosen strings ("PreFilterNodeResourcesFit", ...).
 */
export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run (upstream SkipFilterPlugins). */
  skipFilterPlugins: ReadonlySet<string> = EMPTY_SET;
  /** Plugins whose PreScore returned Skip: their Score is not run (upstream SkipScorePlugins). */
  skipScorePlugins: ReadonlySet<string> = EMPTY_SET;
  /** The Filter plugins to run (the profile's minus skipFilterPlugins), computed once per skip set. */
  filterPlugins: readonly FilterPlugin[] | undefined = undefined;
  filterPluginsSkip: ReadonlySet<string> | undefined = undefined;
  /** The pod filterPlugins was computed for, and its filter-reuse class (−1: verdicts not reusable). */
  filterPod: PodInfo | undefined = undefined;
  filterMemoClass = -1;

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  /** Clone copies every entry through its own clone(), as upstream CycleState.Clone does. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    c.skipFilterPlugins = this.skipFilterPlugins;
    c.skipScorePlugins = this.skipScorePlugins;
    return c;
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set<string>();

/** PreFilterResult: a plugin may narrow the nodes to evaluate (nodeNames undefined = all nodes). */
export interface PreFilterResult {
  nodeNames?: ReadonlySet<string>;
}

export interface Plugin {
  readonly name: string;
}

/** PreEnqueue runs before a pod enters activeQ (SchedulingGates). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): Status | null;
}

/** QueueSort orders activeQ (PrioritySort). */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfoLike, b: QueuedPodInfoLike): boolean;
}

/** What a QueueSort plugin may look at: the pod and when it entered the queue. */
export interface QueuedPodInfoLike {
  podInfo: PodInfo;
  /** Simulated ms when the pod was (re)added to the queue (upstream QueuedPodInfo.Timestamp). */
  timestamp: number;
  /**
   * Order of (re)insertion. Upstream timestamps have nanosecond precision and rarely tie; simulated
   * ones often do (a ReplicaSet creates 500 pods at one instant), so ties fall back to FIFO.
   */
  seq?: number;
}

/** AddPod/RemovePod keep PreFilter state correct when preemption adds or removes pods (upstream PreFilterExtensions). */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  removePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

export interface PreFilterPlugin extends Plugin {
  /** Returns Skip when the pod has nothing for this plugin: its Filter is then not run at all. */
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status | null };
  preFilterExtensions?: PreFilterExtensions;
}

export interface FilterPlugin extends Plugin {
  /** null = the node fits. Rejections use Unschedulable or UnschedulableAndUnresolvable. */
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
  /**
   * Optional: this cycle's Filter, for this pod, depends on nothing but the returned string and the
   * NodeInfo (its Node and its pods). Pods with the same key then get the same verdict on a NodeInfo
   * that did not change (NodeInfo.generation), which the framework reuses instead of calling Filter
   * again. undefined (or no method): the verdict depends on more (cycle state, API objects).
   * The key must be a function of the pod alone (the framework keeps it per PodInfo).
   */
  filterReuseKey?(state: CycleState, pod: PodInfo): string | undefined;
}

export interface PreScorePlugin extends Plugin {
  /** Returns Skip when the pod has nothing for this plugin: its Score is then not run. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

/** One score per node, `scores[i]` for `nodes[i]` (the framework passes reused Float64Array views). */
export type NodeScoreList = number[] | Float64Array;

export interface ScorePlugin extends Plugin {
  /** The raw score for one node (in [0, 100] unless normalizeScore brings it there). */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  /**
   * Optional batch form of score: `out[i] = score(state, pod, nodes[i])` for every node, in one call (the
   * loop upstream's parallelizer runs, inside the plugin: per-cycle data is read once, not per node).
   */
  scoreNodes?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void;
  /** Rewrites `scores` in place to [0, MaxNodeScore]; `nodes[i]` is the node of `scores[i]`. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScoreList, nodes: readonly NodeInfo[]): Status | null;
}

/** A plugin that can move pods it rejected back to the active queue when a cluster event happens. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

// ---- cluster events (pkg/scheduler/framework/events.go, fwk types.go) ----

export type EventResource = "Node" | "Pod" | "WildCard";

/** ActionType bits, as upstream fwk.ActionType (only those the engine emits). */
export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodToleration: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  UpdatePodOther: 1 << 11,
  All: (1 << 12) - 1,
} as const;

export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  /** Upstream label, e.g. "NodeAdd", "AssignedPodDelete", "UnschedulableTimeout". */
  label: string;
}

export type QueueingHint = "Queue" | "QueueSkip";

/** Decides whether `event` may make `pod` (rejected by this plugin) schedulable. */
export type QueueingHintFn = (pod: PodInfo, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  event: { resource: EventResource; actionType: number };
  /** Missing = always Queue (upstream: nil QueueingHintFn). */
  hint?: QueueingHintFn;
}
