// ReplicaSetController mirrors pkg/controller/replicaset/replica_set.go. It keeps spec.replicas pods
// matching the selector: creating in slow-start batches (1, 2, 4, ...) up to BurstReplicas per sync,
// deleting the best-ranked victims, adopting orphans and releasing pods whose labels stopped matching.
// ReplicationControllers run through the same loop (upstream wraps this controller for them).
import type { KubeObject, Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from "../../api/types";
import { controllerRefOf, isPodActive, isPodAvailable, isPodReady } from "../../api/podutil";
import { labelSelectorAsSelector, selectorFromSet, type Selector } from "../../apimachinery/labels";
import { deepCopy } from "../../sim/clone";
import { rfc3339 } from "../../sim/clock";
import { keyOf, type Informer } from "../../client/informer";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";
import { ControllerExpectations } from "./expectations";
import { rankByRelatedPodsOnSameNode, sortPodsForDeletion } from "./activePodsWithRanks";
import { claimPods } from "./podControllerRefManager";
import { ControlledPodTally } from "./controlledPodTally";
import { ApiError } from "../../apiserver/errors";

/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;
/**
 * Simulated cost of a sync: an API round trip (1ms) plus listing, claiming and counting each pod (2µs,
 * about what a Go lister with a label selector costs). Events arriving meanwhile coalesce.
 */
const SYNC_BASE_COST_MS = 1;
const SYNC_COST_PER_POD_MS = 0.002;
/** Each write a sync makes waits for the API server and etcd's fsync: a few ms on a kind cluster. */
const WRITE_COST_MS = 2;
/** SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH = 1;

type Workload = ReplicaSet | (KubeObject & { spec: ReplicaSet["spec"] });

export class ReplicaSetController implements Controller {
  readonly name: string;
  private readonly kind: "ReplicaSet" | "ReplicationController";
  private readonly owners: Informer<Workload>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly expectations = new ControllerExpectations();
  private readonly selectors = new WeakMap<object, Selector>();
  private readonly tally = new ControlledPodTally();

  constructor(
    private readonly ctx: ControllerContext,
    kind: "ReplicaSet" | "ReplicationController" = "ReplicaSet",
  ) {
    this.kind = kind;
    this.name = kind === "ReplicaSet" ? "replicaset-controller" : "replicationcontroller-controller";
    const resource = kind === "ReplicaSet" ? "replicasets" : "replicationcontrollers";
    this.owners = ctx.informers.for<Workload>(resource);
    this.pods = ctx.informers.for<Pod>("pods");
    this.queue = ctx.workqueue(kind === "ReplicaSet" ? "replicaset" : "replicationmanager", (k) => this.syncReplicaSet(k));
    this.client = ctx.client(this.name);
    this.recorder = ctx.recorder(kind === "ReplicaSet" ? "replicaset-controller" : "replication-controller");
  }

  start(): void {
    this.pods.addIndexer("namespace", (p) => [p.metadata.namespace ?? ""]);
    // The pods a sync may claim: those it controls, and orphans of its namespace (pods controlled by
    // someone else are ignored by ClaimPods anyway). Same result as listing the namespace, without
    // walking 150,000 pods for every sync.
    this.pods.addIndexer("controllerUID", (p) => [controllerRefOf(p)?.uid ?? `orphan/${p.metadata.namespace ?? ""}`]);
    this.owners.addIndexer("namespace", (o) => [o.metadata.namespace ?? ""]);
    this.owners.addEventHandler({
      add: (rs) => this.queue.add(keyOf(rs)),
      update: (_old, rs) => this.queue.add(keyOf(rs)),
      delete: (rs) => {
        this.expectations.delete(keyOf(rs));
        this.queue.add(keyOf(rs));
      },
    });
    this.pods.addEventHandler({
      add: (pod) => {
        this.tally.observe(undefined, pod);
        this.addPod(pod);
      },
      update: (old, pod) => {
        this.tally.observe(old, pod);
        this.updatePod(old, pod);
      },
      delete: (pod) => {
        this.tally.observe(pod, undefined);
        this.deletePod(pod);
      },
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  // ---- event handlers: find the owner key, enqueue it ----

  private ownerKey(pod: Pod): string | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== this.kind) return undefined;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    const owner = this.owners.get(key);
    return owner && owner.metadata.uid === ref.uid ? key : undefined;
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const key = this.ownerKey(pod);
    if (key) {
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    if (!controllerRefOf(pod)) for (const o of this.matchingOwners(pod)) this.queue.add(keyOf(o));
  }

  private updatePod(old: Pod, pod: Pod): void {
    const key = this.ownerKey(pod);
    const oldKey = this.ownerKey(old);
    if (oldKey && oldKey !== key) this.queue.add(oldKey);
    if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp && key) this.expectations.deletionObserved(key);
    if (key) {
      this.queue.add(key);
      // A pod that just became ready becomes available minReadySeconds later: look again then.
      const owner = this.owners.get(key);
      const mrs = owner?.spec.minReadySeconds ?? 0;
      if (mrs > 0 && !isPodReady(old) && isPodReady(pod)) this.queue.addAfter(key, mrs * 1000 + 1);
      return;
    }
    if (!controllerRefOf(pod) && !sameLabels(old, pod)) for (const o of this.matchingOwners(pod)) this.queue.add(keyOf(o));
  }

  private deletePod(pod: Pod): void {
    const key = this.ownerKey(pod);
    if (!key) return;
    this.expectations.deletionObserved(key);
    this.queue.add(key);
  }

  private selectorOf(o: Workload): Selector {
    let s = this.selectors.get(o);
    if (!s) {
      s = this.kind === "ReplicaSet"
        ? labelSelectorAsSelector(o.spec.selector)
        : selectorFromSet((o.spec.selector ?? o.spec.template?.metadata?.labels ?? {}) as unknown as Record<string, string>);
      this.selectors.set(o, s);
    }
    return s;
  }

  private matchingOwners(pod: Pod): Workload[] {
    return this.owners
      .byIndex("namespace", pod.metadata.namespace ?? "")
      .filter((o) => !this.selectorOf(o).empty() && this.selectorOf(o).matches(pod.metadata.labels));
  }

  // ---- sync ----

  /** syncReplicaSet: reconcile one owner's pods with its spec, then write its status. */
  private syncReplicaSet(key: string): void {
    const rs = this.owners.get(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const now = this.ctx.clock.now();
    const needsSync = this.expectations.satisfied(key, now);
    const selector = this.selectorOf(rs);
    const uid = rs.metadata.uid;
    const orphanBucket = `orphan/${rs.metadata.namespace ?? ""}`;
    // FilterPodsByOwner: the pods this owner controls and the orphans of its namespace.
    const examined = this.pods.indexSize("controllerUID", uid) + this.pods.indexSize("controllerUID", orphanBucket);
    this.queue.charge(SYNC_BASE_COST_MS + examined * SYNC_COST_PER_POD_MS);
    const claim = this.claimFast(rs, selector, orphanBucket) ?? this.claimByWalking(rs, selector, orphanBucket);
    let manageError: ApiError | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) manageError = this.manageReplicas(claim, rs, key);
    this.updateStatus(rs, claim, manageError);
    if (manageError) throw manageError;
  }

  /**
   * ClaimPods when no controlled pod needs releasing and availability needs no clock (minReadySeconds 0):
   * the controlled pods are counted from the tally by label set; only orphans are walked (and adopted).
   * Undefined when the full walk is needed.
   */
  private claimFast(rs: Workload, selector: Selector, orphanBucket: string): Claim | undefined {
    if ((rs.spec.minReadySeconds ?? 0) > 0 || selector.empty()) return undefined;
    const groups = this.tally.groups(rs.metadata.uid);
    const templateLabels = rs.spec.template?.metadata?.labels ?? {};
    let replicas = 0;
    let fully = 0;
    let ready = 0;
    for (const g of groups.values()) {
      if (!selector.matches(g.labels)) return undefined;
      replicas += g.active;
      ready += g.ready;
      if (labelsContain(g.labels, templateLabels)) fully += g.active;
    }
    const orphans: Pod[] = [];
    this.pods.forEachInIndex("controllerUID", orphanBucket, (p) => {
      if (isPodActive(p)) orphans.push(p);
    });
    const adopted = orphans.length ? claimPods(this.client, rs, selector, orphans, this.kind) : [];
    const counts = countPods(adopted, templateLabels, 0, 0);
    const controlled = (): Pod[] => {
      const out: Pod[] = [];
      this.pods.forEachInIndex("controllerUID", rs.metadata.uid, (p) => {
        if (isPodActive(p)) out.push(p);
      });
      return out;
    };
    return {
      replicas: replicas + counts.replicas,
      fully: fully + counts.fully,
      ready: ready + counts.ready,
      available: ready + counts.available,
      pods: () => [...controlled(), ...adopted],
    };
  }

  /** ClaimPods over every pod the owner controls and every orphan, as upstream walks them. */
  private claimByWalking(rs: Workload, selector: Selector, orphanBucket: string): Claim {
    const all: Pod[] = [];
    const collect = (p: Pod) => {
      if (isPodActive(p)) all.push(p);
    };
    this.pods.forEachInIndex("controllerUID", rs.metadata.uid, collect);
    this.pods.forEachInIndex("controllerUID", orphanBucket, collect);
    const filtered = claimPods(this.client, rs, selector, all, this.kind);
    const counts = countPods(filtered, rs.spec.template?.metadata?.labels ?? {}, rs.spec.minReadySeconds ?? 0, this.ctx.clock.absolute());
    return { ...counts, pods: () => filtered };
  }

  private manageReplicas(claim: Claim, rs: Workload, key: string): ApiError | undefined {
    const want = rs.spec.replicas ?? 1;
    const diff = claim.replicas - want;
    const now = this.ctx.clock.now();
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, n, now);
      const { created, error } = slowStartBatch(n, SLOW_START_INITIAL_BATCH, () => this.createPod(rs));
      const skipped = n - created;
      if (skipped > 0) this.expectations.lowerExpectations(key, skipped, 0);
      return error;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = this.podsToDelete(claim.pods(), rs, n);
      this.expectations.expectDeletions(key, n, now);
      for (const pod of victims) {
        this.queue.charge(WRITE_COST_MS);
        try {
          this.client.delete("Pod", pod.metadata.namespace, pod.metadata.name);
          this.recorder.event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
        } catch (e) {
          this.expectations.deletionObserved(key);
          if (!(e instanceof ApiError && e.code === 404)) {
            this.recorder.event(rs, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
            return e instanceof ApiError ? e : undefined;
          }
        }
      }
    }
    return undefined;
  }

  private podsToDelete(filtered: Pod[], rs: Workload, n: number): Pod[] {
    if (n >= filtered.length) return filtered.slice(0, n);
    const related = this.relatedPods(rs);
    const rank = rankByRelatedPodsOnSameNode(filtered, related);
    return sortPodsForDeletion([...filtered], rank, this.ctx.clock.absolute()).slice(0, n);
  }

  /** getIndirectlyRelatedPods: active pods of every ReplicaSet sharing this one's controller (Deployment). */
  private relatedPods(rs: Workload): Pod[] {
    const owner = controllerRefOf(rs);
    const siblings = owner
      ? this.owners.byIndex("namespace", rs.metadata.namespace ?? "").filter((o) => controllerRefOf(o)?.uid === owner.uid)
      : [rs];
    const uids = new Set(siblings.map((s) => s.metadata.uid));
    const out: Pod[] = [];
    for (const uid of uids) for (const p of this.pods.byIndex("controllerUID", uid)) if (isPodActive(p)) out.push(p);
    return out;
  }

  /** GetPodFromTemplate + CreatePodsWithControllerRef. Throws the API error so the batch stops. */
  private createPod(rs: Workload): void {
    const tpl = rs.spec.template;
    const meta = tpl?.metadata ?? {};
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        ...(meta.labels ? { labels: { ...meta.labels } } : {}),
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
        ownerReferences: [
          { apiVersion: rs.apiVersion, kind: rs.kind, name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: deepCopy(tpl?.spec ?? { containers: [] }),
    } as unknown as Pod;
    this.queue.charge(WRITE_COST_MS);
    try {
      // The pod object is built here for this request alone: handed over without another copy.
      const created = this.client.createOwned(pod);
      this.recorder.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : String(e);
      this.recorder.event(rs, "Warning", "FailedCreate", `Error creating: ${msg}`);
      throw e;
    }
  }

  /** calculateStatus + updateReplicaSetStatus: written only when something changed. */
  private updateStatus(rs: Workload, claim: Claim, manageError: ApiError | undefined): void {
    const nowAbs = this.ctx.clock.absolute();
    const { fully, ready, available } = claim;
    const old = (rs.status ?? { replicas: 0 }) as ReplicaSetStatus;
    const conditions = replicaFailureConditions(old.conditions, manageError, rfc3339(nowAbs));
    const status: ReplicaSetStatus = {
      replicas: claim.replicas,
      ...(fully ? { fullyLabeledReplicas: fully } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
      ...(conditions.length ? { conditions } : {}),
    };
    if (sameStatus(old, status)) return;
    const next = { ...rs, metadata: { ...rs.metadata }, status } as Workload;
    this.queue.charge(WRITE_COST_MS);
    try {
      this.client.updateStatus(next);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
  }
}

/** slowStartBatch: calls fn in batches of 1, 2, 4, ... and stops after the first batch with an error. */
export function slowStartBatch(count: number, initial: number, fn: () => void): { created: number; error?: ApiError } {
  let remaining = count;
  let created = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: ApiError | undefined;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        created++;
      } catch (e) {
        error = e instanceof ApiError ? e : new ApiError(500, "InternalError", String(e));
      }
    }
    if (error) return { created, error };
    remaining -= batch;
  }
  return { created };
}

