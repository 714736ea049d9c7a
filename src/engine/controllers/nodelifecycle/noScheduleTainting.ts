// TaintNodesByCondition: the node lifecycle controller mirrors node conditions and spec.unschedulable
// as NoSchedule taints (not-ready, unreachable, memory/disk/pid-pressure, network-unavailable,
// unschedulable), so that the scheduler's TaintToleration plugin keeps new pods off such nodes.
// Runs on every node add/update. Also reconciles the beta OS/arch labels.
// Mirrors doNoScheduleTaintingPass and reconcileNodeLabels (pkg/controller/nodelifecycle/node_lifecycle_controller.go).
import type { Node, Taint } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import { swapNodeControllerTaint } from "./nodeControllerUtils";
import { TaintKeys, taintSetDiff } from "./taints";

/** nodeConditionToTaintKeyStatusMap: which condition status maps to which taint key. */
export const nodeConditionToTaintKeyStatusMap: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TaintKeys.NotReady, Unknown: TaintKeys.Unreachable },
  MemoryPressure: { True: TaintKeys.MemoryPressure },
  DiskPressure: { True: TaintKeys.DiskPressure },
  NetworkUnavailable: { True: TaintKeys.NetworkUnavailable },
  PIDPressure: { True: TaintKeys.PIDPressure },
};

/** taintKeyToNodeConditionMap: the taint keys this pass owns (besides unschedulable). */
const conditionTaintKeys = new Set<string>([
  TaintKeys.NotReady,
  TaintKeys.Unreachable,
  TaintKeys.NetworkUnavailable,
  TaintKeys.MemoryPressure,
  TaintKeys.DiskPressure,
  TaintKeys.PIDPressure,
]);

// mirrors doNoScheduleTaintingPass
/** Returns false when a swap request failed (upstream logs it and does not requeue). */
export function doNoScheduleTaintingPass(client: ApiClient, node: Node, now: string): boolean {
  const want: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = nodeConditionToTaintKeyStatusMap[c.type]?.[c.status];
    if (key) want.push({ key, effect: "NoSchedule" });
  }
  if (node.spec?.unschedulable) want.push({ key: TaintKeys.Unschedulable, effect: "NoSchedule" });
  const have = (node.spec?.taints ?? []).filter(
    (t) => t.effect === "NoSchedule" && (t.key === TaintKeys.Unschedulable || conditionTaintKeys.has(t.key)),
  );
  const { toAdd, toRemove } = taintSetDiff(want, have);
  if (toAdd.length === 0 && toRemove.length === 0) return true;
  return swapNodeControllerTaint(client, toAdd, toRemove, node, now);
}

/** labelReconcileInfo: the stable OS/arch labels are the truth; the beta ones must exist and match. */
const labelReconcileInfo = [
  { primaryKey: "kubernetes.io/os", secondaryKey: "beta.kubernetes.io/os", ensureSecondaryExists: true },
  { primaryKey: "kubernetes.io/arch", secondaryKey: "beta.kubernetes.io/arch", ensureSecondaryExists: true },
] as const;

// mirrors reconcileNodeLabels (+ controller.AddOrUpdateLabelsOnNode: GET, then PATCH the labels)
export function reconcileNodeLabels(client: ApiClient, node: Node): void {
  const labels = node.metadata.labels;
  if (!labels) return;
  const toUpdate: Record<string, string> = {};
  let n = 0;
  for (const r of labelReconcileInfo) {
    const primary = labels[r.primaryKey];
    if (primary === undefined) continue;
    const secondary = labels[r.secondaryKey];
    if ((secondary !== undefined && secondary !== primary) || (secondary === undefined && r.ensureSecondaryExists)) {
      toUpdate[r.secondaryKey] = primary;
      n++;
    }
  }
  if (n === 0) return;
  try {
    client.get<Node>("Node", undefined, node.metadata.name);
    client.patch<Node>("Node", undefined, node.metadata.name, (fresh) => {
      fresh.metadata.labels = { ...(fresh.metadata.labels ?? {}), ...toUpdate };
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // upstream: "Failed to reconcile labels for node, requeue it" — logged only (a TODO in upstream).
  }
}
