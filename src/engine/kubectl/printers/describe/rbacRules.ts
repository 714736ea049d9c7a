// How kubectl lays out RBAC rules for people (`kubectl describe role`, `kubectl auth can-i --list`):
// each rule broken down to one group/resource/verb/name, the verbs of one resource merged back
// (apiserver/authorization/ruleLayout.ts), and the result sorted by the rules' Go string form.
// mirrors SortableRuleSlice (kubectl pkg/util/rbac/rbac.go), PolicyRule.String (k8s.io/api rbac/v1
// generated.pb.go) and CombineResourceGroup (kubectl pkg/describe/describe.go).
import { breakdownRule, compactRules } from "../../../apiserver/authorization/ruleLayout";
import type { PolicyRule } from "../../../apiserver/authorization/types";

export { breakdownRule, compactRules };

/** Go's %v of a []string. */
export const goSlice = (xs: readonly string[] | undefined): string => `[${(xs ?? []).join(" ")}]`;

/** PolicyRule.String(): what SortableRuleSlice compares. */
export function policyRuleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;
}

/** Broken down, compacted and sorted: the rows of kubectl's rule tables. */
export function humanRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const keyed = compactRules(rules.flatMap(breakdownRule)).map((r) => ({ r, key: policyRuleString(r) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.r);
}

// mirrors CombineResourceGroup: "deployments.apps/scale".
export function combineResourceGroup(resources: readonly string[] | undefined, groups: readonly string[] | undefined): string {
  const first = resources?.[0];
  if (first === undefined) return "";
  const slash = first.indexOf("/");
  let combined = slash < 0 ? first : first.slice(0, slash);
  const group = groups?.[0];
  if (group) combined += `.${group}`;
  if (slash >= 0) combined += `/${first.slice(slash + 1)}`;
  return combined;
}

/** One table row: Resources, Non-Resource URLs, Resource Names, Verbs. */
export function ruleRow(r: PolicyRule): string {
  return `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}`;
}
