// PodGCTally keeps, from the pod informer's events, the few numbers that tell whether a pod GC pass has
// anything to do: how many pods are terminated, which are terminating (and how many of those were never
// scheduled), and on which nodes pods are bound. Upstream lists every pod each gcCheckPeriod; with these
// tallies the controller only does that when a pass could act (podGCController.ts nothingToCollect).
// Invariant: the tallies equal what gc()'s scan of the informer cache would find, because every change
// to that cache reaches the handlers (add, update with the old object, delete with the last state).
import type { Pod } from "../../api/types";
import { keyOf } from "../../client/informer";

export class PodGCTally {
  /** Pods gc() counts as terminated (isPodTerminated: any phase but Pending, Running and Unknown). */
  terminated = 0;
  /** Keys of pods with a deletionTimestamp. */
  readonly terminating = new Set<string>();
  /** Terminating pods without a node. */
  unscheduledTerminating = 0;
  /** Bound pods per spec.nodeName. */
  private readonly perNode = new Map<string, number>();

  /** Adds (`d` = 1) or removes (`d` = -1) one pod state. */
  count(pod: Pod, d: 1 | -1): void {
    const phase = pod.status?.phase;
    if (phase !== "Pending" && phase !== "Running" && phase !== "Unknown") this.terminated += d;
    const nodeName = pod.spec.nodeName;
    if (pod.metadata.deletionTimestamp) {
      if (d > 0) this.terminating.add(keyOf(pod));
      else this.terminating.delete(keyOf(pod));
      if (!nodeName) this.unscheduledTerminating += d;
    }
    if (nodeName) {
      const n = (this.perNode.get(nodeName) ?? 0) + d;
      if (n > 0) this.perNode.set(nodeName, n);
      else this.perNode.delete(nodeName);
    }
  }

  /** Node names that have bound pods. */
  boundNodes(): IterableIterator<string> {
    return this.perNode.keys();
  }
}
