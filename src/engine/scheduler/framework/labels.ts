// Compiled label selectors for the scheduler's hot paths: compiled once per pod (PodInfo), matched per
// node/pod without allocation.
// Mirrors metav1.LabelSelectorAsSelector (apimachinery pkg/apis/meta/v1/helpers.go) and
// labels.Requirement.Matches (apimachinery pkg/labels/selector.go).

import type { LabelSelector, LabelSelectorRequirement } from "../../api/types";

export type Labels = Readonly<Record<string, string>> | undefined;

export interface Requirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Equals";
  values: readonly string[];
}

/** A parsed label selector. `nothing` matches no object; an empty requirement list matches everything. */
export class Selector {
  static readonly EVERYTHING = new Selector([], false);
  static readonly NOTHING = new Selector([], true);

  private canonicalKey: string | undefined;

  constructor(
    readonly requirements: readonly Requirement[],
    readonly nothing: boolean,
  ) {}

  /** A string equal for selectors that select the same way; used to memoize match counts per node. */
  get canonical(): string {
    if (this.canonicalKey === undefined) {
      this.canonicalKey = this.nothing
        ? "\u0000nothing"
        : this.requirements.map((r) => `${r.key}\u0001${r.operator}\u0001${r.values.join("\u0002")}`).join("\u0003");
    }
    return this.canonicalKey;
  }

  /** labels.Selector.Empty(): true for Everything (and, as upstream, for Nothing's zero requirements). */
  empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    if (this.nothing) return false;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) {
      if (!requirementMatches(reqs[i]!, labels)) return false;
    }
    return true;
  }

  /** Selector.Add: a new selector with extra ANDed requirements. */
  add(extra: readonly Requirement[]): Selector {
    if (this.nothing) return this;
    // internalSelector.Add keeps requirements sorted by key (stable for equal keys).
    const merged = [...this.requirements, ...extra].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return new Selector(merged, false);
  }
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case "Equals":
      return has && labels![r.key] === r.values[0];
    case "In":
      return has && r.values.includes(labels![r.key]!);
    case "NotIn":
      return !has || !r.values.includes(labels![r.key]!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}

/**
 * labelSelectorAsSelector mirrors metav1.LabelSelectorAsSelector: nil → Nothing, {} → Everything.
 * Requirements are sorted by key as upstream's internalSelector does, so the order is deterministic.
 * Malformed operators produce Nothing (upstream returns an error, which the scheduler treats as no match).
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return Selector.NOTHING;
  const reqs: Requirement[] = [];
  if (ls.matchLabels) {
    for (const k of Object.keys(ls.matchLabels)) reqs.push({ key: k, operator: "Equals", values: [ls.matchLabels[k]!] });
  }
  for (const e of ls.matchExpressions ?? []) {
    const r = fromExpression(e);
    if (r === null) return Selector.NOTHING;
    reqs.push(r);
  }
  if (reqs.length === 0) return Selector.EVERYTHING;
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Selector(reqs, false);
}

function fromExpression(e: LabelSelectorRequirement): Requirement | null {
  switch (e.operator) {
    case "In":
    case "NotIn":
      if (!e.values || e.values.length === 0) return null;
      return { key: e.key, operator: e.operator, values: e.values };
    case "Exists":
    case "DoesNotExist":
      return { key: e.key, operator: e.operator, values: [] };
    default:
      return null;
  }
}

/** labels.SelectorFromSet: every key must equal its value. An empty set selects everything. */
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): Selector {
  if (!set) return Selector.EVERYTHING;
  const keys = Object.keys(set).sort();
  if (keys.length === 0) return Selector.EVERYTHING;
  return new Selector(
    keys.map((k) => ({ key: k, operator: "Equals" as const, values: [set[k]!] })),
    false,
  );
}
