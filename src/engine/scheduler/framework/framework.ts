// Framework: runs a profile's plugins at each extension point, in configured order.
// Mirrors frameworkImpl (pkg/scheduler/framework/runtime/framework.go): RunPreFilterPlugins,
// RunFilterPlugins, RunFilterPluginsWithNominatedPods, RunPreFilterExtensionAddPod/RemovePod,
// RunPreScorePlugins, RunScorePlugins (normalize, bounds check, × weight, sum).

import { FilterRunner } from "./filterRunner";
import type { NodeInfo } from "./nodeInfo";
import { ScoreBuffers } from "./scoreBuffers";
import { SkipSets } from "./skipSets";
import type { PodInfo } from "./podInfo";
import {
  CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  isSkip,
  MaxNodeScore,
  MinNodeScore,
  newStatus,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ScorePlugin,
  type Status,
  statusMessage,
} from "./types";

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/** NodeToStatus: rejection per evaluated node, plus one status for nodes absent from the map. */
export class NodeToStatus {
  readonly map = new Map<string, Status>();
  /** NewDefaultNodeToStatus: absent nodes count as UnschedulableAndUnresolvable. */
  absent: Status = newStatus("UnschedulableAndUnresolvable");

  get(nodeName: string): Status {
    return this.map.get(nodeName) ?? this.absent;
  }

  set(nodeName: string, s: Status): void {
    this.map.set(nodeName, s);
  }

  get size(): number {
    return this.map.size;
  }

  /** NodesForStatusCode, in `allNodes` order (Go walks its map in random order; we need determinism). */
  nodesForStatusCode(allNodes: readonly NodeInfo[], code: Status["code"]): NodeInfo[] {
    if (this.absent.code === code) return allNodes.filter((n) => this.get(n.name).code === code);
    return allNodes.filter((n) => this.map.get(n.name)?.code === code);
  }
}

/** A node's nominated pods (preemptors waiting for victims to leave), fed by the scheduling queue. */
export type NominatedPodsFn = (nodeName: string) => readonly PodInfo[];

/** Framework.PostFilter context: what DefaultPreemption needs from the scheduler. */
export interface PostFilterPlugin {
  readonly name: string;
  postFilter(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    nodeToStatus: NodeToStatus,
    allNodes: readonly NodeInfo[],
    random: () => number,
    nominated: NominatedPodsFn | undefined,
  ): { nominatedNodeName?: string; victims?: PodInfo[]; status: Status | null };
}

export interface Profile {
  schedulerName: string;
  preEnqueue: PreEnqueuePlugin[];
  queueSort: QueueSortPlugin;
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: WeightedScorePlugin[];
  enqueueExtensions: EnqueueExtensions[];
  /** percentageOfNodesToScore; undefined/0 = adaptive (50 − N/125, at least 5%). */
  percentageOfNodesToScore?: number;
}

export interface PreFilterOutcome {
  result: PreFilterResult | undefined;
  status: Status | null;
  /** Plugins that narrowed the node set (their names go into the absent-node message). */
  pluginsWithNodes: string[];
}

export interface ScoreOutcome {
  /** Plugins whose Score ran (not skipped by PreScore), in order. */
  plugins: ScorePlugin[];
  weights: number[];
  /**
   * scores[p][i]: plugin p's normalized score × weight for nodes[i]. Views into buffers the framework
   * reuses in its next RunScorePlugins: copy what must outlive the cycle (buildDecision does).
   */
  scores: Float64Array[];
  totals: Float64Array;
}

export class Framework {
  readonly filterPluginNames: readonly string[];

  private readonly skips = new SkipSets();
  private readonly filters: FilterRunner;

  constructor(readonly profile: Profile) {
    this.filterPluginNames = profile.filter.map((p) => p.name);
    for (const list of [profile.preFilter, profile.filter, profile.preScore]) {
      // Skipped plugins are kept as bits of a number (SkipSets, FilterRunner).
      if (list.length > 30) throw new Error(`a profile may have at most 30 plugins per extension point, got ${list.length}`);
    }
    this.filters = new FilterRunner(profile.filter, this.skips);
  }

