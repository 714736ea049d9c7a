// The scheduling queue: activeQ (PrioritySort order), backoffQ (retry after 1s·2^(attempts−1), ≤10s) and
// the unschedulable pool (waiting for a cluster event that may help, or the 5-minute flush).
// Mirrors PriorityQueue (pkg/scheduler/backend/queue/scheduling_queue.go, backoff_queue.go,
// active_queue.go) as of v1.34: QueueingHints on (GA), SchedulerPopFromBackoffQ on (beta, default):
// - when activeQ is empty, Pop takes the head of the (non-error) backoffQ without waiting for its backoff;
// - backoff expirations are truncated to 1s windows and flushed on whole seconds;
// - the unschedulable pool is flushed every 30s for pods older than 5 minutes.
// Time is injected: every method that depends on it takes `now` (simulated ms). No timers: the caller
// asks nextWakeTime() and calls tick(now) then.

import type { Node, Pod } from "../api/types";
import {
  EventAssignedPodAdd,
  EventAssignedPodDelete,
  EventForceActivate,
  EventNodeAdd,
  EventNodeDelete,
  EventUnschedulableTimeout,
  matchClusterEvents,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
} from "./events";
import type { Framework } from "./framework/framework";
import type { Labels } from "./framework/labels";
import { affinityTermMatches, PodInfo } from "./framework/podInfo";
import { ActionType, type ClusterEvent, type EventResource, type QueueingHintFn } from "./framework/types";
import { Heap } from "./heap";
import { type NominatingInfo, Nominator } from "./nominator";
import { PodTopologySpreadName } from "./plugins/podTopologySpreadCommon";
import type { QueuedPodInfo } from "./queuedPodInfo";
import { BackoffQueue } from "./backoffQueue";

export type { QueuedPodInfo } from "./queuedPodInfo";
export { calculateBackoffDuration } from "./backoffQueue";

/** Defaults of PriorityQueue (scheduling_queue.go). */
export const DefaultPodInitialBackoffDuration = 1_000;
export const DefaultPodMaxBackoffDuration = 10_000;
export const DefaultPodMaxInUnschedulablePodsDuration = 5 * 60_000;
/** flushUnschedulablePodsLeftover runs every 30s (wait.Until in PriorityQueue.Run). */
export const UnschedulablePodsFlushPeriod = 30_000;

export type QueueName = "activeQ" | "backoffQ" | "unschedulablePods";
type Strategy = "skip" | "afterBackoff" | "immediately";

interface Registration {
  plugin: string;
  event: { resource: EventResource; actionType: number };
  hint?: QueueingHintFn;
}

interface InFlightEvent {
  seq: number;
  event: ClusterEvent;
  oldObj: unknown;
  newObj: unknown;
}

export interface SchedulingQueueOptions {
  /** When the queue started (its 30s flush ticks count from here). Default 0. */
  startTime?: number;
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
  /** Namespace labels, for required affinity terms with a namespaceSelector (cross-topology precheck). */
  namespaceLabels?: (namespace: string) => Labels;
}

export class SchedulingQueue {
  readonly nominator = new Nominator();
  private readonly activeQ: Heap<QueuedPodInfo>;
  private readonly backoffQ: BackoffQueue;
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  private readonly registrations: Registration[] = [];
  private readonly pluginToEvents = new Map<string, { resource: EventResource; actionType: number }[]>();
  private readonly inFlight = new Map<string, number>();
  private inFlightEvents: InFlightEvent[] = [];
  private eventSeq = 0;
  private podSeq = 0;
  private schedulingCycle = 0;
  private readonly startTime: number;
  private readonly maxInUnschedulable: number;
  private readonly nsLabels: (namespace: string) => Labels;

  constructor(
    private readonly fwk: Framework,
    options: SchedulingQueueOptions = {},
  ) {
    this.startTime = options.startTime ?? 0;
    this.maxInUnschedulable = options.podMaxInUnschedulablePodsMs ?? DefaultPodMaxInUnschedulablePodsDuration;
    this.nsLabels = options.namespaceLabels ?? (() => undefined);
    const less = (a: QueuedPodInfo, b: QueuedPodInfo) => fwk.queueSort.less(a, b);
    this.activeQ = new Heap((p) => p.podInfo.uid, less);
    this.backoffQ = new BackoffQueue(options.podInitialBackoffMs ?? DefaultPodInitialBackoffDuration, options.podMaxBackoffMs ?? DefaultPodMaxBackoffDuration, less);
    for (const pl of fwk.profile.enqueueExtensions) {
      for (const r of pl.eventsToRegister()) {
        this.registrations.push({ plugin: pl.name, event: r.event, hint: r.hint });
        const list = this.pluginToEvents.get(pl.name) ?? [];
        list.push(r.event);
        this.pluginToEvents.set(pl.name, list);
      }
    }
  }

