// PodTopologySpread, the soft part (whenUnsatisfiable: ScheduleAnyway, and the system defaults): nodes
// in domains with fewer matching pods score higher.
// Mirrors pkg/scheduler/framework/plugins/podtopologyspread/scoring.go.

import type { NodeInfo } from "../framework/nodeInfo";
import { NO_DOMAIN, type NodeColumns, UNKNOWN_DOMAIN } from "../framework/nodeColumns";
import { numTopologyDomains, topologyDomain, topologyDomainAt, topologyKeyId } from "../framework/topologyDomains";
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

const NO_IGNORED: ReadonlySet<string> = new Set<string>();

export class SpreadPreScoreState implements StateData {
  /** Candidate nodes lacking a topology key (only user constraints ignore nodes). */
  ignoredNodes: ReadonlySet<string> = NO_IGNORED;
  topologyNormalizingWeight: number[] = [];
  /** countKey per constraint (shared between cycles: do not modify). */
  countKeys: readonly number[] = [];
  /** topologyKeyId per constraint (shared between cycles: do not modify). */
  keyIds: readonly number[] = [];
  /**
   * Per non-hostname constraint, by TopologyDomain.index: the constraint's term of the score,
   * scoreForCount(matching pods in the domain, ...) (the count is 0 for a domain of no candidate node),
   * i.e. upstream's TopologyValueToPodCounts already weighted. Score then adds an array element per node
   * instead of reading a label and a Map. null for hostname (counted per node in Score).
   */
  domainScores: (Float64Array | null)[] = [];

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

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(Math.max(size, 2 * a.length)).fill(-1);
  b.set(a);
  return b;
}

/**
 * What PreScore derives from the constraints and the pod's namespace and node-inclusion inputs alone:
 * the same for every pod of a workload, so it is kept from one cycle to the next.
 */
interface ScorePlan {
  constraints: readonly Constraint[];
  namespace: string;
  requireAllTopologies: boolean;
  signatures: readonly string[];
  countKeys: readonly number[];
  keyIds: readonly number[];
  /** The DomainCounter key of each non-hostname constraint. */
  totalsKeys: readonly string[];
}

const plans: ScorePlan[] = [];
const PLANS_KEPT = 4;

function planFor(pod: PodInfo, constraints: readonly Constraint[], requireAllTopologies: boolean): ScorePlan {
  for (const p of plans) {
    if (p.constraints !== constraints || p.namespace !== pod.namespace || p.requireAllTopologies !== requireAllTopologies) continue;
    let same = true;
    for (let i = 0; i < constraints.length && same; i++) same = inclusionSignature(constraints[i]!, pod) === p.signatures[i];
    if (same) return p;
  }
  const countKeys = constraints.map((c) => countKey(c.selector, pod.namespace));
  const signatures = constraints.map((c) => inclusionSignature(c, pod));
  const allKeys = requireAllTopologies ? constraints.map((c) => c.topologyKey).join(",") : "";
  const plan: ScorePlan = {
    constraints,
    namespace: pod.namespace,
    requireAllTopologies,
    signatures,
    countKeys,
    keyIds: constraints.map((c) => topologyKeyId(c.topologyKey)),
    totalsKeys: constraints.map((c, i) => `S|${countKeys[i]}|${c.topologyKey}|${allKeys}|${signatures[i]}`),
  };
  plans.unshift(plan);
  if (plans.length > PLANS_KEPT) plans.pop();
  return plan;
}

