// PodTopologySpread's Score over all candidate nodes at once (the loop upstream's parallelizer runs):
// the same numbers as spreadScore node by node, with the per-cycle data read once, the NodeColumns read
// directly, and the hostname terms computed once per distinct count.
// Mirrors (*PodTopologySpread).Score (pkg/scheduler/framework/plugins/podtopologyspread/scoring.go).

import { NO_DOMAIN, type NodeColumns, UNKNOWN_DOMAIN } from "../framework/nodeColumns";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
import { countPodsMatchSelector } from "./podTopologySpreadCommon";
import { goRound, scoreForCount, type SpreadPreScoreState } from "./podTopologySpreadScore";

/**
 * scoreForCount(count, maxSkew, weight) by count (NaN: not computed yet), for the hostname constraint at
 * each index: kept from cycle to cycle while maxSkew and the weight (log of the candidate nodes) stay.
 */
const hostTerms: { maxSkew: number; weight: number; terms: Float64Array }[] = [];
const NO_TERMS = new Float64Array(0);

function hostTermsFor(i: number, maxSkew: number, weight: number): Float64Array {
  while (hostTerms.length <= i) hostTerms.push({ maxSkew: Number.NaN, weight: Number.NaN, terms: new Float64Array(128).fill(Number.NaN) });
  const h = hostTerms[i]!;
  if (h.maxSkew !== maxSkew || h.weight !== weight) {
    h.maxSkew = maxSkew;
    h.weight = weight;
    h.terms.fill(Number.NaN);
  }
  return h.terms;
}

function growHostTerms(i: number, size: number): Float64Array {
  const h = hostTerms[i]!;
  const bigger = new Float64Array(Math.max(size, 2 * h.terms.length)).fill(Number.NaN);
  bigger.set(h.terms);
  h.terms = bigger;
  return bigger;
}

export function spreadScoreNodes(s: SpreadPreScoreState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
  const constraints = s.constraints;
  const nc = constraints.length;
  const ignored = s.ignoredNodes;
  // The system defaults' shape: one hostname and one other constraint, no ignored node.
  if (nc === 2 && ignored.size === 0 && (s.domainScores[0] === null) !== (s.domainScores[1] === null)) {
    spreadScoreHostnameAndDomain(s, pod, nodes, out, s.domainScores[0] === null ? 0 : 1);
    return;
  }
  // Per constraint, read once: the domain column and (hostname) the match-count column of the nodes'
  // NodeColumns, and the terms by count, filled as counts are met (NaN: not yet).
  const domainCols: Int32Array[] = new Array<Int32Array>(nc);
  const countCols: (Int32Array | null)[] = new Array<Int32Array | null>(nc).fill(null);
  const termsByCount: Float64Array[] = new Array<Float64Array>(nc);
  for (let i = 0; i < nc; i++) termsByCount[i] = s.domainScores[i] ? NO_TERMS : hostTermsFor(i, constraints[i]!.maxSkew, s.topologyNormalizingWeight[i]!);
  let columns: NodeColumns | undefined;
  for (let n = 0; n < nodes.length; n++) {
    const nodeInfo = nodes[n]!;
    if (ignored.size > 0 && ignored.has(nodeInfo.name)) {
      out[n] = 0;
      continue;
    }
    if (nodeInfo.columns !== columns) {
      columns = nodeInfo.columns;
      for (let i = 0; i < nc; i++) {
        domainCols[i] = columns.domainColumn(s.keyIds[i]!);
        if (!s.domainScores[i]) countCols[i] = columns.matchColumn(s.countKeys[i]!, pod.namespace, constraints[i]!.selector);
      }
    }
    const row = nodeInfo.index;
    let score = 0;
    for (let i = 0; i < nc; i++) {
      let d = domainCols[i]![row]!;
      if (d === UNKNOWN_DOMAIN) d = nodeInfo.topologyDomainIndex(s.keyIds[i]!);
      if (d === NO_DOMAIN) continue;
      const terms = s.domainScores[i];
      if (terms === null || terms === undefined) {
        let cnt = countCols[i]![row]!;
        if (cnt < 0) cnt = countPodsMatchSelector(nodeInfo, constraints[i]!.selector, pod.namespace, s.countKeys[i]);
        let memo = termsByCount[i]!;
        if (cnt >= memo.length) termsByCount[i] = memo = growHostTerms(i, cnt + 1);
        let t = memo[cnt]!;
        if (t !== t) memo[cnt] = t = scoreForCount(cnt, constraints[i]!.maxSkew, s.topologyNormalizingWeight[i]!);
        score += t;
      } else {
        score += d < terms.length ? terms[d]! : scoreForCount(0, constraints[i]!.maxSkew, s.topologyNormalizingWeight[i]!);
      }
    }
    out[n] = goRound(score);
  }
}

/**
 * spreadScoreNodes for a hostname constraint `h` and one domain constraint (the other index): the same
 * arithmetic without the loop over constraints. (The two terms are added in either order: a + b = b + a.)
 */
function spreadScoreHostnameAndDomain(s: SpreadPreScoreState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array, h: number): void {
  const z = 1 - h;
  const hc = s.constraints[h]!;
  const zc = s.constraints[z]!;
  const hKey = s.keyIds[h]!;
  const zKey = s.keyIds[z]!;
  const zTerms = s.domainScores[z]!;
  const zUnseen = scoreForCount(0, zc.maxSkew, s.topologyNormalizingWeight[z]!);
  let hTerms = hostTermsFor(h, hc.maxSkew, s.topologyNormalizingWeight[h]!);
  let columns: NodeColumns | undefined;
  let hDomains: Int32Array | undefined;
  let zDomains: Int32Array | undefined;
  let counts: Int32Array | undefined;
  for (let n = 0; n < nodes.length; n++) {
    const nodeInfo = nodes[n]!;
    if (nodeInfo.columns !== columns) {
      columns = nodeInfo.columns;
      hDomains = columns.domainColumn(hKey);
      zDomains = columns.domainColumn(zKey);
      counts = columns.matchColumn(s.countKeys[h]!, pod.namespace, hc.selector);
    }
    const row = nodeInfo.index;
    let score = 0;
    let d = hDomains![row]!;
    if (d === UNKNOWN_DOMAIN) d = nodeInfo.topologyDomainIndex(hKey);
    if (d !== NO_DOMAIN) {
      let cnt = counts![row]!;
      if (cnt < 0) cnt = countPodsMatchSelector(nodeInfo, hc.selector, pod.namespace, s.countKeys[h]);
      if (cnt >= hTerms.length) hTerms = growHostTerms(h, cnt + 1);
      let t = hTerms[cnt]!;
      if (t !== t) hTerms[cnt] = t = scoreForCount(cnt, hc.maxSkew, s.topologyNormalizingWeight[h]!);
      score = t;
    }
    d = zDomains![row]!;
    if (d === UNKNOWN_DOMAIN) d = nodeInfo.topologyDomainIndex(zKey);
    if (d !== NO_DOMAIN) score += d < zTerms.length ? zTerms[d]! : zUnseen;
    out[n] = goRound(score);
  }
}
