// KubeScheduler is the kube-scheduler process (pkg/scheduler/scheduler.go, eventhandlers.go,
// schedule_one.go) around the decision library in this folder: informer handlers keep the scheduler
// cache and the scheduling queue current; a loop pops one pod at a time, runs scheduleOne, assumes the
// pod on the chosen node and POSTs the Binding; failures record FailedScheduling with upstream's FitError
// text and set PodScheduled=False. Each decision's per-node verdicts are kept for "why here / why
// Pending?".
import type { Node, Pod, ReplicaSet } from "../api/types";
import { controllerRefOf } from "../api/podutil";
import type { ApiClient } from "../client/apiClient";
import type { EventRecorder } from "../client/eventRecorder";
import type { Informer } from "../client/informer";
import type { SharedInformers } from "../client/sharedInformers";
import type { Controller, ControllerContext } from "../controllers/context";
import { ApiError } from "../apiserver/errors";
import { ApiPreemption } from "./preemption/prepareCandidate";
import { PodInfo } from "./framework/podInfo";
import { rfc3339 } from "../sim/clock";
import type { ScheduledTask } from "../sim/eventQueue";
import { SchedulerCache } from "./cache";
import type { SchedulingDecision } from "./decision";
import type { DefaultSelectorInputs } from "./plugins/podTopologySpreadCommon";
import { DefaultSchedulerName, newDefaultFramework } from "./plugins/registry";
import { scheduleOne, type SchedulerState } from "./scheduleOne";
import { SchedulingQueue, type QueuedPodInfo } from "./schedulingQueue";
import type { Framework } from "./framework/framework";
import { VolumeBindingName, type VolumeBinding } from "./plugins/volumeBinding";
import { volumeLookups, VolumeBindingWiring } from "./plugins/volumeBindingEvents";

/** Simulated time one scheduling attempt takes (filter + score + assume) in a small cluster. */
export const SCHEDULING_ATTEMPT_MS = 1;
/** How many decisions are kept for the page's explanations (the most recent ones). */
const DECISIONS_KEPT = 5000;

export interface DecisionRecord {
  pod: string;
  uid: string;
  t: number;
  result: "Scheduled" | "Unschedulable" | "Error";
  nodeName?: string;
  message?: string;
  decision?: SchedulingDecision;
}

