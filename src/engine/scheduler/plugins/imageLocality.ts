// ImageLocality (weight 1): prefers nodes that already have the pod's images, scaled by how widely each
// image is spread across the cluster (so that one node holding a common image does not attract everything).
// Mirrors pkg/scheduler/framework/plugins/imagelocality/image_locality.go.

import type { Snapshot } from "../cache";
import type { ImageState, NodeInfo } from "../framework/nodeInfo";
import { idiv } from "../framework/normalizeScore";
import type { PodInfo } from "../framework/podInfo";
import { type CycleState, MaxNodeScore, type ScorePlugin } from "../framework/types";

export const ImageLocalityName = "ImageLocality";

const mb = 1024 * 1024;
/** minThreshold: images below 23 MB count as "not present" (pulling them is cheap). */
export const minThreshold = 23 * mb;
/** maxContainerThreshold: 1000 MB per container is the score's ceiling. */
export const maxContainerThreshold = 1000 * mb;

// mirrors calculatePriority (image_locality.go)
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  if (sumScores < minThreshold) sumScores = minThreshold;
  else if (sumScores > maxThreshold) sumScores = maxThreshold;
  return idiv(MaxNodeScore * (sumScores - minThreshold), maxThreshold - minThreshold);
}

// mirrors scaledImageScore (image_locality.go): size × (nodes having it / all nodes), truncated.
export function scaledImageScore(size: number, numNodes: number, totalNumNodes: number): number {
  return Math.trunc(size * (numNodes / totalNumNodes));
}

/** Score: the pod's images present on the node, each scaled by its spread over the cluster's `total` nodes. */
function imageLocalityScore(pod: PodInfo, nodeInfo: NodeInfo, total: number): number {
  const images = pod.images;
  const states = nodeInfo.imageStates;
  let sum = 0;
  for (let i = 0; i < images.length; i++) {
    const st = states.get(images[i]!);
    if (st) sum += scaledImageScore(st.size, st.nodes.size, total);
  }
  return calculatePriority(sum, pod.numContainers);
}

export class ImageLocality implements ScorePlugin {
  readonly name = ImageLocalityName;

  private readonly states: ImageState[] = [];
  private readonly names: string[] = [];
  private readonly scaled: number[] = [];

  constructor(private readonly snapshot: Snapshot) {}

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    return imageLocalityScore(pod, nodeInfo, this.snapshot.numNodes());
  }

  scoreNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const total = this.snapshot.numNodes();
    if (this.snapshot.imageState === undefined) {
      for (let i = 0; i < nodes.length; i++) out[i] = imageLocalityScore(pod, nodes[i]!, total);
      return;
    }
    // A node's entry for an image is the cluster-wide ImageState, so each image's scaled score is the
    // same on every node that has it: compute it once, then find the state among the node's by identity.
    // Scratch arrays, overwritten every call (this runs once per scheduling cycle).
    const states = this.states;
    const names = this.names;
    const scaled = this.scaled;
    let numStates = 0;
    for (const image of pod.images) {
      const st = this.snapshot.imageState(image);
      if (st === undefined) continue;
      states[numStates] = st;
      names[numStates] = image;
      scaled[numStates++] = scaledImageScore(st.size, st.nodes.size, total);
    }
    // The few distinct sums share their priority: computed once each (the last two are remembered).
    let sumA = 0;
    let prioA = calculatePriority(0, pod.numContainers);
    let sumB = -1;
    let prioB = 0;
    for (let i = 0; i < nodes.length; i++) {
      const ni = nodes[i]!;
      let sum = 0;
      for (let k = 0; k < numStates; k++) {
        const st = states[k]!;
        // present[] is indexed by the cache's rows; another NodeInfo (a copy) answers from its own map.
        const has = ni.columns === st.columns ? st.present[ni.index] === 1 : ni.imageStates.get(names[k]!) === st;
        if (has) sum += scaled[k]!;
      }
      if (sum === sumA) out[i] = prioA;
      else if (sum === sumB) out[i] = prioB;
      else {
        sumB = sumA;
        prioB = prioA;
        sumA = sum;
        prioA = calculatePriority(sum, pod.numContainers);
        out[i] = prioA;
      }
    }
  }
}
