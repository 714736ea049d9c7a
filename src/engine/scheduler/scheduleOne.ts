// One scheduling attempt: filter the nodes (stopping once enough feasible ones are found, starting where
// the previous attempt stopped), score them, pick the best (ties broken by reservoir sampling), and
// on failure run PostFilter (preemption). Also records, per evaluated node, every plugin's verdict and
// score: the page's "why this node?" and "why Pending?".
// Mirrors schedulePod, findNodesThatFitPod, findNodesThatPassFilters, numFeasibleNodesToFind,
// prioritizeNodes, selectHost and the PostFilter part of schedulingCycle (pkg/scheduler/schedule_one.go).

import type { Pod } from "../api/types";
import type { Snapshot } from "./cache";
import { addPluginStatus, ErrNoNodesAvailable, FitError, newDiagnosis } from "./fitError";
import type { Framework, NominatedPodsFn } from "./framework/framework";
import type { NodeInfo } from "./framework/nodeInfo";
import { PodInfo } from "./framework/podInfo";
import { CycleState, isRejected, newStatus, type Status, statusMessage } from "./framework/types";
import { buildDecision, type SchedulingDecision } from "./decision";

/** minFeasibleNodesToFind / minFeasibleNodesPercentageToFind (schedule_one.go). */
export const minFeasibleNodesToFind = 100;
export const minFeasibleNodesPercentageToFind = 5;

// mirrors (*Scheduler).numFeasibleNodesToFind
/** All nodes below 100; else max(100, N × pct / 100) with pct = percentage, or max(5, 50 − N/125) when 0. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < minFeasibleNodesPercentageToFind) percentage = minFeasibleNodesPercentageToFind;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < minFeasibleNodesToFind ? minFeasibleNodesToFind : numNodes;
}

/** The scheduler's state that outlives one attempt. */
export interface SchedulerState {
  /** Where the next attempt starts evaluating nodes (sched.nextStartNodeIndex). */
  nextStartNodeIndex: number;
}

export interface ScheduleContext {
  framework: Framework;
  /** Seeded random in [0, 1): tie-breaks and preemption's starting offset. */
  random: () => number;
  state: SchedulerState;
  /** Pods nominated (by preemption) to a node; they are treated as running there when they outrank the pod. */
  nominatedPodsForNode?: NominatedPodsFn;
  /** Default true. Turn off in benchmarks that do not read decisions. */
  recordDecision?: boolean;
}

export type ScheduleOutcome =
  | { kind: "scheduled"; nodeName: string; evaluatedNodes: number; feasibleNodes: number; decision?: SchedulingDecision }
  | { kind: "unschedulable"; fitError: FitError; decision?: SchedulingDecision; nominatedNodeName?: string; victims?: PodInfo[] }
  /** ErrNoNodesAvailable, or a plugin Error: upstream's SchedulerError path (the pod goes to the error backoff queue). */
  | { kind: "error"; message: string; decision?: SchedulingDecision };

/** The nodes Filter ran on, their verdicts, and the feasible ones. `count`/`feasibleCount` are the lengths. */
interface FilterRun {
  nodes: NodeInfo[];
  statuses: (Status | null)[];
  feasible: NodeInfo[];
  count: number;
  feasibleCount: number;
}

function newFilterRun(): FilterRun {
  return { nodes: [], statuses: [], feasible: [], count: 0, feasibleCount: 0 };
}

/**
 * The FilterRun of attempts that record no decision, reused: nothing keeps its arrays past the attempt,
 * and a 5,000-node attempt would otherwise allocate them anew. Entries are overwritten, then the arrays
 * cut to length (emptying them would free their storage).
 */
const scratchRun: FilterRun = newFilterRun();

function recordFilter(run: FilterRun, ni: NodeInfo, s: Status | null): void {
  run.nodes[run.count] = ni;
  run.statuses[run.count++] = s;
  if (s === null) run.feasible[run.feasibleCount++] = ni;
}

/** Cuts the arrays to the entries written in this attempt. */
function seal(run: FilterRun): void {
  run.nodes.length = run.count;
  run.statuses.length = run.count;
  run.feasible.length = run.feasibleCount;
}

