// PodGCController mirrors pkg/controller/podgc/gc_controller.go (v1.34). Every gcCheckPeriod (20s) it
// force-deletes (grace 0) pods nothing else will ever clean up:
//   - gcTerminated: finished pods beyond --terminated-pod-gc-threshold (12500), evicted then oldest first;
//   - gcTerminating: terminating pods on a NotReady node tainted node.kubernetes.io/out-of-service
//     (NodeOutOfServiceVolumeDetach, GA since v1.28);
//   - gcOrphaned: pods bound to a node that no longer exists — after a 40s quarantine and a GET that
//     confirms the node is gone — with the DisruptionTarget condition (reason DeletionByPodGC);
//   - gcUnscheduledTerminating: terminating pods that were never scheduled.
// Before deleting, a pod not yet Succeeded/Failed is patched to phase Failed, since no kubelet will.
// Requests go out as "pod-garbage-collector" (ClientOrDie("pod-garbage-collector")).
import type { Node, Pod, PodStatus } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import { parseTime, rfc3339 } from "../../sim/clock";
import type { ScheduledTask } from "../../sim/eventQueue";
import type { Controller, ControllerContext } from "../context";
import { isNodeReady } from "../nodelifecycle/nodeControllerUtils";
import { observedGenerationFor, updatePodCondition, type PodConditionV134 } from "../nodelifecycle/podConditions";
import { TaintKeys, taintKeyExists } from "../nodelifecycle/taints";
import { PodGCTally } from "./podGCTally";

/** names.PodGarbageCollectorController. */
export const POD_GC_CONTROLLER = "pod-garbage-collector-controller";
export const POD_GC_ACTOR = "pod-garbage-collector";
/** quarantineTime: how long a missing node may take to show up in the informer before its pods go. */
export const QUARANTINE_TIME_MS = 40_000;

// mirrors eviction.PodIsEvicted (pkg/kubelet/eviction/helpers.go)
function podIsEvicted(status: PodStatus | undefined): boolean {
  return status?.phase === "Failed" && status.reason === "Evicted";
}

// mirrors byEvictionAndCreationTimestamp.Less: evicted first, then oldest, then by name.
export function byEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  const ea = podIsEvicted(a.status);
  const eb = podIsEvicted(b.status);
  if (ea !== eb) return ea ? -1 : 1;
  const ta = parseTime(a.metadata.creationTimestamp);
  const tb = parseTime(b.metadata.creationTimestamp);
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta < tb ? -1 : 1;
}

