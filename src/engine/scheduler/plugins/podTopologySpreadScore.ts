// PodTopologySpread, the soft part (whenUnsatisfiable: ScheduleAnyway, and the system defaults): nodes
// in domains with fewer matching pods score higher.
// Mirrors pkg/scheduler/framework/plugins/podtopologyspread/scoring.go.

import type { NodeInfo } from "../framework/nodeInfo";
import { RequiredNodeAffinity } from "../framework/nodeSelector";
import { idiv } from "../framework/normalizeScore";
import type { PodInfo } from "../framework/podInfo";
import { MaxNodeScore, type StateData } from "../framework/types";
import type { DomainCounter } from "./podTopologySpreadDomains";
import {
  type Constraint,
  countKey,
  countPodsMatchSelector,
  inclusionSignature,
  LabelHostname,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
} from "./podTopologySpreadCommon";

const invalidScore = -1;

export class SpreadPreScoreState implements StateData {
  readonly ignoredNodes = new Set<string>();
  /** Per constraint: domain value → matching pods (hostname constraints are counted per node in Score). */
  topologyValueToPodCounts: Map<string, number>[] = [];
  topologyNormalizingWeight: number[] = [];
  /** countKey per constraint, computed once per cycle. */
  countKeys: string[] = [];

  constructor(readonly constraints: readonly Constraint[]) {}

  clone(): StateData {
    return this;
  }
}

/** topologyNormalizingWeight: log(size + 2), so that small topologies are not watered down by big ones. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoreForCount: cnt × weight + (maxSkew − 1); maxSkew − 1 waters down small differences. */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

// mirrors initPreScoreState + PreScore (scoring.go)
/**
 * `filteredNodes` are the feasible nodes, `allNodes` every node. `requireAllTopologies` is false only for
 * the system default constraints, so that nodes without a zone label still get hostname spreading.
 */
export function calPreScoreState(
  pod: PodInfo,
  constraints: readonly Constraint[],
  filteredNodes: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  requireAllTopologies: boolean,
  counter?: DomainCounter,
): SpreadPreScoreState {
  const s = new SpreadPreScoreState(constraints);
  const nc = constraints.length;
  s.topologyValueToPodCounts = constraints.map(() => new Map<string, number>());
  s.countKeys = constraints.map((c) => countKey(c.selector, pod.namespace));
  const topoSize = constraints.map(() => 0);
  for (const node of filteredNodes) {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) {
      s.ignoredNodes.add(node.name);
      continue;
    }
    for (let i = 0; i < nc; i++) {
      const c = constraints[i]!;
      if (c.topologyKey === LabelHostname) continue;
      const value = node.labels?.[c.topologyKey] ?? "";
      const m = s.topologyValueToPodCounts[i]!;
      if (!m.has(value)) {
        m.set(value, 0);
        topoSize[i]!++;
      }
    }
  }
  s.topologyNormalizingWeight = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LabelHostname ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]!),
  );

  // Only domains of candidate nodes are counted; hostname constraints have none (they count in Score).
  const counted = constraints.map((c, i) => c.topologyKey !== LabelHostname && s.topologyValueToPodCounts[i]!.size > 0);
  if (!counted.some((x) => x)) return s;
  const required = new RequiredNodeAffinity(pod.pod);
  const contribution = (i: number) => (nodeInfo: NodeInfo) => {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) return undefined;
    const c = constraints[i]!;
    if (!matchNodeInclusionPolicies(c, pod, nodeInfo, required)) return undefined;
    return { value: nodeInfo.labels?.[c.topologyKey] ?? "", count: countPodsMatchSelector(nodeInfo, c.selector, pod.namespace, s.countKeys[i]) };
  };
  if (counter) {
    const allKeys = requireAllTopologies ? constraints.map((c) => c.topologyKey).join(",") : "";
    for (let i = 0; i < nc; i++) {
      if (!counted[i]) continue;
      const c = constraints[i]!;
      const totals = counter.totals(`S|${s.countKeys[i]}|${c.topologyKey}|${allKeys}|${inclusionSignature(c, pod)}`, contribution(i));
      const m = s.topologyValueToPodCounts[i]!;
      for (const value of m.keys()) m.set(value, totals.get(value)?.count ?? 0);
    }
    return s;
  }
  const fns = constraints.map((_, i) => contribution(i));
  for (const nodeInfo of allNodes) {
    for (let i = 0; i < nc; i++) {
      if (!counted[i]) continue;
      const m = s.topologyValueToPodCounts[i]!;
      const cur = m.get(nodeInfo.labels?.[constraints[i]!.topologyKey] ?? "");
      if (cur === undefined) continue;
      const got = fns[i]!(nodeInfo);
      if (got) m.set(got.value, cur + got.count);
    }
  }
  return s;
}

// mirrors (*PodTopologySpread).Score (scoring.go)
export function spreadScore(s: SpreadPreScoreState, pod: PodInfo, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.has(nodeInfo.name)) return 0;
  const labels = nodeInfo.labels;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const tpVal = labels?.[c.topologyKey];
    if (tpVal === undefined) continue;
    const cnt =
      c.topologyKey === LabelHostname ? countPodsMatchSelector(nodeInfo, c.selector, pod.namespace, s.countKeys[i]) : (s.topologyValueToPodCounts[i]!.get(tpVal) ?? 0);
    score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]!);
  }
  return goRound(score);
}

/** math.Round: half away from zero (JS Math.round rounds half up, which differs for negatives). */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

// mirrors (*PodTopologySpread).NormalizeScore (scoring.go)
/** Fewer matching pods is better: MaxNodeScore × (max + min − s) / max; ignored nodes get 0. */
export function spreadNormalizeScore(s: SpreadPreScoreState, scores: number[], nodes: readonly NodeInfo[]): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!.name)) {
      scores[i] = invalidScore;
      continue;
    }
    const v = scores[i]!;
    if (v < minScore) minScore = v;
    if (v > maxScore) maxScore = v;
  }
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === invalidScore) {
      scores[i] = 0;
      continue;
    }
    if (maxScore === 0) {
      scores[i] = MaxNodeScore;
      continue;
    }
    scores[i] = idiv(MaxNodeScore * (maxScore + minScore - scores[i]!), maxScore);
  }
}
