// CalculateUsage: what a quota's namespace currently uses of each resource the quota limits.
// mirrors quota.CalculateUsage (k8s.io/apiserver pkg/quota/v1/resources.go) and
// generic.CalculateUsageStats (pkg/quota/v1/generic/evaluator.go): every matched resource starts at 0,
// and only objects matching every scope selector are counted.
import type { KubeObject } from "../../api/types";
import { evaluatorFor, type Evaluator } from "./evaluators";
import { add, ZERO, type ResourceList } from "./resources";
import { scopeSelectorsOf } from "./scopes";

/** The kinds whose usage the quota system always knows how to count (the registry's evaluators). */
export const REGISTRY_RESOURCES: ReadonlyArray<readonly [resource: string, group: string]> = [
  ["pods", ""],
  ["services", ""],
  ["persistentvolumeclaims", ""],
  ["configmaps", ""],
  ["secrets", ""],
  ["replicationcontrollers", ""],
  ["resourcequotas", ""],
];

/** The (resource, group) of a `count/<resource>[.<group>]` quota name, if it is one. */
export function parseObjectCountName(name: string): [string, string] | undefined {
  if (!name.startsWith("count/")) return undefined;
  const rest = name.slice("count/".length);
  const dot = rest.indexOf(".");
  return dot < 0 ? [rest, ""] : [rest.slice(0, dot), rest.slice(dot + 1)];
}

/** Every evaluator a quota's hard list involves: the registry's plus any count/<resource>.<group>. */
export function evaluatorsFor(hardNames: readonly string[]): Evaluator[] {
  const out = REGISTRY_RESOURCES.map(([r, g]) => evaluatorFor(r, g));
  for (const n of hardNames) {
    const rg = parseObjectCountName(n);
    if (!rg) continue;
    const e = evaluatorFor(rg[0], rg[1]);
    if (!out.includes(e)) out.push(e);
  }
  return out;
}

/**
 * The usage of `quota`'s namespace. `list(resource, group)` returns the objects of that kind in the
 * namespace (from the informers).
 */
export function calculateUsage(quota: KubeObject, hardNames: readonly string[], list: (resource: string, group: string) => readonly KubeObject[], nowAbs: number): ResourceList {
  let used: ResourceList = new Map();
  const selectors = scopeSelectorsOf(quota);
  for (const ev of evaluatorsFor(hardNames)) {
    const matched = ev.matchingResources(hardNames);
    if (matched.length === 0) continue;
    let stats: ResourceList = new Map(matched.map((n) => [n, ZERO]));
    for (const obj of list(ev.resource, ev.group)) {
      if (!selectors.every((s) => ev.matchesScope(s, obj))) continue;
      stats = add(stats, ev.usage(obj, nowAbs));
    }
    used = add(used, stats);
  }
  return used;
}
