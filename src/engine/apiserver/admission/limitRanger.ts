// LimitRanger: per-namespace defaults and bounds for container resources (core/v1 LimitRange).
// Mutating on pod CREATE: containers without a limit or request get the LimitRange's default and
// defaultRequest, noted in the kubernetes.io/limit-ranger annotation. Validating (after object
// validation): min, max and maxLimitRequestRatio per Container and per Pod, and min/max storage per
// PersistentVolumeClaim. mirrors plugin/pkg/admission/limitranger/admission.go (v1.34):
// mergeContainerResources, mergePodResourceRequirements, minConstraint, maxConstraint,
// maxRequestConstraint, limitRequestRatioConstraint, PodValidateLimitFunc,
// PersistentVolumeClaimValidateLimitFunc and SupportsAttributes.
import type { Container, KubeObject, Pod } from "../../api/types";
import { milliValue, quantityToString, value, type Quantity } from "../../apimachinery/quantity";
import { podLimits, podRequests } from "../../controllers/resourcequota/podResources";
import { fromObject, type ResourceList } from "../../controllers/resourcequota/resources";
import { admissionForbiddenBeforeNaming } from "./resourceQuotaErrors";
import type { AdmissionContext } from "./context";

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";
/** resource.MaxMilliValue: the largest value whose milli form fits an int64. */
const MAX_MILLI_VALUE = Math.trunc(2 ** 63 / 1000); // ≈ 9223372036854775 (as a double)

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

interface LimitRangeItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

function itemsOf(lr: KubeObject): LimitRangeItem[] {
  const limits = lr.spec?.limits;
  return Array.isArray(limits) ? (limits.filter(isObj) as LimitRangeItem[]) : [];
}

/** SupportsAttributes: pods on create (containers are immutable afterwards), PVCs on create and update. */
function supports(obj: KubeObject, ctx: AdmissionContext): "pod" | "pvc" | undefined {
  if (obj.apiVersion !== "v1") return undefined;
  if (obj.kind === "Pod") return ctx.operation === "CREATE" ? "pod" : undefined;
  if (obj.kind === "PersistentVolumeClaim") return "pvc";
  return undefined;
}

function limitRangesFor(obj: KubeObject, ctx: AdmissionContext): KubeObject[] {
  // Objects already marked for deletion are ignored.
  if (ctx.oldObject?.metadata?.deletionTimestamp) return [];
  return ctx.limitRanges?.(obj.metadata?.namespace ?? "default") ?? [];
}

// mirrors mergeContainerResources: fills only what the container does not set.
function mergeContainerResources(c: Container, defaults: { limits: Record<string, string>; requests: Record<string, string> }, prefix: string, notes: string[]): void {
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  // Empty maps are left out, as their JSON (omitempty) would be.
  for (const [k, v] of Object.entries(defaults.limits)) {
    if (c.resources?.limits && k in c.resources.limits) continue;
    c.resources = { ...(c.resources ?? {}), limits: { ...(c.resources?.limits ?? {}), [k]: v } };
    setLimits.push(k);
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    if (c.resources?.requests && k in c.resources.requests) continue;
    c.resources = { ...(c.resources ?? {}), requests: { ...(c.resources?.requests ?? {}), [k]: v } };
    setRequests.push(k);
  }
  if (setRequests.length > 0) notes.push(`${setRequests.sort().join(", ")} request for ${prefix} ${c.name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.sort().join(", ")} limit for ${prefix} ${c.name}`);
}

