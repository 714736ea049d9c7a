// The Eviction API as kubectl drain uses it (POST pods/<name>/eviction, policy/v1). Today an eviction
// is a graceful delete with the drain's DeleteOptions; PodDisruptionBudget checks (429 Too Many
// Requests) belong here when the disruption controller exists.
// mirrors drain.Helper.EvictPod (kubectl pkg/drain/drain.go) and makeDeleteOptions.
import { resolveResource } from "../../api/registry";
import type { Pod } from "../../api/types";
import type { CommandContext } from "../command";

const PODS = resolveResource("pods")!;

export interface EvictionOptions {
  /** --grace-period: negative means the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds: number;
}

/** Evicts one pod; throws the API error (404 when it is already gone). Returns the pod's UID. */
export function evictPod(ctx: CommandContext, pod: Pod, opts: EvictionOptions): string {
  const res = ctx.env.api.delete(ctx.actor, PODS, pod.metadata.namespace, pod.metadata.name, {
    ...(opts.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
  });
  return res.metadata.uid;
}
