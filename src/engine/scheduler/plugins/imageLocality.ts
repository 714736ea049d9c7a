// ImageLocality (weight 1): prefers nodes that already have the pod's images, scaled by how widely each
// image is spread across the cluster (so that one node holding a common image does not attract everything).
// Mirrors pkg/scheduler/framework/plugins/imagelocality/image_locality.go.

import type { Snapshot } from "../cache";
import type { NodeInfo } from "../framework/nodeInfo";
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

export class ImageLocality implements ScorePlugin {
  readonly name = ImageLocalityName;

  constructor(private readonly snapshot: Snapshot) {}

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const total = this.snapshot.numNodes();
    let sum = 0;
    for (const image of pod.images) {
      const st = nodeInfo.imageStates.get(image);
      if (st) sum += scaledImageScore(st.size, st.nodes.size, total);
    }
    return calculatePriority(sum, pod.numContainers);
  }
}
