// InterPodAffinity, preferred terms: PreScore sums, per topology domain, the weights of matching
// preferred (anti-)affinity terms in both directions (incoming ↔ existing pods) plus existing pods'
// required affinity at hardPodAffinityWeight; Score reads the node's domains; NormalizeScore is min-max.
// Mirrors pkg/scheduler/framework/plugins/interpodaffinity/scoring.go.

import type { Labels } from "../framework/labels";
import type { NodeInfo } from "../framework/nodeInfo";
import { type AffinityTerm, affinityTermMatches, type PodInfo, type WeightedAffinityTerm } from "../framework/podInfo";
import { MaxNodeScore, type StateData } from "../framework/types";
import type { NamespaceLabelsFn } from "./interPodAffinityFilter";

/** HardPodAffinityWeight default (InterPodAffinityArgs, apis/config/v1/defaults.go). */
export const DefaultHardPodAffinityWeight = 1;

/** scoreMap: topology key → value → summed weight. */
export class AffinityPreScoreState implements StateData {
  readonly topologyScore = new Map<string, Map<string, number>>();
  clone(): StateData {
    return this;
  }
}

function processTerm(m: Map<string, Map<string, number>>, term: AffinityTerm, weight: number, pod: PodInfo, nsLabels: Labels, nodeInfo: NodeInfo, multiplier: number): boolean {
  if (!affinityTermMatches(term, pod, nsLabels)) return false;
  const tv = nodeInfo.labels?.[term.topologyKey];
  if (tv === undefined) return false;
  let inner = m.get(term.topologyKey);
  if (!inner) m.set(term.topologyKey, (inner = new Map()));
  inner.set(tv, (inner.get(tv) ?? 0) + weight * multiplier);
  return true;
}

function processTerms(m: Map<string, Map<string, number>>, terms: readonly WeightedAffinityTerm[], pod: PodInfo, nsLabels: Labels, nodeInfo: NodeInfo, multiplier: number): boolean {
  let any = false;
  for (const t of terms) if (processTerm(m, t, t.weight, pod, nsLabels, nodeInfo, multiplier)) any = true;
  return any;
}

/** processExistingPod: the four directions of preferred terms plus existing pods' required affinity. */
function processExistingPod(
  m: Map<string, Map<string, number>>,
  incoming: PodInfo,
  incomingNsLabels: Labels,
  existing: PodInfo,
  nodeInfo: NodeInfo,
  ns: NamespaceLabelsFn,
  hardPodAffinityWeight: number,
): boolean {
  if (!nodeInfo.labels || Object.keys(nodeInfo.labels).length === 0) return false;
  const existingNsLabels = ns(existing.namespace);
  let any = false;
  if (processTerms(m, incoming.preferredAffinityTerms, existing, existingNsLabels, nodeInfo, 1)) any = true;
  if (processTerms(m, incoming.preferredAntiAffinityTerms, existing, existingNsLabels, nodeInfo, -1)) any = true;
  if (hardPodAffinityWeight > 0) {
    for (const t of existing.requiredAffinityTerms) {
      if (processTerm(m, t, hardPodAffinityWeight, incoming, incomingNsLabels, nodeInfo, 1)) any = true;
    }
  }
  if (processTerms(m, existing.preferredAffinityTerms, incoming, incomingNsLabels, nodeInfo, 1)) any = true;
  if (processTerms(m, existing.preferredAntiAffinityTerms, incoming, incomingNsLabels, nodeInfo, -1)) any = true;
  return any;
}

/**
 * Returns undefined when nothing matched anywhere (PreScore then returns Skip). Without preferred terms of
 * its own, only nodes hosting pods with affinity need to be visited.
 */
export function calAffinityPreScoreState(
  pod: PodInfo,
  allNodes: readonly NodeInfo[],
  nodesWithAffinityPods: readonly NodeInfo[],
  ns: NamespaceLabelsFn,
  hardPodAffinityWeight: number,
): AffinityPreScoreState | undefined {
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  const nodes = hasConstraints ? allNodes : nodesWithAffinityPods;
  // Most pods: no preferred terms and no pod with affinity anywhere; nothing to allocate.
  if (nodes.length === 0) return undefined;
  const s = new AffinityPreScoreState();
  const incomingNsLabels = ns(pod.namespace);
  let any = false;
  for (const nodeInfo of nodes) {
    for (const existing of nodeInfo.pods) {
      if (!hasConstraints && !existing.hasAffinity) continue;
      if (processExistingPod(s.topologyScore, pod, incomingNsLabels, existing, nodeInfo, ns, hardPodAffinityWeight)) any = true;
    }
  }
  return any ? s : undefined;
}

export function affinityScore(s: AffinityPreScoreState, nodeInfo: NodeInfo): number {
  const labels = nodeInfo.labels;
  if (!labels) return 0;
  let score = 0;
  for (const [tk, values] of s.topologyScore) {
    const v = labels[tk];
    if (v !== undefined) score += values.get(v) ?? 0;
  }
  return score;
}

/** Min-max normalization to [0, 100]; all-equal scores become 0. */
export function affinityNormalizeScore(s: AffinityPreScoreState, scores: number[] | Float64Array): void {
  if (s.topologyScore.size === 0) return;
  let min = Number.MAX_SAFE_INTEGER;
  let max = Number.MIN_SAFE_INTEGER;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    const f = diff > 0 ? MaxNodeScore * ((scores[i]! - min) / diff) : 0;
    scores[i] = Math.trunc(f);
  }
}
