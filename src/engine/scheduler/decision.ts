// SchedulingDecision: the compact record of one scheduling attempt that the page turns into "why this
// node?" and "why Pending?". Arrays indexed by evaluated node, not one object per node: a 5,000-node
// attempt stays a handful of typed arrays. (kube-scheduler-simulator keeps the same data as annotations.)

import type { Framework, ScoreOutcome } from "./framework/framework";
import type { NodeInfo } from "./framework/nodeInfo";
import type { PodInfo } from "./framework/podInfo";
import type { CycleState, Status } from "./framework/types";

export interface SchedulingDecision {
  /** "namespace/name". */
  pod: string;
  numAllNodes: number;
  /** Filter plugins in run order; `rejectedBy` indexes into it. */
  filterPlugins: readonly string[];
  /** Plugins whose PreFilter returned Skip (their Filter did not run). */
  skippedFilterPlugins: string[];
  /** Set when PreFilter rejected the pod before any node was looked at. */
  preFilterStatus?: Status;
  /** Nodes the Filter ran on, in evaluation order (a large cluster stops once enough nodes fit). */
  nodes: string[];
  /** Per evaluated node: index of the rejecting filter plugin, or −1 when every plugin passed it. */
  rejectedBy: Int16Array;
  /** Per evaluated node: the rejection (code, reasons, plugin) or null. */
  statuses: (Status | null)[];
  /** Score plugins that ran (PreScore did not skip them) and their weights. */
  scorePlugins: string[];
  weights: number[];
  /** Indices into `nodes` of the feasible nodes, in scoring order. */
  feasible: Int32Array;
  /** Normalized score × weight: scores[f * scorePlugins.length + p] for feasible node f and plugin p. */
  scores: Int32Array;
  /** Sum over plugins per feasible node. */
  totals: Int32Array;
  selected?: string;
  /** DefaultPreemption's message when the pod fit nowhere. */
  postFilterMessage?: string;
}

export interface DecisionInput {
  pod: PodInfo;
  fwk: Framework;
  numAllNodes: number;
  state: CycleState;
  run: { nodes: NodeInfo[]; statuses: (Status | null)[]; feasible: NodeInfo[] };
  extra: { preFilterStatus?: Status; score?: ScoreOutcome; totals?: ArrayLike<number>; selected?: string };
}

export function buildDecision(input: DecisionInput): SchedulingDecision {
  const { fwk, run, extra } = input;
  const plugins = fwk.filterPluginNames;
  const n = run.nodes.length;
  const rejectedBy = new Int16Array(n);
  const indexOfNode = new Map<NodeInfo, number>();
  for (let i = 0; i < n; i++) {
    const s = run.statuses[i];
    rejectedBy[i] = s?.plugin !== undefined ? plugins.indexOf(s.plugin) : -1;
    indexOfNode.set(run.nodes[i]!, i);
  }
  const feasible = new Int32Array(run.feasible.length);
  for (let f = 0; f < run.feasible.length; f++) feasible[f] = indexOfNode.get(run.feasible[f]!) ?? -1;

  const sc = extra.score;
  const numPlugins = sc?.plugins.length ?? 0;
  const scores = new Int32Array(run.feasible.length * numPlugins);
  if (sc) for (let p = 0; p < numPlugins; p++) for (let f = 0; f < run.feasible.length; f++) scores[f * numPlugins + p] = sc.scores[p]![f]!;
  const totals = Int32Array.from(extra.totals ?? []);

  const d: SchedulingDecision = {
    pod: input.pod.key,
    numAllNodes: input.numAllNodes,
    filterPlugins: plugins,
    skippedFilterPlugins: [...input.state.skipFilterPlugins],
    nodes: run.nodes.map((ni) => ni.name),
    rejectedBy,
    statuses: run.statuses,
    scorePlugins: sc ? sc.plugins.map((p) => p.name) : [],
    weights: sc ? [...sc.weights] : [],
    feasible,
    scores,
    totals,
  };
  if (extra.preFilterStatus) d.preFilterStatus = extra.preFilterStatus;
  if (extra.selected !== undefined) d.selected = extra.selected;
  return d;
}

/** One node's story in a decision: each filter plugin's verdict and, if feasible, each plugin's score. */
export interface NodeExplanation {
  node: string;
  evaluated: boolean;
  /** Filter plugins in order: "passed", "skipped" (PreFilter Skip), "rejected" or "not run" (after a rejection). */
  filters: { plugin: string; verdict: "passed" | "skipped" | "rejected" | "not run"; reasons?: string[] }[];
  scores?: { plugin: string; weight: number; score: number }[];
  total?: number;
  selected: boolean;
}

export function explainNode(d: SchedulingDecision, nodeName: string): NodeExplanation {
  const i = d.nodes.indexOf(nodeName);
  const skipped = new Set(d.skippedFilterPlugins);
  if (i < 0) return { node: nodeName, evaluated: false, filters: [], selected: false };
  const rej = d.rejectedBy[i]!;
  const filters = d.filterPlugins.map((plugin, p) => {
    if (skipped.has(plugin)) return { plugin, verdict: "skipped" as const };
    if (rej < 0 || p < rej) return { plugin, verdict: "passed" as const };
    if (p === rej) return { plugin, verdict: "rejected" as const, reasons: d.statuses[i]?.reasons ?? [] };
    return { plugin, verdict: "not run" as const };
  });
  const out: NodeExplanation = { node: nodeName, evaluated: true, filters, selected: d.selected === nodeName };
  const f = d.feasible.indexOf(i);
  if (f >= 0 && d.scorePlugins.length > 0) {
    const k = d.scorePlugins.length;
    out.scores = d.scorePlugins.map((plugin, p) => ({ plugin, weight: d.weights[p]!, score: d.scores[f * k + p]! }));
    out.total = d.totals[f];
  }
  return out;
}
