// TaintEvictionController mirrors pkg/controller/tainteviction/taint_eviction.go (v1.34, the
// SeparateTaintEvictionController of kube-controller-manager). It deletes pods from nodes with NoExecute
// taints: a pod that does not tolerate every such taint is deleted at once; one that tolerates them all
// is deleted after the smallest tolerationSeconds among the matching tolerations, counted from when this
// controller noticed the taint (not the taint's timeAdded); a toleration without seconds is forever.
// Scheduled deletions are cancelled when the taints go away or the pod goes. Before deleting, the pod
// gets the DisruptionTarget condition (reason DeletionByTaintManager).
// Requests go out as "node-controller" (it reuses that service account); events come from
// "taint-eviction-controller".
import type { Node, Pod, Taint, Toleration } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import { rfc3339 } from "../../sim/clock";
import { toleratesTaint } from "../../scheduler/plugins/taintToleration";
import type { Controller, ControllerContext } from "../context";
import { NODE_CONTROLLER_ACTOR } from "../nodelifecycle/nodeLifecycleController";
import { observedGenerationFor, updatePodCondition, type PodConditionV134 } from "../nodelifecycle/podConditions";
import { keyFromWorkArgs, TimedWorkerQueue, type WorkArgs } from "./timedWorkers";

/** names.TaintEvictionController: the controller name and its events' source component. */
export const TAINT_EVICTION_CONTROLLER = "taint-eviction-controller";
/** deletePodHandler tries addConditionAndDeletePod this many times, 10ms apart. */
const RETRIES = 5;
const RETRY_SLEEP_MS = 10;
const NODE_NAME_INDEX = "spec.nodeName";

// mirrors getNoExecuteTaints
export function getNoExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  const out: Taint[] = [];
  for (const t of taints ?? []) if (t.effect === "NoExecute") out.push(t);
  return out;
}

// mirrors GetMatchingTolerations (pkg/apis/core/v1/helper/helpers.go): the first toleration of each taint.
export function getMatchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): [boolean, Toleration[]] {
  if (taints.length === 0) return [true, []];
  if (!tolerations || tolerations.length === 0) return [false, []];
  const result: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((tol) => toleratesTaint(tol, taint));
    if (!t) return [false, []];
    result.push(t);
  }
  return [true, result];
}

// mirrors getMinTolerationTime: ms, -1 for "forever"; no tolerations or any seconds ≤ 0 mean now.
export function getMinTolerationTime(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min === Infinity ? -1 : min * 1000;
}

