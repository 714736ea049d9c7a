// Quota evaluators: for each kind, which quota resources it consumes and how much one object uses.
// mirrors k/k pkg/quota/v1/evaluator/core (pods.go, services.go, persistent_volume_claims.go) and the
// generic object-count evaluator (k8s.io/apiserver pkg/quota/v1/generic/evaluator.go), with
// k8s.io/apiserver pkg/quota/v1/generic Matches and CalculateUsageStats.
import type { Container, KubeObject, Pod } from "../../api/types";
import { parseTime } from "../../sim/clock";
import { podLimits, podRequests } from "./podResources";
import { add, fromObject, ONE, type ResourceList } from "./resources";
import { podMatchesScope, scopeSelectorsOf, type ScopedResourceSelectorRequirement } from "./scopes";
import { newQuantity } from "../../apimachinery/quantity";

export interface Evaluator {
  /** Resource plural (and group) the evaluator counts, e.g. "pods", "services". */
  readonly resource: string;
  readonly group: string;
  matchingResources(names: readonly string[]): string[];
  /** Whether an object of this kind can be in a quota with these scope selectors. */
  matchesScope(sel: ScopedResourceSelectorRequirement, obj: KubeObject): boolean;
  usage(obj: KubeObject, nowAbs: number): ResourceList;
  /** Constraints: the requirements an object must meet to be counted (pods: explicit cpu/memory). */
  constraints(required: readonly string[], obj: KubeObject): string | undefined;
  /** Whether an admission request for this kind affects quota (Handles). */
  handles(operation: "CREATE" | "UPDATE", obj: KubeObject, old?: KubeObject): boolean;
}

/** ObjectCountQuotaResourceNameFor: count/<resource>[.<group>]. */
export function objectCountName(resource: string, group: string): string {
  return group === "" ? `count/${resource}` : `count/${resource}.${group}`;
}

// ---- pods ----

