// NodeResourcesBalancedAllocation (weight 1): prefers nodes whose cpu and memory fractions (real requests,
// after adding the pod) are close to each other. Skipped for best-effort pods (issue #129138).
// Mirrors pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go.

import { newRowMemoId } from "../framework/nodeColumns";
import { scoreNodesMemoized } from "../framework/memoizedScores";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
import { type CycleState, MaxNodeScore, type PreScorePlugin, type ScorePlugin, SKIP, type Status } from "../framework/types";

export const NodeResourcesBalancedAllocationName = "NodeResourcesBalancedAllocation";
const balancedMemo = newRowMemoId();

// mirrors balancedResourceScorer (balanced_allocation.go)
/** (1 − std) × 100 truncated, std over the fractions min(requested/allocatable, 1) of resources with allocatable ≠ 0. */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = requested[i]! / allocatable[i]!;
    if (f > 1) f = 1;
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum = sum + (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MaxNodeScore);
}

/**
 * useRequested: the node's real Requested (not NonZeroRequested) plus the pod's real request (cpu, memory).
 * Inline two-resource form of balancedResourceScorer (no allocation per node).
 */
function balancedScore(podCPU: number, podMem: number, nodeInfo: NodeInfo): number {
  const cpu = nodeInfo.allocMilliCPU;
  const mem = nodeInfo.allocMemory;
  if (cpu === 0 || mem === 0) return MaxNodeScore; // one fraction or none: std = 0
  const f0 = Math.min((nodeInfo.reqMilliCPU + podCPU) / cpu, 1);
  const f1 = Math.min((nodeInfo.reqMemory + podMem) / mem, 1);
  return Math.trunc((1 - Math.abs((f0 - f1) / 2)) * MaxNodeScore);
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = NodeResourcesBalancedAllocationName;

  preScore(_state: CycleState, pod: PodInfo): Status | null {
    // isBestEffortPod: no cpu and no memory request.
    if (pod.requests.milliCPU === 0 && pod.requests.memory === 0) return SKIP;
    return null;
  }

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    return balancedScore(pod.requests.milliCPU, pod.requests.memory, nodeInfo);
  }

  /** Memoized per node (RowMemo): the score only changes with the node's generation or the pod's requests. */
  scoreNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const cpu = pod.requests.milliCPU;
    const mem = pod.requests.memory;
    scoreNodesMemoized(balancedMemo, cpu, mem, nodes, out, (ni) => balancedScore(cpu, mem, ni));
  }
}