function replicaFailureConditions(old: ReplicaSetCondition[] | undefined, err: ApiError | undefined, now: string): ReplicaSetCondition[] {
  const others = (old ?? []).filter((c) => c.type !== "ReplicaFailure");
  if (!err) return others;
  const prev = old?.find((c) => c.type === "ReplicaFailure");
  return [...others, { type: "ReplicaFailure", status: "True", lastTransitionTime: prev?.lastTransitionTime ?? now, reason: "FailedCreate", message: err.message }];
}

/** What a sync learns from ClaimPods: the counts calculateStatus needs and, on demand, the pods. */
interface Claim {
  replicas: number;
  fully: number;
  ready: number;
  available: number;
  pods(): Pod[];
}

/** calculateStatus's counts over claimed pods. */
function countPods(pods: Pod[], templateLabels: Record<string, string>, minReadySeconds: number, nowAbs: number): Omit<Claim, "pods"> {
  let fully = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (labelsContain(p.metadata.labels, templateLabels)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReadySeconds, nowAbs)) available++;
    }
  }
  return { replicas: pods.length, fully, ready, available };
}

function labelsContain(labels: Record<string, string> | undefined, want: Record<string, string>): boolean {
  for (const k in want) if (labels?.[k] !== want[k]) return false;
  return true;
}

function sameLabels(a: Pod, b: Pod): boolean {
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  const ka = Object.keys(la);
  if (ka.length !== Object.keys(lb).length) return false;
  for (const k of ka) if (la[k] !== lb[k]) return false;
  return true;
}

function sameStatus(a: ReplicaSetStatus, b: ReplicaSetStatus): boolean {
  return (
    a.replicas === b.replicas &&
    (a.fullyLabeledReplicas ?? 0) === (b.fullyLabeledReplicas ?? 0) &&
    (a.readyReplicas ?? 0) === (b.readyReplicas ?? 0) &&
    (a.availableReplicas ?? 0) === (b.availableReplicas ?? 0) &&
    a.observedGeneration === b.observedGeneration &&
    JSON.stringify(a.conditions ?? []) === JSON.stringify(b.conditions ?? [])
  );
}
