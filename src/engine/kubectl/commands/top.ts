// `kubectl top pod|node`: resource usage from metrics.k8s.io (the simulated metrics-server).
// mirrors kubectl pkg/cmd/top/top.go, top_pod.go (Validate, RunTopPod, verifyEmptyMetrics, checkPodAge) and
// top_node.go (RunTopNode): "Metrics API not available" without a metrics-server; "metrics not available
// yet" while the pods are younger than 2 minutes and have no sample; a missing named object's metrics are a
// NotFound from metrics.k8s.io (podmetrics.metrics.k8s.io "ns/name" not found).
import type { Node, Pod } from "../../api/types";
import { resolveResource } from "../../api/registry";
import { ApiError } from "../../apiserver/errors";
import { fieldSelectorForKind, matchesFieldSelector, type FieldSelector } from "../../apimachinery/fields";
import { parseSelector, type Selector } from "../../apimachinery/labels";
import { parseBytes, parseCpuMillis } from "../../apimachinery/quantity";
import { goDuration } from "../../kubelet/goDuration";
import { metricsApiFor } from "../../metrics/apiService";
import type { MetricsApi, NodeMetrics, PodMetrics } from "../../metrics/metricsApi";
import { printNodeMetrics, printPodMetrics, type NodeAvailable } from "../../metrics/topPrinter";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, type ParsedArgs } from "../flags";
import { fail, usageError, CommandFailure, type Failure } from "../util/errors";

const PODS = resolveResource("pods")!;
const NODES = resolveResource("nodes")!;
/** metricsCreationDelay */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

function metricsApi(ctx: CommandContext): MetricsApi {
  const api = metricsApiFor(ctx.env.api);
  if (!api) fail("Metrics API not available");
  return api;
}

function validateSortBy(p: ParsedArgs): string {
  const sortBy = str(p, "sort-by") ?? "";
  if (sortBy !== "" && sortBy !== "cpu" && sortBy !== "memory") fail("--sort-by accepts only cpu or memory");
  return sortBy;
}

function oneName(ctx: CommandContext, p: ParsedArgs, use: string): string | undefined {
  if (p.positional.length > 1) throw new CommandFailure([usageError(ctx.commandPath, use)]);
  return p.positional[0];
}

function labelSelector(p: ParsedArgs): Selector | undefined {
  const raw = str(p, "selector");
  if (!raw) return undefined;
  try {
    return parseSelector(raw);
  } catch (e) {
    fail((e as Error).message);
  }
}

