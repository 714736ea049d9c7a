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
    // lastPodTriggerTimes is updated in place; it is rebuilt only when pods left (it must hold exactly
    // the current pods, as upstream replaces it every sync).
    const times = state?.lastPodTriggerTimes ?? new Map<string, number>();
    let present = 0;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i]!;
      const t = podTriggerTime(pod);
      if (t === undefined) continue;
      present++;
      const prev = times.get(pod.metadata.name);
      if (prev === undefined || t > prev) minChanged = minChanged === undefined ? t : Math.min(minChanged, t);
      if (prev !== t) times.set(pod.metadata.name, t);
    }
    const podTimes = times.size === present ? times : currentTimes(pods);
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

function currentTimes(pods: readonly Pod[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const pod of pods) {
    const t = podTriggerTime(pod);
    if (t !== undefined) m.set(pod.metadata.name, t);
  }
  return m;
}

/** Parsed trigger times per (immutable) cached pod object: resyncs of big Services parse nothing. */
const podTimes = new WeakMap<Pod, number>();

// mirrors getPodTriggerTime: the Ready condition's lastTransitionTime.
function podTriggerTime(pod: Pod): number | undefined {
  let t = podTimes.get(pod);
  if (t === undefined) {
    t = parseTime(getPodCondition(pod, "Ready")?.lastTransitionTime);
    podTimes.set(pod, t);
  }
  return Number.isNaN(t) ? undefined : t;
}

// mirrors getServiceTriggerTime
function serviceTriggerTime(svc: Service): number {
  return parseTime(svc.metadata.creationTimestamp);
}
