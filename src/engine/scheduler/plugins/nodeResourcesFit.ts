// NodeResourcesFit (weight 1): filters nodes without room for the pod's requests ("Insufficient cpu",
// "Insufficient memory", "Too many pods") and scores with the default LeastAllocated strategy
// (cpu and memory, weight 1 each).
// Mirrors pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go and
// resource_allocation.go.

import type { Node, Pod } from "../../api/types";
import { newRowMemoId } from "../framework/nodeColumns";
import { scoreNodesMemoized } from "../framework/memoizedScores";
import { NodeInfo } from "../framework/nodeInfo";
import { idiv } from "../framework/normalizeScore";
import type { PodInfo } from "../framework/podInfo";
import { emptyResource, type Resource } from "../framework/resources";
import {
  ActionType,
  type ClusterEventWithHint,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  MaxNodeScore,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueingHint,
  type ScorePlugin,
  type StateData,
  type Status,
} from "../framework/types";

export const NodeResourcesFitName = "NodeResourcesFit";

/** InsufficientResource: one resource the node lacks. `unresolvable`: even an empty node is too small. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  unresolvable: boolean;
}

const preFilterStateKey = "PreFilter" + NodeResourcesFitName;
const fitMemo = newRowMemoId();

class PreFilterState implements StateData {
  constructor(readonly request: Resource) {}
  clone(): StateData {
    return this;
  }
}

// mirrors fitsRequest (noderesources/fit.go)
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  const allowedPodNumber = alloc.allowedPodNumber;
  if (nodeInfo.pods.length + 1 > allowedPodNumber) {
    out.push({ resourceName: "pods", reason: "Too many pods", requested: 1, used: nodeInfo.pods.length, capacity: allowedPodNumber, unresolvable: false });
  }
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && podRequest.scalar === undefined) {
    return out;
  }
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: "cpu", reason: "Insufficient cpu", requested: podRequest.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU, unresolvable: podRequest.milliCPU > alloc.milliCPU });
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out.push({ resourceName: "memory", reason: "Insufficient memory", requested: podRequest.memory, used: used.memory, capacity: alloc.memory, unresolvable: podRequest.memory > alloc.memory });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: "ephemeral-storage",
      reason: "Insufficient ephemeral-storage",
      requested: podRequest.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
      unresolvable: podRequest.ephemeralStorage > alloc.ephemeralStorage,
    });
  }
  if (podRequest.scalar) {
    // Sorted so that the reasons come out in a deterministic order (Go iterates its map randomly).
    for (const name of Object.keys(podRequest.scalar).sort()) {
      const want = podRequest.scalar[name]!;
      if (want === 0) continue;
      const a = alloc.scalar?.[name] ?? 0;
      const u = used.scalar?.[name] ?? 0;
      if (want > a - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used: u, capacity: a, unresolvable: want > a });
    }
  }
  return out;
}

/** fitsRequest(...).length === 0 without building the list: the common case of a node with room. */
export function fits(podRequest: Resource, nodeInfo: NodeInfo): boolean {
  if (nodeInfo.podCount + 1 > nodeInfo.allowedPodNumber) return false;
  if (podRequest.scalar !== undefined) return fitsRequest(podRequest, nodeInfo).length === 0;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > nodeInfo.allocMilliCPU - nodeInfo.reqMilliCPU) return false;
  if (podRequest.memory > 0 && podRequest.memory > nodeInfo.allocMemory - nodeInfo.reqMemory) return false;
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > nodeInfo.allocEphemeralStorage - nodeInfo.reqEphemeralStorage) return false;
  return true;
}

// mirrors leastRequestedScore (least_allocated.go)
/** ((capacity − requested) × 100) / capacity with integer division; 0 when over capacity or capacity is 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return idiv((capacity - requested) * MaxNodeScore, capacity);
}

/**
 * LeastAllocated score for one node: cpu and memory (weight 1 each) with requested = the node's
 * NonZeroRequested + the pod's non-zero request; resources with 0 allocatable are left out.
 */
