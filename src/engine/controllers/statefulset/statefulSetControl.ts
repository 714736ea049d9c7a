// The StatefulSet update loop. OrderedReady ("monotonic"): pods are created in ordinal order, each only once
// every lower ordinal is Running and Ready (and available), deleted from the highest ordinal down one at a
// time, and a pod being deleted blocks everything until its object is gone. Parallel ("burst"): creations and
// deletions do not wait. RollingUpdate replaces pods from the highest ordinal down to the partition; OnDelete
// waits for the user. Revisions are ControllerRevisions; history is pruned to revisionHistoryLimit.
// mirrors k/k pkg/controller/statefulset/stateful_set_control.go (defaultStatefulSetControl), with the
// MaxUnavailableStatefulSet feature off (alpha in v1.34): one pod at a time.
import type { Pod } from "../../api/types";
import { labelSelectorAsSelector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import { deepCopy } from "../../sim/clone";
import type { ControllerRevision } from "../daemonset/types";
import { equalRevision, findEqualRevisions, sortControllerRevisions, type RealHistory } from "./controllerHistory";
import type { StatefulPodControl } from "./statefulPodControl";
import {
  allowsBurst,
  applyRevision,
  completeRollingUpdate,
  controllerKind,
  descendingOrdinal,
  getEndOrdinal,
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  identityMatches,
  inconsistentStatus,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newRevision,
  newVersionedStatefulSetPod,
  nextRevision,
  podInOrdinalRange,
  replicasOf,
  storageMatches,
} from "./statefulSetUtils";
import type { StatefulSet, StatefulSetStatus } from "./types";

/** MaxBatchSize: "realistic value for maximum in-flight requests when processing in parallel mode". */
export const MAX_BATCH_SIZE = 500;

/** Writes a StatefulSet's status (StatefulSetStatusUpdaterInterface). */
export type StatusUpdater = (set: StatefulSet, status: StatefulSetStatus) => void;

/** utilerrors.NewAggregate */
function aggregate(errs: readonly Error[]): Error | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return new Error(`[${errs.map((e) => e.message).join(", ")}]`);
}

/**
 * mirrors slowStartBatch: runs fn(0..remaining-1) in batches of 1, 2, 4, ... (at most MaxBatchSize); a batch
 * with errors ends the run. Upstream runs a batch concurrently; here in ordinal order.
 */
export function slowStartBatch(initialBatchSize: number, remaining: number, fn: (i: number) => unknown): { successes: number; error?: Error } {
  let successes = 0;
  let j = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining, MAX_BATCH_SIZE)) {
    const errs: Error[] = [];
    for (let i = 0; i < batch; i++) {
      try {
        fn(j++);
      } catch (e) {
        errs.push(e as Error);
      }
    }
    successes += batch - errs.length;
    if (errs.length > 0) return { successes, error: aggregate(errs) };
    remaining -= batch;
  }
  return { successes };
}

/** mirrors runForAll: monotonic stops at the first pod that blocks or fails; burst runs slow-start batches. */
function runForAll(count: number, fn: (i: number) => boolean, monotonic: boolean): boolean {
  if (monotonic) {
    for (let i = 0; i < count; i++) if (fn(i)) return true;
    return false;
  }
  const { error } = slowStartBatch(1, count, fn);
  if (error) throw error;
  return false;
}

interface UpdateResult {
  current?: ControllerRevision;
  update?: ControllerRevision;
  status?: StatefulSetStatus;
  error?: unknown;
}

interface ReplicaStatus {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

export class DefaultStatefulSetControl {
  constructor(
    private readonly podControl: StatefulPodControl,
    private readonly statusUpdater: StatusUpdater,
    private readonly history: RealHistory,
    private readonly nowAbs: () => number,
  ) {}

  /** UpdateStatefulSet: the main loop, then history truncation (also after a failure). */
  updateStatefulSet(set: StatefulSet, pods: Pod[]): StatefulSetStatus | undefined {
    const revisions = this.listRevisions(set);
    sortControllerRevisions(revisions);
    const r = this.performUpdate(set, pods, revisions);
    let truncErr: unknown;
    try {
      this.truncateHistory(set, pods, revisions, r.current, r.update);
    } catch (e) {
      truncErr = e;
    }
    if (r.error) throw truncErr ? aggregate([r.error as Error, truncErr as Error]) : r.error;
    if (truncErr) throw truncErr;
    return r.status;
  }

  /** ListRevisions */
  listRevisions(set: StatefulSet): ControllerRevision[] {
    return this.history.listControllerRevisions(set, labelSelectorAsSelector(set.spec.selector));
  }

  /** AdoptOrphanRevisions */
  adoptOrphanRevisions(set: StatefulSet, revisions: ControllerRevision[]): void {
    for (let i = 0; i < revisions.length; i++) revisions[i] = this.history.adoptControllerRevision(set, controllerKind, revisions[i]!);
  }

