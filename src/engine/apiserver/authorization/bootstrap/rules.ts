// A compact notation for the bootstrap policy's rules, so the tables read like upstream's
// rbacv1helpers.NewRule(verbs...).Groups(...).Resources(...).Names(...) builders.
// Lists are space-separated; the group "core" stands for "" (the legacy core group).
import type { PolicyRule } from "../types";

const words = (s: string): string[] => (s === "" ? [] : s.split(" "));

/** A resource rule. `resourceNames` narrows it to named objects. */
export function rule(verbs: string, groups: string, resources: string, resourceNames?: string): PolicyRule {
  return {
    verbs: words(verbs),
    apiGroups: words(groups).map((g) => (g === "core" ? "" : g)),
    resources: words(resources),
    ...(resourceNames ? { resourceNames: words(resourceNames) } : {}),
  };
}

/** A non-resource rule (URL paths such as /healthz). */
export function urls(verbs: string, paths: string): PolicyRule {
  return { verbs: words(verbs), nonResourceURLs: words(paths) };
}

/** eventsRule(): what every control loop needs to record events, in both event API groups. */
export const EVENTS_RULE = rule("create patch update", "core events.k8s.io", "events");

/** The ClusterRole / Role shape the bootstrap tables describe. */
export interface RoleDef {
  name: string;
  rules: PolicyRule[] | null;
  labels?: Record<string, string>;
  aggregateFrom?: Record<string, string>;
}

export function role(name: string, rules: PolicyRule[], labels?: Record<string, string>): RoleDef {
  return { name, rules, ...(labels ? { labels } : {}) };
}