export class PodGCController implements Controller {
  readonly name = POD_GC_CONTROLLER;
  private readonly client: ApiClient;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  /** orphaned_pods_nodes: a delaying queue of node names, name → time it becomes ready (sim ms). */
  private readonly nodeQueue = new Map<string, number>();
  private task: ScheduledTask | undefined;
  private paused = false;
  /** What gc() would collect, tallied by the pod handlers (see nothingToCollect). */
  private readonly tally = new PodGCTally();

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client(POD_GC_ACTOR);
    this.pods = ctx.informers.for<Pod>("pods");
    this.nodes = ctx.informers.for<Node>("nodes");
  }

  start(): void {
    this.pods.addEventHandler({
      add: (p) => this.tally.count(p, 1),
      update: (o, p) => {
        this.tally.count(o, -1);
        this.tally.count(p, 1);
      },
      delete: (p) => this.tally.count(p, -1),
    });
    this.schedule(0);
  }

  stop(): void {
    this.paused = true;
    if (this.task) this.task.cancelled = true;
    this.task = undefined;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.paused || this.task) return;
    this.task = this.ctx.events.after(delayMs, "podgc:gc", () => {
      this.task = undefined;
      if (this.paused) return;
      const synced = this.pods.synced && this.nodes.synced;
      if (synced) this.gc();
      this.schedule(synced ? this.ctx.timings.podGCPeriodMs : 100);
    });
  }

  // mirrors gc
  /**
   * One pass. Upstream hands the same pod list to each step; here a single scan over it sorts the pods
   * into what each step looks at (150,000 pods every 20s), and the steps run in upstream order.
   */
  gc(): void {
    if (this.nothingToCollect()) return;
    const existing = new Set<string>();
    for (const n of this.nodes.list()) existing.add(n.metadata.name);
    const terminated: Pod[] = [];
    const terminating: Pod[] = [];
    const onMissingNodes: Pod[] = [];
    const unscheduledTerminating: Pod[] = [];
    for (const pod of this.pods.list()) {
      const phase = pod.status?.phase;
      // isPodTerminated: any phase but Pending, Running and Unknown.
      if (phase !== "Pending" && phase !== "Running" && phase !== "Unknown") terminated.push(pod);
      const nodeName = pod.spec.nodeName;
      if (pod.metadata.deletionTimestamp) {
        terminating.push(pod);
        if (!nodeName) unscheduledTerminating.push(pod);
      }
      if (nodeName && !existing.has(nodeName)) onMissingNodes.push(pod);
    }
    if (this.ctx.timings.terminatedPodGCThreshold > 0) this.gcTerminated(terminated);
    this.gcTerminating(terminating);
    this.gcOrphaned(onMissingNodes, existing);
    this.gcUnscheduledTerminating(unscheduledTerminating);
  }

  /**
   * True when a full pass would change nothing: no API request, no quarantine entry. Then the scan of
   * every pod (150,000 every 20s at the envelope) is skipped; otherwise gc() runs exactly as upstream's.
   */
  private nothingToCollect(): boolean {
    const t = this.tally;
    const threshold = this.ctx.timings.terminatedPodGCThreshold;
    if (threshold > 0 && t.terminated > threshold) return false;
    if (t.unscheduledTerminating > 0 || this.nodeQueue.size > 0) return false;
    for (const nodeName of t.boundNodes()) if (!this.nodes.get(nodeName)) return false;
    for (const key of t.terminating) {
      const pod = this.pods.get(key);
      const node = pod && this.nodes.get(pod.spec.nodeName ?? "");
      if (node && !isNodeReady(node) && taintKeyExists(node.spec?.taints, TaintKeys.OutOfService)) return false;
    }
    return true;
  }

  // mirrors gcTerminated
  private gcTerminated(terminated: Pod[]): void {
    const deleteCount = terminated.length - this.ctx.timings.terminatedPodGCThreshold;
    if (deleteCount <= 0) return;
    terminated.sort(byEvictionAndCreationTimestamp);
    for (let i = 0; i < deleteCount; i++) this.markFailedAndDeletePod(terminated[i]!);
  }

  // mirrors gcTerminating: only with both a NotReady node and the out-of-service taint.
  private gcTerminating(terminatingPods: readonly Pod[]): void {
    const terminating: Pod[] = [];
    for (const pod of terminatingPods) {
      const node = this.nodes.get(pod.spec.nodeName ?? "");
      if (!node) continue; // "Failed to get node"
      if (!isNodeReady(node) && taintKeyExists(node.spec?.taints, TaintKeys.OutOfService)) terminating.push(pod);
    }
    if (terminating.length === 0) return;
    terminating.sort(byEvictionAndCreationTimestamp);
    for (const pod of terminating) this.markFailedAndDeletePod(pod);
  }

  // mirrors gcOrphaned (given the pods bound to nodes the informer does not know)
  private gcOrphaned(pods: readonly Pod[], existing: ReadonlySet<string>): void {
    const now = this.ctx.clock.now();
    // Newly seen unknown nodes go into quarantine (AddAfter keeps an earlier pending time).
    for (const pod of pods) {
      const nodeName = pod.spec.nodeName!;
      const readyAt = now + QUARANTINE_TIME_MS;
      const pending = this.nodeQueue.get(nodeName);
      if (pending === undefined || readyAt < pending) this.nodeQueue.set(nodeName, readyAt);
    }
    const deleted = this.discoverDeletedNodes(existing, now);
    if (deleted.size === 0) return;
    for (const pod of pods) {
      if (!deleted.has(pod.spec.nodeName!)) continue;
      const cond: PodConditionV134 = { type: "DisruptionTarget", status: "True", reason: "DeletionByPodGC", message: "PodGC: node no longer exists" };
      const gen = observedGenerationFor(pod.status, pod.metadata.generation);
      if (gen !== undefined) cond.observedGeneration = gen;
      this.markFailedAndDeletePod(pod, cond);
    }
  }

  // mirrors discoverDeletedNodes: nodes out of quarantine that a GET confirms are gone.
  private discoverDeletedNodes(existing: ReadonlySet<string>, now: number): Set<string> {
    const deleted = new Set<string>();
    const ready = [...this.nodeQueue].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    for (const [nodeName] of ready) {
      this.nodeQueue.delete(nodeName);
      if (existing.has(nodeName)) continue;
      try {
        this.client.get<Node>("Node", undefined, nodeName);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // Only a NotFound proves it; any other error waits for a later pass.
        if (e.code === 404) deleted.add(nodeName);
      }
    }
    return deleted;
  }

  // mirrors gcUnscheduledTerminating (given the terminating pods without a node)
  private gcUnscheduledTerminating(pods: readonly Pod[]): void {
    for (const pod of pods) this.markFailedAndDeletePod(pod);
  }

  // mirrors markFailedAndDeletePodWithCondition: phase Failed first (no kubelet will set it), then DELETE
  // with gracePeriodSeconds 0. Failures are logged upstream and retried on a later pass.
  private markFailedAndDeletePod(pod: Pod, condition?: PodConditionV134): boolean {
    const { namespace, name } = pod.metadata;
    try {
      const phase = pod.status?.phase;
      if (phase !== "Succeeded" && phase !== "Failed") {
        const now = rfc3339(this.ctx.clock.absolute());
        const gen = observedGenerationFor(pod.status, pod.metadata.generation);
        this.client.patch<Pod>("Pod", namespace, name, (p) => {
          // PatchPodStatus: a merge of the changed fields; conditions merge by type.
          const status = (p.status ??= {}) as PodStatus & { observedGeneration?: number };
          status.phase = "Failed";
          if (gen !== undefined) status.observedGeneration = gen;
          if (condition) updatePodCondition(status, condition, now);
        }, "status");
      }
      this.client.delete("Pod", namespace, name, { gracePeriodSeconds: 0 });
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return false;
    }
  }
}