  private performUpdate(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[]): UpdateResult {
    let current: ControllerRevision;
    let update: ControllerRevision;
    let collisionCount: number;
    try {
      ({ current, update, collisionCount } = this.getStatefulSetRevisions(set, revisions));
    } catch (e) {
      return { error: e };
    }
    const { status, error } = this.updateStatefulSetPods(set, current, update, collisionCount, pods);
    if (!status) return { current, update, error };
    // The latest status is written even when the update failed part-way.
    let statusErr: unknown;
    try {
      this.updateStatefulSetStatus(set, status);
    } catch (e) {
      statusErr = e;
    }
    return { current, update, status, error: error ?? statusErr };
  }

  /**
   * mirrors truncateHistory: revisions not used by the current/update revision or any pod are deleted,
   * oldest first, until revisionHistoryLimit remain.
   */
  private truncateHistory(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[], current?: ControllerRevision, update?: ControllerRevision): void {
    const live = new Set<string>();
    if (current) live.add(current.metadata.name);
    if (update) live.add(update.metadata.name);
    for (const p of pods) live.add(getPodRevision(p));
    const history = revisions.filter((r) => !live.has(r.metadata.name));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) this.history.deleteControllerRevision(r);
  }

  /**
   * mirrors getStatefulSetRevisions: the update revision is the set's template (an equal existing revision
   * is reused, and renumbered when it is not the latest — a rollback); the current revision is
   * status.currentRevision, or the update revision for a new set.
   */
  private getStatefulSetRevisions(set: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    const revisionCount = revisions.length;
    sortControllerRevisions(revisions);
    const collision = { value: set.status?.collisionCount ?? 0 };
    let update = newRevision(set, nextRevision(revisions), collision.value);
    const equal = findEqualRevisions(revisions, update);
    const equalCount = equal.length;
    if (equalCount > 0 && equalRevision(revisions[revisionCount - 1], equal[equalCount - 1])) {
      update = revisions[revisionCount - 1]!;
    } else if (equalCount > 0) {
      update = this.history.updateControllerRevision(equal[equalCount - 1]!, update.revision);
    } else {
      update = this.history.createControllerRevision(set, update, collision);
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount: collision.value };
  }

