// TriggerTimeTracker computes the endpoints.kubernetes.io/last-change-trigger-time annotation: the
// earliest time of the changes (a pod's Ready transition, the Service's creation) that this sync is the
// first to observe. kube-proxy's network-programming-latency SLI is measured from it.
// mirrors k8s.io/endpointslice/util/trigger_time_tracker.go (shared by both endpoint controllers).
import { getPodCondition } from "../../api/podutil";
import type { Pod } from "../../api/types";
import { parseTime } from "../../sim/clock";
import type { Service } from "./types";

interface ServiceState {
  lastServiceTriggerTime: number;
  lastPodTriggerTimes: Map<string, number>;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /**
   * ComputeEndpointLastChangeTriggerTime: absolute ms, or undefined ("zero": clear the annotation). A
   * Service seen for the first time answers its creationTimestamp.
   */
  compute(namespace: string, svc: Service, pods: readonly Pod[]): number | undefined {
    const key = `${namespace}/${svc.metadata.name}`;
    const state = this.states.get(key);
    let minChanged: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (t === undefined) continue;
      podTimes.set(pod.metadata.name, t);
      const last = state?.lastPodTriggerTimes.get(pod.metadata.name);
      if (last === undefined || t > last) minChanged = minChanged === undefined ? t : Math.min(minChanged, t);
    }
    const svcTime = serviceTriggerTime(svc);
    if (!Number.isNaN(svcTime) && (state === undefined || svcTime > state.lastServiceTriggerTime)) {
      minChanged = minChanged === undefined ? svcTime : Math.min(minChanged, svcTime);
    }
    this.states.set(key, { lastServiceTriggerTime: svcTime, lastPodTriggerTimes: podTimes });
    if (!state) return Number.isNaN(svcTime) ? undefined : svcTime;
    return minChanged;
  }

  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}

// mirrors getPodTriggerTime: the Ready condition's lastTransitionTime.
function podTriggerTime(pod: Pod): number | undefined {
  const t = parseTime(getPodCondition(pod, "Ready")?.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

// mirrors getServiceTriggerTime
function serviceTriggerTime(svc: Service): number {
  return parseTime(svc.metadata.creationTimestamp);
}
