// FilterRunner: RunFilterPlugins for one node, reusing verdicts. A node's Filter verdict for a pod is
// remembered (per NodeColumns row, a RowMemo) when every Filter plugin of the cycle declares what it
// depends on (FilterPlugin.filterReuseKey: the pod's side) — the node's side is then NodeInfo.generation.
// The next pod with the same key skips the plugins on every node that did not change; a remembered
// rejection runs the rejecting plugin again, so that its Status is fresh and the same as before.
// Mirrors RunFilterPlugins (pkg/scheduler/framework/runtime/framework.go); the reuse is Kubelab's.

import { memoClassId, type NodeColumns, newRowMemoId, type RowMemo } from "./nodeColumns";
import type { NodeInfo } from "./nodeInfo";
import type { PodInfo } from "./podInfo";
import type { SkipSets } from "./skipSets";
import { type CycleState, type FilterPlugin, isRejected, type Status, statusMessage } from "./types";

/** Per node: the index (in the cycle's Filter plugins) of the plugin that rejected it, or −1 (passed). */
const filterVerdictMemo = newRowMemoId();

export class FilterRunner {
  constructor(
    private readonly all: readonly FilterPlugin[],
    private readonly skips: SkipSets,
  ) {}

  /** The profile's Filter plugins minus those PreFilter skipped, kept on the CycleState for the cycle. */
  private pluginsFor(state: CycleState): readonly FilterPlugin[] {
    const skip = state.skipFilterPlugins;
    if (state.filterPlugins !== undefined && state.filterPluginsSkip === skip) return state.filterPlugins;
    let ran = this.bySkip.get(skip);
    if (ran === undefined) {
      const all = this.all;
      // Bit i: the profile's Filter plugin i runs.
      let mask = 0;
      const plugins: FilterPlugin[] = [];
      for (let i = 0; i < all.length; i++) {
        if (skip.has(all[i]!.name)) continue;
        plugins.push(all[i]!);
        mask |= 1 << i;
      }
      ran = { plugins, mask };
      // SkipSets' Sets recur; others (tests) are not kept.
      if (this.skips.isInterned(skip)) this.bySkip.set(skip, ran);
    }
    const { plugins, mask } = ran;
    state.filterPlugins = plugins;
    state.filterPluginsSkip = skip;
    state.filterMemoClass = this.reuseClass(state, state.filterPod!, plugins, mask);
    return plugins;
  }

  /**
   * The verdicts can be reused per node when every plugin says what its Filter depends on (see
   * FilterPlugin.filterReuseKey): the pod's side is then this class, the node's side its generation.
   * −1: not reusable. Kept on the PodInfo for the same set of plugins (the keys depend on the pod alone).
   */
  private reuseClass(state: CycleState, pod: PodInfo, plugins: readonly FilterPlugin[], mask: number): number {
    if (pod.filterReuseOwner === this && pod.filterReuseMask === mask) return pod.filterReuseClass;
    let key = "";
    let cls = -1;
    for (const pl of plugins) {
      const k = pl.filterReuseKey?.(state, pod);
      if (k === undefined) {
        key = "";
        break;
      }
      key += `${pl.name}\u0000${k}\u0001`;
    }
    if (key !== "") cls = memoClassId(key);
    pod.filterReuseOwner = this;
    pod.filterReuseMask = mask;
    pod.filterReuseClass = cls;
    return cls;
  }

  /** RunFilterPlugins for one node: the first rejection wins and names its plugin. */
  run(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (state.filterPod !== pod) {
      // The reuse class is the pod's: a CycleState reused for another pod recomputes it.
      state.filterPod = pod;
      state.filterPlugins = undefined;
    }
    const plugins = this.pluginsFor(state);
    const cls = state.filterMemoClass;
    if (cls < 0) return this.runFrom(plugins, 0, state, pod, nodeInfo);
    // A node whose NodeInfo did not change since it was filtered for the same kind of pod gets the same
    // verdict: skip the plugins that passed it (and run only the one that rejected it, for its Status).
    let memo = this.memo;
    if (nodeInfo.columns !== this.memoColumns) {
      this.memoColumns = nodeInfo.columns;
      this.memo = memo = nodeInfo.columns.rowMemo(filterVerdictMemo);
    }
    const row = nodeInfo.index;
    const gen = this.memoColumns.generation(row);
    if (memo!.cls[row] === cls && memo!.gen[row] === gen) {
      const k = memo!.val[row]!;
      if (k < 0) return null;
      const s = this.runFrom(plugins, k, state, pod, nodeInfo);
      if (s !== null && s.plugin === plugins[k]!.name) return s;
    }
    const s = this.runFrom(plugins, 0, state, pod, nodeInfo);
    // Only a pass or a rejection is remembered (an Error is reported again each time).
    if (s === null || isRejected(s)) {
      memo!.cls[row] = cls;
      memo!.gen[row] = gen;
      memo!.val[row] = s === null ? -1 : plugins.findIndex((pl) => pl.name === s.plugin);
    }
    return s;
  }

  private readonly bySkip = new Map<ReadonlySet<string>, { plugins: readonly FilterPlugin[]; mask: number }>();
  private memoColumns: NodeColumns | undefined = undefined;
  private memo: RowMemo | undefined = undefined;

  private runFrom(plugins: readonly FilterPlugin[], from: number, state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (let i = from; i < plugins.length; i++) {
      const pl = plugins[i]!;
      const s = pl.filter(state, pod, nodeInfo);
      if (s !== null && s.code !== "Success") {
        if (!isRejected(s)) {
          return { code: "Error", reasons: [`running "${pl.name}" filter plugin: ${statusMessage(s)}`], plugin: pl.name };
        }
        s.plugin = pl.name;
        return s;
      }
    }
    return null;
  }
}
