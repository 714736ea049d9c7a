// ResourceQuota (validating admission, the last plugin): an object that would push a namespace past a
// quota is refused with 403, and an admitted one is charged to the quota's status.used at once, before
// it is stored — the quota controller only reconciles later. mirrors CheckRequest and prettyPrint
// (k8s.io/apiserver pkg/admission/plugin/resourcequota/controller.go) with the evaluators of
// controllers/resourcequota (pkg/quota/v1/evaluator/core).
import type { KubeObject } from "../../api/types";
import { resourceTypeForKind } from "../../api/registry";
import { evaluatorFor, quotaMatches } from "../../controllers/resourcequota/evaluators";
import { add, fromObject, isZero, lessThanOrEqual, mask, negatives, prettyPrint, subtractNonNegative, toObject, type ResourceList } from "../../controllers/resourcequota/resources";
import { deepCopy } from "../../sim/clone";
import type { AdmissionContext } from "./context";
import { admissionForbiddenBeforeNaming } from "./resourceQuotaErrors";

/** Resources the quota system never counts (--admission-control-config: the default ignored list). */
const IGNORED = new Set(["events", "events.events.k8s.io", "bindings", "tokenreviews.authentication.k8s.io", "subjectaccessreviews.authorization.k8s.io", "selfsubjectaccessreviews.authorization.k8s.io", "localsubjectaccessreviews.authorization.k8s.io", "selfsubjectrulesreviews.authorization.k8s.io"]);

export function resourceQuotaValidate(obj: KubeObject, ctx: AdmissionContext): void {
  if (!ctx.resourceQuotas) return;
  const rt = resourceTypeForKind(obj.apiVersion, obj.kind);
  if (!rt || !rt.namespaced) return;
  if (IGNORED.has(rt.group === "" ? rt.resource : `${rt.resource}.${rt.group}`)) return;
  const ev = evaluatorFor(rt.resource, rt.group);
  if (!ev.handles(ctx.operation, obj, ctx.oldObject)) return;
  const ns = obj.metadata?.namespace ?? "default";
  const quotas = ctx.resourceQuotas(ns);
  if (quotas.length === 0) return;
  const now = ctx.now?.() ?? 0;

  // The quotas this object counts against: each must know its usage and accept the object's shape.
  const interesting: { quota: KubeObject; hard: ResourceList; used: ResourceList }[] = [];
  for (const quota of quotas) {
    const hard = fromObject(quota.status?.hard);
    const hardNames = [...hard.keys()];
    if (!quotaMatches(ev, quota, obj, hardNames)) continue;
    const restricted = ev.matchingResources(hardNames);
    const violation = ev.constraints(restricted, obj);
    if (violation) throw admissionForbiddenBeforeNaming(obj, `failed quota: ${quota.metadata.name}: ${violation}`);
    const used = fromObject(quota.status?.used);
    // hasUsageStats: the quota controller has not computed usage for these resources yet.
    if (restricted.some((r) => hard.has(r) && !used.has(r))) {
      throw admissionForbiddenBeforeNaming(obj, `status unknown for quota: ${quota.metadata.name}, resources: ${[...restricted].sort().join(",")}`);
    }
    interesting.push({ quota, hard, used });
  }

  let delta = ev.usage(obj, now);
  const negative = negatives(delta);
  if (negative.length > 0) throw admissionForbiddenBeforeNaming(obj, `quota usage is negative for resource(s): ${negative.sort().join(",")}`);
  if (ctx.operation === "UPDATE" && ctx.oldObject?.metadata?.resourceVersion) {
    delta = subtractNonNegative(delta, ev.usage(ctx.oldObject, now));
  }
  if (isZero(delta) || interesting.length === 0) return;

  const charged: KubeObject[] = [];
  for (const { quota, hard, used } of interesting) {
    const requested = mask(delta, hard.keys());
    const newUsage = add(used, requested);
    const maskedNew = mask(newUsage, requested.keys());
    const { ok, exceeded } = lessThanOrEqual(maskedNew, hard);
    if (!ok) {
      throw admissionForbiddenBeforeNaming(
        obj,
        `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
    const next = deepCopy(quota);
    next.status = { ...(next.status ?? {}), used: toObject(newUsage) };
    charged.push(next);
  }
  // Every quota accepted the object: charge them all (the evaluator writes only after all checks pass).
  for (const q of charged) ctx.updateQuotaStatus?.(q);
}