const POD_RESOURCES = [
  "count/pods", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
];
const POD_RESOURCE_PREFIXES = ["hugepages-", "requests.hugepages-"];
/** The resources a pod must request explicitly when a quota tracks them (a historical mistake, kept). */
const VALIDATION_SET = new Set(["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]);

// mirrors podComputeUsageHelper
function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const r: ResourceList = new Map([["pods", ONE]]);
  const req = (n: string) => requests.get(n);
  const lim = (n: string) => limits.get(n);
  for (const n of ["cpu", "memory", "ephemeral-storage"]) {
    const q = req(n);
    if (q) {
      r.set(n, q);
      r.set(`requests.${n}`, q);
    }
    const l = lim(n);
    if (l) r.set(`limits.${n}`, l);
  }
  for (const [n, q] of requests) {
    if (n.startsWith("hugepages-")) {
      r.set(n, q);
      r.set(`requests.${n}`, q);
    }
  }
  return r;
}

// mirrors QuotaV1Pod: terminal pods, and pods past their deletion grace, are not charged.
export function quotaV1Pod(pod: Pod, nowAbs: number): boolean {
  if (pod.status?.phase === "Failed" || pod.status?.phase === "Succeeded") return false;
  const del = parseTime(pod.metadata.deletionTimestamp);
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (!Number.isNaN(del) && grace !== undefined && nowAbs > del + grace * 1000) return false;
  return true;
}

function podLevelResourcesSet(pod: Pod): boolean {
  const r = pod.spec.resources as { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined;
  return !!r && ["cpu", "memory"].some((n) => (r.requests && n in r.requests) || (r.limits && n in r.limits));
}

// mirrors enforcePodContainerConstraints
function missingFor(c: Container, required: Set<string>, missing: Map<string, Set<string>>): void {
  const usage = podComputeUsage(fromObject(c.resources?.requests), fromObject(c.resources?.limits));
  for (const r of required) {
    if (usage.has(r)) continue;
    const set = missing.get(r) ?? new Set<string>();
    set.add(c.name);
    missing.set(r, set);
  }
}

export const podEvaluator: Evaluator = {
  resource: "pods",
  group: "",
  matchingResources(names) {
    return names.filter((n) => POD_RESOURCES.includes(n) || POD_RESOURCE_PREFIXES.some((p) => n.startsWith(p)) || (n.startsWith("requests.") && !isNativeQuotaName(n)));
  },
  matchesScope: (sel, obj) => podMatchesScope(sel, obj as Pod),
  // mirrors PodUsageFunc: the object count always, compute resources only while the pod is live.
  usage(obj, nowAbs) {
    const pod = obj as Pod;
    const result: ResourceList = new Map([["count/pods", ONE]]);
    if (!quotaV1Pod(pod, nowAbs)) return result;
    return add(result, podComputeUsage(podRequests(pod), podLimits(pod)));
  },
  // mirrors podEvaluator.Constraints
  constraints(required, obj) {
    const pod = obj as Pod;
    if (podLevelResourcesSet(pod)) return undefined;
    const req = new Set(required.filter((r) => VALIDATION_SET.has(r)));
    if (req.size === 0) return undefined;
    const missing = new Map<string, Set<string>>();
    for (const c of pod.spec.containers ?? []) missingFor(c, req, missing);
    for (const c of pod.spec.initContainers ?? []) missingFor(c, req, missing);
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(",")}`);
    return `must specify ${parts.join("; ")}`;
  },
  handles(op, obj, old) {
    if (op === "CREATE") return true;
    // An update matters only when it moves the pod between the Terminating and NotTerminating scopes.
    return !!old && isTerminatingPod(obj) !== isTerminatingPod(old);
  },
};

function isTerminatingPod(o: KubeObject): boolean {
  const ads = o.spec?.activeDeadlineSeconds;
  return typeof ads === "number" && ads >= 0;
}

/** Native (kubernetes.io or unprefixed) resource names are not extended resources. */
function isNativeQuotaName(n: string): boolean {
  const rest = n.slice("requests.".length);
  return !rest.includes("/") || rest.includes("kubernetes.io/");
}

// ---- services ----

export const serviceEvaluator: Evaluator = {
  resource: "services",
  group: "",
  matchingResources: (names) => names.filter((n) => ["services", "services.nodeports", "services.loadbalancers", "count/services"].includes(n)),
  matchesScope: () => false,
  // mirrors serviceEvaluator.Usage
  usage(obj) {
    const r: ResourceList = new Map([["services", ONE], ["count/services", ONE]]);
    const type = obj.spec?.type ?? "ClusterIP";
    const ports = Array.isArray(obj.spec?.ports) ? obj.spec.ports.length : 0;
    if (type === "NodePort") r.set("services.nodeports", newQuantity(ports, "DecimalSI"));
    if (type === "LoadBalancer") {
      r.set("services.loadbalancers", ONE);
      if (obj.spec?.allocateLoadBalancerNodePorts !== false) r.set("services.nodeports", newQuantity(ports, "DecimalSI"));
    }
    return r;
  },
  constraints: () => undefined,
  handles: (op) => op === "CREATE" || op === "UPDATE",
};

// ---- persistentvolumeclaims ----

const STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";

export const pvcEvaluator: Evaluator = {
  resource: "persistentvolumeclaims",
  group: "",
  matchingResources: (names) =>
    names.filter((n) => ["persistentvolumeclaims", "requests.storage", "count/persistentvolumeclaims"].includes(n) || (n.includes(STORAGE_CLASS_SUFFIX) && (n.endsWith("/persistentvolumeclaims") || n.endsWith("/requests.storage")))),
  matchesScope: () => false,
  // mirrors pvcEvaluator.Usage
  usage(obj) {
    const r: ResourceList = new Map([["persistentvolumeclaims", ONE], ["count/persistentvolumeclaims", ONE]]);
    const storage = fromObject(obj.spec?.resources?.requests).get("storage");
    const sc = obj.spec?.storageClassName as string | undefined;
    if (sc) r.set(`${sc}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
    if (storage) {
      r.set("requests.storage", storage);
      if (sc) r.set(`${sc}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return r;
  },
  constraints: () => undefined,
  handles: (op) => op === "CREATE" || op === "UPDATE",
};

// ---- everything else: object counts ----

/** Legacy quota names for object counts (ResourceConfigMaps, ResourceSecrets, …). */
const LEGACY_COUNT: Record<string, string> = {
  configmaps: "configmaps",
  secrets: "secrets",
  replicationcontrollers: "replicationcontrollers",
  resourcequotas: "resourcequotas",
};

// mirrors NewObjectCountEvaluator
export function objectCountEvaluator(resource: string, group: string): Evaluator {
  const countName = objectCountName(resource, group);
  const legacy = group === "" ? LEGACY_COUNT[resource] : undefined;
  return {
    resource,
    group,
    matchingResources: (names) => names.filter((n) => n === countName || n === legacy),
    matchesScope: () => false,
    usage() {
      const r: ResourceList = new Map([[countName, ONE]]);
      if (legacy) r.set(legacy, ONE);
      return r;
    },
    constraints: () => undefined,
    handles: (op) => op === "CREATE",
  };
}

const BUILT_IN = new Map<string, Evaluator>([
  ["pods", podEvaluator],
  ["services", serviceEvaluator],
  ["persistentvolumeclaims", pvcEvaluator],
]);
const counters = new Map<string, Evaluator>();

/** The evaluator for a resource (plural, group). */
export function evaluatorFor(resource: string, group: string): Evaluator {
  if (group === "") {
    const e = BUILT_IN.get(resource);
    if (e) return e;
  }
  const key = `${resource}.${group}`;
  let e = counters.get(key);
  if (!e) {
    e = objectCountEvaluator(resource, group);
    counters.set(key, e);
  }
  return e;
}

// mirrors generic.Matches: the quota names at least one resource the evaluator tracks, and every scope
// selector matches the object.
export function quotaMatches(ev: Evaluator, quota: KubeObject, obj: KubeObject, hardNames: readonly string[]): boolean {
  if (ev.matchingResources(hardNames).length === 0) return false;
  for (const sel of scopeSelectorsOf(quota)) if (!ev.matchesScope(sel, obj)) return false;
  return true;
}