  // ---- adding and updating unscheduled pods ----

  private newQueuedPodInfo(pod: Pod, now: number): QueuedPodInfo {
    return {
      podInfo: new PodInfo(pod),
      timestamp: now,
      seq: ++this.podSeq,
      attempts: 0,
      unschedulablePlugins: new Set(),
      pendingPlugins: new Set(),
      gatingPlugin: "",
      backoffExpiration: undefined,
      unschedulableCount: 0,
      consecutiveErrorsCount: 0,
    };
  }

  /** Add: a new unscheduled pod (informer add). */
  add(pod: Pod, now: number): void {
    this.moveToActiveQ(this.newQueuedPodInfo(pod, now), now, false, "PodAdd");
  }

  /** runPreEnqueuePlugins: a rejecting plugin gates the pod and becomes one of its unschedulable plugins. */
  private runPreEnqueue(p: QueuedPodInfo): void {
    const r = this.fwk.runPreEnqueuePlugins(p.podInfo);
    if (r === null) {
      p.gatingPlugin = "";
      return;
    }
    p.unschedulablePlugins.add(r.plugin);
    p.gatingPlugin = r.plugin;
  }

  private moveToActiveQ(p: QueuedPodInfo, now: number, movesFromBackoffQ: boolean, event: string): boolean {
    // With PopFromBackoffQ, PreEnqueue already ran when the pod entered backoffQ.
    if (!movesFromBackoffQ) this.runPreEnqueue(p);
    const uid = p.podInfo.uid;
    if (p.gatingPlugin !== "") {
      if (this.activeQ.has(uid) || this.backoffQ.has(uid) || this.unschedulablePods.has(uid)) return false;
      this.unschedulablePods.set(uid, p);
      return false;
    }
    p.initialAttemptTimestamp ??= now;
    this.unschedulablePods.delete(uid);
    this.backoffQ.delete(uid);
    this.activeQ.addOrUpdate(p);
    if (event === "PodAdd" || event === "PodUpdate") this.nominator.addNominatedPod(p.podInfo);
    return true;
  }

  private moveToBackoffQ(p: QueuedPodInfo): boolean {
    this.runPreEnqueue(p);
    if (p.gatingPlugin !== "") {
      if (!this.unschedulablePods.has(p.podInfo.uid)) this.unschedulablePods.set(p.podInfo.uid, p);
      return false;
    }
    this.unschedulablePods.delete(p.podInfo.uid);
    this.backoffQ.add(p);
    return true;
  }

  /** Update: an unscheduled pod changed (informer update). */
  update(oldPod: Pod, newPod: Pod, now: number): void {
    const uid = newPod.metadata.uid;
    const events = podSchedulingPropertiesChange(newPod, oldPod, false);
    if (this.inFlight.has(uid)) {
      // Recorded so that the in-flight attempt, if it fails, is judged against this change too.
      for (const e of events) this.pushInFlightEvent(e, oldPod, newPod);
      return;
    }
    const inActive = this.activeQ.get(uid);
    if (inActive) {
      inActive.podInfo = new PodInfo(newPod);
      this.activeQ.addOrUpdate(inActive);
      this.nominator.updateNominatedPod(uid, inActive.podInfo);
      return;
    }
    const inBackoff = this.backoffQ.get(uid);
    if (inBackoff) {
      inBackoff.podInfo = new PodInfo(newPod);
      this.backoffQ.add(inBackoff);
      this.nominator.updateNominatedPod(uid, inBackoff.podInfo);
      return;
    }
    const p = this.unschedulablePods.get(uid);
    if (p) {
      p.podInfo = new PodInfo(newPod);
      this.nominator.updateNominatedPod(uid, p.podInfo);
      for (const e of events) {
        const q = this.requeue(p, this.isPodWorthRequeuing(p, e, oldPod, newPod), now, e.label);
        if (q !== "unschedulablePods") break;
      }
      return;
    }
    this.moveToActiveQ(this.newQueuedPodInfo(newPod, now), now, false, "PodUpdate");
  }

