// `kubectl drain NODE`: cordon, then evict every pod the filters allow, and wait until each is gone.
// An eviction a PodDisruptionBudget refuses (429) is retried every 5 s until --timeout.
// mirrors kubectl pkg/cmd/drain/drain.go (RunDrain, deleteOrEvictPodsSimple,
// onPodDeletionOrEvictionFinished) and pkg/drain/drain.go (GetPodsForDeletion, evictPods, waitForDelete
// polling every second).
import { resolveResource } from "../../api/registry";
import type { Pod } from "../../api/types";
import { goDuration } from "../../kubelet/goDuration";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, str, type ParsedArgs } from "../flags";
import { parseSelector } from "../../apimachinery/labels";
import { fail, toFailure, type Failure } from "../util/errors";
import { errors, filterPods, podsToDelete, warnings, type DrainFilterOptions } from "../util/drainFilters";
import { evictPod } from "../util/eviction";
import { nameLine } from "../util/names";
import type { Info } from "../util/resources";
import { timeoutMs } from "../util/wait";
import { runCordonOrUncordon, selectNodes } from "./cordon";

const PODS = resolveResource("pods")!;
const DAEMONSETS = resolveResource("daemonsets")!;
const POLL_INTERVAL_MS = 1000;
/** The pause before an eviction refused with 429 is tried again. */
const EVICTION_RETRY_MS = 5000;

interface DrainOptions {
  filter: Omit<DrainFilterOptions, "nowAbsMs" | "daemonSetExists">;
  gracePeriodSeconds: number;
  timeoutMs: number;
  /** How a timeout is named in errors: the --timeout value as Go prints a Duration. */
  timeoutText: string;
  podSelector: string;
  /** --disable-eviction: plain DELETEs, no "evicting pod" lines, "deleted" instead of "evicted". */
  disableEviction: boolean;
}

/** An error that CheckErr prints as one line of an aggregate (no `error: ` prefix). */
function aggregateOf(texts: readonly string[]): Failure[] {
  return texts.length === 1 ? [{ text: texts[0] as string, single: texts[0] as string }] : texts.map((text) => ({ text }));
}

// mirrors utilerrors.aggregate.Error()
function aggregateText(texts: readonly string[]): string {
  return texts.length === 1 ? (texts[0] as string) : `[${texts.join(", ")}]`;
}

function podsOnNode(ctx: CommandContext, node: string, podSelector: string): Pod[] {
  const sel = podSelector ? parseSelector(podSelector) : undefined;
  return ctx.env.api.list(ctx.actor, PODS, undefined, (o) => o.spec?.nodeName === node && (!sel || sel.matches(o.metadata.labels))) as Pod[];
}

// mirrors GetPodsForDeletion
function podsForDeletion(ctx: CommandContext, node: string, o: DrainOptions) {
  const list = filterPods(podsOnNode(ctx, node, o.podSelector), {
    ...o.filter,
    nowAbsMs: ctx.env.clock.absolute(),
    daemonSetExists: (ns, name) => ctx.env.api.store.get(DAEMONSETS.resource, `${DAEMONSETS.resource}/${ns}/${name}`) !== undefined,
  });
  return { list, errors: errors(list) };
}

function podGone(ctx: CommandContext, pod: Pod, uid: string): boolean {
  const cur = ctx.env.api.store.get(PODS.resource, `${PODS.resource}/${pod.metadata.namespace}/${pod.metadata.name}`);
  return cur === undefined || cur.metadata.uid !== uid;
}

/** One pod's eviction "goroutine": evicting (retried every 5 s on 429), then waiting until it is gone. */
interface EvictionTask {
  pod: Pod;
  state: "evict" | "wait" | "done";
  /** Simulated ms of its next eviction attempt or poll. */
  at: number;
}

/**
 * mirrors evictPods (one goroutine per pod: "evicting pod" on every attempt, 429 → "will retry after
 * 5s", then waitForDelete polling every second, all bounded by the global --timeout) and, with
 * --disable-eviction, deletePods. Goroutines run concurrently upstream; here the attempts due at one
 * instant run in pod order, evictions before polls.
 */
function evictPods(ctx: CommandContext, pods: readonly Pod[], o: DrainOptions): string[] {
  const errs: string[] = [];
  const start = ctx.env.clock.now();
  const deadline = start + o.timeoutMs;
  const tasks: EvictionTask[] = pods.map((pod) => ({ pod, state: "evict", at: start }));
  for (;;) {
    let next = Infinity;
    for (const t of tasks) if (t.state !== "done" && t.at < next) next = t.at;
    if (next === Infinity) break;
    if (next > ctx.env.clock.now()) ctx.env.waitFor(() => false, next - ctx.env.clock.now());
    const now = ctx.env.clock.now();
    for (const t of tasks) if (t.state === "evict" && t.at <= now) attemptEviction(ctx, t, o, now >= deadline, errs);
    for (const t of tasks) if (t.state === "wait" && t.at <= now) pollDeleted(ctx, t, o, now >= deadline, errs);
  }
  return errs;
}

