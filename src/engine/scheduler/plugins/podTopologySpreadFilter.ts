// PodTopologySpread, the hard part (whenUnsatisfiable: DoNotSchedule): PreFilter counts matching pods per
// topology domain over all nodes; Filter rejects a node whose domain would exceed maxSkew.
// Mirrors pkg/scheduler/framework/plugins/podtopologyspread/filtering.go.

import type { NodeInfo } from "../framework/nodeInfo";
import { RequiredNodeAffinity } from "../framework/nodeSelector";
import type { PodInfo } from "../framework/podInfo";
import { newStatus, type StateData, type Status } from "../framework/types";
import type { DomainCounter } from "./podTopologySpreadDomains";
import {
  type Constraint,
  countKey,
  countPodsMatchSelector,
  ErrReasonConstraintsNotMatch,
  inclusionSignature,
  ErrReasonNodeLabelNotMatch,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
} from "./podTopologySpreadCommon";

/** math.MaxInt32: criticalPaths' initial matchNum when a topology key has no domain at all. */
const MaxInt32 = 2147483647;

/**
 * preFilterState: per topology key, domain value → number of matching pods (TpPairToMatchNum).
 * The global minimum per key (upstream's criticalPaths) is recomputed lazily after an update.
 */
export class SpreadPreFilterState implements StateData {
  readonly tpKeyToValueCounts = new Map<string, Map<string, number>>();
  private minCache = new Map<string, number>();

  constructor(
    readonly constraints: readonly Constraint[],
    readonly required: RequiredNodeAffinity,
  ) {}

  clone(): SpreadPreFilterState {
    const c = new SpreadPreFilterState(this.constraints, this.required);
    for (const [k, m] of this.tpKeyToValueCounts) c.tpKeyToValueCounts.set(k, new Map(m));
    return c;
  }

  matchNum(key: string, value: string): number {
    return this.tpKeyToValueCounts.get(key)?.get(value) ?? 0;
  }

  /** minMatchNum: the smallest domain count; 0 when fewer domains than minDomains exist. */
  minMatchNum(key: string, minDomains: number): number {
    const m = this.tpKeyToValueCounts.get(key);
    const domains = m?.size ?? 0;
    if (domains < minDomains) return 0;
    let min = this.minCache.get(key);
    if (min === undefined) {
      min = MaxInt32;
      for (const v of m!.values()) if (v < min) min = v;
      this.minCache.set(key, min);
    }
    return min;
  }

  /** updateWithPod: preemption adds (+1) or removes (−1) a pod on a node. */
  updateWithPod(updated: PodInfo, preemptor: PodInfo, nodeInfo: NodeInfo, delta: number): void {
    if (updated.namespace !== preemptor.namespace || !nodeInfo.node) return;
    if (!nodeLabelsMatchSpreadConstraints(nodeInfo.labels, this.constraints)) return;
    for (const c of this.constraints) {
      if (!matchNodeInclusionPolicies(c, preemptor, nodeInfo, this.required)) continue;
      if (!c.selector.matches(updated.labels)) continue;
      const v = nodeInfo.labels![c.topologyKey]!;
      let m = this.tpKeyToValueCounts.get(c.topologyKey);
      if (!m) this.tpKeyToValueCounts.set(c.topologyKey, (m = new Map()));
      m.set(v, (m.get(v) ?? 0) + delta);
    }
    this.minCache = new Map();
  }
}

// mirrors calPreFilterState (filtering.go)
export function calPreFilterState(pod: PodInfo, constraints: readonly Constraint[], allNodes: readonly NodeInfo[], counter?: DomainCounter): SpreadPreFilterState {
  const required = new RequiredNodeAffinity(pod.pod);
  const s = new SpreadPreFilterState(constraints, required);
  for (const c of constraints) if (!s.tpKeyToValueCounts.has(c.topologyKey)) s.tpKeyToValueCounts.set(c.topologyKey, new Map());
  const keys = constraints.map((c) => countKey(c.selector, pod.namespace));
  // The memoized path needs one constraint per topology key (with two, the later one's count wins per node).
  if (counter && s.tpKeyToValueCounts.size === constraints.length) {
    const allKeys = constraints.map((c) => c.topologyKey).join(",");
    constraints.forEach((c, i) => {
      const totals = counter.totals(`F|${keys[i]}|${c.topologyKey}|${allKeys}|${inclusionSignature(c, pod)}`, (ni) => {
        if (!nodeLabelsMatchSpreadConstraints(ni.labels, constraints) || !matchNodeInclusionPolicies(c, pod, ni, required)) return undefined;
        return { value: ni.labels![c.topologyKey]!, count: countPodsMatchSelector(ni, c.selector, pod.namespace, keys[i]) };
      });
      const m = s.tpKeyToValueCounts.get(c.topologyKey)!;
      for (const [value, t] of totals) m.set(value, t.count);
    });
    return s;
  }
  const perNode = new Map<string, number>();
  for (const nodeInfo of allNodes) {
    // Only nodes that carry every topology key take part.
    if (!nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) continue;
    perNode.clear();
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!matchNodeInclusionPolicies(c, pod, nodeInfo, required)) continue;
      // tpCounts[pair] = count: with two constraints on one key, the later one's count wins for this node.
      perNode.set(c.topologyKey, countPodsMatchSelector(nodeInfo, c.selector, pod.namespace, keys[i]));
    }
    for (const [key, count] of perNode) {
      const m = s.tpKeyToValueCounts.get(key)!;
      const v = nodeInfo.labels![key]!;
      m.set(v, (m.get(v) ?? 0) + count);
    }
  }
  return s;
}

// mirrors (*PodTopologySpread).Filter (filtering.go)
export function spreadFilter(s: SpreadPreFilterState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
  if (s.constraints.length === 0) return null;
  const labels = nodeInfo.labels;
  for (const c of s.constraints) {
    const tpVal = labels?.[c.topologyKey];
    if (tpVal === undefined) return newStatus("UnschedulableAndUnresolvable", ErrReasonNodeLabelNotMatch);
    // skew = existing matching pods in this domain + (1 if the pod matches its own selector) − global minimum.
    const minMatchNum = s.minMatchNum(c.topologyKey, c.minDomains);
    const selfMatchNum = c.selector.matches(pod.labels) ? 1 : 0;
    const skew = s.matchNum(c.topologyKey, tpVal) + selfMatchNum - minMatchNum;
    if (skew > c.maxSkew) return newStatus("Unschedulable", ErrReasonConstraintsNotMatch);
  }
  return null;
}
