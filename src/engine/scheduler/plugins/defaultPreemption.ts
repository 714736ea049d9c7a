// DefaultPreemption (PostFilter): when a pod fits nowhere, look for nodes where evicting lower-priority
// pods would make room, pick the best one and nominate it; otherwise explain why preemption cannot help.
// Mirrors pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (PodEligibleToPreemptOthers,
// SelectVictimsOnNode, calculateNumCandidates) and pkg/scheduler/framework/preemption/preemption.go
// (Preempt, findCandidates, DryRunPreemption, pickOneNodeForPreemption).
// Not modelled: PodDisruptionBudgets (every victim counts as non-violating) and extenders.
// With a PreemptionHandle (the scheduler's API access) the chosen victims are preempted at once
// (prepareCandidate); without one (unit tests of the algorithm) only the nomination is computed.

import { FitError, newDiagnosis } from "../fitError";
import type { Framework, NodeToStatus, NominatedPodsFn, PostFilterPlugin } from "../framework/framework";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
import { type CycleState, isSuccess, newStatus, type Status, statusMessage } from "../framework/types";
import { type PreemptionHandle, prepareCandidate } from "../preemption/prepareCandidate";

export const DefaultPreemptionName = "DefaultPreemption";
/** DefaultPreemptionArgs defaults (apis/config/v1/defaults.go). */
export const MinCandidateNodesPercentage = 10;
export const MinCandidateNodesAbsolute = 100;

const MaxInt32 = 2147483647;

interface Candidate {
  name: string;
  victims: PodInfo[];
}

/** GetPodStartTime: status.startTime, or "now" (later than any real start) when unset. */
function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime ? Date.parse(p.pod.status.startTime) : NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** MoreImportantPod: higher priority, then earlier start time. */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return startTime(a) < startTime(b);
}

/** calculateNumCandidates: 10% of the potential nodes, at least 100, at most all of them. */
export function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MinCandidateNodesPercentage) / 100);
  if (n < MinCandidateNodesAbsolute) n = MinCandidateNodesAbsolute;
  if (n > numNodes) n = numNodes;
  return n;
}

