// DaemonSet status: per node that should run the pod, whether it has one and whether the oldest one is
// ready, available and at the current revision; written only when something changed.
// mirrors updateDaemonSetStatus and storeDaemonSetStatus (k/k pkg/controller/daemon/daemon_controller.go).
import type { Node, Pod } from "../../api/types";
import { isPodAvailable, isPodReady } from "../../api/podutil";
import { ApiError } from "../../apiserver/errors";
import { keyOf } from "../../client/informer";
import type { DaemonSetController } from "./daemonSetController";
import { isPodUpdated } from "./daemonSetUtil";
import { podByCreationTimestampAndPhase } from "./manage";
import { nodeShouldRunDaemonPod } from "./nodeShouldRunDaemonPod";
import type { DaemonSet, DaemonSetStatus } from "./types";

/** StatusUpdateRetries: one GET-and-retry after a failed status write. */
export const STATUS_UPDATE_RETRIES = 1;

interface Counts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  updated: number;
  available: number;
  unavailable: number;
}

/** mirrors updateDaemonSetStatus */
export function updateDaemonSetStatus(dsc: DaemonSetController, ds: DaemonSet, nodeList: readonly Node[], hash: string, updateObservedGen: boolean): void {
  const nodeToDaemonPods = dsc.getNodesToDaemonPods(ds, false);
  const now = dsc.ctx.clock.absolute();
  const mrs = ds.spec.minReadySeconds ?? 0;
  const c: Counts = { desired: 0, current: 0, misscheduled: 0, ready: 0, updated: 0, available: 0, unavailable: 0 };
  for (const node of nodeList) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = nodeToDaemonPods.get(node.metadata.name);
    const scheduled = !!pods && pods.length > 0;
    if (!shouldRun) {
      if (scheduled) c.misscheduled++;
      continue;
    }
    c.desired++;
    if (!scheduled) continue;
    c.current++;
    // The oldest pod of the node speaks for it.
    const pod: Pod = pods.length === 1 ? pods[0]! : [...pods].sort(podByCreationTimestampAndPhase)[0]!;
    if (isPodReady(pod)) {
      c.ready++;
      if (isPodAvailable(pod, mrs, now)) c.available++;
    }
    if (isPodUpdated(pod, hash)) c.updated++;
  }
  c.unavailable = c.desired - c.available;
  storeDaemonSetStatus(dsc, ds, c, updateObservedGen);
  // Resync after minReadySeconds as a last line of defence against clock skew.
  if (mrs > 0 && c.ready !== c.available) dsc.queue.addAfter(keyOf(ds), mrs * 1000);
}

/** mirrors storeDaemonSetStatus: writes only on a change; after a failure, one fresh GET and one retry. */
function storeDaemonSetStatus(dsc: DaemonSetController, ds: DaemonSet, c: Counts, updateObservedGen: boolean): void {
  const s = ds.status;
  const gen = ds.metadata.generation ?? 1;
  const same =
    (s?.desiredNumberScheduled ?? 0) === c.desired &&
    (s?.currentNumberScheduled ?? 0) === c.current &&
    (s?.numberMisscheduled ?? 0) === c.misscheduled &&
    (s?.numberReady ?? 0) === c.ready &&
    (s?.updatedNumberScheduled ?? 0) === c.updated &&
    (s?.numberAvailable ?? 0) === c.available &&
    (s?.numberUnavailable ?? 0) === c.unavailable;
  // Upstream also writes when only observedGeneration lags and is not to be raised; such a write changes
  // nothing, which etcd turns into a no-op (no revision, no watch event), so we skip it.
  if (same && ((s?.observedGeneration ?? 0) >= gen || !updateObservedGen)) return;
  let toUpdate: DaemonSet = ds;
  for (let i = 0; ; i++) {
    const prev = toUpdate.status;
    // Field order and omitempty as DaemonSetStatus marshals.
    const status: DaemonSetStatus = { currentNumberScheduled: c.current, numberMisscheduled: c.misscheduled, desiredNumberScheduled: c.desired, numberReady: c.ready };
    const observed = updateObservedGen ? gen : (prev?.observedGeneration ?? 0);
    if (observed) status.observedGeneration = observed;
    if (c.updated) status.updatedNumberScheduled = c.updated;
    if (c.available) status.numberAvailable = c.available;
    if (c.unavailable) status.numberUnavailable = c.unavailable;
    if (prev?.collisionCount !== undefined) status.collisionCount = prev.collisionCount;
    if (prev?.conditions !== undefined) status.conditions = prev.conditions;
    try {
      dsc.client.updateStatus({ ...toUpdate, metadata: { ...toUpdate.metadata }, status } as DaemonSet);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      if (i >= STATUS_UPDATE_RETRIES) throw e instanceof ApiError ? e : new Error(`error storing status for daemon set "${ds.metadata.name}": ${(e as Error).message}`);
      toUpdate = dsc.client.get<DaemonSet>("DaemonSet", ds.metadata.namespace, ds.metadata.name);
    }
  }
}