/** The mutating half: defaults from every LimitRange of the namespace, in list order. */
export function limitRangerAdmit(obj: KubeObject, ctx: AdmissionContext): void {
  if (supports(obj, ctx) !== "pod" || !isObj(obj.spec)) return;
  const pod = obj as Pod;
  for (const lr of limitRangesFor(obj, ctx)) {
    // defaultContainerResourceRequirements
    const defaults = { limits: {} as Record<string, string>, requests: {} as Record<string, string> };
    for (const item of itemsOf(lr)) {
      if (item.type !== "Container") continue;
      Object.assign(defaults.requests, item.defaultRequest ?? {});
      Object.assign(defaults.limits, item.default ?? {});
    }
    const notes: string[] = [];
    for (const c of pod.spec.containers ?? []) mergeContainerResources(c, defaults, "container", notes);
    for (const c of pod.spec.initContainers ?? []) mergeContainerResources(c, defaults, "init container", notes);
    if (notes.length > 0) {
      pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}` };
    }
  }
}

// requestLimitEnforcedValues: compare in milli-units unless that would overflow.
function values(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const r = req ? value(req) : 0;
  const l = lim ? value(lim) : 0;
  const e = value(enforced);
  if (r <= MAX_MILLI_VALUE && l <= MAX_MILLI_VALUE && e <= MAX_MILLI_VALUE) {
    return [req ? milliValue(req) : 0, lim ? milliValue(lim) : 0, milliValue(enforced)];
  }
  return [r, l, e];
}

const s = quantityToString;

export function minConstraint(limitType: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [r, l, e] = values(req, lim, enforced);
  if (!req) return `minimum ${name} usage per ${limitType} is ${s(enforced)}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${limitType} is ${s(enforced)}, but request is ${s(req)}`;
  if (lim && l < e) return `minimum ${name} usage per ${limitType} is ${s(enforced)}, but limit is ${s(lim)}`;
  return undefined;
}

export function maxConstraint(limitType: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [r, l, e] = values(req, lim, enforced);
  if (!lim) return `maximum ${name} usage per ${limitType} is ${s(enforced)}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${limitType} is ${s(enforced)}, but limit is ${s(lim)}`;
  if (req && r > e) return `maximum ${name} usage per ${limitType} is ${s(enforced)}, but request is ${s(req)}`;
  return undefined;
}

function maxRequestConstraint(limitType: string, name: string, enforced: Quantity, request: ResourceList): string | undefined {
  const req = request.get(name);
  const [r, , e] = values(req, undefined, enforced);
  if (!req) return `maximum ${name} usage per ${limitType} is ${s(enforced)}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${limitType} is ${s(enforced)}, but request is ${s(req)}`;
  return undefined;
}

export function limitRequestRatioConstraint(limitType: string, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [r, l] = values(req, lim, enforced);
  if (!req || r === 0) return `${name} max limit to request ratio per ${limitType} is ${s(enforced)}, but no request is specified or request is 0`;
  if (!lim || l === 0) return `${name} max limit to request ratio per ${limitType} is ${s(enforced)}, but no limit is specified or limit is 0`;
  let observed = l / r;
  const display = observed;
  let max = value(enforced);
  if (value(enforced) <= MAX_MILLI_VALUE) {
    observed *= 1000;
    max = milliValue(enforced);
  }
  if (observed > max) return `${name} max limit to request ratio per ${limitType} is ${s(enforced)}, but provided ratio is ${display.toFixed(6)}`;
  return undefined;
}

// Go ranges over maps in random order; sorted names make the aggregate deterministic.
function sortedEntries(list: Record<string, string> | undefined): [string, Quantity][] {
  const rl = fromObject(list);
  return [...rl.keys()].sort().map((k) => [k, rl.get(k)!]);
}

function checkAll(item: LimitRangeItem, limitType: string, request: ResourceList, limit: ResourceList, errs: string[]): void {
  const push = (m: string | undefined) => m !== undefined && errs.push(m);
  for (const [k, v] of sortedEntries(item.min)) push(minConstraint(limitType, k, v, request, limit));
  for (const [k, v] of sortedEntries(item.max)) push(maxConstraint(limitType, k, v, request, limit));
  for (const [k, v] of sortedEntries(item.maxLimitRequestRatio)) push(limitRequestRatioConstraint(limitType, k, v, request, limit));
}

// mirrors PodValidateLimitFunc / PersistentVolumeClaimValidateLimitFunc for one LimitRange.
function validateAgainst(lr: KubeObject, obj: KubeObject, kind: "pod" | "pvc"): string[] {
  const errs: string[] = [];
  for (const item of itemsOf(lr)) {
    if (kind === "pvc") {
      if (item.type !== "PersistentVolumeClaim") continue;
      const requests = fromObject(obj.spec?.resources?.requests);
      for (const [k, v] of sortedEntries(item.min)) {
        const m = minConstraint(item.type, k, v, requests, new Map());
        if (m) errs.push(m);
      }
      for (const [k, v] of sortedEntries(item.max)) {
        const m = maxRequestConstraint(item.type, k, v, requests);
        if (m) errs.push(m);
      }
      continue;
    }
    const pod = obj as Pod;
    if (item.type === "Container") {
      for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
        checkAll(item, "Container", fromObject(c.resources?.requests), fromObject(c.resources?.limits), errs);
      }
    } else if (item.type === "Pod") {
      checkAll(item, "Pod", podRequests(pod), podLimits(pod), errs);
    }
  }
  return errs;
}

/** utilerrors.NewAggregate(errs).Error(): one message as is, several in brackets. */
export function aggregateMessage(errs: readonly string[]): string {
  return errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]`;
}

/** The validating half: the first LimitRange the object violates refuses it (403). */
export function limitRangerValidate(obj: KubeObject, ctx: AdmissionContext): void {
  const kind = supports(obj, ctx);
  if (!kind || !isObj(obj.spec)) return;
  for (const lr of limitRangesFor(obj, ctx)) {
    const errs = validateAgainst(lr, obj, kind);
    if (errs.length > 0) throw admissionForbiddenBeforeNaming(obj, aggregateMessage(errs));
  }
}
