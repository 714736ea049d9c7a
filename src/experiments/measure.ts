// Meter samples the steady-state measures of an experiment's workload whenever something changed:
//   - ready replicas as the API reports them (pods of the workload, Running, Ready=True, not deleted);
//   - pods actually serving: the simulator's truth — the machine is up, the container runs
//     and passes its readiness probe (the API may still call a pod on a dead node Ready for ~50s);
//   - ready endpoints in the Service's EndpointSlices.
// Requests (sent, failed) are counted by the traffic model itself (`sim traffic`, proxy/trafficModel.ts).
import type { Pod } from "../engine/api/types";
import type { Cluster } from "../engine/sim/cluster";
import type { Focus } from "./types";

export interface Sample {
  readonly t: number;
  readonly readyReplicas: number;
  readonly serving: number;
  readonly readyEndpoints: number;
}

interface SliceLike {
  metadata: { labels?: Record<string, string> };
  endpoints?: { conditions?: { ready?: boolean } }[] | null;
}

export function matches(pod: Pod, selector: Readonly<Record<string, string>>): boolean {
  const labels = pod.metadata.labels ?? {};
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** Pods of the focus, sorted by name. */
export function focusPods(cluster: Cluster, focus: Focus): Pod[] {
  return cluster.list<Pod>("pods", focus.namespace).filter((p) => matches(p, focus.selector));
}

/** The simulator's truth: the pod's containers run on a live, reachable machine and would answer. */
export function isServing(cluster: Cluster, pod: Pod): boolean {
  const node = pod.spec.nodeName;
  const k = node ? cluster.kubelets.get(node) : undefined;
  // A partition cuts the kubelet off from the API server, not the pods from their clients (the traffic
  // model's view too): only a machine that is off stops serving.
  if (!k || !k.alive) return false;
  const w = k.worker(pod.metadata.namespace ?? "default", pod.metadata.name);
  if (!w || w.terminating || w.pod.metadata.uid !== pod.metadata.uid) return false;
  for (const c of w.containers) {
    if (c.init) continue;
    if (c.phase !== "running") return false;
    if (c.spec.readinessProbe && cluster.containerChaos.isUnready(pod.metadata.uid, c.spec.name)) return false;
  }
  return true;
}

export class Meter {
  readonly samples: Sample[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly focus: Focus,
  ) {}

  /** Measures now; consecutive samples at one instant replace each other (the last state counts). */
  sample(): Sample {
    const s = this.measure();
    if (this.samples.length > 0 && this.samples[this.samples.length - 1]!.t === s.t) this.samples[this.samples.length - 1] = s;
    else this.samples.push(s);
    return s;
  }

  /** The measures now, without recording them. */
  measure(): Sample {
    const t = this.cluster.now();
    const pods = focusPods(this.cluster, this.focus);
    let ready = 0;
    let serving = 0;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      if (p.status?.phase === "Running" && isReady(p)) ready++;
      if (isServing(this.cluster, p)) serving++;
    }
    let endpoints = 0;
    if (this.focus.service) {
      for (const s of this.cluster.list("endpointslices", this.focus.namespace) as unknown as SliceLike[]) {
        if (s.metadata.labels?.["kubernetes.io/service-name"] !== this.focus.service) continue;
        for (const e of s.endpoints ?? []) if (e.conditions?.ready === true) endpoints++;
      }
    }
    return { t, readyReplicas: ready, serving, readyEndpoints: endpoints };
  }

  /** Samples taken at or after `from`, plus the state in force at `from`. */
  since(from: number): Sample[] {
    let i = this.samples.length - 1;
    while (i > 0 && this.samples[i]!.t > from) i--;
    return this.samples.slice(Math.max(0, i));
  }
}
