// InterPodAffinity, required terms: PreFilter counts, per topology domain, the existing pods that match
// the incoming pod's (anti-)affinity and the existing pods whose anti-affinity rejects the incoming pod;
// Filter checks a node's domains against those counts.
// Mirrors pkg/scheduler/framework/plugins/interpodaffinity/filtering.go.

import type { Labels } from "../framework/labels";
import type { NodeInfo } from "../framework/nodeInfo";
import { type AffinityTerm, affinityTermMatches, type PodInfo } from "../framework/podInfo";
import type { StateData } from "../framework/types";

/** topologyToMatchedTermCount: topology key → value → count (entries that drop to 0 are deleted). */
export type TopologyCounts = Map<string, Map<string, number>>;

export type NamespaceLabelsFn = (namespace: string) => Labels;

function update(m: TopologyCounts, nodeInfo: NodeInfo, tk: string, value: number): void {
  const tv = nodeInfo.labels?.[tk];
  if (tv === undefined) return;
  let inner = m.get(tk);
  if (!inner) m.set(tk, (inner = new Map()));
  const n = (inner.get(tv) ?? 0) + value;
  if (n === 0) {
    inner.delete(tv);
    if (inner.size === 0) m.delete(tk);
  } else inner.set(tv, n);
}

function cloneCounts(m: TopologyCounts): TopologyCounts {
  const c: TopologyCounts = new Map();
  for (const [k, inner] of m) c.set(k, new Map(inner));
  return c;
}

/** podMatchesAllAffinityTerms: false for an empty term list. */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: NamespaceLabelsFn): boolean {
  if (terms.length === 0) return false;
  const labels = nsLabels(pod.namespace);
  for (const t of terms) if (!affinityTermMatches(t, pod, labels)) return false;
  return true;
}

/** updateWithAffinityTerms: every term's domain counts the pod if it matches ALL the terms. */
function updateWithAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: PodInfo, nodeInfo: NodeInfo, value: number, ns: NamespaceLabelsFn): void {
  if (podMatchesAllAffinityTerms(terms, pod, ns)) for (const t of terms) update(m, nodeInfo, t.topologyKey, value);
}

/** updateWithAntiAffinityTerms: each anti-affinity term that matches the pod counts it in its domain. */
function updateWithAntiAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: Labels, nodeInfo: NodeInfo, value: number): void {
  for (const t of terms) if (affinityTermMatches(t, pod, nsLabels)) update(m, nodeInfo, t.topologyKey, value);
}

export class AffinityPreFilterState implements StateData {
  constructor(
    readonly podInfo: PodInfo,
    readonly namespaceLabels: Labels,
    readonly nsLabelsFn: NamespaceLabelsFn,
    /** Existing pods' required anti-affinity terms that match the incoming pod. */
    public existingAntiAffinityCounts: TopologyCounts,
    /** Existing pods matching all of the incoming pod's required affinity terms. */
    public affinityCounts: TopologyCounts,
    /** Existing pods matching the incoming pod's required anti-affinity terms. */
    public antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): AffinityPreFilterState {
    return new AffinityPreFilterState(
      this.podInfo,
      this.namespaceLabels,
      this.nsLabelsFn,
      cloneCounts(this.existingAntiAffinityCounts),
      cloneCounts(this.affinityCounts),
      cloneCounts(this.antiAffinityCounts),
    );
  }

  /** updateWithPod: preemption adds (+1) or removes (−1) `pod` on `nodeInfo`. */
  updateWithPod(pod: PodInfo, nodeInfo: NodeInfo, multiplier: number): void {
    updateWithAntiAffinityTerms(this.existingAntiAffinityCounts, pod.requiredAntiAffinityTerms, this.podInfo, this.namespaceLabels, nodeInfo, multiplier);
    updateWithAffinityTerms(this.affinityCounts, this.podInfo.requiredAffinityTerms, pod, nodeInfo, multiplier, this.nsLabelsFn);
    updateWithAntiAffinityTerms(this.antiAffinityCounts, this.podInfo.requiredAntiAffinityTerms, pod, this.nsLabelsFn(pod.namespace), nodeInfo, multiplier);
  }
}

// mirrors PreFilter's counting (getExistingAntiAffinityCounts, getIncomingAffinityAntiAffinityCounts)
export function calAffinityPreFilterState(
  pod: PodInfo,
  allNodes: readonly NodeInfo[],
  nodesWithRequiredAntiAffinityPods: readonly NodeInfo[],
  ns: NamespaceLabelsFn,
): AffinityPreFilterState {
  const nsLabels = ns(pod.namespace);
  const existing: TopologyCounts = new Map();
  for (const nodeInfo of nodesWithRequiredAntiAffinityPods) {
    for (const existingPod of nodeInfo.pods) {
      if (existingPod.requiredAntiAffinityTerms.length === 0) continue;
      updateWithAntiAffinityTerms(existing, existingPod.requiredAntiAffinityTerms, pod, nsLabels, nodeInfo, 1);
    }
  }
  const affinity: TopologyCounts = new Map();
  const anti: TopologyCounts = new Map();
  if (pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0) {
    for (const nodeInfo of allNodes) {
      for (const existingPod of nodeInfo.pods) {
        updateWithAffinityTerms(affinity, pod.requiredAffinityTerms, existingPod, nodeInfo, 1, ns);
        updateWithAntiAffinityTerms(anti, pod.requiredAntiAffinityTerms, existingPod, ns(existingPod.namespace), nodeInfo, 1);
      }
    }
  }
  return new AffinityPreFilterState(pod, nsLabels, ns, existing, affinity, anti);
}

function count(m: TopologyCounts, key: string, value: string): number {
  return m.get(key)?.get(value) ?? 0;
}

/** satisfyExistingPodsAntiAffinity: no existing pod's anti-affinity term covers any of the node's domains. */
export function satisfyExistingPodsAntiAffinity(s: AffinityPreFilterState, nodeInfo: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  const labels = nodeInfo.labels ?? {};
  for (const [tk, values] of s.existingAntiAffinityCounts) {
    const tv = labels[tk];
    if (tv !== undefined && (values.get(tv) ?? 0) > 0) return false;
  }
  return true;
}

/** satisfyPodAntiAffinity: no pod matching the incoming pod's anti-affinity lives in the node's domains. */
export function satisfyPodAntiAffinity(s: AffinityPreFilterState, nodeInfo: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  const labels = nodeInfo.labels ?? {};
  for (const t of s.podInfo.requiredAntiAffinityTerms) {
    const tv = labels[t.topologyKey];
    if (tv !== undefined && count(s.antiAffinityCounts, t.topologyKey, tv) > 0) return false;
  }
  return true;
}

/**
 * satisfyPodAffinity: every term's domain on this node holds a matching pod. The first pod of a group
 * that selects itself is allowed anywhere with the topology labels when no matching pod exists yet.
 */
export function satisfyPodAffinity(s: AffinityPreFilterState, nodeInfo: NodeInfo): boolean {
  let podsExist = true;
  const labels = nodeInfo.labels ?? {};
  for (const t of s.podInfo.requiredAffinityTerms) {
    const tv = labels[t.topologyKey];
    if (tv === undefined) return false;
    if (count(s.affinityCounts, t.topologyKey, tv) <= 0) podsExist = false;
  }
  if (!podsExist) {
    return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo, s.nsLabelsFn);
  }
  return true;
}
