// `kubectl logs (POD | TYPE/NAME) [CONTAINER] [-c CONTAINER] [-p] [--tail N]`: the container's output as
// the kubelet keeps it. -f cannot stream in a one-shot terminal: it prints what exists so far.
// mirrors LogsOptions.Complete/Validate/RunLogs (kubectl pkg/cmd/logs/logs.go), logsForObjectWithClient,
// findContainerByName and getContainerNames (kubectl pkg/polymorphichelpers/logsforobject.go), GetFirstPod
// (pkg/polymorphichelpers/helpers.go), podutils.ByLogging (kubectl pkg/util/podutils), and the server side:
// LogLocation's empty location for an unscheduled pod (pkg/registry/core/pod/strategy.go) and
// validateContainerLogStatus (pkg/kubelet/kubelet_pods.go).
import { resolveResource } from "../../api/registry";
import type { Container, ContainerStatus, KubeObject, Pod } from "../../api/types";
import { badRequest } from "../../apiserver/errors";
import { labelSelectorAsSelector, type Selector, selectorFromSet } from "../../apimachinery/labels";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, str, type ParsedArgs } from "../flags";
import { parseResourceArgs } from "../resourceArgs";
import { fail, usageError, CommandFailure, type Failure } from "../util/errors";
import { field, rec } from "../printers/columns/types";

const PODS = resolveResource("pods")!;

const LOGS_USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/** getContainerNames: names joined by a space. */
const containerNames = (cs: readonly Container[] | undefined) => (cs ?? []).map((c) => c.name).join(" ");

// mirrors SelectorsForObject for the kinds Kubelab runs: workloads' label selectors, a Service's map.
function selectorFor(obj: KubeObject): Selector {
  const spec = field(obj, "spec");
  switch (obj.kind) {
    case "Service":
    case "ReplicationController": {
      const sel = rec(field(spec, "selector")) as Record<string, string>;
      if (Object.keys(sel).length === 0) fail(`cannot get the logs from *v1.${obj.kind}: invalid service '${obj.metadata.name}': Service is defined without a selector`);
      return selectorFromSet(sel);
    }
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
      return labelSelectorAsSelector(field(spec, "selector") as Parameters<typeof labelSelectorAsSelector>[0]);
  }
  return fail(`cannot get the logs from ${obj.kind}: selector for ${obj.kind} not implemented`);
}

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
const readySince = (p: Pod) => (p.status?.conditions ?? []).find((c) => c.type === "Ready" && c.status === "True")?.lastTransitionTime ?? "";
const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
// A missing map key is 0 in Go: Succeeded and Failed rank with Running.
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const cmpTime = (a: string, b: string) => (a === b ? 0 : a === "" ? 1 : b === "" ? -1 : a < b ? -1 : 1);

