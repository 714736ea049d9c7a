// The pods/<name>/eviction subresource (policy/v1 Eviction): a delete that asks the pod's
// PodDisruptionBudget first. Pods that are Pending, finished or already terminating go at once; a
// healthy pod goes only when its budget allows a disruption, which the eviction spends (status
// disruptionsAllowed - 1, the pod recorded in disruptedPods) so two concurrent evictions cannot both
// pass; otherwise 429 TooManyRequests. An unready pod may go without spending the budget when the
// application is healthy anyway (IfHealthyBudget, the default) or always (AlwaysAllow). The pod is
// marked DisruptionTarget=True (EvictionByEvictionAPI) just before it is deleted.
// mirrors EvictionREST.Create, checkAndDecrement, canIgnorePDB, addConditionAndDeletePod and
// createTooManyRequestsError (k/k pkg/registry/core/pod/storage/eviction.go, v1.34).
import { isPodReady } from "../../api/podutil";
import type { Pod } from "../../api/types";
import { podDisruptionBudgetsFor, updateDisruptionAllowedCondition, type PdbStatus, type PodDisruptionBudget } from "../../controllers/disruption/pdbUtil";
import { updatePodCondition } from "../../controllers/nodelifecycle/podConditions";
import { rfc3339, type SimClock } from "../../sim/clock";
import { deepCopy } from "../../sim/clone";
import type { ApiServer, DeleteOptions } from "../apiServer";
import { ApiError, notFound, type StatusReason } from "../errors";

/** MaxDisruptedPodSize: evictions the disruption controller has not confirmed yet, per budget. */
export const MAX_DISRUPTED_POD_SIZE = 2000;
export const EVICTION_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
/** The loopback identity the eviction handler writes budgets with (its PDB client). */
const LOOPBACK = "system:apiserver";

/** 429 TooManyRequests (errors.NewTooManyRequests); `cause` is the DisruptionBudget StatusCause message. */
export class TooManyRequestsError extends ApiError {
  constructor(message: string, readonly budgetCause: string, readonly retryAfterSeconds: number) {
    super(429, "TooManyRequests" as StatusReason, message);
  }
}

// mirrors canIgnorePDB
function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed" || phase === "Pending" || pod.metadata.deletionTimestamp !== undefined;
}

function tooManyRequests(pdbName: string): TooManyRequestsError {
  return new TooManyRequestsError(EVICTION_MESSAGE, `The disruption budget ${pdbName} is still being processed by the server.`, 10);
}

/**
 * Runs one eviction inside the API server's request for pods/<name>/eviction. `internal` is the actor
 * of the handler's own nested calls (no audit entry, no authorization: they are part of this request).
 */
export function evictPod(api: ApiServer, clock: SimClock, internal: string, namespace: string, name: string, opts: DeleteOptions): void {
  const pod = api.store.get("pods", `pods/${namespace}/${name}`) as Pod | undefined;
  if (!pod) throw notFound("pods", name);
  if (canIgnorePDB(pod)) return addConditionAndDeletePod(api, clock, internal, pod, opts);
  const pdbs = podDisruptionBudgetsFor(pod, api.store.list("poddisruptionbudgets", namespace) as PodDisruptionBudget[]);
  if (pdbs.length > 1) {
    throw new ApiError(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
  }
  const pdb = pdbs[0];
  if (pdb && (isPodReady(pod) || spendsBudgetWhenUnready(pdb))) checkAndDecrement(api, clock, pod.metadata.name, pdb);
  addConditionAndDeletePod(api, clock, internal, pod, opts);
}

/** An unready pod may go for free under AlwaysAllow, or under IfHealthyBudget while the app is healthy. */
function spendsBudgetWhenUnready(pdb: PodDisruptionBudget): boolean {
  if (pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow") return false;
  const s = pdb.status ?? {};
  const desired = s.desiredHealthy ?? 0;
  return !((s.currentHealthy ?? 0) >= desired && desired > 0);
}

// mirrors checkAndDecrement
function checkAndDecrement(api: ApiServer, clock: SimClock, podName: string, pdb: PodDisruptionBudget): void {
  const s = pdb.status ?? {};
  if ((s.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests(pdb.metadata.name);
  const allowed = s.disruptionsAllowed ?? 0;
  if (allowed < 0) throw new ApiError(403, "Forbidden", `poddisruptionbudget.policy ${JSON.stringify(pdb.metadata.name)} is forbidden: pdb disruptions allowed is negative`);
  if (Object.keys(s.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw new ApiError(403, "Forbidden", `poddisruptionbudget.policy ${JSON.stringify(pdb.metadata.name)} is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
  }
  if (allowed === 0) {
    throw new TooManyRequestsError(EVICTION_MESSAGE, `The disruption budget ${pdb.metadata.name} needs ${s.desiredHealthy ?? 0} healthy pods and has ${s.currentHealthy ?? 0} currently`, 0);
  }
  const now = rfc3339(clock.absolute());
  const next = deepCopy(pdb);
  const status = { ...(next.status ?? {}) } as PdbStatus;
  status.disruptionsAllowed = allowed - 1;
  if (status.disruptionsAllowed === 0) updateDisruptionAllowedCondition(status, now);
  // The disruption controller must not count this pod as available while its deletion is under way.
  status.disruptedPods = { ...(status.disruptedPods ?? {}), [podName]: now };
  next.status = status;
  api.updateStatus(LOOPBACK, next);
}

// mirrors addConditionAndDeletePod
function addConditionAndDeletePod(api: ApiServer, clock: SimClock, internal: string, pod: Pod, opts: DeleteOptions): void {
  const ns = pod.metadata.namespace ?? "default";
  const rt = api.typeOf(pod);
  api.patch(internal, rt, ns, pod.metadata.name, (p) => {
    updatePodCondition(p.status ?? (p.status = {}), {
      type: "DisruptionTarget",
      status: "True",
      reason: "EvictionByEvictionAPI",
      message: "Eviction API: evicting",
      ...(p.metadata.generation ? { observedGeneration: p.metadata.generation } : {}),
    }, rfc3339(clock.absolute()));
  }, "status");
  api.delete(internal, rt, ns, pod.metadata.name, opts);
}