function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.deleting) return false;
  return (p.pod.status?.conditions ?? []).some((c) => c.type === "DisruptionTarget" && c.status === "True" && c.reason === "PreemptionByScheduler");
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DefaultPreemptionName;

  constructor(private readonly handle?: PreemptionHandle) {}

  postFilter(fwk: Framework, state: CycleState, pod: PodInfo, m: NodeToStatus, allNodes: readonly NodeInfo[], random: () => number, nominated: NominatedPodsFn | undefined) {
    const out = this.preempt(fwk, state, pod, m, allNodes, random, nominated);
    const msg = statusMessage(out.status);
    if (msg.length > 0) return { ...out, status: newStatus(out.status!.code, `preemption: ${msg}`) };
    return out;
  }

  /** PodEligibleToPreemptOthers: the eligibility message, or "" when the pod may preempt. */
  podEligibleToPreemptOthers(pod: PodInfo, allNodes: readonly NodeInfo[], nominatedNodeStatus: Status): string {
    if (pod.pod.spec.preemptionPolicy === "Never") return "not eligible due to preemptionPolicy=Never.";
    const nom = pod.pod.status?.nominatedNodeName;
    if (nom) {
      if (nominatedNodeStatus.code === "UnschedulableAndUnresolvable") return "";
      const ni = allNodes.find((n) => n.name === nom);
      if (ni) for (const p of ni.pods) if (p.priority < pod.priority && terminatingByPreemption(p)) return "not eligible due to a terminating pod on the nominated node.";
    }
    return "";
  }

  private preempt(fwk: Framework, state: CycleState, pod: PodInfo, m: NodeToStatus, allNodes: readonly NodeInfo[], random: () => number, nominated: NominatedPodsFn | undefined) {
    const nominatedStatus = m.get(pod.pod.status?.nominatedNodeName ?? "");
    const notEligible = this.podEligibleToPreemptOthers(pod, allNodes, nominatedStatus);
    if (notEligible !== "") return { status: newStatus("Unschedulable", notEligible) };
    if (allNodes.length === 0) return { status: newStatus("Error", "no nodes available") };

    const potential = m.nodesForStatusCode(allNodes, "Unschedulable");
    const diagnosis = newDiagnosis();
    const candidates: Candidate[] = [];
    if (potential.length > 0) {
      const offset = Math.floor(random() * potential.length);
      const numCandidates = calculateNumCandidates(potential.length);
      for (let i = 0; i < potential.length; i++) {
        const nodeInfo = potential[(offset + i) % potential.length]!.clone();
        const { victims, status } = this.selectVictimsOnNode(fwk, state.clone(), pod, nodeInfo, nominated);
        if (isSuccess(status) && victims.length > 0) {
          candidates.push({ name: nodeInfo.name, victims });
          if (candidates.length >= numCandidates) break;
          continue;
        }
        diagnosis.nodeToStatus.set(nodeInfo.name, status ?? newStatus("Error", `expected at least one victim pod on node "${nodeInfo.name}"`));
      }
    }
    if (candidates.length === 0) {
      diagnosis.nodeToStatus.absent = newStatus("UnschedulableAndUnresolvable", "Preemption is not helpful for scheduling");
      const fe = new FitError(pod.key, allNodes.length, diagnosis);
      return { nominatedNodeName: "", status: newStatus("Unschedulable", fe.error()) };
    }
    const best = pickOneNodeForPreemption(candidates);
    // 5) Perform preparation work before nominating the selected candidate.
    if (this.handle) {
      const st = prepareCandidate(this.handle, best, pod);
      if (st !== null) return { status: st };
    }
    return { nominatedNodeName: best.name, victims: best.victims, status: null };
  }

  // mirrors (*DefaultPreemption).SelectVictimsOnNode
  selectVictimsOnNode(fwk: Framework, state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, nominated: NominatedPodsFn | undefined): { victims: PodInfo[]; status: Status | null } {
    const potentialVictims = nodeInfo.pods.filter((p) => p.priority < pod.priority);
    for (const p of potentialVictims) {
      nodeInfo.removePod(p.uid);
      const s = fwk.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
      if (s !== null) return { victims: [], status: s };
    }
    if (potentialVictims.length === 0) {
      return { victims: [], status: newStatus("UnschedulableAndUnresolvable", "No preemption victims found for incoming pod") };
    }
    const fits = fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo, nominated);
    if (fits !== null) return { victims: [], status: fits };
    // Reprieve as many as possible, most important first.
    potentialVictims.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
    const victims: PodInfo[] = [];
    for (const p of potentialVictims) {
      nodeInfo.addPod(p);
      const a = fwk.runPreFilterExtensionAddPod(state, pod, p, nodeInfo);
      if (a !== null) return { victims: [], status: a };
      if (fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo, nominated) !== null) {
        nodeInfo.removePod(p.uid);
        const r = fwk.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
        if (r !== null) return { victims: [], status: r };
        victims.push(p);
      }
    }
    return { victims, status: null };
  }
}

// mirrors pickOneNodeForPreemption (preemption.go); with no PDBs the PDB criterion ties everywhere.
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate {
  const earliestStartOfHighest = (c: Candidate): number => {
    const highest = c.victims[0]!.priority;
    let earliest = Number.POSITIVE_INFINITY;
    for (const v of c.victims) if (v.priority === highest) earliest = Math.min(earliest, startTime(v));
    return earliest;
  };
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.victims[0]!.priority, // minimum highest-priority victim
    (c) => -c.victims.reduce((s, v) => s + v.priority + (MaxInt32 + 1), 0), // minimum sum of priorities
    (c) => -c.victims.length, // fewest victims
    earliestStartOfHighest, // latest start time of the highest-priority victims
  ];
  let all = [...candidates];
  for (const f of scoreFuncs) {
    let max = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > max) {
        max = s;
        selected = [];
      }
      if (s === max) selected.push(c);
    }
    if (selected.length === 1) return selected[0]!;
    all = selected;
  }
  return all[0]!;
}
