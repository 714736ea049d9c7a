// NodeLifecycleController mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go (v1.34).
// Every node-monitor-period (5s) monitorNodeHealth compares each node's health signals — the Ready
// condition's lastHeartbeatTime and the kube-node-lease Lease's renewTime — with when they last changed.
// After node-monitor-grace-period (50s) without a change it sets Ready/MemoryPressure/DiskPressure/
// PIDPressure to Unknown ("Kubelet stopped posting node status."), marks the node's pods NotReady and,
// on the next pass, queues the node for a NoExecute taint (unreachable or not-ready) that the
// taint-eviction-controller acts on. Tainting is paced per zone (0.1 nodes/s, slower or stopped in a
// disrupted zone). It also keeps the NoSchedule condition taints (TaintNodesByCondition) in sync.
// Requests go out as "node-controller" (the service account kube-controller-manager uses for it).
import type { Lease, Node, NodeCondition, NodeStatus, Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import { parseTime, rfc3339 } from "../../sim/clock";
import type { ScheduledTask } from "../../sim/eventQueue";
import type { Controller, ControllerContext } from "../context";
import { getNodeCondition, markPodsNotReady, recordNodeEvent, recordNodeStatusChange, swapNodeControllerTaint } from "./nodeControllerUtils";
import { doNoScheduleTaintingPass, reconcileNodeLabels } from "./noScheduleTainting";
import { NODE_EVICTION_PERIOD_MS, RateLimitedTimedQueue, TokenBucketRateLimiter } from "./rateLimitedQueue";
import { removeTaintOffNode, TaintKeys, taintExists } from "./taints";
import { computeZoneState, getZoneKey, isNodeExcludedFromDisruptionChecks, type ZoneState } from "./zones";

/** names.NodeLifecycleController. */
export const NODE_LIFECYCLE_CONTROLLER = "node-lifecycle-controller";
/** The client (ClientOrDie("node-controller")) and the event source component. */
export const NODE_CONTROLLER_ACTOR = "node-controller";
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

export const UnreachableTaintTemplate = { key: TaintKeys.Unreachable, effect: "NoExecute" } as const;
export const NotReadyTaintTemplate = { key: TaintKeys.NotReady, effect: "NoExecute" } as const;

/** NodeLifecycleController component config defaults (nodelifecycle/config/v1alpha1/defaults.go). */
export const NodeLifecycleDefaults: Readonly<NodeLifecycleOptions> = {
  evictionLimiterQPS: 0.1,
  secondaryEvictionLimiterQPS: 0.01,
  largeClusterThreshold: 50,
  unhealthyZoneThreshold: 0.55,
};

/** NodeHealthUpdateRetry: attempts at writing a node's status within one pass. */
const NODE_HEALTH_UPDATE_RETRY = 5;
const NODE_NAME_INDEX = "spec.nodeName";

/** The last observed health signals of a node, with the local time they were observed (abs ms). */
interface NodeHealthData {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  status: NodeStatus | undefined;
  lease: Lease | undefined;
  /** `lease`'s renewTime parsed (abs ms, NaN if unparsable), filled in when first compared. */
  leaseRenewMs?: number;
}

export interface NodeLifecycleOptions {
  evictionLimiterQPS: number;
  secondaryEvictionLimiterQPS: number;
  largeClusterThreshold: number;
  unhealthyZoneThreshold: number;
}

export class NodeLifecycleController implements Controller {
  readonly name = NODE_LIFECYCLE_CONTROLLER;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly leases: Informer<Lease>;
  private readonly nodeUpdateQueue: WorkQueue;
  private readonly podUpdateQueue: WorkQueue;
  private readonly opts: NodeLifecycleOptions;

  private readonly knownNodeSet = new Map<string, Node>();
  private readonly nodeHealthMap = new Map<string, NodeHealthData>();
  private readonly zoneNoExecuteTainter = new Map<string, RateLimitedTimedQueue>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly nodesToRetry = new Set<string>();
  private monitorTask: ScheduledTask | undefined;
  private taintingTask: ScheduledTask | undefined;
  private paused = false;

  constructor(
    private readonly ctx: ControllerContext,
    options: Partial<NodeLifecycleOptions> = {},
  ) {
    this.opts = { ...NodeLifecycleDefaults, ...options };
    this.client = ctx.client(NODE_CONTROLLER_ACTOR);
    this.recorder = ctx.recorder(NODE_CONTROLLER_ACTOR);
    this.nodes = ctx.informers.for<Node>("nodes");
    this.pods = ctx.informers.for<Pod>("pods");
    this.leases = ctx.informers.for<Lease>("leases");
    this.nodeUpdateQueue = ctx.workqueue("node_lifecycle_controller", (name) => this.doNodeProcessingPass(name));
    this.podUpdateQueue = ctx.workqueue("node_lifecycle_controller_pods", (key) => this.processPod(key));
  }

  start(): void {
    this.pods.addIndexer(NODE_NAME_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.pods.addEventHandler({ add: (p) => this.podUpdated(undefined, p), update: (o, p) => this.podUpdated(o, p) });
    this.nodes.addEventHandler({
      add: (n) => this.nodeUpdateQueue.add(n.metadata.name),
      update: (_o, n) => this.nodeUpdateQueue.add(n.metadata.name),
      delete: (n) => this.nodesToRetry.delete(n.metadata.name),
    });
    // wait.UntilWithContext runs the first pass at once (here: as soon as the informers have synced).
    this.scheduleMonitor(0);
  }

  stop(): void {
    this.paused = true;
    this.nodeUpdateQueue.paused = true;
    this.podUpdateQueue.paused = true;
    if (this.monitorTask) this.monitorTask.cancelled = true;
    if (this.taintingTask) this.taintingTask.cancelled = true;
    this.monitorTask = this.taintingTask = undefined;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.nodeUpdateQueue.resume();
    this.podUpdateQueue.resume();
    this.scheduleMonitor(0);
    this.armTaintingPass();
  }

  private now(): number {
    return this.ctx.clock.absolute();
  }

  private scheduleMonitor(delayMs: number): void {
    if (this.paused || this.monitorTask) return;
    this.monitorTask = this.ctx.events.after(delayMs, "node-lifecycle:monitorNodeHealth", () => {
      this.monitorTask = undefined;
      if (this.paused) return;
      // WaitForNamedCacheSync: no pass before the caches are filled.
      if (this.nodes.synced && this.pods.synced && this.leases.synced) this.monitorNodeHealth();
      this.scheduleMonitor(this.nodes.synced ? this.ctx.timings.nodeMonitorPeriodMs : NODE_EVICTION_PERIOD_MS);
    });
  }

  // ---- monitorNodeHealth ----

  // mirrors monitorNodeHealth
  private monitorNodeHealth(): void {
    const nodes = this.nodes.list().sort((a, b) => cmp(a.metadata.name, b.metadata.name));
    const { added, deleted, newZoneRepresentatives } = this.classifyNodes(nodes);
    for (const n of newZoneRepresentatives) this.addPodEvictorForNewZone(n);
    for (const n of added) {
      recordNodeEvent(this.recorder, n.metadata.name, n.metadata.uid, "Normal", "RegisteredNode", `Registered Node ${n.metadata.name} in Controller`);
      this.knownNodeSet.set(n.metadata.name, n);
      this.addPodEvictorForNewZone(n);
      this.markNodeAsReachable(n);
    }
    for (const n of deleted) {
      recordNodeEvent(this.recorder, n.metadata.name, n.metadata.uid, "Normal", "RemovingNode", `Removing Node ${n.metadata.name} from Controller`);
      this.knownNodeSet.delete(n.metadata.name);
    }
    const zoneToNodeConditions = new Map<string, (NodeCondition | undefined)[]>();
    for (const n of nodes) this.updateNodeHealth(n, zoneToNodeConditions);
    this.handleDisruption(zoneToNodeConditions, nodes);
  }

  /** updateNodeFunc: one node's health, pods and taints. */
  private updateNodeHealth(cached: Node, zoneToNodeConditions: Map<string, (NodeCondition | undefined)[]>): void {
    let node = cached;
    let result: { observed: NodeCondition; current: NodeCondition | undefined; node: Node } | undefined;
    for (let attempt = 0; attempt < NODE_HEALTH_UPDATE_RETRY && !result; attempt++) {
      try {
        result = this.tryUpdateNodeHealth(node);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // A stale cache (409) or a failed write: re-read the node and try again.
        try {
          node = this.client.get<Node>("Node", undefined, node.metadata.name);
        } catch {
          return; // "Probably Node was deleted"
        }
      }
    }
    if (!result) return; // "Update health of Node from Controller error, Skipping - no pods will be evicted"
    node = result.node;
    const { observed, current } = result;
    if (!isNodeExcludedFromDisruptionChecks(node)) {
      const zone = getZoneKey(node);
      let list = zoneToNodeConditions.get(zone);
      if (!list) zoneToNodeConditions.set(zone, (list = []));
      list.push(current);
    }
    if (current) {
      this.processTaintBaseEviction(node, observed);
      const needsRetry = this.nodesToRetry.has(node.metadata.name);
      const transitioned = current.status !== "True" && observed.status === "True";
      // Report the NodeNotReady event only once, when the status changes.
      if (transitioned) recordNodeStatusChange(this.recorder, node, "NodeNotReady");
      if (transitioned || (needsRetry && observed.status !== "True")) {
        // getPodsAssignedToNode: read only when needed (upstream lists first; the cache read cannot fail here).
        const pods = this.pods.byIndex(NODE_NAME_INDEX, node.metadata.name);
        if (markPodsNotReady(this.client, this.recorder, pods, node.metadata.name, rfc3339(this.now())).length > 0) {
          this.nodesToRetry.add(node.metadata.name);
          return;
        }
      }
    }
    this.nodesToRetry.delete(node.metadata.name);
  }

  // mirrors tryUpdateNodeHealth
  /**
   * Refreshes the probe timestamp when the heartbeat or the lease moved, and when it is older than the
   * grace period sets the node's conditions to Unknown. Returns the Ready condition as observed (before)
   * and as it is now; throws the ApiError of a failed status update.
   */
  private tryUpdateNodeHealth(node: Node): { observed: NodeCondition; current: NodeCondition | undefined; node: Node } {
    const name = node.metadata.name;
    // The entry is updated in place: only this map holds it, and the finally below stores the result
    // whatever happens (upstream works on the same pointer). 5,000 nodes every 5s: no copies on this path.
    let health: NodeHealthData | undefined = this.nodeHealthMap.get(name);
    const now = this.now();
    let gracePeriod: number;
    let observed: NodeCondition;
    let current = getNodeCondition(node.status, "Ready");
    if (!current) {
      // Never posted: a fake Unknown condition dated at creation, judged against the startup grace.
      const created = parseTime(node.metadata.creationTimestamp);
      observed = { type: "Ready", status: "Unknown", lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: node.metadata.creationTimestamp };
      gracePeriod = this.ctx.timings.nodeStartupGracePeriodMs;
      if (health) health.status = node.status;
      else health = { status: node.status, probeTimestamp: created, readyTransitionTimestamp: created, lease: undefined };
    } else {
      // The cached node is never mutated (the Unknown write below works on a deep copy): no copy needed.
      observed = current;
      gracePeriod = this.ctx.timings.nodeMonitorGracePeriodMs;
    }
    const saved = health ? getNodeCondition(health.status, "Ready") : undefined;
    const savedLease = health?.lease;
    const savedLeaseMs = health?.leaseRenewMs;
    if (!health) {
      health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now, lease: undefined };
    } else if ((!saved && current) || (saved && !current)) {
      // Newly observed node (or controller restarted), or a Ready condition that vanished.
      health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now, lease: undefined };
    } else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transition = saved.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp;
      health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: transition, lease: undefined };
    }
    // A renewed lease always refreshes the probe time (even if the kubelet never posts status).
    const lease = this.leases.get(`${NODE_LEASE_NAMESPACE}/${name}`);
    // RenewTime.Before (false when either side is missing or unparsable). The same cached object cannot
    // be newer than itself (stored objects are replaced, never mutated), and each lease is parsed once.
    let observedMs: number | undefined;
    if (lease && (!savedLease || (savedLease !== lease && (savedLeaseMs ?? parseTime(savedLease.spec?.renewTime)) < (observedMs = parseTime(lease.spec?.renewTime))))) {
      health.lease = lease;
      health.leaseRenewMs = observedMs;
      health.probeTimestamp = now;
    }
    try {
      // Upstream tests now.After(probe + grace). Its passes come every period *after the previous one
      // ended* (sliding wait.Until), so the pass nominally `grace` later is always strictly after;
      // with exact simulated periods that pass is the one where now == probe + grace.
      if (now >= health.probeTimestamp + gracePeriod) {
        const copy = deepCopy(node);
        copy.status ??= {};
        const nowTs = rfc3339(now);
        for (const type of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]) {
          const c = getNodeCondition(copy.status, type);
          if (!c) {
            copy.status.conditions = [
              ...(copy.status.conditions ?? []),
              { type, status: "Unknown", reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status.", lastHeartbeatTime: copy.metadata.creationTimestamp, lastTransitionTime: nowTs },
            ];
          } else if (c.status !== "Unknown") {
            c.status = "Unknown";
            c.reason = "NodeStatusUnknown";
            c.message = "Kubelet stopped posting node status.";
            c.lastTransitionTime = nowTs;
          }
        }
        current = getNodeCondition(copy.status, "Ready");
        if (!conditionEqual(current, observed)) {
          const updated = this.client.updateStatus(copy);
          health = { status: updated.status, probeTimestamp: health.probeTimestamp, readyTransitionTimestamp: now, lease };
          return { observed, current: getNodeCondition(updated.status, "Ready"), node: updated };
        }
      }
      return { observed, current, node };
    } finally {
      this.nodeHealthMap.set(name, health);
    }
  }

  // mirrors processTaintBaseEviction
  private processTaintBaseEviction(node: Node, observed: NodeCondition): void {
    switch (observed.status) {
      case "False":
        // Swap straight away if the node carries the opposite taint; else queue it for tainting.
        if (taintExists(node.spec?.taints, UnreachableTaintTemplate)) {
          swapNodeControllerTaint(this.client, [NotReadyTaintTemplate], [UnreachableTaintTemplate], node, rfc3339(this.now()));
        } else {
          this.markNodeForTainting(node, "False");
        }
        break;
      case "Unknown":
        if (taintExists(node.spec?.taints, NotReadyTaintTemplate)) {
          swapNodeControllerTaint(this.client, [UnreachableTaintTemplate], [NotReadyTaintTemplate], node, rfc3339(this.now()));
        } else {
          this.markNodeForTainting(node, "Unknown");
        }
        break;
      case "True":
        this.markNodeAsReachable(node);
        break;
    }
  }

  // mirrors markNodeForTainting
  private markNodeForTainting(node: Node, status: "False" | "Unknown"): boolean {
    const q = this.tainterFor(node);
    const template = status === "False" ? NotReadyTaintTemplate : UnreachableTaintTemplate;
    if (!taintExists(node.spec?.taints, template)) q.remove(node.metadata.name);
    const added = q.add(node.metadata.name, node.metadata.uid, this.ctx.clock.now());
    this.armTaintingPass();
    return added;
  }

  // mirrors markNodeAsReachable: both NoExecute taints off, and out of the tainting queue.
  private markNodeAsReachable(node: Node): boolean {
    try {
      removeTaintOffNode(this.client, node.metadata.name, node, [UnreachableTaintTemplate]);
      removeTaintOffNode(this.client, node.metadata.name, node, [NotReadyTaintTemplate]);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return false; // "Failed to remove taints from node. Will retry in next iteration"
    }
    return this.tainterFor(node).remove(node.metadata.name);
  }

  private tainterFor(node: Node): RateLimitedTimedQueue {
    const zone = getZoneKey(node);
    let q = this.zoneNoExecuteTainter.get(zone);
    if (!q) {
      this.addPodEvictorForNewZone(node);
      q = this.zoneNoExecuteTainter.get(zone)!;
    }
    return q;
  }

  // ---- the rate-limited NoExecute tainting pass (every NodeEvictionPeriod while work is queued) ----

  private armTaintingPass(): void {
    if (this.paused || this.taintingTask) return;
    let due = false;
    for (const q of this.zoneNoExecuteTainter.values()) if (q.length > 0 && q.qps() > 0) due = true;
    if (!due) return; // a queue whose limiter is stopped (qps 0) would never let anything through
    this.taintingTask = this.ctx.events.after(NODE_EVICTION_PERIOD_MS, "node-lifecycle:doNoExecuteTaintingPass", () => {
      this.taintingTask = undefined;
      if (this.paused) return;
      this.doNoExecuteTaintingPass();
      this.armTaintingPass();
    });
  }

  // mirrors doNoExecuteTaintingPass
  private doNoExecuteTaintingPass(): void {
    const nowMs = this.ctx.clock.now();
    for (const zone of [...this.zoneNoExecuteTainter.keys()].sort()) {
      this.zoneNoExecuteTainter.get(zone)!.try(nowMs, (v) => {
        const node = this.nodes.get(v.value);
        if (!node) return [true, 0]; // "Node no longer present in nodeLister"
        const cond = getNodeCondition(node.status, "Ready");
        if (!cond) return [false, 50];
        // "unreachable" and "not-ready" are mutually exclusive, like the Ready condition they mimic.
        if (cond.status === "False") {
          return [swapNodeControllerTaint(this.client, [NotReadyTaintTemplate], [UnreachableTaintTemplate], node, rfc3339(this.now())), 0];
        }
        if (cond.status === "Unknown") {
          return [swapNodeControllerTaint(this.client, [UnreachableTaintTemplate], [NotReadyTaintTemplate], node, rfc3339(this.now())), 0];
        }
        return [true, 0]; // ready again: nothing to taint
      });
    }
  }

  // ---- zones ----

  // mirrors classifyNodes
  private classifyNodes(all: readonly Node[]): { added: Node[]; deleted: Node[]; newZoneRepresentatives: Node[] } {
    const added: Node[] = [];
    const deleted: Node[] = [];
    const newZoneRepresentatives: Node[] = [];
    for (const n of all) {
      if (!this.knownNodeSet.has(n.metadata.name)) added.push(n);
      else if (!this.zoneStates.has(getZoneKey(n))) newZoneRepresentatives.push(n);
    }
    if (this.knownNodeSet.size + added.length !== all.length) {
      const present = new Set(all.map((n) => n.metadata.name));
      for (const [name, n] of [...this.knownNodeSet].sort((a, b) => cmp(a[0], b[0]))) if (!present.has(name)) deleted.push(n);
    }
    return { added, deleted, newZoneRepresentatives };
  }

  // mirrors addPodEvictorForNewZone
  private addPodEvictorForNewZone(node: Node): void {
    const zone = getZoneKey(node);
    if (this.zoneStates.has(zone)) return;
    this.zoneStates.set(zone, "Initial");
    this.zoneNoExecuteTainter.set(zone, new RateLimitedTimedQueue(new TokenBucketRateLimiter(this.opts.evictionLimiterQPS, 1)));
  }

  // mirrors handleDisruption
  private handleDisruption(zoneToNodeConditions: Map<string, (NodeCondition | undefined)[]>, nodes: readonly Node[]): void {
    const newZoneStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const zone of [...zoneToNodeConditions.keys()].sort()) {
      const [, state] = computeZoneState(zoneToNodeConditions.get(zone)!, this.opts.unhealthyZoneThreshold);
      if (state !== "FullDisruption") allAreFullyDisrupted = false;
      newZoneStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, "Initial");
    }
    let allWasFullyDisrupted = true;
    for (const zone of [...this.zoneStates.keys()].sort()) {
      if (!zoneToNodeConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (this.zoneStates.get(zone) !== "FullDisruption") {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const zones = [...this.zoneStates.keys()].sort();
    if (allAreFullyDisrupted) {
      // "Controller detected that all Nodes are not-Ready. Entering master disruption mode": the
      // control plane is more likely cut off than every node dead, so untaint all and stop evicting.
      for (const n of nodes) this.markNodeAsReachable(n);
      for (const zone of zones) this.zoneNoExecuteTainter.get(zone)?.swapLimiter(0, this.ctx.clock.now());
      for (const zone of zones) this.zoneStates.set(zone, "FullDisruption");
      return;
    }
    if (allWasFullyDisrupted) {
      // "Exiting master disruption mode": every node gets a fresh grace period.
      const now = this.now();
      for (const n of nodes) {
        const h = this.nodeHealthMap.get(n.metadata.name);
        if (h) this.nodeHealthMap.set(n.metadata.name, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of zones) {
        const state = newZoneStates.get(zone);
        if (state) this.setLimiterInZone(zone, zoneToNodeConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state ?? "Initial");
      }
      return;
    }
    for (const zone of zones) {
      const state = newZoneStates.get(zone);
      if (this.zoneStates.get(zone) === state) continue;
      if (state) this.setLimiterInZone(zone, zoneToNodeConditions.get(zone)?.length ?? 0, state);
      this.zoneStates.set(zone, state ?? "Initial");
    }
  }

  // mirrors setLimiterInZone (with ReducedQPSFunc / HealthyQPSFunc)
  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const q = this.zoneNoExecuteTainter.get(zone);
    if (!q) return;
    const nowMs = this.ctx.clock.now();
    switch (state) {
      case "Normal":
        q.swapLimiter(this.opts.evictionLimiterQPS, nowMs);
        break;
      case "PartialDisruption":
        // Large zones evict slowly; small ones not at all.
        q.swapLimiter(zoneSize > this.opts.largeClusterThreshold ? this.opts.secondaryEvictionLimiterQPS : 0, nowMs);
        break;
      case "FullDisruption":
        q.swapLimiter(this.opts.evictionLimiterQPS, nowMs);
        break;
      default:
        return;
    }
    this.armTaintingPass();
  }

  // ---- node and pod workers ----

  /** doNodeProcessingPassWorker: NoSchedule condition taints, then labels. */
  private doNodeProcessingPass(name: string): void {
    const node = this.nodes.get(name);
    if (!node) return;
    doNoScheduleTaintingPass(this.client, node, rfc3339(this.now()));
    reconcileNodeLabels(this.client, node);
  }

  // mirrors podUpdated: only a pod newly bound to a node matters.
  private podUpdated(old: Pod | undefined, pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (nodeName && (!old || old.spec?.nodeName !== nodeName)) this.podUpdateQueue.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  // mirrors processPod: a pod bound to a node that is not Ready is marked NotReady at once.
  private processPod(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    const nodeName = pod.spec.nodeName!;
    const health = this.nodeHealthMap.get(nodeName);
    if (!health) return; // node data not gathered yet, or node removed
    if (!this.nodes.get(nodeName)) throw new ApiError(404, "NotFound", `nodes "${nodeName}" not found`);
    const ready = getNodeCondition(health.status, "Ready");
    if (!ready || ready.status === "True") return;
    const errs = markPodsNotReady(this.client, this.recorder, [pod], nodeName, rfc3339(this.now()));
    if (errs.length > 0) throw errs[0]!;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** apiequality.Semantic.DeepEqual on two NodeConditions. */
function conditionEqual(a: NodeCondition | undefined, b: NodeCondition | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.type === b.type &&
    a.status === b.status &&
    (a.lastHeartbeatTime ?? "") === (b.lastHeartbeatTime ?? "") &&
    (a.lastTransitionTime ?? "") === (b.lastTransitionTime ?? "") &&
    (a.reason ?? "") === (b.reason ?? "") &&
    (a.message ?? "") === (b.message ?? "")
  );
}
