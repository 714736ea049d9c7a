// StatefulSetController gives each StatefulSet its stable pods `<set>-0..N-1` with their claims, in order
// (OrderedReady) or all at once (Parallel), rolls template changes out from the highest ordinal down, and
// reports status. It watches StatefulSets and pods; claims and revisions are read from their informers.
// mirrors k/k pkg/controller/statefulset/stateful_set.go (StatefulSetController) and
// stateful_set_status_updater.go.
import type { Pod } from "../../api/types";
import { controllerRefOf, isPodReady } from "../../api/podutil";
import { labelSelectorAsSelector, type Selector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";
import { CLAIMABLE_INDEX, claimableIndexFunc, claimObjects, recheckDeletionTimestamp } from "../daemonset/controllerRefManager";
import type { ControllerRevision } from "../daemonset/types";
import { RealHistory } from "./controllerHistory";
import { StatefulPodControl } from "./statefulPodControl";
import { DefaultStatefulSetControl } from "./statefulSetControl";
import { controllerKind, isMemberOf } from "./statefulSetUtils";
import type { PersistentVolumeClaim, StatefulSet, StatefulSetStatus } from "./types";

export class StatefulSetController implements Controller {
  readonly name = "statefulset-controller";
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly setLister: Informer<StatefulSet>;
  readonly podLister: Informer<Pod>;
  readonly claimLister: Informer<PersistentVolumeClaim>;
  readonly revisionLister: Informer<ControllerRevision>;
  readonly queue: WorkQueue;
  readonly control: DefaultStatefulSetControl;
  private readonly selectors = new WeakMap<StatefulSet, Selector>();
  private started = false;

  constructor(readonly ctx: ControllerContext) {
    this.client = ctx.client("statefulset-controller");
    this.recorder = ctx.recorder("statefulset-controller");
    this.setLister = ctx.informers.for<StatefulSet>("statefulsets");
    this.podLister = ctx.informers.for<Pod>("pods");
    this.claimLister = ctx.informers.for<PersistentVolumeClaim>("persistentvolumeclaims");
    this.revisionLister = ctx.informers.for<ControllerRevision>("controllerrevisions");
    this.queue = ctx.workqueue("statefulset", (key) => this.sync(key));
    this.control = new DefaultStatefulSetControl(
      new StatefulPodControl(this.client, this.podLister, this.claimLister, this.recorder),
      (set, status) => this.updateStatefulSetStatus(set, status),
      new RealHistory(this.client, this.revisionLister),
      () => ctx.clock.absolute(),
    );
  }

  start(): void {
    if (this.started) return this.resume();
    this.started = true;
    this.podLister.addIndexer(CLAIMABLE_INDEX, claimableIndexFunc);
    this.revisionLister.addIndexer(CLAIMABLE_INDEX, claimableIndexFunc);
    this.podLister.addEventHandler({
      add: (p) => this.addPod(p),
      update: (old, cur) => this.updatePod(old, cur),
      delete: (p) => this.deletePod(p),
    });
    this.setLister.addEventHandler({
      add: (s) => this.enqueue(s),
      update: (_old, cur) => this.enqueue(cur),
      delete: (s) => this.enqueue(s),
    });
    // Upstream registers no handlers on claims or revisions (only waits for their caches): "TODO: Watch volumes".
  }

  /** kube-controller-manager is down: keys wait in the queue. */
  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  enqueue(set: StatefulSet): void {
    this.queue.add(keyOf(set));
  }

  private selectorOf(set: StatefulSet): Selector {
    let s = this.selectors.get(set);
    if (!s) {
      s = labelSelectorAsSelector(set.spec.selector);
      this.selectors.set(set, s);
    }
    return s;
  }

  // ---- pod handlers ----

  private resolveControllerRef(namespace: string | undefined, ref: { kind: string; name: string; uid: string }): StatefulSet | undefined {
    if (ref.kind !== controllerKind.kind) return undefined;
    const set = this.setLister.get(`${namespace ?? ""}/${ref.name}`);
    return set && set.metadata.uid === ref.uid ? set : undefined;
  }

  /** GetPodStatefulSets: sets of the pod's namespace whose selector matches its labels. */
  private getStatefulSetsForPod(pod: Pod): StatefulSet[] {
    const out: StatefulSet[] = [];
    for (const set of this.setLister.list()) {
      if (set.metadata.namespace !== pod.metadata.namespace) continue;
      let sel: Selector;
      try {
        sel = this.selectorOf(set);
      } catch {
        continue;
      }
      if (!sel.empty() && sel.matches(pod.metadata.labels)) out.push(set);
    }
    return out.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const ref = controllerRefOf(pod);
    if (ref) {
      const set = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (set) this.enqueue(set);
      return;
    }
    for (const set of this.getStatefulSetsForPod(pod)) this.enqueue(set);
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelChanged = !sameLabels(old.metadata.labels, cur.metadata.labels);
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid || curRef?.name !== oldRef?.name;
    if (refChanged && oldRef) {
      const set = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (set) this.enqueue(set);
    }
    if (curRef) {
      const set = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (!set) return;
      this.enqueue(set);
      const mrs = set.spec.minReadySeconds ?? 0;
      // Add a second to avoid milliseconds skew in AddAfter (k/k #39785).
      if (!isPodReady(old) && isPodReady(cur) && mrs > 0) this.queue.addAfter(keyOf(set), mrs * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const set of this.getStatefulSetsForPod(cur)) this.enqueue(set);
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const set = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (set) this.enqueue(set);
  }

  // ---- sync ----

  /** mirrors sync: adopt orphan revisions, claim pods, then UpdateStatefulSet. */
  sync(key: string): void {
    const set = this.setLister.get(key);
    if (!set) return; // "StatefulSet has been deleted"
    let selector: Selector;
    try {
      selector = this.selectorOf(set);
    } catch {
      return; // a non-transient error: don't retry
    }
    this.adoptOrphanRevisions(set);
    const pods = this.getPodsForStatefulSet(set, selector);
    this.syncStatefulSet(set, pods);
  }

  /** mirrors adoptOrphanRevisions */
  private adoptOrphanRevisions(set: StatefulSet): void {
    const orphans = this.control.listRevisions(set).filter((r) => !controllerRefOf(r));
    if (orphans.length === 0) return;
    try {
      recheckDeletionTimestamp(this.client, set)();
    } catch (e) {
      throw new Error(`can't adopt ControllerRevisions: ${(e as Error).message}`);
    }
    this.control.adoptOrphanRevisions(set, orphans);
  }

  /** mirrors getPodsForStatefulSet: claims pods matching the selector whose name says they are members. */
  private getPodsForStatefulSet(set: StatefulSet, selector: Selector): Pod[] {
    const ns = set.metadata.namespace ?? "";
    const candidates = [...this.podLister.byIndex(CLAIMABLE_INDEX, set.metadata.uid), ...this.podLister.byIndex(CLAIMABLE_INDEX, `orphan/${ns}`)];
    return claimObjects(candidates, {
      client: this.client,
      owner: set,
      ownerKind: controllerKind,
      kind: "Pod",
      match: (p) => selector.matches(p.metadata.labels) && isMemberOf(set, p),
      canAdopt: recheckDeletionTimestamp(this.client, set),
    });
  }

  /** mirrors syncStatefulSet: one more sync after minReadySeconds while not every replica is available. */
  private syncStatefulSet(set: StatefulSet, pods: Pod[]): void {
    const status = this.control.updateStatefulSet(set, pods);
    const mrs = set.spec.minReadySeconds ?? 0;
    if (mrs > 0 && status && status.availableReplicas !== (set.spec.replicas ?? 1)) this.queue.addAfter(keyOf(set), mrs * 1000);
  }

  /**
   * mirrors realStatefulSetStatusUpdater.UpdateStatefulSetStatus. Upstream retries a conflict with the
   * lister's copy; our cache cannot change within a sync, so a conflict is returned and the key requeued.
   */
  private updateStatefulSetStatus(set: StatefulSet, status: StatefulSetStatus): void {
    const s: StatefulSetStatus = { ...(status.observedGeneration ? { observedGeneration: status.observedGeneration } : {}), replicas: status.replicas } as StatefulSetStatus;
    if (status.readyReplicas) s.readyReplicas = status.readyReplicas;
    if (status.currentReplicas) s.currentReplicas = status.currentReplicas;
    if (status.updatedReplicas) s.updatedReplicas = status.updatedReplicas;
    if (status.currentRevision) s.currentRevision = status.currentRevision;
    if (status.updateRevision) s.updateRevision = status.updateRevision;
    if (status.collisionCount !== undefined) s.collisionCount = status.collisionCount;
    s.availableReplicas = status.availableReplicas;
    try {
      this.client.updateStatus({ ...set, metadata: { ...set.metadata }, status: s } as StatefulSet);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
  }
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}
