// The side effects of preemption once DefaultPreemption has picked a node: every victim gets the
// DisruptionTarget condition (reason PreemptionByScheduler), is deleted gracefully and receives a
// "Preempted" event; lower-priority pods nominated to the same node lose their nomination.
// Mirrors Evaluator.PreemptPod (NewEvaluator), prepareCandidate, getLowerPriorityNominatedPods and
// clearNominatedNodeName in pkg/scheduler/framework/preemption/preemption.go (v1.34). The victims are
// handled one after the other in the cycle (upstream's synchronous path); the asynchronous variant
// (SchedulerAsyncPreemption) differs only in when the API calls happen, which a simulated cycle hides.
// Waiting pods (Permit) do not exist in Kubelab, so every victim is deleted.

import { ApiError } from "../../apiserver/errors";
import type { Pod, PodCondition } from "../../api/types";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { PodInfo } from "../framework/podInfo";
import { newStatus, type Status } from "../framework/types";

/** v1.PodReasonPreemptionByScheduler. */
export const PodReasonPreemptionByScheduler = "PreemptionByScheduler";

/** What the preemption plugin needs from the scheduler to act on its choice (framework.Handle subset). */
export interface PreemptionHandle {
  /** PreemptPod: condition, graceful delete, event. Throws on an API error other than NotFound. */
  preemptPod(preemptor: Pod, victim: Pod, nodeName: string): void;
  /** The pods the scheduler has nominated to a node (the nominator's view). */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  /** clearNominatedNodeName: status.nominatedNodeName = "" for each pod (errors are not fatal). */
  clearNominatedNodeName(pods: readonly Pod[]): void;
}

/** A node to preempt on and the victims there, most important first. */
export interface PreemptionCandidate {
  name: string;
  victims: readonly PodInfo[];
}

/** getLowerPriorityNominatedPods: pods nominated to the node whose priority is below the preemptor's. */
export function lowerPriorityNominatedPods(handle: PreemptionHandle, preemptor: PodInfo, nodeName: string): Pod[] {
  return handle
    .nominatedPodsForNode(nodeName)
    .filter((p) => p.uid !== preemptor.uid && p.priority < preemptor.priority)
    .map((p) => p.pod);
}

/**
 * prepareCandidate: preempt every victim not already being deleted, then clear lower-priority
 * nominations on the node. Returns an Error status when a victim could not be preempted.
 */
export function prepareCandidate(handle: PreemptionHandle, c: PreemptionCandidate, preemptor: PodInfo): Status | null {
  for (const v of c.victims) {
    // Graceful pod deletion has already started: sending another API call is unnecessary.
    if (v.pod.metadata.deletionTimestamp) continue;
    try {
      handle.preemptPod(preemptor.pod, v.pod, c.name);
    } catch (e) {
      return newStatus("Error", (e as Error).message);
    }
  }
  const nominated = lowerPriorityNominatedPods(handle, preemptor, c.name);
  // Not critical: a failure leaves the nomination, which the next cycle corrects.
  try {
    handle.clearNominatedNodeName(nominated);
  } catch {
    // ignored, as upstream logs and continues
  }
  return null;
}

export interface ApiPreemptionDeps {
  client: () => ApiClient;
  recorder: () => EventRecorder;
  /** RFC 3339 "now" for the condition's lastTransitionTime. */
  now: () => string;
  nominatedPodsForNode: (nodeName: string) => readonly PodInfo[];
  /** Drops a pod's in-memory nomination (the queue's nominator). */
  forgetNomination: (uid: string) => void;
}

/** The API-backed PreemptionHandle the scheduler gives its DefaultPreemption. */
export class ApiPreemption implements PreemptionHandle {
  constructor(private readonly deps: ApiPreemptionDeps) {}

  preemptPod(preemptor: Pod, victim: Pod, nodeName: string): void {
    const client = this.deps.client();
    const ns = victim.metadata.namespace ?? "default";
    const condition: PodCondition = {
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: this.deps.now(),
      reason: PodReasonPreemptionByScheduler,
      message: `${preemptor.spec.schedulerName ?? "default-scheduler"}: preempting to accommodate a higher priority pod`,
    };
    let latest: Pod;
    try {
      // UpdatePodCondition then PatchPodStatus: only when the condition changes.
      latest = client.patch<Pod>(
        "Pod",
        ns,
        victim.metadata.name,
        (p) => {
          const conditions = p.status?.conditions ?? [];
          const cur = conditions.find((x) => x.type === "DisruptionTarget");
          if (cur && cur.status === condition.status && cur.reason === condition.reason && cur.message === condition.message) return;
          const others = conditions.filter((x) => x.type !== "DisruptionTarget");
          const keepTime = cur && cur.status === condition.status ? cur.lastTransitionTime : condition.lastTransitionTime;
          p.status = { ...(p.status ?? {}), conditions: [...others, { ...condition, lastTransitionTime: keepTime }] };
        },
        "status",
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return; // the victim is already gone
      throw e;
    }
    try {
      client.delete("Pod", ns, victim.metadata.name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
    this.deps.recorder().event(latest, "Normal", "Preempted", `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.deps.nominatedPodsForNode(nodeName);
  }

  clearNominatedNodeName(pods: readonly Pod[]): void {
    const client = this.deps.client();
    for (const p of pods) {
      this.deps.forgetNomination(p.metadata.uid);
      if (!p.status?.nominatedNodeName) continue;
      try {
        client.patch<Pod>(
          "Pod",
          p.metadata.namespace ?? "default",
          p.metadata.name,
          (q) => {
            if (q.status) delete q.status.nominatedNodeName;
          },
          "status",
        );
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
}
