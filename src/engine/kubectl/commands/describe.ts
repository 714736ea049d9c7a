// `kubectl describe TYPE [NAME_PREFIX | -l label]`: the describer's text for each object, separated by
// a blank line; a NAME that matches nothing exactly describes every object whose name starts with it.
// mirrors kubectl pkg/cmd/describe/describe.go (Complete, Run, DescribeMatchingResources) and the event
// and pod lookups of pkg/describe/describe.go (searchEvents, the node's two UIDs, non-terminated pods).
import { resolveResource, type ResourceType } from "../../api/registry";
import type { Deployment, KubeEvent, KubeObject, Lease, Node, Pod, ReplicaSet } from "../../api/types";
import { parseSelector, type Selector } from "../../apimachinery/labels";
import { findNewReplicaSet } from "../../controllers/deployment/util/replicaSetUtil";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { describeDeployment, describeNode, describePersistentVolume, describePersistentVolumeClaim, describePod, describeReplicaSet, describeStorageClass, podsForClaim } from "../printers/describe";
import { describeHorizontalPodAutoscaler } from "../printers/describe/autoscaling";
import { describePodDisruptionBudget } from "../printers/describe/policy";
import { describeRole, describeRoleBinding, describeServiceAccount } from "../printers/describe/rbac";
import { describeConfigMap, describeLimitRange, describePriorityClass, describeResourceQuota, describeSecret } from "../printers/describe/config";
import { describeDaemonSet, describeStatefulSet } from "../printers/describe/apps";
import { describeCronJob, describeJob } from "../printers/describe/batch";
import { describeEndpoints, describeNamespace, describeService } from "../printers/describe/core";
import { parseResourceArgs } from "../resourceArgs";
import { deploymentReplicaSets } from "../util/deploymentUtil";
import { fail, toFailure, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { groupKindString } from "../util/kinds";

const EVENTS = resolveResource("events")!;
const PODS = resolveResource("pods")!;
const LEASES = resolveResource("leases")!;
const ENDPOINT_SLICES = resolveResource("endpointslices")!;
const QUOTAS = resolveResource("resourcequotas")!;
const LIMIT_RANGES = resolveResource("limitranges")!;

interface Target {
  type: ResourceType;
  object: KubeObject;
}

// mirrors searchEvents: the events whose involvedObject is this object (kind, name, namespace, uid).
function eventsFor(ctx: CommandContext, obj: KubeObject, uids: readonly string[]): KubeEvent[] {
  const ns = obj.metadata.namespace;
  return ctx.env.api.list(ctx.actor, EVENTS, ns, (e) => {
    const ref = (e as KubeEvent).involvedObject ?? {};
    return ref.kind === obj.kind && ref.name === obj.metadata.name && (ref.namespace ?? "") === (ns ?? "") && uids.includes(ref.uid ?? "");
  }) as KubeEvent[];
}

/** The describer of a kind, or undefined when Kubelab has none yet. */
function describe(ctx: CommandContext, t: Target, showEvents: boolean): string | undefined {
  const now = ctx.env.clock.absolute();
  const obj = t.object;
  const events = (uids: string[]) => (showEvents ? eventsFor(ctx, obj, uids) : undefined);
  switch (`${t.type.group}/${t.type.kind}`) {
    case "/Pod":
      return describePod(obj as Pod, events([obj.metadata.uid]), now);
    case "apps/Deployment": {
      const d = obj as Deployment;
      const all = deploymentReplicaSets(ctx, d);
      const newRS = findNewReplicaSet(d, [...all]);
      const old = all.filter((rs) => rs !== newRS && (rs.spec.replicas ?? 1) !== 0);
      return describeDeployment(d, { oldReplicaSets: old, ...(newRS ? { newReplicaSet: newRS } : {}) }, events([obj.metadata.uid]), now);
    }
    case "apps/ReplicaSet": {
      const pods = ctx.env.api.list(ctx.actor, PODS, obj.metadata.namespace) as Pod[];
      return describeReplicaSet(obj as ReplicaSet, pods, events([obj.metadata.uid]), now);
    }
    case "/Node": {
      const name = obj.metadata.name;
      const pods = ctx.env.api.list(ctx.actor, PODS, undefined, (p) => p.spec?.nodeName === name && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed") as Pod[];
      let lease: Lease | undefined;
      try {
        lease = ctx.env.api.get(ctx.actor, LEASES, "kube-node-lease", name) as Lease;
      } catch {
        lease = undefined;
      }
      // The node controller records events with the node's UID, the kubelet with the node's name.
      return describeNode(obj as Node, pods, lease, events([obj.metadata.uid, name]), now);
    }
    case "autoscaling/HorizontalPodAutoscaler":
      return describeHorizontalPodAutoscaler(obj as Parameters<typeof describeHorizontalPodAutoscaler>[0], events([obj.metadata.uid]), now);
    case "/ConfigMap":
      return describeConfigMap(obj, events([obj.metadata.uid]), now);
    case "/Secret":
      return describeSecret(obj);
    case "/ResourceQuota":
      return describeResourceQuota(obj);
    case "/LimitRange":
      return describeLimitRange(obj);
    case "scheduling.k8s.io/PriorityClass":
      return describePriorityClass(obj, events([obj.metadata.uid]), now);
    case "/PersistentVolume":
      return describePersistentVolume(obj, events([obj.metadata.uid]), now);
    case "/PersistentVolumeClaim": {
      const pods = ctx.env.api.list(ctx.actor, PODS, obj.metadata.namespace) as Pod[];
      return describePersistentVolumeClaim(obj, events([obj.metadata.uid]), podsForClaim(obj, pods), now);
    }
    case "storage.k8s.io/StorageClass":
      return describeStorageClass(obj, events([obj.metadata.uid]), now);
    case "rbac.authorization.k8s.io/Role":
    case "rbac.authorization.k8s.io/ClusterRole":
      return describeRole(obj);
    case "rbac.authorization.k8s.io/RoleBinding":
    case "rbac.authorization.k8s.io/ClusterRoleBinding":
      return describeRoleBinding(obj);
    case "/ServiceAccount":
      return describeServiceAccount(obj, events([obj.metadata.uid]), now);
    case "policy/PodDisruptionBudget":
      return describePodDisruptionBudget(obj, events([obj.metadata.uid]), now);
    case "batch/Job":
      return describeJob(obj, events([obj.metadata.uid]), now);
    case "batch/CronJob":
      return describeCronJob(obj, events([obj.metadata.uid]), now);
    case "apps/DaemonSet":
      return describeDaemonSet(obj, ctx.env.api.list(ctx.actor, PODS, obj.metadata.namespace) as Pod[], events([obj.metadata.uid]), now);
    case "apps/StatefulSet":
      return describeStatefulSet(obj, ctx.env.api.list(ctx.actor, PODS, obj.metadata.namespace) as Pod[], events([obj.metadata.uid]), now);
    case "/Service": {
      // ServiceDescriber lists the slices labelled kubernetes.io/service-name=<name>.
      const slices = ctx.env.api.list(ctx.actor, ENDPOINT_SLICES, obj.metadata.namespace, (s) => s.metadata.labels?.["kubernetes.io/service-name"] === obj.metadata.name);
      return describeService(obj, slices, events([obj.metadata.uid]), now);
    }
    case "/Endpoints":
      return describeEndpoints(obj, events([obj.metadata.uid]), now);
    case "/Namespace": {
      const name = obj.metadata.name;
      return describeNamespace(obj, ctx.env.api.list(ctx.actor, QUOTAS, name), ctx.env.api.list(ctx.actor, LIMIT_RANGES, name));
    }
  }
  return undefined;
}

function targets(ctx: CommandContext, p: ParsedArgs, labels: Selector | undefined): { list: Target[]; failures: Failure[]; notFoundPrefix?: [ResourceType, string] } {
  const list: Target[] = [];
  const failures: Failure[] = [];
  const allNamespaces = bool(p, "all-namespaces");
  const filenames = strs(p, "filename");
  if (filenames.length > 0) {
    const files = selectFromFiles(ctx, filenames, bool(p, "recursive"));
    for (const info of files.infos) {
      try {
        list.push({ type: info.type, object: ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name) });
      } catch (e) {
        failures.push(toFailure(e));
      }
    }
    return { list, failures: [...files.failures, ...failures] };
  }
  const refs = parseResourceArgs(p.positional);
  let notFoundPrefix: [ResourceType, string] | undefined;
  for (const ref of refs) {
    if (ref.names.length === 0) {
      const ns = ref.type.namespaced && !allNamespaces ? ctx.namespace : undefined;
      for (const object of ctx.env.api.list(ctx.actor, ref.type, ns, labels ? (o) => labels.matches(o.metadata.labels) : undefined)) list.push({ type: ref.type, object });
      continue;
    }
    for (const name of ref.names) {
      try {
        list.push({ type: ref.type, object: ctx.env.api.get(ctx.actor, ref.type, ref.type.namespaced ? ctx.namespace : undefined, name) });
      } catch (e) {
        const f = toFailure(e);
        failures.push(f);
        if (f.reason === "NotFound" && p.positional.length === 2 && !p.positional[0]!.includes("/")) notFoundPrefix = [ref.type, name];
      }
    }
  }
  return { list, failures, ...(notFoundPrefix ? { notFoundPrefix } : {}) };
}

function runDescribe(ctx: CommandContext, p: ParsedArgs): Failure[] {
  if (p.positional.length === 0 && strs(p, "filename").length === 0) {
    fail('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  }
  const selector = str(p, "selector");
  let labels: Selector | undefined;
  if (selector) {
    try {
      labels = parseSelector(selector);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const showEvents = p.flags.get("show-events") !== false;
  const { list, failures, notFoundPrefix } = targets(ctx, p, labels);
  if (notFoundPrefix && failures.length === 1) return describeMatching(ctx, notFoundPrefix[0], notFoundPrefix[1], failures[0]!, showEvents);
  const errs = [...failures];
  const seen = new Set<string>();
  let first = true;
  for (const t of list) {
    const text = describe(ctx, t, showEvents);
    if (text === undefined) {
      const msg = `Kubelab cannot describe ${groupKindString(t.type)} yet: try kubectl get ${t.type.resource} ${t.object.metadata.name} -o yaml`;
      if (!seen.has(msg)) errs.push({ text: msg });
      seen.add(msg);
      continue;
    }
    ctx.out.out(first ? text : `\n\n${text}`);
    first = false;
  }
  if (list.length === 0 && errs.length === 0) {
    ctx.out.err(bool(p, "all-namespaces") ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  return errs;
}

// mirrors DescribeMatchingResources: every object of the type whose name starts with the prefix.
function describeMatching(ctx: CommandContext, type: ResourceType, prefix: string, original: Failure, showEvents: boolean): Failure[] {
  let found = false;
  for (const object of ctx.env.api.list(ctx.actor, type, type.namespaced ? ctx.namespace : undefined)) {
    if (!object.metadata.name.startsWith(prefix)) continue;
    const text = describe(ctx, { type, object }, showEvents);
    if (text === undefined) return [{ text: `Kubelab cannot describe ${groupKindString(type)} yet` }];
    found = true;
    ctx.out.out(`${text}\n`);
  }
  return found ? [] : [original];
}

export const describeCommand: CommandDef = {
  name: "describe",
  short: "Show details of a specific resource or group of resources",
  use: "describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)",
  flags: [
    { name: "selector", short: "l", kind: "string" },
    { name: "all-namespaces", short: "A", kind: "bool" },
    { name: "show-events", kind: "bool", default: true },
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "chunk-size", kind: "int", default: 500 },
  ],
  run: runDescribe,
};
