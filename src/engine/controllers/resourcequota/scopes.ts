// Which pods a quota counts: scopes (Terminating, NotTerminating, BestEffort, NotBestEffort,
// PriorityClass, CrossNamespacePodAffinity) and scopeSelector expressions.
// mirrors podMatchesScopeFunc, IsTerminating, usesCrossNamespacePodAffinity and podMatchesSelector
// (k/k pkg/quota/v1/evaluator/core/pods.go) and getScopeSelectorsFromQuota.
import type { KubeObject, Pod } from "../../api/types";
import { computeQOSClass } from "../../apiserver/admission/qos";

export interface ScopedResourceSelectorRequirement {
  scopeName: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

/** spec.scopes (as Exists) followed by spec.scopeSelector.matchExpressions. */
export function scopeSelectorsOf(quota: KubeObject): ScopedResourceSelectorRequirement[] {
  const out: ScopedResourceSelectorRequirement[] = [];
  for (const s of (quota.spec?.scopes ?? []) as string[]) out.push({ scopeName: s, operator: "Exists" });
  for (const e of (quota.spec?.scopeSelector?.matchExpressions ?? []) as ScopedResourceSelectorRequirement[]) out.push(e);
  return out;
}

export function isTerminating(pod: Pod): boolean {
  const ads = pod.spec.activeDeadlineSeconds;
  return typeof ads === "number" && ads >= 0;
}

function crossNamespace(terms: unknown): boolean {
  if (!Array.isArray(terms)) return false;
  return terms.some((t) => {
    const term = (t?.podAffinityTerm ?? t) as { namespaces?: string[]; namespaceSelector?: unknown } | undefined;
    return !!term && ((term.namespaces?.length ?? 0) > 0 || term.namespaceSelector != null);
  });
}

function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const a = pod.spec.affinity;
  if (!a) return false;
  for (const x of [a.podAffinity, a.podAntiAffinity]) {
    if (!x) continue;
    if (crossNamespace(x.requiredDuringSchedulingIgnoredDuringExecution) || crossNamespace(x.preferredDuringSchedulingIgnoredDuringExecution)) return true;
  }
  return false;
}

// mirrors podMatchesSelector: the PriorityClass scope as a label selector over {PriorityClass: name}.
function priorityClassMatches(pod: Pod, sel: ScopedResourceSelectorRequirement): boolean {
  const name = pod.spec.priorityClassName ?? "";
  const has = name !== "";
  switch (sel.operator) {
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "In":
      return has && (sel.values ?? []).includes(name);
    case "NotIn":
      return !has || !(sel.values ?? []).includes(name);
    default:
      return false;
  }
}

// mirrors podMatchesScopeFunc
export function podMatchesScope(sel: ScopedResourceSelectorRequirement, pod: Pod): boolean {
  switch (sel.scopeName) {
    case "Terminating":
      return isTerminating(pod);
    case "NotTerminating":
      return !isTerminating(pod);
    case "BestEffort":
      return computeQOSClass(pod) === "BestEffort";
    case "NotBestEffort":
      return computeQOSClass(pod) !== "BestEffort";
    case "PriorityClass":
      return priorityClassMatches(pod, sel);
    case "CrossNamespacePodAffinity":
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}