// mirrors checkPodAge
function checkPodAge(ctx: CommandContext, pod: Pod): void {
  const age = ctx.env.clock.absolute() - Date.parse(pod.metadata.creationTimestamp);
  if (age > METRICS_CREATION_DELAY_MS) fail(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
}

function notFound(resource: string, name: string): never {
  throw new ApiError(404, "NotFound", `${resource}.metrics.k8s.io "${name}" not found`);
}

function runTopPod(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = oneName(ctx, p, "pod [NAME | -l label]");
  const sortBy = validateSortBy(p);
  if (name && (str(p, "selector") || str(p, "field-selector"))) fail("only one of NAME or selector can be provided");
  const labels = labelSelector(p);
  let fields: FieldSelector | undefined;
  const rawFields = str(p, "field-selector");
  if (rawFields) {
    try {
      fields = fieldSelectorForKind("", "Pod", rawFields);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const api = metricsApi(ctx);
  const all = bool(p, "all-namespaces");
  let metrics: PodMetrics[];
  if (name) {
    const m = api.podMetrics(ctx.namespace, name);
    if (!m) notFound("podmetrics", `${ctx.namespace}/${name}`);
    metrics = [m];
  } else {
    const selected = (m: PodMetrics): boolean => {
      if (!labels && !fields) return true;
      const pod = ctx.env.api.store.get("pods", `pods/${m.namespace}/${m.name}`);
      return pod !== undefined && (!labels || labels.matches(pod.metadata.labels)) && (!fields || matchesFieldSelector(fields, pod));
    };
    metrics = api.listPodMetrics(all ? undefined : ctx.namespace).filter(selected);
  }
  if (metrics.length === 0) {
    // verifyEmptyMetrics (it lists in o.Namespace even with -A, as upstream).
    const pods = ctx.env.api.list(ctx.actor, PODS, ctx.namespace, (o) => (!labels || labels.matches(o.metadata.labels)) && (!fields || matchesFieldSelector(fields, o))) as Pod[];
    if (pods.length > 0) {
      for (const pod of pods) checkPodAge(ctx, pod);
      fail("metrics not available yet");
    }
    ctx.out.err(all ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`);
    return [];
  }
  ctx.out.out(
    printPodMetrics(metrics, {
      containers: bool(p, "containers"),
      withNamespace: all,
      noHeaders: bool(p, "no-headers"),
      sortBy,
      sum: bool(p, "sum"),
      showSwap: bool(p, "show-swap"),
    }),
  );
  return [];
}

function quantity(parse: (s: string) => number, v: string | undefined): number {
  if (v === undefined) return 0;
  try {
    return parse(v);
  } catch {
    return 0;
  }
}

function runTopNode(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = oneName(ctx, p, "node [NAME | -l label]");
  const sortBy = validateSortBy(p);
  if (name && str(p, "selector")) fail("only one of NAME or --selector can be provided");
  const labels = labelSelector(p);
  const api = metricsApi(ctx);
  let metrics: NodeMetrics[];
  if (name) {
    const m = api.nodeMetrics(name);
    if (!m) notFound("nodemetrics", name);
    metrics = [m];
  } else {
    metrics = api.listNodeMetrics().filter((m) => {
      if (!labels) return true;
      const node = ctx.env.api.store.get("nodes", `nodes/${m.name}`);
      return node !== undefined && labels.matches(node.metadata.labels);
    });
  }
  if (metrics.length === 0) fail("metrics not available yet");
  const nodes = (name ? [ctx.env.api.get(ctx.actor, NODES, undefined, name)] : ctx.env.api.list(ctx.actor, NODES, undefined, (o) => !labels || labels.matches(o.metadata.labels))) as Node[];
  const available = new Map<string, NodeAvailable>();
  const useCapacity = bool(p, "show-capacity");
  for (const n of nodes) {
    const list = (useCapacity ? n.status?.capacity : n.status?.allocatable) ?? {};
    available.set(n.metadata.name, { cpuMilli: quantity(parseCpuMillis, list.cpu), memoryBytes: quantity(parseBytes, list.memory) });
  }
  ctx.out.out(printNodeMetrics(metrics, available, { noHeaders: bool(p, "no-headers"), sortBy, showSwap: bool(p, "show-swap") }));
  return [];
}

const topPodCommand: CommandDef = {
  name: "pod",
  aliases: ["pods", "po"],
  short: "Display resource (CPU/memory) usage of pods",
  use: "pod [NAME | -l label]",
  flags: [
    { name: "selector", short: "l", kind: "string" },
    { name: "field-selector", kind: "string" },
    { name: "sort-by", kind: "string" },
    { name: "containers", kind: "bool" },
    { name: "all-namespaces", short: "A", kind: "bool" },
    { name: "no-headers", kind: "bool" },
    { name: "use-protocol-buffers", kind: "bool", default: true },
    { name: "sum", kind: "bool" },
    { name: "show-swap", kind: "bool" },
  ],
  run: runTopPod,
};

const topNodeCommand: CommandDef = {
  name: "node",
  aliases: ["nodes", "no"],
  short: "Display resource (CPU/memory) usage of nodes",
  use: "node [NAME | -l label]",
  flags: [
    { name: "selector", short: "l", kind: "string" },
    { name: "sort-by", kind: "string" },
    { name: "no-headers", kind: "bool" },
    { name: "use-protocol-buffers", kind: "bool", default: true },
    { name: "show-capacity", kind: "bool" },
    { name: "show-swap", kind: "bool" },
  ],
  run: runTopNode,
};

export const topCommand: CommandDef = {
  name: "top",
  short: "Display resource (CPU/memory) usage",
  use: "top",
  flags: [],
  subcommands: [topNodeCommand, topPodCommand],
};