function attemptEviction(ctx: CommandContext, t: EvictionTask, o: DrainOptions, timedOut: boolean, errs: string[]): void {
  const { name, namespace } = t.pod.metadata;
  const ref = `pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}`;
  if (!o.disableEviction) ctx.out.out(`evicting pod ${namespace}/${name}\n`);
  if (timedOut) {
    errs.push(`error when evicting ${ref}: global timeout reached: ${o.timeoutText}`);
    t.state = "done";
    return;
  }
  try {
    evictPod(ctx, t.pod, { gracePeriodSeconds: o.gracePeriodSeconds, disableEviction: o.disableEviction });
    t.state = "wait";
  } catch (e) {
    const f = toFailure(e);
    if (f.reason === "NotFound") {
      t.state = "done";
    } else if (f.reason === "TooManyRequests" && !o.disableEviction) {
      // A PodDisruptionBudget says not now: try again in 5 s (until the global timeout).
      ctx.out.err(`error when evicting ${ref} (will retry after 5s): ${f.text}\n`);
      t.at += EVICTION_RETRY_MS;
    } else {
      errs.push(`error when evicting ${ref}: ${f.text}`);
      t.state = "done";
    }
  }
}

// mirrors waitForDelete's condition: gone (or replaced by a pod with another UID) means done.
function pollDeleted(ctx: CommandContext, t: EvictionTask, o: DrainOptions, timedOut: boolean, errs: string[]): void {
  if (podGone(ctx, t.pod, t.pod.metadata.uid)) {
    ctx.out.out(nameLine(PODS, t.pod.metadata.name, o.disableEviction ? "deleted" : "evicted"));
    t.state = "done";
  } else if (timedOut) {
    errs.push(`error when waiting for pod ${JSON.stringify(t.pod.metadata.name)} in namespace ${JSON.stringify(t.pod.metadata.namespace)} to terminate: global timeout reached: ${o.timeoutText}`);
    t.state = "done";
  } else {
    t.at += POLL_INTERVAL_MS;
  }
}

// mirrors deleteOrEvictPodsSimple; returns the node's errors (empty when drained).
function drainNode(ctx: CommandContext, node: Info, o: DrainOptions): string[] {
  const { list, errors: errs } = podsForDeletion(ctx, node.name, o);
  if (errs.length > 0) return errs;
  const w = warnings(list);
  if (w !== "") ctx.out.warn(w);
  const evictErrs = evictPods(ctx, podsToDelete(list), o);
  if (evictErrs.length > 0) {
    const pending = podsToDelete(podsForDeletion(ctx, node.name, o).list);
    if (pending.length > 0) {
      ctx.out.err(`There are pending pods in node ${JSON.stringify(node.name)} when an error occurred: ${aggregateText(evictErrs)}\n`);
      for (const pod of pending) ctx.out.err(`pod/${pod.metadata.name}\n`);
    }
  }
  return evictErrs;
}

function options(p: ParsedArgs): DrainOptions {
  const podSelector = str(p, "pod-selector") ?? "";
  if (podSelector !== "") {
    try {
      parseSelector(podSelector);
    } catch {
      fail("--pod-selector=<pod_selector> must be a valid label selector");
    }
  }
  const timeout = timeoutMs(str(p, "timeout"));
  return {
    filter: {
      force: bool(p, "force"),
      ignoreAllDaemonSets: bool(p, "ignore-daemonsets"),
      deleteEmptyDirData: bool(p, "delete-emptydir-data") || bool(p, "delete-local-data"),
      skipWaitForDeleteTimeoutSeconds: int(p, "skip-wait-for-delete-timeout") ?? 0,
    },
    gracePeriodSeconds: int(p, "grace-period") ?? -1,
    timeoutMs: timeout,
    timeoutText: goDuration(timeout),
    podSelector,
    disableEviction: bool(p, "disable-eviction"),
  };
}

function runDrain(ctx: CommandContext, p: ParsedArgs): Failure[] {
  if (p.changed.has("delete-local-data")) {
    ctx.out.err("Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n");
  }
  const nodes = selectNodes(ctx, p, "drain NODE");
  const o = options(p);
  runCordonOrUncordon(ctx, nodes, true);
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const errs = drainNode(ctx, node, o);
    if (errs.length === 0) {
      ctx.out.out(nameLine(node.type, node.name, "drained"));
      continue;
    }
    ctx.out.err(`error: unable to drain node ${JSON.stringify(node.name)} due to error: ${aggregateText(errs)}, continuing command...\n`);
    fatal.push(errs);
    remaining.push(node.name);
  }
  if (remaining.length > 0) ctx.out.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join("")}`);
  // CheckErr on NewAggregate(fatal): one node's errors one per line; several nodes one line each.
  if (fatal.length === 1) return aggregateOf(fatal[0] as string[]);
  return fatal.map((errs) => ({ text: aggregateText(errs) }));
}

export const drainCommand: CommandDef = {
  name: "drain",
  short: "Drain node in preparation for maintenance",
  use: "drain NODE",
  flags: [
    { name: "force", kind: "bool" },
    { name: "ignore-daemonsets", kind: "bool" },
    { name: "delete-emptydir-data", kind: "bool" },
    { name: "delete-local-data", kind: "bool" },
    { name: "grace-period", kind: "int", default: -1 },
    { name: "timeout", kind: "string" },
    { name: "pod-selector", kind: "string" },
    { name: "selector", short: "l", kind: "string" },
    { name: "disable-eviction", kind: "bool" },
    { name: "skip-wait-for-delete-timeout", kind: "int", default: 0 },
    { name: "chunk-size", kind: "int", default: 500 },
    { name: "dry-run", kind: "string" },
  ],
  run: runDrain,
};
