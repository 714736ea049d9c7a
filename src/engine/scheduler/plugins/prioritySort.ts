// PrioritySort: activeQ order. Higher spec.priority first; equal priority, the pod queued earlier first.
// Mirrors pkg/scheduler/framework/plugins/queuesort/priority_sort.go (Less).

import type { QueueSortPlugin, QueuedPodInfoLike } from "../framework/types";

export const PrioritySortName = "PrioritySort";

export class PrioritySort implements QueueSortPlugin {
  readonly name = PrioritySortName;

  less(a: QueuedPodInfoLike, b: QueuedPodInfoLike): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}
