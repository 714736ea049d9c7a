// DeploymentController drives Deployments to their desired state through ReplicaSets: it creates the
// ReplicaSet for each pod template (`<deploy>-<pod-template-hash>`), scales new and old ReplicaSets by the
// RollingUpdate or Recreate strategy, scales them proportionally when replicas change mid-rollout,
// keeps revision bookkeeping, prunes history, and reports status and conditions.
// mirrors k/k pkg/controller/deployment/deployment_controller.go
import type { Deployment, KubeObject, LabelSelector, OwnerReference, Pod, ReplicaSet } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { labelSelectorAsSelector } from "../../apimachinery/labels";
import { deepCopy } from "../../sim/clone";
import { rfc3339 } from "../../sim/clock";
import type { Controller, ControllerContext } from "../context";
import { claimReplicaSets, controllerKind, getControllerOf, recheckDeletionTimestamp } from "./controllerRefManager";
import { rolloutRecreate } from "./recreate";
import { rolloutRolling } from "./rolling";
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from "./sync";
import { strategyType } from "./util/strategy";

/** A deployment is retried this many times (5ms·2^n backoff, up to ~82s) before it is dropped. */
export const maxRetries = 15;

/** Pods grouped by the UID of their controlling ReplicaSet (only ReplicaSets in the claimed list). */
export type PodMap = Map<string, Pod[]>;

const NAMESPACE_INDEX = "namespace";
/** Pods by their controller's UID: a cheap stand-in for listing a namespace's pods by selector. */
const POD_CONTROLLER_INDEX = "deployment-controller/controllerUID";
/**
 * ReplicaSets by controller UID, orphans under "orphan/<namespace>". The claim only ever keeps or
 * releases ReplicaSets the Deployment controls and adopts orphans; ReplicaSets controlled by anyone else
 * are ignored, so reading these two buckets equals upstream's list of the whole namespace.
 */
const RS_CLAIM_INDEX = "deployment-controller/claimable";

export class DeploymentController implements Controller {
  readonly name = "deployment-controller";
  readonly client: ApiClient;
  readonly eventRecorder: EventRecorder;
  readonly dLister: Informer<Deployment>;
  readonly rsLister: Informer<ReplicaSet>;
  readonly podLister: Informer<Pod>;
  readonly queue: WorkQueue;
  private started = false;

  constructor(readonly ctx: ControllerContext) {
    this.client = ctx.client(this.name);
    this.eventRecorder = ctx.recorder(this.name);
    this.dLister = ctx.informers.for<Deployment>("deployments");
    this.rsLister = ctx.informers.for<ReplicaSet>("replicasets");
    this.podLister = ctx.informers.for<Pod>("pods");
    this.queue = ctx.workqueue("deployment", (key) => this.processKey(key));
  }

  /** Registers the handlers (once); the cluster starts the shared informers afterwards. */
  start(): void {
    if (this.started) {
      this.resume();
      return;
    }
    this.started = true;
    const nsIndex = (o: KubeObject): string[] => [o.metadata.namespace ?? ""];
    this.dLister.addIndexer(NAMESPACE_INDEX, nsIndex);
    this.podLister.addIndexer(POD_CONTROLLER_INDEX, (p) => {
      const ref = getControllerOf(p);
      return ref ? [ref.uid] : [];
    });
    this.rsLister.addIndexer(RS_CLAIM_INDEX, (rs) => {
      const ref = getControllerOf(rs);
      return [ref ? ref.uid : `orphan/${rs.metadata.namespace ?? ""}`];
    });
    this.dLister.addEventHandler({
      add: (d) => this.addDeployment(d),
      update: (o, c) => this.updateDeployment(o, c),
      delete: (d) => this.deleteDeployment(d),
    });
    this.rsLister.addEventHandler({
      add: (rs) => this.addReplicaSet(rs),
      update: (o, c) => this.updateReplicaSet(o, c),
      delete: (rs) => this.deleteReplicaSet(rs),
    });
    this.podLister.addEventHandler({ delete: (p) => this.deletePod(p) });
  }

  /** kube-controller-manager is down: keys wait in the queue. */
  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  /** metav1.Now() as written into conditions. */
  now(): string {
    return rfc3339(this.ctx.clock.absolute());
  }

  /** Absolute Unix ms of the simulated clock. */
  nowAbs(): number {
    return this.ctx.clock.absolute();
  }

  // ---- event handlers: find the Deployment, enqueue its key ----

  addDeployment(d: Deployment): void {
    this.enqueue(d);
  }

  updateDeployment(_old: Deployment, cur: Deployment): void {
    this.enqueue(cur);
  }