export class TaintEvictionController implements Controller {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly nodeUpdateQueue: WorkQueue;
  private readonly podUpdateQueue: WorkQueue;
  private readonly taintEvictionQueue: TimedWorkerQueue;
  /** nodeName → its NoExecute taints (only nodes that have some). */
  private readonly taintedNodes = new Map<string, Taint[]>();

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client(NODE_CONTROLLER_ACTOR);
    this.recorder = ctx.recorder(TAINT_EVICTION_CONTROLLER);
    this.nodes = ctx.informers.for<Node>("nodes");
    this.pods = ctx.informers.for<Pod>("pods");
    this.nodeUpdateQueue = ctx.workqueue("noexec_taint_node", (name) => this.handleNodeUpdate(name));
    // Pod keys carry the node the event was about: "ns/name\0node" (podUpdateItem).
    this.podUpdateQueue = ctx.workqueue("noexec_taint_pod", (key) => this.handlePodUpdate(key));
    this.taintEvictionQueue = new TimedWorkerQueue(ctx.events, (fireAt, args, attempt) => this.deletePodHandler(fireAt, args, attempt));
  }

  start(): void {
    this.pods.addIndexer(NODE_NAME_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.pods.addEventHandler({
      add: (p) => this.podUpdated(undefined, p),
      update: (o, p) => this.podUpdated(o, p),
      delete: (p) => this.podUpdated(p, undefined),
    });
    this.nodes.addEventHandler({
      add: (n) => this.nodeUpdated(undefined, n),
      update: (o, n) => this.nodeUpdated(o, n),
      delete: (n) => this.nodeUpdated(n, undefined),
    });
  }

  stop(): void {
    this.nodeUpdateQueue.paused = true;
    this.podUpdateQueue.paused = true;
    this.taintEvictionQueue.pause();
  }

  resume(): void {
    this.nodeUpdateQueue.resume();
    this.podUpdateQueue.resume();
    this.taintEvictionQueue.resume();
  }

  /** Scheduled evictions, for tests and the inspector: key "ns/name" → fire time (sim ms), null = running. */
  scheduledEviction(key: string): number | null | undefined {
    const w = this.taintEvictionQueue.getWorker(key);
    return w === undefined ? undefined : w === null ? null : w.fireAt;
  }

  // ---- handlers ----

  // mirrors PodUpdated: only tolerations or the node binding matter.
  private podUpdated(old: Pod | undefined, pod: Pod | undefined): void {
    const ref = pod ?? old!;
    const nodeName = pod ? (pod.spec?.nodeName ?? "") : (old!.spec?.nodeName ?? "");
    if (old && pod && old.spec?.nodeName === pod.spec?.nodeName && tolerationsEqual(old.spec?.tolerations, pod.spec?.tolerations)) return;
    this.podUpdateQueue.add(`${ref.metadata.namespace}/${ref.metadata.name}\u0000${nodeName}`);
  }

  // mirrors NodeUpdated: only NoExecute taints matter.
  private nodeUpdated(old: Node | undefined, node: Node | undefined): void {
    if (old && node && taintsEqual(getNoExecuteTaints(old.spec?.taints), getNoExecuteTaints(node.spec?.taints))) return;
    this.nodeUpdateQueue.add((node ?? old!).metadata.name);
  }

  // mirrors handlePodUpdate
  private handlePodUpdate(item: string): void {
    const sep = item.indexOf("\u0000");
    const key = item.slice(0, sep);
    const nodeName = item.slice(sep + 1);
    const pod = this.pods.get(key);
    if (!pod) {
      this.cancelWorkWithEvent(key); // the pod is gone
      return;
    }
    // Items are sharded by node: an item about another node is not ours to act on.
    if ((pod.spec.nodeName ?? "") !== nodeName || !nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return; // node gone or untainted: that already cancelled any eviction
    this.processPodOnNode(key, pod.spec.tolerations, taints, this.ctx.clock.now());
  }

  // mirrors handleNodeUpdate
  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodes.get(nodeName);
    if (!node) {
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = getNoExecuteTaints(node.spec?.taints);
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    // taintedNodes is updated before the pods are read: later pod events see the new taints.
    const pods = this.pods.byIndex(NODE_NAME_INDEX, nodeName);
    if (pods.length === 0) return;
    if (taints.length === 0) {
      for (const p of pods) this.cancelWorkWithEvent(`${p.metadata.namespace}/${p.metadata.name}`);
      return;
    }
    const now = this.ctx.clock.now();
    for (const p of pods) this.processPodOnNode(`${p.metadata.namespace}/${p.metadata.name}`, p.spec.tolerations, taints, now);
  }

  // mirrors processPodOnNode
  private processPodOnNode(key: string, tolerations: readonly Toleration[] | undefined, taints: readonly Taint[], now: number): void {
    if (taints.length === 0) this.cancelWorkWithEvent(key);
    const args = workArgsOf(key);
    const [allTolerated, used] = getMatchingTolerations(taints, tolerations);
    if (!allTolerated) {
      // Deleted right away; any scheduled (later) deletion is cancelled first.
      this.cancelWorkWithEvent(key);
      this.taintEvictionQueue.addWork(args, now, now);
      return;
    }
    const minTolerationTime = getMinTolerationTime(used);
    if (minTolerationTime < 0) {
      this.cancelWorkWithEvent(key); // tolerated forever
      return;
    }
    let startTime = now;
    const triggerTime = startTime + minTolerationTime;
    const scheduled = this.taintEvictionQueue.getWorker(key);
    if (scheduled) {
      startTime = scheduled.createdAt;
      // An eviction already counting keeps its start. Upstream's "Before" is strict and time.Now()
      // never repeats; on the simulated clock an equal start means "the same work", kept as is.
      if (startTime + minTolerationTime < triggerTime) return;
      if (startTime === now && scheduled.fireAt === triggerTime) return;
      this.cancelWorkWithEvent(key);
    }
    this.taintEvictionQueue.addWork(args, startTime, triggerTime);
  }

  private cancelWorkWithEvent(key: string): void {
    if (this.taintEvictionQueue.cancelWork(key)) {
      this.recordPodEvent(key, "TaintManagerEviction", `Cancelling deletion of Pod ${key}`);
    }
  }

  // ---- the deletion ----

  // mirrors deletePodHandler: event, then addConditionAndDeletePod, retried a few times.
  private deletePodHandler(_fireAt: number, args: WorkArgs, attempt: number): number | void {
    const key = keyFromWorkArgs(args);
    if (attempt === 0) this.recordPodEvent(key, "TaintManagerEviction", `Marking for deletion Pod ${key}`);
    try {
      this.addConditionAndDeletePod(args);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (attempt + 1 < RETRIES) return RETRY_SLEEP_MS;
      // "TaintEvictionController: timed worker failed" — logged upstream.
    }
  }

  // mirrors addConditionAndDeletePod
  private addConditionAndDeletePod(args: WorkArgs): void {
    const pod = this.client.get<Pod>("Pod", args.namespace, args.name);
    const status = deepCopy(pod.status ?? {});
    const cond: PodConditionV134 = {
      type: "DisruptionTarget",
      status: "True",
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
    };
    const gen = observedGenerationFor(pod.status, pod.metadata.generation);
    if (gen !== undefined) cond.observedGeneration = gen;
    if (updatePodCondition(status, cond, rfc3339(this.ctx.clock.absolute()))) {
      // PatchPodStatus: a strategic merge patch, conditions merged by type.
      const dt = status.conditions!.find((c) => c.type === "DisruptionTarget")!;
      this.client.patch<Pod>("Pod", args.namespace, args.name, (p) => {
        p.status ??= {};
        const others = (p.status.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
        p.status.conditions = [...others, dt];
      }, "status");
    }
    this.client.delete("Pod", args.namespace, args.name);
  }

  private recordPodEvent(key: string, reason: string, message: string): void {
    const { namespace, name } = workArgsOf(key);
    this.recorder.record({ apiVersion: "v1", kind: "Pod", name, namespace }, "Normal", reason, message);
  }
}

function workArgsOf(key: string): WorkArgs {
  const i = key.indexOf("/");
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

function tolerationsEqual(a: readonly Toleration[] | undefined, b: readonly Toleration[] | undefined): boolean {
  if (a === b) return true;
  const la = a ?? [];
  const lb = b ?? [];
  if (la.length !== lb.length) return false;
  for (let i = 0; i < la.length; i++) {
    const x = la[i]!;
    const y = lb[i]!;
    if ((x.key ?? "") !== (y.key ?? "") || (x.operator ?? "") !== (y.operator ?? "") || (x.value ?? "") !== (y.value ?? "")) return false;
    if ((x.effect ?? "") !== (y.effect ?? "") || (x.tolerationSeconds ?? null) !== (y.tolerationSeconds ?? null)) return false;
  }
  return true;
}

function taintsEqual(a: readonly Taint[], b: readonly Taint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.key !== y.key || (x.value ?? "") !== (y.value ?? "") || x.effect !== y.effect || (x.timeAdded ?? "") !== (y.timeAdded ?? "")) return false;
  }
  return true;
}