  get queueSort(): QueueSortPlugin {
    return this.profile.queueSort;
  }

  hasFilterPlugins(): boolean {
    return this.profile.filter.length > 0;
  }

  hasScorePlugins(): boolean {
    return this.profile.score.length > 0;
  }

  // mirrors RunPreFilterPlugins
  runPreFilterPlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome {
    let skipMask = 0;
    let names: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    let returnStatus: Status | null = null;
    const preFilter = this.profile.preFilter;
    for (let i = 0; i < preFilter.length; i++) {
      const pl = preFilter[i]!;
      const { result, status } = pl.preFilter(state, pod, nodes);
      if (isSkip(status)) {
        skipMask |= 1 << i;
        continue;
      }
      if (status !== null && status.code !== "Success") {
        status.plugin = pl.name;
        // Unresolvable: preemption cannot help, stop here. Unschedulable: keep going (issue #119770).
        if (status.code === "UnschedulableAndUnresolvable") return { result: undefined, status, pluginsWithNodes: [] };
        if (status.code === "Unschedulable") {
          returnStatus = status;
          continue;
        }
        return { result: undefined, status: { code: "Error", reasons: [`running PreFilter plugin "${pl.name}": ${statusMessage(status)}`], plugin: pl.name }, pluginsWithNodes: [] };
      }
      if (result?.nodeNames !== undefined) {
        pluginsWithNodes.push(pl.name);
        names = names === undefined ? new Set(result.nodeNames) : new Set([...names].filter((n) => result.nodeNames!.has(n)));
        if (names.size === 0) {
          const sorted = [...pluginsWithNodes].sort();
          const msg = sorted.length === 1 ? `node(s) didn't satisfy plugin ${sorted[0]}` : `node(s) didn't satisfy plugin(s) [${sorted.join(" ")}] simultaneously`;
          return { result: { nodeNames: names }, status: newStatus("UnschedulableAndUnresolvable", msg), pluginsWithNodes };
        }
      }
    }
    state.skipFilterPlugins = this.skips.of(preFilter, skipMask, 0);
    return { result: names === undefined ? undefined : { nodeNames: names }, status: returnStatus, pluginsWithNodes };
  }