  deleteDeployment(d: Deployment): void {
    this.enqueue(d);
  }

  /** mirrors addReplicaSet: wake the controlling Deployment, or every Deployment that could adopt it. */
  addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) {
      // After a controller-manager restart an object may show up already pending deletion.
      this.deleteReplicaSet(rs);
      return;
    }
    const controllerRef = getControllerOf(rs);
    if (controllerRef) {
      const d = this.resolveControllerRef(rs.metadata.namespace, controllerRef);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueue(d);
  }

  /** mirrors updateReplicaSet */
  updateReplicaSet(oldRS: ReplicaSet, curRS: ReplicaSet): void {
    if (curRS.metadata.resourceVersion === oldRS.metadata.resourceVersion) return; // periodic resync
    const curControllerRef = getControllerOf(curRS);
    const oldControllerRef = getControllerOf(oldRS);
    const controllerRefChanged = !sameRef(curControllerRef, oldControllerRef);
    if (controllerRefChanged && oldControllerRef) {
      const d = this.resolveControllerRef(oldRS.metadata.namespace, oldControllerRef);
      if (d) this.enqueue(d);
    }
    if (curControllerRef) {
      const d = this.resolveControllerRef(curRS.metadata.namespace, curControllerRef);
      if (d) this.enqueue(d);
      return;
    }
    // An orphan: if anything changed, sync matching Deployments to see if anyone wants to adopt it now.
    const labelChanged = !sameLabels(curRS.metadata.labels, oldRS.metadata.labels);
    if (labelChanged || controllerRefChanged) {
      for (const d of this.getDeploymentsForReplicaSet(curRS)) this.enqueue(d);
    }
  }

  /** mirrors deleteReplicaSet: nobody cares about orphans being deleted. */
  deleteReplicaSet(rs: ReplicaSet): void {
    const controllerRef = getControllerOf(rs);
    if (!controllerRef) return;
    const d = this.resolveControllerRef(rs.metadata.namespace, controllerRef);
    if (d) this.enqueue(d);
  }

  /** mirrors deletePod: a Recreate Deployment is synced once all of its pods are gone. */
  deletePod(pod: Pod): void {
    const d = this.getDeploymentForPod(pod);
    if (!d || strategyType(d) !== "Recreate") return;
    // Upstream lists the namespace's ReplicaSets with a client call here (all of them, matched or not);
    // only those this Deployment controls can hold its pods, and the cache has them.
    const rsList = this.rsLister.byIndex(RS_CLAIM_INDEX, d.metadata.uid);
    let selector;
    try {
      selector = labelSelectorAsSelector(d.spec.selector);
    } catch {
      return;
    }
    let numPods = 0;
    for (const pods of this.getPodMapForDeployment(d, rsList, selector).values()) numPods += pods.length;
    if (numPods === 0) this.enqueue(d);
  }

  enqueue(d: Deployment): void {
    this.queue.add(keyOf(d));
  }

  enqueueRateLimited(d: Deployment): void {
    this.queue.addRateLimited(keyOf(d));
  }

  /** enqueueAfter will enqueue a deployment after the provided amount of time (ms). */
  enqueueAfter(d: Deployment, afterMs: number): void {
    this.queue.addAfter(keyOf(d), afterMs);
  }

  /** mirrors getDeploymentForPod: pod → controlling ReplicaSet → controlling Deployment. */
  getDeploymentForPod(pod: Pod): Deployment | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== "ReplicaSet") return undefined;
    const rs = this.rsLister.get(`${pod.metadata.namespace}/${ref.name}`);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dRef = getControllerOf(rs);
    if (!dRef) return undefined;
    return this.resolveControllerRef(rs.metadata.namespace, dRef);
  }

  /** mirrors resolveControllerRef: look up by name, then verify the UID. */
  resolveControllerRef(namespace: string | undefined, controllerRef: OwnerReference): Deployment | undefined {
    if (controllerRef.kind !== controllerKind.kind) return undefined;
    const d = this.dLister.get(`${namespace}/${controllerRef.name}`);
    if (!d || d.metadata.uid !== controllerRef.uid) return undefined;
    return d;
  }

  /**
   * mirrors getDeploymentsForReplicaSet (util.GetDeploymentsForReplicaSet): the Deployments in the
   * namespace whose non-empty selector matches the ReplicaSet's labels, sorted by name.
   */
  getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    const labels = rs.metadata.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    const out: Deployment[] = [];
    for (const d of this.dLister.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? "")) {
      try {
        const selector = labelSelectorAsSelector(d.spec.selector);
        if (!selector.empty() && selector.matches(labels)) out.push(d);
      } catch {
        // An invalid selector matches nothing.
      }
    }
    return sortByName(out);
  }

  /** The workqueue's sync: errors requeue with backoff until maxRetries, then the key is dropped. */
  private processKey(key: string): void {
    try {
      this.syncDeployment(key);
    } catch (err) {
      // handleErr: a terminating namespace refuses every create; nothing to retry.
      if (err instanceof ApiError && isNamespaceTerminating(err)) return;
      if (this.queue.numRequeues(key) < maxRetries) throw err;
      // Dropping deployment out of the queue (returning normally makes the queue forget the key).
    }
  }

  /**
   * mirrors syncDeployment: reconcile one Deployment. Not re-entrant for a key (the workqueue
   * guarantees it). Throws to requeue.
   */
  syncDeployment(key: string): void {
    const deployment = this.dLister.get(key);
    if (!deployment) return; // Deployment has been deleted
    const d = deepCopy(deployment); // never mutate the cache
    d.status ??= {};

    if (isEverything(d.spec.selector)) {
      this.eventRecorder.event(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status.observedGeneration = d.metadata.generation;
        try {
          this.client.updateStatus(d);
        } catch {
          // Upstream ignores this error too.
        }
      }
      return;
    }

    const rsList = this.getReplicaSetsForDeployment(d);

    if (d.metadata.deletionTimestamp) {
      syncStatusOnly(this, d, rsList);
      return;
    }
    // Pausing and resuming set an Unknown Progressing condition so a resumed Deployment does not time out.
    checkPausedConditions(this, d);
    if (d.spec.paused) {
      sync(this, d, rsList);
      return;
    }
    if (isScalingEvent(this, d, rsList)) {
      sync(this, d, rsList);
      return;
    }
    switch (strategyType(d)) {
      case "Recreate": {
        // Upstream builds the pod map on every sync; only Recreate reads it, so it is built only here.
        const podMap = this.getPodMapForDeployment(d, rsList, labelSelectorAsSelector(d.spec.selector));
        rolloutRecreate(this, d, rsList, podMap);
        return;
      }
      case "RollingUpdate":
        rolloutRolling(this, d, rsList);
        return;
      default:
        throw new Error(`unexpected deployment strategy type: ${strategyType(d)}`);
    }
  }

  /** mirrors getReplicaSetsForDeployment: the ReplicaSets this Deployment owns, after adoption/orphaning. */
  getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const rsList = sortByName([
      ...this.rsLister.byIndex(RS_CLAIM_INDEX, d.metadata.uid).filter((rs) => rs.metadata.namespace === d.metadata.namespace),
      ...this.rsLister.byIndex(RS_CLAIM_INDEX, `orphan/${d.metadata.namespace ?? ""}`),
    ]);
    let selector;
    try {
      selector = labelSelectorAsSelector(d.spec.selector);
    } catch (e) {
      throw new Error(`deployment ${d.metadata.namespace}/${d.metadata.name} has invalid label selector: ${(e as Error).message}`);
    }
    return claimReplicaSets(this.client, d, selector, recheckDeletionTimestamp(this.client, d), rsList);
  }

  /**
   * mirrors getPodMapForDeployment: pods matching the Deployment's selector, grouped by the UID of their
   * controlling ReplicaSet, for the ReplicaSets in rsList only (inactive pods included: Recreate must see
   * old pods that are still terminating).
   */
  getPodMapForDeployment(d: Deployment, rsList: readonly ReplicaSet[], selector: { matches(l: Record<string, string> | undefined): boolean }): PodMap {
    const podMap: PodMap = new Map();
    for (const rs of rsList) {
      const pods: Pod[] = [];
      for (const p of this.podLister.byIndex(POD_CONTROLLER_INDEX, rs.metadata.uid)) {
        if (p.metadata.namespace === d.metadata.namespace && selector.matches(p.metadata.labels)) pods.push(p);
      }
      podMap.set(rs.metadata.uid, pods);
    }
    return podMap;
  }

}

/** A lister's List order: by name (one namespace). */
function sortByName<T extends KubeObject>(objs: T[]): T[] {
  return objs.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

function isEverything(selector: LabelSelector | undefined): boolean {
  // metav1.LabelSelector{}: a present selector with no requirements (nil matchLabels/matchExpressions).
  return !!selector && selector.matchLabels === undefined && selector.matchExpressions === undefined;
}

function isNamespaceTerminating(err: ApiError): boolean {
  return err.reason === "Forbidden" && err.message.includes("because it is being terminated");
}

function sameRef(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.uid === b.uid &&
    a.controller === b.controller &&
    a.blockOwnerDeletion === b.blockOwnerDeletion
  );
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}