/** Scratch lists of the domain indexes seen per constraint (overwritten every cycle). */
const seenScratch: number[][] = [];

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
  const plan = planFor(pod, constraints, requireAllTopologies);
  s.countKeys = plan.countKeys;
  s.keyIds = plan.keyIds;
  if (requireAllTopologies) {
    const ignored = new Set<string>();
    for (const node of filteredNodes) if (!nodeLabelsMatchSpreadConstraints(node.labels, constraints)) ignored.add(node.name);
    s.ignoredNodes = ignored;
  }
  const ignored = s.ignoredNodes;
  // The domains of the candidate nodes, per constraint, in first-seen order (a missing label counts as "").
  // counts[domain index]: −1 until the domain is seen, then its matching pods.
  while (seenScratch.length < nc) seenScratch.push([]);
  const seenCount: number[] = [];
  let anyCounted = false;
  for (let i = 0; i < nc; i++) {
    seenCount.push(0);
    if (constraints[i]!.topologyKey === LabelHostname) {
      s.domainScores.push(null);
      continue;
    }
    const list = seenScratch[i]!;
    const keyId = plan.keyIds[i]!;
    const empty = topologyDomain(keyId, "").index;
    let counts: Float64Array = new Float64Array(numTopologyDomains(keyId)).fill(-1);
    let k = 0;
    // The domain column of the nodes' NodeColumns, read directly (looked up on a miss).
    let columns: NodeColumns | undefined;
    let domains: Int32Array | undefined;
    for (let n = 0; n < filteredNodes.length; n++) {
      const node = filteredNodes[n]!;
      if (ignored.size > 0 && ignored.has(node.name)) continue;
      if (node.columns !== columns) {
        columns = node.columns;
        domains = columns.domainColumn(keyId);
      }
      let d = domains![node.index]!;
      if (d === UNKNOWN_DOMAIN) d = node.topologyDomainIndex(keyId);
      if (d === NO_DOMAIN) d = empty;
      if (d >= counts.length) counts = grow(counts, d + 1);
      if (counts[d]! < 0) {
        counts[d] = 0;
        list[k++] = d;
      }
    }
    seenCount[i] = k;
    if (k > 0) anyCounted = true;
    s.domainScores.push(counts);
  }
  for (let i = 0; i < nc; i++) {
    s.topologyNormalizingWeight.push(
      topologyNormalizingWeight(constraints[i]!.topologyKey === LabelHostname ? filteredNodes.length - ignored.size : seenCount[i]!),
    );
  }

  // Only domains of candidate nodes are counted; hostname constraints have none (they count in Score).
  if (anyCounted) {
    let required: RequiredNodeAffinity | undefined;
    const contribution = (i: number) => (nodeInfo: NodeInfo) => {
      if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(nodeInfo.labels, constraints)) return undefined;
      const c = constraints[i]!;
      if (!matchNodeInclusionPolicies(c, pod, nodeInfo, (required ??= new RequiredNodeAffinity(pod.pod)))) return undefined;
      return { value: nodeInfo.labels?.[c.topologyKey] ?? "", count: countPodsMatchSelector(nodeInfo, c.selector, pod.namespace, plan.countKeys[i]) };
    };
    if (counter) {
      for (let i = 0; i < nc; i++) {
        if (seenCount[i] === 0) continue;
        const totals = counter.totals(plan.totalsKeys[i]!, contribution(i));
        const counts = s.domainScores[i]!;
        const list = seenScratch[i]!;
        for (let k = 0; k < seenCount[i]!; k++) counts[list[k]!] = totals.get(topologyDomainAt(plan.keyIds[i]!, list[k]!).value)?.count ?? 0;
      }
    } else {
      // topologyValueToPodCounts of the candidate domains, summed over every node in them.
      const maps = constraints.map((_, i) => new Map(seenScratch[i]!.slice(0, seenCount[i]).map((d) => [topologyDomainAt(plan.keyIds[i]!, d).value, 0])));
      const fns = constraints.map((_, i) => contribution(i));
      for (const nodeInfo of allNodes) {
        for (let i = 0; i < nc; i++) {
          if (seenCount[i] === 0) continue;
          const m = maps[i]!;
          const cur = m.get(nodeInfo.labels?.[constraints[i]!.topologyKey] ?? "");
          if (cur === undefined) continue;
          const got = fns[i]!(nodeInfo);
          if (got) m.set(got.value, cur + got.count);
        }
      }
      for (let i = 0; i < nc; i++) {
        const counts = s.domainScores[i]!;
        const list = seenScratch[i]!;
        for (let k = 0; k < seenCount[i]!; k++) counts[list[k]!] = maps[i]!.get(topologyDomainAt(plan.keyIds[i]!, list[k]!).value)!;
      }
    }
  }
  // Each domain's term of the score, computed as Score would (scoreForCount of the count, 0 if unseen),
  // in place of the count.
  for (let i = 0; i < nc; i++) {
    const counts = s.domainScores[i];
    if (!counts) continue;
    const c = constraints[i]!;
    const w = s.topologyNormalizingWeight[i]!;
    for (let d = 0; d < counts.length; d++) counts[d] = scoreForCount(counts[d]! < 0 ? 0 : counts[d]!, c.maxSkew, w);
  }
  return s;
}

// mirrors (*PodTopologySpread).Score (scoring.go)
export function spreadScore(s: SpreadPreScoreState, pod: PodInfo, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(nodeInfo.name)) return 0;
  const constraints = s.constraints;
  let score = 0;
  for (let i = 0; i < constraints.length; i++) {
    // A node without the constraint's label does not score on it.
    const d = nodeInfo.topologyDomainIndex(s.keyIds[i]!);
    if (d === NO_DOMAIN) continue;
    const terms = s.domainScores[i];
    const c = constraints[i]!;
    if (terms === null || terms === undefined) {
      score += scoreForCount(countPodsMatchSelector(nodeInfo, c.selector, pod.namespace, s.countKeys[i]), c.maxSkew, s.topologyNormalizingWeight[i]!);
    } else {
      // A domain beyond the array was created after PreScore: no candidate node is in it (count 0).
      score += d < terms.length ? terms[d]! : scoreForCount(0, c.maxSkew, s.topologyNormalizingWeight[i]!);
    }
  }
  return goRound(score);
}

/** math.Round: half away from zero (JS Math.round rounds half up, which differs for negatives). */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

// mirrors (*PodTopologySpread).NormalizeScore (scoring.go)
/** Fewer matching pods is better: MaxNodeScore × (max + min − s) / max; ignored nodes get 0. */
export function spreadNormalizeScore(s: SpreadPreScoreState, scores: number[] | Float64Array, nodes: readonly NodeInfo[]): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  const ignored = s.ignoredNodes;
  for (let i = 0; i < scores.length; i++) {
    if (ignored.size > 0 && ignored.has(nodes[i]!.name)) {
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
