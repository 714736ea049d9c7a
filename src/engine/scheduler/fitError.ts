// FitError: why a pod fits no node, in the exact words of the FailedScheduling event and the
// PodScheduled=False condition message.
// Mirrors framework.FitError / Diagnosis / FitError.Error (pkg/scheduler/framework/types.go, v1.34):
//   "0/N nodes are available: <PreFilterMsg>." or "0/N nodes are available: <sorted "count reason">."
//   followed by " <PostFilterMsg>" (DefaultPreemption's "preemption: 0/N nodes are available: ...").

import { NodeToStatus } from "./framework/framework";
import { type Status, statusMessage } from "./framework/types";

/** ErrNoNodesAvailable (schedule_one.go). */
export const ErrNoNodesAvailable = "no nodes available to schedule pods";

/** NoNodeAvailableMsg. */
export const NoNodeAvailableMsg = (numAllNodes: number) => `0/${numAllNodes} nodes are available`;

export interface Diagnosis {
  /** Status of each rejected node, plus the status of nodes absent from the map. */
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod somewhere: the queue requeues it on their events. */
  unschedulablePlugins: Set<string>;
  /** Set when PreFilter rejected the pod: the message replaces the per-node histogram. */
  preFilterMsg: string;
  /** Set by PostFilter (preemption). */
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: "", postFilterMsg: "" };
}

/** Diagnosis.AddPluginStatus: remember which plugin rejected the pod. */
export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (!s.plugin) return;
  if (s.code === "Unschedulable" || s.code === "UnschedulableAndUnresolvable" || s.code === "Pending") d.unschedulablePlugins.add(s.plugin);
}

/** Go's sort.Strings order: byte-wise UTF-8, which is code-point order. */
export function goStringCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

export class FitError {
  constructor(
    readonly podKey: string,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  // mirrors (*FitError).Error
  error(): string {
    let msg = `${NoNodeAvailableMsg(this.numAllNodes)}:`;
    const d = this.diagnosis;
    if (d.preFilterMsg !== "") {
      // Every node carries the PreFilter status; counting them again would duplicate the reason.
      msg += ` ${d.preFilterMsg}.`;
    } else {
      const reasons = new Map<string, number>();
      for (const s of d.nodeToStatus.map.values()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      const absent = this.numAllNodes - d.nodeToStatus.size;
      if (absent > 0) for (const r of d.nodeToStatus.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
      const histogram = [...reasons].map(([r, n]) => `${n} ${r}`).sort(goStringCompare);
      if (histogram.length > 0) msg += ` ${histogram.join(", ")}.`;
    }
    if (d.postFilterMsg !== "") msg += ` ${d.postFilterMsg}`;
    return msg;
  }
}

/** The status message of a PreFilter rejection (Status.Message). */
export function preFilterMessage(s: Status): string {
  return statusMessage(s);
}
