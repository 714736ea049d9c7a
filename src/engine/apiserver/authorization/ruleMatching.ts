// Whether one RBAC PolicyRule covers a request.
// mirrors RuleAllows (plugin/pkg/auth/authorizer/rbac/rbac.go) and VerbMatches, APIGroupMatches,
// ResourceMatches, ResourceNameMatches, NonResourceURLMatches (pkg/apis/rbac/v1/evaluation_helpers.go).
import { ALL, type Attributes, type PolicyRule } from "./types";

export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  for (const v of rule.verbs ?? []) if (v === ALL || v === requestedVerb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  for (const g of rule.apiGroups ?? []) if (g === ALL || g === requestedGroup) return true;
  return false;
}

/**
 * `combined` is "resource" or "resource/subresource". A rule resource matches when it is "*", equal to
 * the combined name, or "*\/<subresource>" for a request on that subresource of any resource.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true;
    if (subresource === "") continue;
    if (r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

/** A rule without resourceNames covers every name; one with names covers only those (never ""). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(name);
}

/** "*" matches every path; "/apis/*" every path under it; otherwise an exact match. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/**
 * Whether `rule` allows the request whatever object name it carries: it matches and has no resourceNames.
 * An allowed request whose allowing rule is name-free is allowed for every name (the authorizer's cache).
 */
export function ruleAllowsAnyName(a: Attributes, rule: PolicyRule): boolean {
  if (!a.resourceRequest) return false;
  const names = rule.resourceNames;
  if (names != null && names.length > 0) return false;
  const combined = a.subresource === "" ? a.resource : `${a.resource}/${a.subresource}`;
  return verbMatches(rule, a.verb) && apiGroupMatches(rule, a.apiGroup) && resourceMatches(rule, combined, a.subresource);
}

export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.resourceRequest) {
    const combined = a.subresource === "" ? a.resource : `${a.resource}/${a.subresource}`;
    return verbMatches(rule, a.verb) && apiGroupMatches(rule, a.apiGroup) && resourceMatches(rule, combined, a.subresource) && resourceNameMatches(rule, a.name);
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path);
}
