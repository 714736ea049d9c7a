// Label selectors: `kubectl get pods -l app=web,tier!=db`, Deployment.spec.selector, Service.spec.selector.
// Mirrors k8s.io/apimachinery pkg/labels/selector.go (Requirement, internalSelector, Parse, SelectorFromSet)
// and pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, FormatLabelSelector).
//
// Invariants: a Selector is immutable; its requirements are sorted by key (stable), which fixes both the
// String() form and the match order. Matching allocates nothing.
import type { LabelSelector } from "../api/types";
import { parseLabelSelectorRequirements } from "./labelsParser";
import { compareStrings, LabelSelectorError, newRequirement, Requirement, type Labels, type Operator } from "./labelRequirement";

export interface Selector {
  readonly requirements: readonly Requirement[];
  /** True only for the Nothing selector (a nil metav1.LabelSelector). */
  readonly matchesNothing: boolean;
  matches(labels: Labels): boolean;
  /** Does not restrict the selection (Everything). */
  empty(): boolean;
  toString(): string;
  /** The single value a selector requires for `label` (=, == or a one-value in), if any. */
  requiresExactMatch(label: string): string | undefined;
}

class InternalSelector implements Selector {
  readonly matchesNothing = false;
  constructor(readonly requirements: readonly Requirement[]) {}

  matches(labels: Labels): boolean {
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) if (!(reqs[i] as Requirement).matches(labels)) return false;
    return true;
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map((r) => r.toString()).join(",");
  }

  requiresExactMatch(label: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== label) continue;
      const exact = r.operator === "=" || r.operator === "==" || r.operator === "in";
      return exact && r.values.length === 1 ? r.values[0] : undefined;
    }
    return undefined;
  }
}

const NOTHING: Selector = Object.freeze({
  requirements: [],
  matchesNothing: true,
  matches: () => false,
  empty: () => false,
  toString: () => "",
  requiresExactMatch: () => undefined,
});
const EVERYTHING: Selector = new InternalSelector([]);

/** labels.Everything(): matches every object. */
export function everything(): Selector {
  return EVERYTHING;
}

/** labels.Nothing(): matches no object. */
export function nothing(): Selector {
  return NOTHING;
}

/** internalSelector.Add: sorted by key; Array.prototype.sort is stable, so equal keys keep their order. */
export function selectorFromRequirements(reqs: readonly Requirement[]): Selector {
  if (reqs.length === 0) return EVERYTHING;
  return new InternalSelector([...reqs].sort((a, b) => compareStrings(a.key, b.key)));
}

// ---- Entry points ----

// mirrors labels.Parse: the string form used by `-l`, by `kubectl get --selector` and by the API's labelSelector.
export function parseSelector(s: string): Selector {
  return selectorFromRequirements(parseLabelSelectorRequirements(s));
}

// mirrors labels.SelectorFromSet (no validation): {app: web} → app=web. Empty or absent → Everything.
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): Selector {
  if (set === undefined) return EVERYTHING;
  const keys = Object.keys(set).sort(compareStrings);
  if (keys.length === 0) return EVERYTHING;
  return new InternalSelector(keys.map((k) => new Requirement(k, "=", [set[k] as string])));
}

// mirrors labels.ValidatedSelectorFromSet: like selectorFromSet but every pair goes through NewRequirement.
export function validatedSelectorFromSet(set: Readonly<Record<string, string>> | undefined): Selector {
  if (set === undefined) return EVERYTHING;
  const keys = Object.keys(set).sort(compareStrings);
  return selectorFromRequirements(keys.map((k) => newRequirement(k, "=", [set[k] as string])));
}

const LABEL_SELECTOR_OPERATORS: Readonly<Record<string, Operator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

// mirrors metav1.LabelSelectorAsSelector: null → Nothing, {} → Everything. Throws LabelSelectorError.
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return NOTHING;
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  const keys = Object.keys(matchLabels).sort(compareStrings);
  if (keys.length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = keys.map((k) => newRequirement(k, "=", [matchLabels[k] as string]));
  for (const expr of exprs) {
    const op = Object.hasOwn(LABEL_SELECTOR_OPERATORS, expr.operator) ? LABEL_SELECTOR_OPERATORS[expr.operator] : undefined;
    if (op === undefined) throw new LabelSelectorError(`${JSON.stringify(expr.operator ?? "")} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values));
  }
  return selectorFromRequirements(reqs);
}

// mirrors metav1.FormatLabelSelector: what `kubectl describe` prints after "Selector:".
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ls).toString();
  } catch {
    return "<error>";
  }
  return s.length === 0 ? "<none>" : s;
}

// mirrors labels.FormatLabels (Set.String): sorted `k=v` joined by ",", or "<none>".
// mirrors labels.FormatLabels → Set.String(): the "key=value" strings are sorted as a whole (so "a.b=1"
// sorts before "a=1"), not by key.
export function formatLabels(set: Readonly<Record<string, string>> | undefined): string {
  const parts: string[] = [];
  for (const k in set ?? {}) parts.push(`${k}=${set![k]}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.length === 0 ? "<none>" : parts.join(",");
}

export { LabelSelectorError, newRequirement, Requirement, type Labels, type Operator } from "./labelRequirement";
