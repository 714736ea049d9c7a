// DaemonSetController keeps one pod of each DaemonSet on every node that should run it (node affinity and
// nodeSelector match, taints tolerated), replaces pods on template changes by RollingUpdate or OnDelete,
// records revisions as ControllerRevisions and reports status. Its pods are pinned to their node by a
// required `matchFields metadata.name` affinity and bound by the default scheduler.
// mirrors k/k pkg/controller/daemon/daemon_controller.go (DaemonSetsController).
import type { Node, Pod } from "../../api/types";
import { controllerRefOf, isPodReady } from "../../api/podutil";
import { labelSelectorAsSelector, type Selector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";
import { ControllerExpectations } from "../replicaset/expectations";
import { Backoff } from "./backoff";
import { CLAIMABLE_INDEX, claimableIndexFunc, claimObjects, recheckDeletionTimestamp } from "./controllerRefManager";
import { getTargetNodeName } from "./daemonSetUtil";
import { cleanupHistory, constructHistory, controllerKind } from "./history";
import { manage } from "./manage";
import { nodeShouldRunDaemonPod } from "./nodeShouldRunDaemonPod";
import { rollingUpdate } from "./rollingUpdate";
import { updateDaemonSetStatus } from "./status";
import { syncNodes } from "./syncNodes";
import { CONTROLLER_REVISION_HASH_LABEL, type ControllerRevision, type DaemonSet } from "./types";

/** BurstReplicas: "a rate limiter for booting pods on a lot of pods" (250 avoids registry DoS). */
export const BURST_REPLICAS = 250;
/** BackoffGCInterval. */
export const BACKOFF_GC_INTERVAL_MS = 60_000;
/** kube-controller-manager builds the failed-pods backoff as flowcontrol.NewBackOff(1s, 15m). */
export const FAILED_PODS_BACKOFF = { initialMs: 1_000, maxMs: 15 * 60_000 } as const;
/** SelectingAllReason. */
export const SelectingAllReason = "SelectingAll";

/**
 * Simulated cost of a sync: an API round trip plus examining each node and its daemon pods. Upstream builds
 * a pod from the template for every node (NewPod) and runs the scheduling predicates on it, ~20µs a node
 * in Go: a 5,000-node sync takes ~0.1 s, during which pod and node events pile up for the next one.
 */
const SYNC_BASE_COST_MS = 1;
const SYNC_COST_PER_NODE_MS = 0.02;

export class DaemonSetController implements Controller {
  readonly name = "daemonset-controller";
  /** The controller's client: kube-controller-manager builds it as ClientOrDie("daemon-set-controller"). */
  readonly client: ApiClient;
  readonly eventRecorder: EventRecorder;
  readonly dsLister: Informer<DaemonSet>;
  readonly historyLister: Informer<ControllerRevision>;
  readonly podLister: Informer<Pod>;
  readonly nodeLister: Informer<Node>;
  readonly queue: WorkQueue;
  readonly expectations = new ControllerExpectations();
  readonly failedPodsBackoff = new Backoff(FAILED_PODS_BACKOFF.initialMs, FAILED_PODS_BACKOFF.maxMs);
  burstReplicas = BURST_REPLICAS;
  private readonly selectors = new WeakMap<DaemonSet, Selector>();
  /** Node names in order, rebuilt when a node is added or removed (informer lists are insertion-ordered). */
  private nodeNames: string[] | undefined;
  private lastBackoffGC = 0;
  /** The claimed pods of the DaemonSet being synced (see getDaemonPods). */
  private memo: { ds: DaemonSet; pods: Pod[]; byNode: [ReadonlyMap<string, readonly Pod[]> | undefined, ReadonlyMap<string, readonly Pod[]> | undefined] } | undefined;
  private syncing = false;
  private started = false;

  constructor(readonly ctx: ControllerContext) {
    this.client = ctx.client("daemon-set-controller");
    this.eventRecorder = ctx.recorder("daemonset-controller");
    this.dsLister = ctx.informers.for<DaemonSet>("daemonsets");
    this.historyLister = ctx.informers.for<ControllerRevision>("controllerrevisions");
    this.podLister = ctx.informers.for<Pod>("pods");
    this.nodeLister = ctx.informers.for<Node>("nodes");
    this.queue = ctx.workqueue("daemonset", (key) => this.syncDaemonSet(key));
  }

  start(): void {
    if (this.started) return this.resume();
    this.started = true;
    this.podLister.addIndexer(CLAIMABLE_INDEX, claimableIndexFunc);
    this.historyLister.addIndexer(CLAIMABLE_INDEX, claimableIndexFunc);
    this.dsLister.addEventHandler({
      add: (ds) => this.enqueue(ds),
      update: (old, cur) => {
        if (old.metadata.uid !== cur.metadata.uid) this.deleteDaemonset(old);
        this.enqueue(cur);
      },
      delete: (ds) => this.deleteDaemonset(ds),
    });
    this.historyLister.addEventHandler({
      add: (h) => this.addHistory(h),
      update: (old, cur) => this.updateHistory(old, cur),
      delete: (h) => this.deleteHistory(h),
    });
    this.podLister.addEventHandler({
      add: (p) => this.addPod(p),
      update: (old, cur) => this.updatePod(old, cur),
      delete: (p) => this.deletePod(p),
    });
    this.nodeLister.addEventHandler({
      add: (n) => this.addNode(n),
      update: (old, cur) => this.updateNode(old, cur),
      // Upstream has no node delete handler: pods of deleted nodes are PodGC's. We only refresh the order.
      delete: () => (this.nodeNames = undefined),
    });
  }

  /** kube-controller-manager is down: keys wait in the queue. */
  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  // ---- event handlers: find the DaemonSet, enqueue its key ----

  enqueue(ds: DaemonSet): void {
    this.queue.add(keyOf(ds));
  }

  private deleteDaemonset(ds: DaemonSet): void {
    const key = keyOf(ds);
    // A DaemonSet re-created with the same name starts with clean expectations.
    this.expectations.delete(key);
    this.queue.add(key);
  }

  private resolveControllerRef(namespace: string | undefined, ref: { kind: string; name: string; uid: string }): DaemonSet | undefined {
    if (ref.kind !== controllerKind.kind) return undefined;
    const ds = this.dsLister.get(`${namespace ?? ""}/${ref.name}`);
    return ds && ds.metadata.uid === ref.uid ? ds : undefined;
  }

  selectorOf(ds: DaemonSet): Selector {
    let s = this.selectors.get(ds);
    if (!s) {
      s = labelSelectorAsSelector(ds.spec.selector);
      this.selectors.set(ds, s);
    }
    return s;
  }

  /** GetPodDaemonSets / GetHistoryDaemonSets: DaemonSets of the namespace whose selector matches. */
  private matchingDaemonSets(namespace: string | undefined, labels: Record<string, string> | undefined): DaemonSet[] {
    const out: DaemonSet[] = [];
    for (const ds of this.dsLister.list()) {
      if (ds.metadata.namespace !== namespace) continue;
      let sel: Selector;
      try {
        sel = this.selectorOf(ds);
      } catch {
        continue;
      }
      if (!sel.empty() && sel.matches(labels)) out.push(ds);
    }
    return out;
  }

  private addHistory(h: ControllerRevision): void {
    if (h.metadata.deletionTimestamp) return this.deleteHistory(h);
    // A revision with a ControllerRef is only observed; orphans may be adopted by a matching DaemonSet.
    if (controllerRefOf(h)) return;
    for (const ds of this.matchingDaemonSets(h.metadata.namespace, h.metadata.labels)) this.enqueue(ds);
  }

  private updateHistory(old: ControllerRevision, cur: ControllerRevision): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid;
    if (refChanged && oldRef) {
      const ds = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (ds) this.enqueue(ds);
    }
    if (curRef) {
      const ds = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (ds) this.enqueue(ds);
      return;
    }
    if (refChanged || !sameLabels(old.metadata.labels, cur.metadata.labels)) {
      for (const ds of this.matchingDaemonSets(cur.metadata.namespace, cur.metadata.labels)) this.enqueue(ds);
    }
  }

  private deleteHistory(h: ControllerRevision): void {
    const ref = controllerRefOf(h);
    if (!ref) return;
    const ds = this.resolveControllerRef(h.metadata.namespace, ref);
    if (ds) this.enqueue(ds);
  }

  private addPod(pod: Pod): void {
    // After a restart a pod may show up already being deleted: that is no creation to observe.
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const ref = controllerRefOf(pod);
    if (ref) {
      const ds = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!ds) return;
      this.expectations.creationObserved(keyOf(ds));
      this.enqueue(ds);
      return;
    }
    // An orphan: no controller waits for it, but a matching DaemonSet may adopt it.
    for (const ds of this.matchingDaemonSets(pod.metadata.namespace, pod.metadata.labels)) this.enqueue(ds);
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    // A graceful deletion starts with deletionTimestamp: count it as deleted now, not when the kubelet is done.
    if (cur.metadata.deletionTimestamp) return this.deletePod(cur);
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid || curRef?.name !== oldRef?.name;
    if (refChanged && oldRef) {
      const ds = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (ds) this.enqueue(ds);
    }
    if (curRef) {
      const ds = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (!ds) return;
      this.enqueue(ds);
      const mrs = ds.spec.minReadySeconds ?? 0;
      // Add a second to avoid milliseconds skew in AddAfter (k/k #39785).
      if (mrs > 0 && !isPodReady(old) && isPodReady(cur)) this.queue.addAfter(keyOf(ds), mrs * 1000 + 1000);
      return;
    }
    const dss = this.matchingDaemonSets(cur.metadata.namespace, cur.metadata.labels);
    if (dss.length === 0) return;
    if (refChanged || !sameLabels(old.metadata.labels, cur.metadata.labels)) for (const ds of dss) this.enqueue(ds);
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const ds = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!ds) return;
    this.expectations.deletionObserved(keyOf(ds));
    this.enqueue(ds);
  }

  private addNode(node: Node): void {
    this.nodeNames = undefined;
    for (const ds of this.sortedDaemonSets()) if (nodeShouldRunDaemonPod(node, ds).shouldRun) this.enqueue(ds);
  }

  /**
   * mirrors updateNode + shouldIgnoreNodeUpdate. Whether a node should run a daemon pod depends only on its
   * name, labels and taints, so only a change there can flip the answer for any DaemonSet.
   */
  private updateNode(old: Node, cur: Node): void {
    if (sameLabels(old.metadata.labels, cur.metadata.labels) && sameTaints(old, cur)) return;
    for (const ds of this.sortedDaemonSets()) {
      const a = nodeShouldRunDaemonPod(old, ds);
      const b = nodeShouldRunDaemonPod(cur, ds);
      if (a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning) this.enqueue(ds);
    }
  }

  private sortedDaemonSets(): DaemonSet[] {
    return this.dsLister.list().sort((a, b) => cmp(keyOf(a), keyOf(b)));
  }

  /** The node lister's List, in name order. */
  nodes(): Node[] {
    if (!this.nodeNames) this.nodeNames = this.nodeLister.list().map((n) => n.metadata.name).sort();
    const out: Node[] = [];
    for (const name of this.nodeNames) {
      const n = this.nodeLister.get(name);
      if (n) out.push(n);
    }
    return out;
  }

  // ---- pods of a DaemonSet ----

  /**
   * mirrors getDaemonPods: the pods this DaemonSet owns, adopting matching orphans and releasing strays.
   * Upstream claims again at every step of a sync; the cache cannot change within a sync (watch events are
   * later tasks), so the first claim of a sync is reused: same answer, without re-sending idempotent patches.
   */
  getDaemonPods(ds: DaemonSet): Pod[] {
    if (this.memo?.ds === ds) return this.memo.pods;
    const selector = this.selectorOf(ds);
    const ns = ds.metadata.namespace ?? "";
    const candidates = [...this.podLister.byIndex(CLAIMABLE_INDEX, ds.metadata.uid), ...this.podLister.byIndex(CLAIMABLE_INDEX, `orphan/${ns}`)];
    const pods = claimObjects(candidates, {
      client: this.client,
      owner: ds,
      ownerKind: controllerKind,
      kind: "Pod",
      match: (p) => selector.matches(p.metadata.labels),
      canAdopt: recheckDeletionTimestamp(this.client, ds),
    });
    if (this.syncing) this.memo = { ds, pods, byNode: [undefined, undefined] };
    return pods;
  }

  /**
   * mirrors getNodesToDaemonPods: the DaemonSet's pods grouped by target node. Deleted pods that already
   * finished are left out unless `includeDeletedTerminal` (history cleanup counts them as live).
   * The map is shared for the rest of the sync: callers must not change it.
   */
  getNodesToDaemonPods(ds: DaemonSet, includeDeletedTerminal: boolean): ReadonlyMap<string, readonly Pod[]> {
    const pods = this.getDaemonPods(ds);
    const slot = includeDeletedTerminal ? 1 : 0;
    const cached = this.memo?.ds === ds ? this.memo.byNode[slot] : undefined;
    if (cached) return cached;
    const out = new Map<string, Pod[]>();
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (!includeDeletedTerminal && (phase === "Succeeded" || phase === "Failed") && pod.metadata.deletionTimestamp) continue;
      const nodeName = getTargetNodeName(pod);
      if (nodeName === undefined) continue;
      let list = out.get(nodeName);
      if (!list) out.set(nodeName, (list = []));
      list.push(pod);
    }
    if (this.memo?.ds === ds) this.memo.byNode[slot] = out;
    return out;
  }

  // ---- sync ----

  /** mirrors syncDaemonSet. */
  syncDaemonSet(key: string): void {
    this.syncing = true;
    try {
      this.syncDaemonSetOnce(key);
    } finally {
      this.syncing = false;
      this.memo = undefined;
    }
  }

  private syncDaemonSetOnce(key: string): void {
    const now = this.ctx.clock.now();
    if (now - this.lastBackoffGC >= BACKOFF_GC_INTERVAL_MS) {
      this.lastBackoffGC = now;
      this.failedPodsBackoff.gc(now);
    }
    const ds = this.dsLister.get(key);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    const nodeList = this.nodes();
    // A sync walks every node and its daemon pods: charge that time so that pod and node events arriving
    // meanwhile coalesce into the next sync, as with a real controller under load (else 5,000 kube-proxy
    // pods starting would cost 5,000 full syncs).
    this.queue.charge(SYNC_BASE_COST_MS + nodeList.length * SYNC_COST_PER_NODE_MS);
    const sel = ds.spec.selector;
    if (!sel || (sel.matchLabels === undefined && sel.matchExpressions === undefined)) {
      this.eventRecorder.event(ds, "Warning", SelectingAllReason, "This daemon set is selecting all pods. A non-empty selector is required.");
      return;
    }
    // A DaemonSet being deleted may have lost its history already: its status cannot be computed reliably.
    if (ds.metadata.deletionTimestamp) return;
    let cur: ControllerRevision;
    let old: ControllerRevision[];
    try {
      ({ cur, old } = constructHistory(this, ds));
    } catch (e) {
      throw wrap("failed to construct revisions of DaemonSet", e);
    }
    const hash = cur.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "";
    if (!this.expectations.satisfied(key, now)) {
      // Only status: observedGeneration is not raised, this generation was not processed.
      updateDaemonSetStatus(this, ds, nodeList, hash, false);
      return;
    }
    let err: unknown;
    try {
      this.updateDaemonSet(ds, nodeList, hash, key, old);
    } catch (e) {
      err = e;
    }
    let statusErr: unknown;
    try {
      updateDaemonSetStatus(this, ds, nodeList, hash, true);
    } catch (e) {
      statusErr = e;
    }
    if (err) throw err;
    if (statusErr) throw statusErr;
  }

  /** mirrors updateDaemonSet: manage, then the update strategy once expectations are met, then history. */
  private updateDaemonSet(ds: DaemonSet, nodeList: Node[], hash: string, key: string, old: ControllerRevision[]): void {
    manage(this, ds, nodeList, hash);
    if (this.expectations.satisfied(key, this.ctx.clock.now())) {
      if (ds.spec.updateStrategy?.type === "RollingUpdate") rollingUpdate(this, ds, nodeList, hash);
    }
    try {
      cleanupHistory(this, ds, old);
    } catch (e) {
      throw wrap("failed to clean up revisions of DaemonSet", e);
    }
  }

  /** mirrors syncNodes (see syncNodes.ts). */
  syncNodes(ds: DaemonSet, podsToDelete: readonly string[], nodesNeedingDaemonPods: readonly string[], hash: string): void {
    syncNodes(this, ds, podsToDelete, nodesNeedingDaemonPods, hash);
  }
}

/** fmt.Errorf("%s: %w"): keeps ApiErrors as they are (their code drives retries), prefixes other errors. */
function wrap(prefix: string, e: unknown): Error {
  if (e instanceof ApiError) return e;
  return new Error(`${prefix}: ${(e as Error).message ?? String(e)}`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

function sameTaints(a: Node, b: Node): boolean {
  const ta = a.spec?.taints ?? [];
  const tb = b.spec?.taints ?? [];
  if (ta.length !== tb.length) return false;
  for (let i = 0; i < ta.length; i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x.key !== y.key || (x.value ?? "") !== (y.value ?? "") || x.effect !== y.effect) return false;
  }
  return true;
}