  /** computeReplicaStatus over one list of pods. */
  private computeReplicaStatus(pods: readonly (Pod | undefined)[], minReadySeconds: number, current: ControllerRevision, update: ControllerRevision): ReplicaStatus {
    const s: ReplicaStatus = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
    const now = this.nowAbs();
    for (const pod of pods) {
      if (!pod) continue;
      if (isCreated(pod)) s.replicas++;
      if (isRunningAndReady(pod)) {
        s.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now)) s.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = getPodRevision(pod);
        if (rev === current.metadata.name) s.currentReplicas++;
        if (rev === update.metadata.name) s.updatedReplicas++;
      }
    }
    return s;
  }

  /** updateStatus: recounts `status` from the given pod lists. */
  private updateStatus(status: StatefulSetStatus, minReadySeconds: number, current: ControllerRevision, update: ControllerRevision, ...lists: (readonly (Pod | undefined)[])[]): void {
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let cur = 0;
    let upd = 0;
    for (const list of lists) {
      const r = this.computeReplicaStatus(list, minReadySeconds, current, update);
      replicas += r.replicas;
      ready += r.readyReplicas;
      available += r.availableReplicas;
      cur += r.currentReplicas;
      upd += r.updatedReplicas;
    }
    status.replicas = replicas;
    status.readyReplicas = ready;
    status.availableReplicas = available;
    status.currentReplicas = cur;
    status.updatedReplicas = upd;
  }

  /** processReplica: returns true when the (monotonic) loop must stop at this replica. */
  private processReplica(set: StatefulSet, updateSet: StatefulSet, monotonic: boolean, replicas: Pod[], i: number): boolean {
    const pod = replicas[i]!;
    // Failed or Succeeded (evicted, or stopped by a node reboot): delete it; the new pod comes once it is gone.
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata.deletionTimestamp) this.podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      // A claim still owned by a previous pod of this name: no more work this round.
      if (this.podControl.podClaimIsStale(set, pod)) return true;
      this.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) this.podControl.createMissingPersistentVolumeClaims(set, pod);
    // A terminating pod blocks the ordered loop until its object is gone (e.g. web-1 on a dead node).
    if (isTerminating(pod) && monotonic) return true;
    // Every predecessor of a pod must be Running and Ready, then available, before the next is created.
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, this.nowAbs()) && monotonic) return true;
    // Enforce the identity, storage and claim-retention invariants.
    let retentionMatch = true;
    try {
      retentionMatch = this.podControl.claimsMatchRetentionPolicy(updateSet, pod);
    } catch {
      retentionMatch = true;
    }
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    this.podControl.updateStatefulPod(updateSet, deepCopy(pod));
    return false;
  }

  /** processCondemned: deletes a pod beyond the replica range (one at a time, highest first, when monotonic). */
  private processCondemned(set: StatefulSet, firstUnhealthyPod: Pod | undefined, monotonic: boolean, condemned: Pod[], i: number): boolean {
    const pod = condemned[i]!;
    if (isTerminating(pod)) return monotonic; // wait for it to go before scaling further down
    const mrs = set.spec.minReadySeconds ?? 0;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthyPod) return true;
    if (!isRunningAndAvailable(pod, mrs, this.nowAbs()) && monotonic && pod !== firstUnhealthyPod) return true;
    this.podControl.deleteStatefulPod(set, pod);
    return true;
  }

  /**
   * mirrors updateStatefulSet: brings pods to the target state. Returns the status to record, and the error
   * that stopped the loop, if any (the status is then still written, as upstream does).
   */
  private updateStatefulSetPods(
    set: StatefulSet,
    current: ControllerRevision,
    update: ControllerRevision,
    collisionCount: number,
    pods: Pod[],
  ): { status?: StatefulSetStatus; error?: unknown } {
    const currentSet = applyRevision(set, current);
    const updateSet = applyRevision(set, update);
    const mrs = set.spec.minReadySeconds ?? 0;
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation ?? 1,
      replicas: 0,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount,
      availableReplicas: 0,
    };
    this.updateStatus(status, mrs, current, update, pods);

    const replicaCount = replicasOf(set);
    const replicas: (Pod | undefined)[] = new Array(replicaCount);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - getStartOrdinal(set)] = pod;
      else if (getOrdinal(pod) >= 0) condemned.push(pod);
      // A pod whose ordinal cannot be parsed is ignored.
    }
    const start = getStartOrdinal(set);
    const end = getEndOrdinal(set);
    for (let ord = start; ord <= end; ord++) {
      if (!replicas[ord - start]) replicas[ord - start] = newVersionedStatefulSetPod(currentSet, updateSet, current.metadata.name, update.metadata.name, ord);
    }
    const reps = replicas as Pod[];
    condemned.sort(descendingOrdinal);

    const now = this.nowAbs();
    let firstUnavailablePod: Pod | undefined;
    for (const p of reps) {
      if (isUnavailable(p, mrs, now) && !firstUnavailablePod) firstUnavailablePod = p;
    }
    for (let i = condemned.length - 1; i >= 0; i--) {
      if (isUnavailable(condemned[i]!, mrs, now) && !firstUnavailablePod) firstUnavailablePod = condemned[i];
    }
    // A StatefulSet being deleted only gets its status updated.
    if (set.metadata.deletionTimestamp) return { status };

    const monotonic = !allowsBurst(set);
    const finish = (error?: unknown): { status: StatefulSetStatus; error?: unknown } => {
      this.updateStatus(status, mrs, current, update, reps, condemned);
      return { status, error };
    };
    const stage = (count: number, fn: (i: number) => boolean): { exit: boolean; error?: unknown } => {
      try {
        return { exit: runForAll(count, fn, monotonic) };
      } catch (e) {
        return { exit: true, error: e };
      }
    };
    // Living replicas first; in monotonic mode stop at the first that blocks.
    let r = stage(reps.length, (i) => this.processReplica(set, updateSet, monotonic, reps, i));
    if (r.exit) return finish(r.error);
    // Fix the claims of condemned pods for the retention policy.
    r = stage(condemned.length, (i) => {
      if (!this.podControl.claimsMatchRetentionPolicy(updateSet, condemned[i]!)) this.podControl.updatePodClaimForRetentionPolicy(updateSet, condemned[i]!);
      return false;
    });
    if (r.exit) return finish(r.error);
    // Now (monotonic) every replica is Running, Ready and available: terminate condemned pods, highest first.
    r = stage(condemned.length, (i) => this.processCondemned(set, firstUnavailablePod, monotonic, condemned, i));
    if (r.exit) return finish(r.error);
    finish();
    if (set.spec.updateStrategy?.type === "OnDelete") return { status };

    // RollingUpdate: delete the highest-ordinal pod not at the update revision, at or above the partition.
    const updateMin = set.spec.updateStrategy?.rollingUpdate ? (set.spec.updateStrategy.rollingUpdate.partition ?? 0) : 0;
    for (let target = reps.length - 1; target >= updateMin; target--) {
      const pod = reps[target]!;
      if (getPodRevision(pod) !== update.metadata.name && !isTerminating(pod)) {
        try {
          this.podControl.deleteStatefulPod(set, pod);
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) return { status, error: e };
        }
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return { status };
      }
      // Wait for the updated pod to become available before touching the next one.
      if (isUnavailable(pod, mrs, this.nowAbs())) return { status };
    }
    return { status };
  }

  /** updateStatefulSetStatus: completes a finished rolling update, writes only an inconsistent status. */
  private updateStatefulSetStatus(set: StatefulSet, status: StatefulSetStatus): void {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return;
    this.statusUpdater(set, status);
  }
}