  // mirrors RunFilterPlugins: the first rejection wins and names its plugin.
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.filters.run(state, pod, nodeInfo);
  }

  /**
   * RunFilterPluginsWithNominatedPods: if pods of equal or higher priority are nominated to this node,
   * the pod must fit both with them (pass 1) and without them (pass 2).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, nominated: NominatedPodsFn | undefined): Status | null {
    if (nominated !== undefined) {
      const all = nominated(nodeInfo.name);
      const others = all.length === 0 ? all : all.filter((p) => p.uid !== pod.uid && p.priority >= pod.priority);
      if (others.length > 0) {
        const stateOut = state.clone();
        const nodeOut = nodeInfo.clone();
        for (const p of others) {
          nodeOut.addPod(p);
          const s = this.runPreFilterExtensionAddPod(stateOut, pod, p, nodeOut);
          if (s !== null) return s;
        }
        const first = this.runFilterPlugins(stateOut, pod, nodeOut);
        if (first !== null) return first;
      }
    }
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.profile.preFilter) {
      if (!pl.preFilterExtensions || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.preFilterExtensions.addPod(state, podToSchedule, podToAdd, nodeInfo);
      if (s !== null && s.code !== "Success") return { code: "Error", reasons: [`running AddPod on PreFilter plugin "${pl.name}": ${statusMessage(s)}`], plugin: pl.name };
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.profile.preFilter) {
      if (!pl.preFilterExtensions || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.preFilterExtensions.removePod(state, podToSchedule, podToRemove, nodeInfo);
      if (s !== null && s.code !== "Success") return { code: "Error", reasons: [`running RemovePod on PreFilter plugin "${pl.name}": ${statusMessage(s)}`], plugin: pl.name };
    }
    return null;
  }

  // mirrors RunPreScorePlugins
  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    let skipMask = 0;
    const preScore = this.profile.preScore;
    for (let i = 0; i < preScore.length; i++) {
      const pl = preScore[i]!;
      const s = pl.preScore(state, pod, nodes);
      if (isSkip(s)) {
        skipMask |= 1 << i;
        continue;
      }
      if (s !== null && s.code !== "Success") return { code: "Error", reasons: [`running PreScore plugin "${pl.name}": ${statusMessage(s)}`], plugin: pl.name };
    }
    state.skipScorePlugins = this.skips.of(preScore, skipMask, 1);
    return null;
  }



  private readonly scorePluginsBySkip = new Map<ReadonlySet<string>, { list: readonly WeightedScorePlugin[]; plugins: ScorePlugin[]; weights: number[] }>();
  private readonly buffers = new ScoreBuffers();

  // mirrors RunScorePlugins
  /**
   * `forSelectionOnly`: the caller only compares the totals (selectHost), it does not show them. A plugin
   * whose scores are the same on every node then adds the same amount to every total, which changes no
   * comparison: its row is left out of the totals (and not weighted). The verdicts and the choice are the
   * same; the totals differ from the full ones by a constant.
   */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], forSelectionOnly = false): { outcome?: ScoreOutcome; status: Status | null } {
    const skip = state.skipScorePlugins;
    let ran = this.scorePluginsBySkip.get(skip);
    if (ran === undefined) {
      const list = skip.size === 0 ? this.profile.score : this.profile.score.filter((w) => !skip.has(w.plugin.name));
      ran = { list, plugins: list.map((w) => w.plugin), weights: list.map((w) => w.weight) };
      if (this.skips.isInterned(skip)) this.scorePluginsBySkip.set(skip, ran);
    }
    const list = ran.list;
    const n = nodes.length;
    const views = this.buffers.views(list.length, n);
    const scores = views.slice(0, list.length);
    for (let p = 0; p < list.length; p++) {
      const plugin = list[p]!.plugin;
      const row = views[p]!;
      if (plugin.scoreNodes) plugin.scoreNodes(state, pod, nodes, row);
      else for (let i = 0; i < n; i++) row[i] = plugin.score(state, pod, nodes[i]!);
      if (plugin.normalizeScore) {
        const s = plugin.normalizeScore(state, pod, row, nodes);
        if (s !== null && s.code !== "Success") return { status: { code: "Error", reasons: [`running Normalize on Score plugins: ${statusMessage(s)}`], plugin: plugin.name } };
      }
    }
    const totals = views[list.length]!;
    totals.fill(0);
    for (let p = 0; p < list.length; p++) {
      const { plugin, weight } = list[p]!;
      const row = scores[p]!;
      if (forSelectionOnly && n > 0) {
        const first = row[0]!;
        if (first <= MaxNodeScore && first >= MinNodeScore) {
          let i = 1;
          while (i < n && row[i] === first) i++;
          if (i === n) continue;
        }
      }
      for (let i = 0; i < n; i++) {
        const v = row[i]!;
        if (v > MaxNodeScore || v < MinNodeScore) {
          return { status: newStatus("Error", `plugin "${plugin.name}" returns an invalid score ${v}, it should in the range of [${MinNodeScore}, ${MaxNodeScore}] after normalizing`) };
        }
        const w = v * weight;
        row[i] = w;
        totals[i]! += w;
      }
    }
    // plugins and weights are shared by every outcome with the same skipped plugins (never modified).
    return { outcome: { plugins: ran.plugins, weights: ran.weights, scores, totals }, status: null };
  }

  runPreEnqueuePlugins(pod: PodInfo): { plugin: string; status: Status } | null {
    for (const pl of this.profile.preEnqueue) {
      const s = pl.preEnqueue(pod);
      if (s !== null && s.code !== "Success") {
        s.plugin = pl.name;
        return { plugin: pl.name, status: s };
      }
    }
    return null;
  }

  newCycleState(): CycleState {
    return new CycleState();
  }
}