// mirrors (*Scheduler).schedulePod
/** Filter, score and select; no PostFilter. */
export function schedulePod(pod: Pod | PodInfo, snapshot: Snapshot, ctx: ScheduleContext, cycle: CycleState = new CycleState()): ScheduleOutcome {
  const pi = pod instanceof PodInfo ? pod : new PodInfo(pod);
  const fwk = ctx.framework;
  const record = ctx.recordDecision ?? true;
  const allNodes = snapshot.list();
  if (allNodes.length === 0) return { kind: "error", message: ErrNoNodesAvailable };

  const diagnosis = newDiagnosis();
  const run: FilterRun = record ? newFilterRun() : scratchRun;
  run.count = 0;
  run.feasibleCount = 0;
  const pre = fwk.runPreFilterPlugins(cycle, pi, allNodes);
  for (const p of pre.pluginsWithNodes) diagnosis.unschedulablePlugins.add(p);
  const mk = (extra: Parameters<typeof buildDecision>[0]["extra"]) =>
    record ? buildDecision({ pod: pi, fwk, numAllNodes: allNodes.length, state: cycle, run, extra }) : undefined;

  if (pre.status !== null && pre.status.code !== "Success") {
    if (!isRejected(pre.status)) return { kind: "error", message: statusMessage(pre.status), decision: mk({ preFilterStatus: pre.status }) };
    // Every node gets the PreFilter status, so that preemption can tell whether it may help.
    diagnosis.nodeToStatus.absent = pre.status;
    diagnosis.preFilterMsg = statusMessage(pre.status);
    addPluginStatus(diagnosis, pre.status);
    return { kind: "unschedulable", fitError: new FitError(pi.key, allNodes.length, diagnosis), decision: mk({ preFilterStatus: pre.status }) };
  }

  // A pod nominated by an earlier preemption tries its nominated node first.
  const nnn = pi.pod.status?.nominatedNodeName;
  if (nnn) {
    const ni = snapshot.get(nnn);
    if (ni) {
      const s = fwk.runFilterPluginsWithNominatedPods(cycle, pi, ni, ctx.nominatedPodsForNode);
      if (s === null) {
        recordFilter(run, ni, null);
        seal(run);
        return { kind: "scheduled", nodeName: ni.name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1, decision: mk({ selected: ni.name }) };
      }
      if (s.code === "Error") return { kind: "error", message: statusMessage(s), decision: mk({}) };
      diagnosis.nodeToStatus.set(ni.name, s);
    }
  }

  let nodes = allNodes;
  if (pre.result?.nodeNames !== undefined) {
    const wanted = pre.result.nodeNames;
    nodes = allNodes.filter((n) => wanted.has(n.name));
    diagnosis.nodeToStatus.absent = newStatus("UnschedulableAndUnresolvable", `node(s) didn't satisfy plugin(s) [${[...diagnosis.unschedulablePlugins].sort().join(" ")}]`);
  }

  const err = findNodesThatPassFilters(fwk, cycle, pi, nodes, ctx, run);
  seal(run);
  for (let i = 0; i < run.nodes.length; i++) {
    const s = run.statuses[i];
    if (s) {
      diagnosis.nodeToStatus.set(run.nodes[i]!.name, s);
      addPluginStatus(diagnosis, s);
    }
  }
  // Always advance the start index, so that every node gets its turn to be examined.
  const processed = run.feasible.length + diagnosis.nodeToStatus.size;
  ctx.state.nextStartNodeIndex = (ctx.state.nextStartNodeIndex + processed) % allNodes.length;
  if (err !== null) return { kind: "error", message: err, decision: mk({}) };

  if (run.feasible.length === 0) {
    return { kind: "unschedulable", fitError: new FitError(pi.key, allNodes.length, diagnosis), decision: mk({}) };
  }
  const evaluatedNodes = run.feasible.length + diagnosis.nodeToStatus.size;
  if (run.feasible.length === 1) {
    const only = run.feasible[0]!.name;
    return { kind: "scheduled", nodeName: only, evaluatedNodes, feasibleNodes: 1, decision: mk({ selected: only }) };
  }

  // prioritizeNodes
  let totals: ArrayLike<number>;
  let scoreOutcome;
  if (!fwk.hasScorePlugins()) {
    totals = run.feasible.map(() => 1);
  } else {
    const ps = fwk.runPreScorePlugins(cycle, pi, run.feasible);
    if (ps !== null) return { kind: "error", message: statusMessage(ps), decision: mk({}) };
    const sc = fwk.runScorePlugins(cycle, pi, run.feasible, !record);
    if (sc.status !== null) return { kind: "error", message: statusMessage(sc.status), decision: mk({}) };
    scoreOutcome = sc.outcome!;
    totals = scoreOutcome.totals;
  }
  const selected = selectHost(totals, ctx.random);
  const nodeName = run.feasible[selected]!.name;
  return { kind: "scheduled", nodeName, evaluatedNodes, feasibleNodes: run.feasible.length, decision: mk({ score: scoreOutcome, totals, selected: nodeName }) };
}

