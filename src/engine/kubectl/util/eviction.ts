// The Eviction API as kubectl drain uses it: POST pods/<name>/eviction (policy/v1) with the drain's
// DeleteOptions. The API server answers 429 TooManyRequests when a PodDisruptionBudget forbids it; the
// caller retries. With --disable-eviction it is a plain DELETE instead.
// mirrors drain.Helper.EvictPod, DeletePod and makeDeleteOptions (kubectl pkg/drain/drain.go).
import type { Pod } from "../../api/types";
import { resolveResource } from "../../api/registry";
import type { DeleteOptions } from "../../apiserver/apiServer";
import type { CommandContext } from "../command";

const PODS = resolveResource("pods")!;

export interface EvictionOptions {
  /** --grace-period: negative means the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds: number;
  /** --disable-eviction: DELETE the pod, bypassing PodDisruptionBudgets. */
  disableEviction?: boolean;
}

// mirrors makeDeleteOptions
function deleteOptions(opts: EvictionOptions): DeleteOptions {
  return opts.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {};
}

/** Evicts (or deletes) one pod; throws the API error (404 when it is already gone, 429 when a budget says no). */
export function evictPod(ctx: CommandContext, pod: Pod, opts: EvictionOptions): void {
  const ns = pod.metadata.namespace ?? "default";
  if (opts.disableEviction) ctx.env.api.delete(ctx.actor, PODS, ns, pod.metadata.name, deleteOptions(opts));
  else ctx.env.api.evict(ctx.actor, ns, pod.metadata.name, deleteOptions(opts));
}