// mirrors podutils.ByLogging: the pod most worth reading first.
export function byLogging(a: Pod, b: Pod): number {
  const an = a.spec?.nodeName ?? "";
  const bn = b.spec?.nodeName ?? "";
  if (an !== bn && (an === "" || bn === "")) return an !== "" ? -1 : 1;
  const ar = PHASE_RANK[a.status?.phase ?? ""] ?? 0;
  const br = PHASE_RANK[b.status?.phase ?? ""] ?? 0;
  if (ar !== br) return ar - br;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b)) {
    const c = cmpTime(readySince(a), readySince(b));
    if (c !== 0) return c;
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  const c = cmpTime(a.metadata.creationTimestamp ?? "", b.metadata.creationTimestamp ?? "");
  if (c !== 0) return c;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

// mirrors GetFirstPod: waits (--pod-running-timeout) for a matching pod when there is none yet.
function firstPod(ctx: CommandContext, namespace: string, selector: Selector, timeoutMs: number): Pod {
  const list = () => ctx.env.api.list(ctx.actor, PODS, namespace, (p) => selector.matches(p.metadata.labels)) as Pod[];
  let pods = list();
  if (pods.length === 0) {
    ctx.env.waitFor(() => list().length > 0, timeoutMs);
    pods = list();
    if (pods.length === 0) fail("timed out waiting for the condition");
  }
  const sorted = [...pods].sort(byLogging);
  const pod = sorted[0]!;
  if (pods.length > 1) ctx.out.err(`Found ${pods.length} pods, using pod/${pod.metadata.name}\n`);
  return pod;
}

// mirrors logsForObjectWithClient's container choice for one pod.
function pickContainer(pod: Pod, name: string | undefined): string {
  if (!name) {
    const cs = pod.spec?.containers ?? [];
    if (cs.length !== 1) {
      let msg = `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containerNames(cs)}]`;
      const init = containerNames(pod.spec?.initContainers);
      if (init) msg += ` or one of the init containers: [${init}]`;
      fail(msg);
    }
    return cs[0]!.name;
  }
  const found = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].some((c) => c.name === name);
  if (!found) fail(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return name;
}

// mirrors validateContainerLogStatus: which instance's logs to read, or the kubelet's refusal.
function logInstance(pod: Pod, container: string, previous: boolean): "current" | "previous" {
  const podName = pod.metadata.name;
  const status: ContainerStatus | undefined = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  if (!status) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const last = status.lastState?.terminated;
  const state = status.state ?? {};
  if (previous) {
    if (!last || !last.containerID) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return "previous";
  }
  if (state.running) return "current";
  if (state.terminated) {
    if (state.terminated.containerID) return "current";
    if (last?.containerID) return "previous";
    throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    return "previous";
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? "";
    if (reason === "ErrImagePull") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (reason === "ImagePullBackOff") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

function runLogs(ctx: CommandContext, p: ParsedArgs): Failure[] | void {
  const args = p.positional;
  if (args.length === 0) throw new CommandFailure([usageError(ctx.commandPath, LOGS_USAGE)]);
  if (args.length > 2) throw new CommandFailure([usageError(ctx.commandPath, LOGS_USAGE)]);
  let containerName = str(p, "container") ?? "";
  if (args.length === 2) {
    // `kubectl logs POD CONTAINER` (deprecated form); -c and a second argument conflict.
    if (containerName) throw new CommandFailure([usageError(ctx.commandPath, "only one of -c or an inline [CONTAINER] arg is allowed")]);
    containerName = args[1]!;
  }
  const tail = int(p, "tail") ?? -1;
  const previous = bool(p, "previous");
  const timeoutMs = 20_000;

  const target = args[0]!;
  let pod: Pod;
  if (!target.includes("/")) {
    pod = ctx.env.api.get(ctx.actor, PODS, ctx.namespace, target) as Pod;
  } else {
    const ref = parseResourceArgs([target])[0]!;
    const obj = ctx.env.api.get(ctx.actor, ref.type, ref.type.namespaced ? ctx.namespace : undefined, ref.names[0]!);
    pod = obj.kind === "Pod" ? (obj as Pod) : firstPod(ctx, ctx.namespace, selectorFor(obj), timeoutMs);
  }
  const container = pickContainer(pod, containerName || undefined);
  // LogLocation: an unscheduled pod has no kubelet to ask: the stream is empty.
  const node = pod.spec?.nodeName;
  if (!node) return;
  const instance = logInstance(pod, container, previous);
  const lines = ctx.env.logs?.containerLogs(node, pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, instance === "previous") ?? [];
  const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
  if (shown.length > 0) ctx.out.out(shown.join("\n") + "\n");
}

export const logsCommand: CommandDef = {
  name: "logs",
  short: "Print the logs for a container in a pod",
  use: "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]",
  flags: [
    { name: "container", short: "c", kind: "string" },
    { name: "previous", short: "p", kind: "bool" },
    { name: "tail", kind: "int", default: -1 },
    { name: "follow", short: "f", kind: "bool" },
    { name: "timestamps", kind: "bool" },
    { name: "pod-running-timeout", kind: "string", default: "20s" },
  ],
  run: runLogs,
};
