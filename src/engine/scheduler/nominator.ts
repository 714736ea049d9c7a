// The nominator remembers which pods preemption nominated to which node, so that other pods treat the
// room being freed there as taken (RunFilterPluginsWithNominatedPods).
// Mirrors podNominator (pkg/scheduler/backend/queue/nominator.go).

import type { PodInfo } from "./framework/podInfo";

/** NominatingInfo: Override sets (or, with "", clears) the nominated node; Noop keeps the pod's own. */
export interface NominatingInfo {
  mode: "Override" | "Noop";
  nominatedNodeName: string;
}

export class Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /** addNominatedPod: the node comes from `info` (Override) or the pod's status.nominatedNodeName. */
  addNominatedPod(pi: PodInfo, info?: NominatingInfo): void {
    this.deleteNominatedPodIfExists(pi.uid);
    let nodeName = pi.pod.status?.nominatedNodeName ?? "";
    if (info?.mode === "Override") nodeName = info.nominatedNodeName;
    if (nodeName === "") return;
    this.nodeOf.set(pi.uid, nodeName);
    const list = this.byNode.get(nodeName);
    if (list) list.push(pi);
    else this.byNode.set(nodeName, [pi]);
  }

  deleteNominatedPodIfExists(uid: string): void {
    const nodeName = this.nodeOf.get(uid);
    if (nodeName === undefined) return;
    this.nodeOf.delete(uid);
    const list = this.byNode.get(nodeName)!.filter((p) => p.uid !== uid);
    if (list.length === 0) this.byNode.delete(nodeName);
    else this.byNode.set(nodeName, list);
  }

  /** updateNominatedPod keeps the nomination when the new pod object no longer carries it. */
  updateNominatedPod(oldUid: string, newPi: PodInfo): void {
    const prev = this.nodeOf.get(oldUid);
    this.deleteNominatedPodIfExists(oldUid);
    const keep = prev !== undefined && !newPi.pod.status?.nominatedNodeName && !newPi.pod.spec.nodeName;
    this.addNominatedPod(newPi, keep ? { mode: "Override", nominatedNodeName: prev } : undefined);
  }

  /** True when some pod is nominated somewhere (a scheduling cycle can then skip the per-node lookups). */
  hasNominatedPods(): boolean {
    return this.byNode.size > 0;
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? [];
  }

  nominatedNodeOf(uid: string): string | undefined {
    return this.nodeOf.get(uid);
  }
}