  /** Delete: the unscheduled pod is gone (deleted, or bound by someone else). */
  delete(pod: Pod): void {
    const uid = pod.metadata.uid;
    this.nominator.deleteNominatedPodIfExists(uid);
    if (this.activeQ.delete(uid)) return;
    if (this.backoffQ.delete(uid)) return;
    this.unschedulablePods.delete(uid);
  }

  // ---- the scheduling loop ----

  /** Pop the next pod to schedule: activeQ's head, else (PopFromBackoffQ) backoffQ's head. */
  pop(): QueuedPodInfo | undefined {
    const p = this.activeQ.pop() ?? this.backoffQ.popBackoff();
    if (!p) return undefined;
    p.attempts++;
    p.backoffExpiration = undefined;
    // A new attempt: forget who rejected the pod last time (the sets are the queue's own).
    if (p.unschedulablePlugins.size > 0) p.unschedulablePlugins.clear();
    if (p.pendingPlugins.size > 0) p.pendingPlugins.clear();
    p.gatingPlugin = "";
    this.schedulingCycle++;
    this.inFlight.set(p.podInfo.uid, this.eventSeq);
    return p;
  }

  /** Done: the attempt for this pod is over (after Permit, or after the failure was handled). */
  done(uid: string): void {
    if (!this.inFlight.delete(uid)) return;
    if (this.inFlight.size === 0) {
      this.inFlightEvents = [];
      return;
    }
    const oldest = Math.min(...this.inFlight.values());
    this.inFlightEvents = this.inFlightEvents.filter((e) => e.seq > oldest);
  }

  /**
   * AddUnschedulableIfNotPresent: a failed attempt comes back. `rejectorPlugins` are the FitError's
   * unschedulable plugins (none for an error). Events seen while it was in flight may send it straight
   * back to activeQ/backoffQ; otherwise it waits in the unschedulable pool.
   */
  addUnschedulableIfNotPresent(p: QueuedPodInfo, rejectorPlugins: Iterable<string>, now: number, latestPod?: Pod): string | null {
    const uid = p.podInfo.uid;
    try {
      if (this.unschedulablePods.has(uid)) return `Pod ${p.podInfo.key} is already present in unschedulable queue`;
      if (this.activeQ.has(uid)) return `Pod ${p.podInfo.key} is already present in the active queue`;
      if (this.backoffQ.has(uid)) return `Pod ${p.podInfo.key} is already present in the backoff queue`;
      if (latestPod) p.podInfo = new PodInfo(latestPod);
      for (const pl of rejectorPlugins) p.unschedulablePlugins.add(pl);
      if (p.unschedulablePlugins.size === 0 && p.pendingPlugins.size === 0) p.consecutiveErrorsCount++;
      else {
        p.unschedulableCount++;
        p.consecutiveErrorsCount = 0;
      }
      p.timestamp = now;
      p.seq = ++this.podSeq;
      p.backoffExpiration = undefined;
      this.requeue(p, this.hintForInFlightPod(p), now, "ScheduleAttemptFailure");
      return null;
    } finally {
      this.done(uid);
    }
  }

  private hintForInFlightPod(p: QueuedPodInfo): Strategy {
    if (p.unschedulablePlugins.size === 0 && p.pendingPlugins.size === 0) return "afterBackoff";
    const since = this.inFlight.get(p.podInfo.uid) ?? this.eventSeq;
    let strategy: Strategy = "skip";
    for (const e of this.inFlightEvents) {
      if (e.seq <= since) continue;
      const s = this.isPodWorthRequeuing(p, e.event, e.oldObj, e.newObj);
      if (s === "immediately") return s;
      if (s === "afterBackoff") {
        strategy = s;
        if (p.pendingPlugins.size === 0) return s;
      }
    }
    return strategy;
  }

  // ---- requeueing on cluster events ----

  private isPodWorthRequeuing(p: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): Strategy {
    const rejectors = new Set([...p.unschedulablePlugins, ...p.pendingPlugins]);
    if (rejectors.size === 0) return "afterBackoff";
    if (event.resource === "WildCard") {
      if (newObj !== undefined && (newObj as Pod).metadata?.uid !== p.podInfo.uid) return "skip";
      return "afterBackoff";
    }
    let strategy: Strategy = "skip";
    for (const r of this.registrations) {
      if (!matchClusterEvents(r.event, event) || !rejectors.has(r.plugin)) continue;
      let hint: "Queue" | "QueueSkip" = "Queue";
      if (r.hint) {
        try {
          hint = r.hint(p.podInfo, oldObj, newObj);
        } catch {
          hint = "Queue"; // a failing hint must not strand the pod
        }
      }
      if (hint === "QueueSkip") continue;
      if (p.pendingPlugins.has(r.plugin)) return "immediately";
      if (p.pendingPlugins.size === 0) return "afterBackoff";
      strategy = "afterBackoff";
    }
    return strategy;
  }