export class KubeScheduler implements Controller {
  readonly name = "kube-scheduler";
  readonly cache = new SchedulerCache();
  readonly framework: Framework;
  readonly queue: SchedulingQueue;
  running = false;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly services: Informer;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly state: SchedulerState = { nextStartNodeIndex: 0 };
  private loopTask: ScheduledTask | undefined;
  /** VolumeBinding's storage events and binding cycle (absent when the profile has no VolumeBinding). */
  private readonly volumeBinding: VolumeBindingWiring | undefined;
  private wakeTask: ScheduledTask | undefined;
  private readonly decisions = new Map<string, DecisionRecord>();
  private readonly nominatedPodsForNode = (nodeName: string) => this.queue.nominator.nominatedPodsForNode(nodeName);
  /** Decisions are not recorded in benchmarks of 150,000 pods (they would dominate memory). */
  recordDecisions = true;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly informers: SharedInformers,
  ) {
    this.pods = informers.for<Pod>("pods");
    this.nodes = informers.for<Node>("nodes");
    this.services = informers.for("services");
    const namespaces = informers.for("namespaces");
    // Owners' selectors feed the default topology spread constraints (created now, started with the rest).
    for (const r of ["replicasets", "replicationcontrollers", "statefulsets"]) informers.for(r);
    this.framework = newDefaultFramework(this.cache, {
      volumes: volumeLookups(informers),
      defaultSelectorInputs: (pod) => this.defaultSelectorInputs(pod),
      namespaceLabels: (ns) => namespaces.get(ns)?.metadata.labels,
      // DefaultPreemption's API access (client, recorder and queue exist by the time it runs).
      preemption: new ApiPreemption({
        client: () => this.client,
        recorder: () => this.recorder,
        now: () => rfc3339(this.ctx.clock.absolute()),
        nominatedPodsForNode: (n) => this.queue.nominator.nominatedPodsForNode(n),
        forgetNomination: (uid) => this.queue.nominator.deleteNominatedPodIfExists(uid),
      }),
    });
    this.queue = new SchedulingQueue(this.framework, {
      startTime: ctx.clock.now(),
      namespaceLabels: (ns) => namespaces.get(ns)?.metadata.labels,
    });
    this.client = ctx.client("kube-scheduler");
    this.recorder = ctx.recorder("default-scheduler");
    const vb = this.framework.profile.filter.find((p) => p.name === VolumeBindingName) as VolumeBinding | undefined;
    this.volumeBinding = vb && new VolumeBindingWiring(vb, this.queue, { client: this.client, events: ctx.events, running: () => this.running }, () => this.kick());
  }

  start(): void {
    this.running = true;
    this.services.addIndexer("namespace", (s) => [s.metadata.namespace ?? ""]);
    this.nodes.addEventHandler({
      add: (n) => {
        this.cache.addNode(n);
        this.queue.nodeAdded(n, this.now());
        this.kick();
      },
      update: (o, n) => {
        this.cache.updateNode(o, n);
        this.queue.nodeUpdated(o, n, this.now());
        this.kick();
      },
      delete: (n) => {
        this.cache.removeNode(n);
        this.queue.nodeDeleted(n, this.now());
        this.kick();
      },
    });
    this.pods.addEventHandler({
      add: (p) => this.podAdded(p),
      update: (o, p) => this.podUpdated(o, p),
      delete: (p) => this.podDeleted(p),
    });
    this.volumeBinding?.start(this.informers);
    this.informers.startAll();
  }

  /** The process stops: nothing is scheduled (pods stay Pending); running pods are unaffected. */
  stop(): void {
    this.running = false;
    if (this.loopTask) this.loopTask.cancelled = true;
    this.loopTask = undefined;
  }

  resume(): void {
    this.running = true;
    this.kick();
  }

  decisionFor(uid: string): DecisionRecord | undefined {
    return this.decisions.get(uid);
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private responsible(p: Pod): boolean {
    return (p.spec.schedulerName ?? DefaultSchedulerName) === DefaultSchedulerName;
  }

  private podAdded(p: Pod): void {
    if (p.spec.nodeName) {
      this.cache.addPod(p);
      this.queue.assignedPodAdded(p, this.now());
    } else if (this.responsible(p) && !p.metadata.deletionTimestamp) {
      this.queue.add(p, this.now());
    }
    this.kick();
  }

  private podUpdated(o: Pod, p: Pod): void {
    if (p.spec.nodeName) {
      if (!o.spec.nodeName) {
        this.queue.delete(o);
        this.cache.addPod(p);
        this.queue.assignedPodAdded(p, this.now());
      } else {
        this.cache.updatePod(o, p);
        this.queue.assignedPodUpdated(o, p, this.now());
      }
    } else if (this.responsible(p)) {
      if (p.metadata.deletionTimestamp) this.queue.delete(p);
      else this.queue.update(o, p, this.now());
    }
    this.kick();
  }

  private podDeleted(p: Pod): void {
    if (p.spec.nodeName) {
      this.cache.removePod(p);
      this.queue.assignedPodDeleted(p, this.now());
    } else {
      this.queue.delete(p);
    }
    this.kick();
  }

  /** helper.DefaultSelector's inputs: Services selecting the pod, and its controller's selector. */
  private defaultSelectorInputs(pod: Pod): DefaultSelectorInputs | undefined {
    const ns = pod.metadata.namespace ?? "";
    const serviceSelectors: Record<string, string>[] = [];
    for (const s of this.services.byIndex("namespace", ns)) {
      const sel = s.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) continue;
      if (Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v)) serviceSelectors.push(sel);
    }
    const ref = controllerRefOf(pod);
    let ownerSelector: DefaultSelectorInputs["ownerSelector"];
    if (ref && (ref.kind === "ReplicaSet" || ref.kind === "StatefulSet" || ref.kind === "ReplicationController")) {
      const resource = ref.kind === "ReplicaSet" ? "replicasets" : ref.kind === "StatefulSet" ? "statefulsets" : "replicationcontrollers";
      const owner = this.informers.for<ReplicaSet>(resource).get(`${ns}/${ref.name}`);
      ownerSelector = owner?.spec.selector as DefaultSelectorInputs["ownerSelector"];
    }
    if (serviceSelectors.length === 0 && !ownerSelector) return undefined;
    return { serviceSelectors, ownerSelector };
  }

  /** Makes sure the loop runs when there is work, and a timer waits for the queue's next flush. */
  private kick(): void {
    if (!this.running) return;
    if (!this.loopTask && this.queue.hasPodsToPop()) {
      this.loopTask = this.ctx.events.after(SCHEDULING_ATTEMPT_MS, "kube-scheduler:scheduleOne", () => this.scheduleNext());
    }
    const wake = this.queue.nextWakeTime();
    if (wake !== undefined && (!this.wakeTask || this.wakeTask.cancelled || this.wakeTask.at > wake)) {
      if (this.wakeTask) this.wakeTask.cancelled = true;
      this.wakeTask = this.ctx.events.at(wake, "kube-scheduler:flush", () => {
        this.wakeTask = undefined;
        this.queue.tick(this.now());
        this.kick();
      });
    }
  }

  /** One scheduling cycle (schedule_one.go ScheduleOne). */
  private scheduleNext(): void {
    this.loopTask = undefined;
    if (!this.running) return;
    const qp = this.queue.pop();
    if (qp) this.attempt(qp);
    this.kick();
  }

  private attempt(qp: QueuedPodInfo): void {
    const pod = qp.podInfo.pod;
    const latest = this.pods.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (!latest || latest.metadata.uid !== pod.metadata.uid || latest.metadata.deletionTimestamp || latest.spec.nodeName) {
      this.queue.done(pod.metadata.uid);
      return;
    }
    const outcome = scheduleOne(qp.podInfo, this.cache, {
      framework: this.framework,
      random: this.ctx.random.fn,
      state: this.state,
      // Without any nomination the per-node lookups can be skipped (same verdicts).
      nominatedPodsForNode: this.queue.nominator.hasNominatedPods() ? this.nominatedPodsForNode : undefined,
      recordDecision: this.recordDecisions,
    });
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (outcome.kind === "scheduled") {
      this.cache.assumePod(latest, outcome.nodeName, qp.podInfo);
      this.queue.done(pod.metadata.uid);
      this.remember({ pod: key, uid: pod.metadata.uid, t: this.now(), result: "Scheduled", nodeName: outcome.nodeName, decision: outcome.decision });
      const node = outcome.nodeName;
      // The binding cycle: VolumeBinding's Reserve and PreBind (claims bound first), then the Binding.
      if (this.volumeBinding) this.volumeBinding.bindingCycle(latest, node, () => this.bind(latest, node, qp), (msg) => this.bindingFailed(latest, msg, qp));
      else this.bind(latest, node, qp);
      return;
    }
    const message = outcome.kind === "unschedulable" ? outcome.fitError.error() : outcome.message;
    this.remember({ pod: key, uid: pod.metadata.uid, t: this.now(), result: outcome.kind === "unschedulable" ? "Unschedulable" : "Error", message, decision: outcome.decision });
    this.recorder.event(latest, "Warning", "FailedScheduling", message);
    const nominated = outcome.kind === "unschedulable" ? outcome.nominatedNodeName : undefined;
    // handleSchedulingFailure: AddNominatedPod with the PostFilter's nomination (Override), before the status update.
    if (nominated !== undefined) this.queue.addNominatedPod(new PodInfo(latest), { mode: "Override", nominatedNodeName: nominated });
    this.markUnschedulable(latest, message, nominated);
    const plugins = outcome.kind === "unschedulable" ? outcome.fitError.diagnosis.unschedulablePlugins : [];
    this.queue.addUnschedulableIfNotPresent(qp, plugins, this.now(), latest);
  }

  /** DefaultBinder: POST pods/NAME/binding; on failure forget the assumption and retry later. */
  private bind(pod: Pod, nodeName: string, qp: QueuedPodInfo): void {
    try {
      this.client.bind(pod.metadata.namespace ?? "default", pod.metadata.name, nodeName);
      this.cache.finishBinding(pod);
      this.recorder.event(pod, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
    } catch (e) {
      this.cache.forgetPod(pod);
      this.queue.assignedPodDeleted(pod, this.now());
      if (e instanceof ApiError && e.code === 404) return;
      this.recorder.event(pod, "Warning", "FailedScheduling", `Binding rejected: ${(e as Error).message}`);
      this.queue.addUnschedulableIfNotPresent(qp, [], this.now(), pod);
    }
  }

  /** handleBindingCycleError: forget the assumed pod, record the failure, retry the pod after a backoff. */
  private bindingFailed(pod: Pod, message: string, qp: QueuedPodInfo): void {
    this.cache.forgetPod(pod);
    this.queue.assignedPodDeleted(pod, this.now());
    this.recorder.event(pod, "Warning", "FailedScheduling", message);
    this.markUnschedulable(pod, message, undefined);
    this.queue.addUnschedulableIfNotPresent(qp, [], this.now(), pod);
    this.kick();
  }

  /** updatePodStatus: PodScheduled=False, reason Unschedulable, message = the FitError; only when it changed. */
  private markUnschedulable(pod: Pod, message: string, nominatedNodeName: string | undefined): void {
    const cur = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    const nominatedNow = pod.status?.nominatedNodeName ?? "";
    if (cur?.status === "False" && cur.message === message && (nominatedNodeName ?? nominatedNow) === nominatedNow) return;
    const ts = rfc3339(this.ctx.clock.absolute());
    try {
      this.client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
        const others = (p.status?.conditions ?? []).filter((c) => c.type !== "PodScheduled");
        const lastTransitionTime = cur?.status === "False" ? cur.lastTransitionTime : ts;
        p.status = {
          ...(p.status ?? {}),
          conditions: [...others, { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime, reason: "Unschedulable", message }],
          ...(nominatedNodeName ? { nominatedNodeName } : {}),
        };
        // updatePod: an Override with "" clears the nomination.
        if (nominatedNodeName === "") delete p.status.nominatedNodeName;
      }, "status");
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private remember(r: DecisionRecord): void {
    if (!this.recordDecisions) return;
    this.decisions.delete(r.uid);
    this.decisions.set(r.uid, r);
    if (this.decisions.size > DECISIONS_KEPT) this.decisions.delete(this.decisions.keys().next().value!);
  }
}