export function leastAllocatedScore(pod: PodInfo, nodeInfo: NodeInfo): number {
  let nodeScore = 0;
  let weightSum = 0;
  const cpu = nodeInfo.allocMilliCPU;
  const mem = nodeInfo.allocMemory;
  if (cpu !== 0) {
    nodeScore += leastRequestedScore(nodeInfo.non0MilliCPU + pod.non0CPU, cpu);
    weightSum += 1;
  }
  if (mem !== 0) {
    nodeScore += leastRequestedScore(nodeInfo.non0Memory + pod.non0Mem, mem);
    weightSum += 1;
  }
  return weightSum === 0 ? 0 : idiv(nodeScore, weightSum);
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NodeResourcesFitName;
  private lastState: CycleState | undefined = undefined;
  private lastPod: PodInfo | undefined = undefined;
  private lastRequest: Resource = emptyResource();

  preFilter(state: CycleState, pod: PodInfo) {
    state.write(preFilterStateKey, new PreFilterState(pod.requests));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    // The request is read from the CycleState once per cycle, not once per node.
    let req: Resource;
    if (state === this.lastState && pod === this.lastPod) req = this.lastRequest;
    else {
      req = state.read<PreFilterState>(preFilterStateKey)?.request ?? pod.requests;
      this.lastState = state;
      this.lastPod = pod;
      this.lastRequest = req;
    }
    if (fits(req, nodeInfo)) return null;
    const insufficient = fitsRequest(req, nodeInfo);
    if (insufficient.length === 0) return null;
    // All failure reasons are kept; one unresolvable resource makes the whole verdict unresolvable.
    let code: "Unschedulable" | "UnschedulableAndUnresolvable" = "Unschedulable";
    const reasons: string[] = [];
    for (const r of insufficient) {
      reasons.push(r.reason);
      if (r.unresolvable) code = "UnschedulableAndUnresolvable";
    }
    return { code, reasons };
  }

  /** The verdict depends on the node's allocatable, requested and pod count, and the pod's request. */
  filterReuseKey(_state: CycleState, pod: PodInfo): string {
    // PreFilter stores pod.requests: the request Filter reads is the pod's.
    const r = pod.requests;
    return `${r.milliCPU}|${r.memory}|${r.ephemeralStorage}|${r.scalar === undefined ? "" : JSON.stringify(r.scalar)}`;
  }

  /** The pod's non-zero requests are precomputed in PodInfo; nothing to prepare, never skipped. */
  preScore(): Status | null {
    return null;
  }

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    return leastAllocatedScore(pod, nodeInfo);
  }

  /** Memoized per node (RowMemo): the score only changes with the node's generation or the pod's requests. */
  scoreNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    scoreNodesMemoized(fitMemo, pod.non0CPU, pod.non0Mem, nodes, out, (ni) => leastAllocatedScore(pod, ni));
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: "Pod", actionType: ActionType.Delete }, hint: isSchedulableAfterPodEvent },
      { event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeAllocatable }, hint: isSchedulableAfterNodeChange },
    ];
  }
}

/** Any deleted pod that was bound (or nominated) may free resources. */
function isSchedulableAfterPodEvent(_pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Pod | undefined;
  if (newObj !== undefined || original === undefined) return "QueueSkip";
  if (!original.spec.nodeName && !original.status?.nominatedNodeName) return "QueueSkip";
  return "Queue";
}

function emptyNodeInfo(node: Node): NodeInfo {
  const ni = new NodeInfo(node.metadata.name);
  ni.setNode(node);
  return ni;
}

/** Queue when the pod fits the (empty) new node, or an update raised a resource the pod requests. */
function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as Node | undefined;
  if (!modified) return "QueueSkip";
  const after = emptyNodeInfo(modified);
  if (fitsRequest(pod.requests, after).length > 0) return "QueueSkip";
  const original = oldObj as Node | undefined;
  if (original === undefined) return "Queue";
  const before = emptyNodeInfo(original);
  const r = pod.requests;
  const a0 = before.allocatable;
  const a1 = after.allocatable;
  if (a1.allowedPodNumber > a0.allowedPodNumber) return "Queue";
  if (r.milliCPU > 0 && a1.milliCPU > a0.milliCPU) return "Queue";
  if (r.memory > 0 && a1.memory > a0.memory) return "Queue";
  if (r.ephemeralStorage > 0 && a1.ephemeralStorage > a0.ephemeralStorage) return "Queue";
  for (const k of Object.keys(r.scalar ?? {})) if ((a1.scalar?.[k] ?? 0) > (a0.scalar?.[k] ?? 0)) return "Queue";
  return "QueueSkip";
}