  private requeue(p: QueuedPodInfo, strategy: Strategy, now: number, event: string): QueueName {
    if (strategy === "skip") {
      this.unschedulablePods.set(p.podInfo.uid, p);
      return "unschedulablePods";
    }
    if (strategy === "afterBackoff" && this.backoffQ.isPodBackingoff(p, now)) {
      return this.moveToBackoffQ(p) ? "backoffQ" : "unschedulablePods";
    }
    return this.moveToActiveQ(p, now, false, event) ? "activeQ" : "unschedulablePods";
  }

  private isEventOfInterest(event: ClusterEvent): boolean {
    if (event.resource === "WildCard") return true;
    return this.registrations.some((r) => matchClusterEvents(r.event, event));
  }

  private pushInFlightEvent(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (this.inFlight.size === 0) return;
    this.inFlightEvents.push({ seq: ++this.eventSeq, event, oldObj, newObj });
  }

  private movePods(pods: QueuedPodInfo[], event: ClusterEvent, oldObj: unknown, newObj: unknown, now: number): void {
    if (!this.isEventOfInterest(event)) return;
    for (const p of pods) {
      if (p.gatingPlugin !== "") {
        const gatingEvents = this.pluginToEvents.get(p.gatingPlugin) ?? [];
        if (!gatingEvents.some((g) => matchClusterEvents(g, event))) continue;
      }
      const strategy = this.isPodWorthRequeuing(p, event, oldObj, newObj);
      if (strategy === "skip") continue;
      this.unschedulablePods.delete(p.podInfo.uid);
      this.requeue(p, strategy, now, event.label);
    }
    this.pushInFlightEvent(event, oldObj, newObj);
  }

  /** MoveAllToActiveOrBackoffQueue: offer every pod of the unschedulable pool to `event`'s hints. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown, now: number, preCheck?: (pod: PodInfo) => boolean): void {
    if (this.idle() || !this.isEventOfInterest(event)) return;
    const pods = [...this.unschedulablePods.values()].filter((p) => preCheck === undefined || preCheck(p.podInfo));
    this.movePods(pods, event, oldObj, newObj, now);
  }

  nodeAdded(node: Node, now: number): void {
    this.moveAllToActiveOrBackoffQueue(EventNodeAdd, undefined, node, now);
  }

  nodeUpdated(oldNode: Node, newNode: Node, now: number): void {
    if (this.idle()) return;
    for (const e of nodeSchedulingPropertiesChange(newNode, oldNode)) this.moveAllToActiveOrBackoffQueue(e, oldNode, newNode, now);
  }

  nodeDeleted(node: Node, now: number): void {
    this.moveAllToActiveOrBackoffQueue(EventNodeDelete, node, undefined, now);
  }

  /**
   * True when a cluster event cannot move or be recorded for any pod: the unschedulable pool is empty and
   * no attempt is in flight (movePods would find no pod and pushInFlightEvent would drop the event).
   */
  private idle(): boolean {
    return this.unschedulablePods.size === 0 && this.inFlight.size === 0;
  }

  /** AssignedPodAdded: only pods with affinity to it, or rejected by PodTopologySpread in its namespace. */
  assignedPodAdded(pod: Pod, now: number): void {
    if (this.idle()) return;
    this.movePods(this.podsWithCrossTopologyTerm(new PodInfo(pod)), EventAssignedPodAdd, undefined, pod, now);
  }

  assignedPodUpdated(oldPod: Pod, newPod: Pod, now: number): void {
    if (this.idle()) return;
    let info: PodInfo | undefined;
    for (const e of podSchedulingPropertiesChange(newPod, oldPod, true)) {
      if ((e.actionType & ActionType.UpdatePodScaleDown) !== 0) this.moveAllToActiveOrBackoffQueue(e, oldPod, newPod, now);
      else this.movePods(this.podsWithCrossTopologyTerm((info ??= new PodInfo(newPod))), e, oldPod, newPod, now);
    }
  }

  /** An assigned pod was deleted (or an assumed pod was forgotten): resources and ports are free again. */
  assignedPodDeleted(pod: Pod, now: number): void {
    this.moveAllToActiveOrBackoffQueue(EventAssignedPodDelete, pod, undefined, now);
  }