// mirrors (*Scheduler).findNodesThatPassFilters (sequential: stops at exactly numNodesToFind feasible nodes)
function findNodesThatPassFilters(fwk: Framework, cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], ctx: ScheduleContext, run: FilterRun): string | null {
  const n = nodes.length;
  if (n === 0) return null;
  let numNodesToFind = numFeasibleNodesToFind(fwk.profile.percentageOfNodesToScore, n);
  if (!fwk.hasScorePlugins()) numNodesToFind = 1;
  const start = ctx.state.nextStartNodeIndex;
  if (!fwk.hasFilterPlugins()) {
    for (let i = 0; i < numNodesToFind; i++) recordFilter(run, nodes[(start + i) % n]!, null);
    return null;
  }
  // nodes[(start + i) % n], without a division per node.
  let at = start % n;
  for (let i = 0; i < n; i++) {
    const ni = nodes[at]!;
    if (++at === n) at = 0;
    const s = fwk.runFilterPluginsWithNominatedPods(cycle, pod, ni, ctx.nominatedPodsForNode);
    if (s !== null && s.code === "Error") return statusMessage(s);
    recordFilter(run, ni, s);
    if (s === null && run.feasibleCount >= numNodesToFind) break;
  }
  return null;
}

// mirrors selectHost: uniform choice among the top scores by reservoir sampling.
export function selectHost(totals: ArrayLike<number>, random: () => number): number {
  let selected = 0;
  let max = totals[0]!;
  let cntOfMaxScore = 1;
  for (let i = 1; i < totals.length; i++) {
    const s = totals[i]!;
    if (s > max) {
      max = s;
      selected = i;
      cntOfMaxScore = 1;
    } else if (s === max) {
      cntOfMaxScore++;
      // Replace the candidate with probability 1/cntOfMaxScore.
      if (Math.floor(random() * cntOfMaxScore) === 0) selected = i;
    }
  }
  return selected;
}

/**
 * scheduleOne: schedulePod, then PostFilter (DefaultPreemption) when the pod fits nowhere. The FitError
 * then carries the preemption message; on success it carries the nominated node and victims to evict.
 * Assume/bind are the caller's: cache.assumePod, then the Binding API call.
 */
export function scheduleOne(pod: Pod | PodInfo, snapshot: Snapshot, ctx: ScheduleContext): ScheduleOutcome {
  const pi = pod instanceof PodInfo ? pod : new PodInfo(pod);
  const cycle = new CycleState();
  const out = schedulePod(pi, snapshot, ctx, cycle);
  if (out.kind !== "unschedulable" || ctx.framework.profile.postFilter.length === 0) return out;
  const d = out.fitError.diagnosis;
  for (const pl of ctx.framework.profile.postFilter) {
    const r = pl.postFilter(ctx.framework, cycle, pi, d.nodeToStatus, snapshot.list(), ctx.random, ctx.nominatedPodsForNode);
    d.postFilterMsg = statusMessage(r.status);
    if (r.nominatedNodeName !== undefined) out.nominatedNodeName = r.nominatedNodeName;
    if (r.victims) out.victims = r.victims;
    if (r.status === null || r.status.code === "Success") break;
  }
  if (out.decision) out.decision.postFilterMessage = d.postFilterMsg;
  return out;
}
