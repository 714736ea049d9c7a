// PrioritySort: activeQ order. Higher spec.priority first; equal priority, the pod queued earlier first
// (and, for pods queued at the same simulated instant, the one queued first: see QueuedPodInfoLike.seq).
// Mirrors pkg/scheduler/framework/plugins/queuesort/priority_sort.go (Less).

import type { QueueSortPlugin, QueuedPodInfoLike } from "../framework/types";

export const PrioritySortName = "PrioritySort";

export class PrioritySort implements QueueSortPlugin {
  readonly name = PrioritySortName;

  less(a: QueuedPodInfoLike, b: QueuedPodInfoLike): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    if (p1 !== p2) return p1 > p2;
    if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
    return (a.seq ?? 0) < (b.seq ?? 0);
  }
}