  private podsWithCrossTopologyTerm(pod: PodInfo): QueuedPodInfo[] {
    const nsLabels = this.nsLabels(pod.namespace);
    const out: QueuedPodInfo[] = [];
    for (const p of this.unschedulablePods.values()) {
      if (p.unschedulablePlugins.has(PodTopologySpreadName) && p.podInfo.namespace === pod.namespace) {
        out.push(p);
        continue;
      }
      if (p.podInfo.requiredAffinityTerms.some((t) => affinityTermMatches(t, pod, nsLabels))) out.push(p);
    }
    return out;
  }

  /** Activate: move these pods (e.g. after preemption) to activeQ now. */
  activate(pods: readonly Pod[], now: number): void {
    for (const pod of pods) {
      const uid = pod.metadata.uid;
      const p = this.unschedulablePods.get(uid);
      if (p) {
        this.moveToActiveQ(p, now, false, EventForceActivate.label);
        continue;
      }
      const b = this.backoffQ.delete(uid);
      if (b) this.moveToActiveQ(b, now, true, EventForceActivate.label);
      else if (this.inFlight.has(uid)) this.pushInFlightEvent(EventForceActivate, undefined, pod);
    }
  }

  // ---- time ----

  /** The last 30s flush tick at or before `now`. */
  private lastFlushTick(now: number): number {
    return this.startTime + Math.floor((now - this.startTime) / UnschedulablePodsFlushPeriod) * UnschedulablePodsFlushPeriod;
  }

  /** flushBackoffQCompleted: pods whose (windowed) backoff is over go to activeQ. */
  flushBackoffQCompleted(now: number): void {
    for (const p of this.backoffQ.popAllBackoffCompleted(now)) this.moveToActiveQ(p, now, true, "BackoffComplete");
  }

  /** flushUnschedulablePodsLeftover: at the last 30s tick, pods unschedulable for more than 5 minutes move. */
  flushUnschedulablePodsLeftover(now: number): void {
    const tick = this.lastFlushTick(now);
    const old = [...this.unschedulablePods.values()].filter((p) => p.gatingPlugin === "" && tick - p.timestamp > this.maxInUnschedulable);
    if (old.length > 0) this.movePods(old, EventUnschedulableTimeout, undefined, undefined, now);
  }

  /** Runs both periodic flushes as of `now`. Call it at nextWakeTime(). */
  tick(now: number): void {
    this.flushBackoffQCompleted(now);
    this.flushUnschedulablePodsLeftover(now);
  }

  /** When tick() will next move a pod; undefined when nothing is waiting on time. */
  nextWakeTime(): number | undefined {
    let t = this.backoffQ.nextCompletion();
    for (const p of this.unschedulablePods.values()) {
      if (p.gatingPlugin !== "") continue;
      const due = this.startTime + (Math.floor((p.timestamp + this.maxInUnschedulable - this.startTime) / UnschedulablePodsFlushPeriod) + 1) * UnschedulablePodsFlushPeriod;
      if (t === undefined || due < t) t = due;
    }
    return t;
  }

  /** True when pop() would return a pod (activeQ, or the backoffQ that PopFromBackoffQ drains when idle). */
  hasPodsToPop(): boolean {
    return this.activeQ.length > 0 || this.backoffQ.lenBackoff() > 0;
  }

  // ---- inspection ----

  /** Which internal queue holds the pod, if any. */
  whereIs(uid: string): QueueName | "inFlight" | undefined {
    if (this.activeQ.has(uid)) return "activeQ";
    if (this.backoffQ.has(uid)) return "backoffQ";
    if (this.unschedulablePods.has(uid)) return "unschedulablePods";
    return this.inFlight.has(uid) ? "inFlight" : undefined;
  }

  /** PendingPods: every queued pod, with the "activeQ:a; backoffQ:b; unschedulablePods:u" summary. */
  pendingPods(): { pods: Pod[]; summary: string } {
    const active = this.activeQ.list().map((p) => p.podInfo.pod);
    const backoff = this.backoffQ.list().map((p) => p.podInfo.pod);
    const unsched = [...this.unschedulablePods.values()].map((p) => p.podInfo.pod);
    return { pods: [...active, ...backoff, ...unsched], summary: `activeQ:${active.length}; backoffQ:${backoff.length}; unschedulablePods:${unsched.length}` };
  }

  get cycle(): number {
    return this.schedulingCycle;
  }

  addNominatedPod(pi: PodInfo, info?: NominatingInfo): void {
    this.nominator.addNominatedPod(pi, info);
  }
}
