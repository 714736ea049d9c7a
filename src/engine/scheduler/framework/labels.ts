// The scheduler's view of label selectors: apimachinery's Selector (labels.ts, metav1.LabelSelectorAsSelector)
// plus what the hot paths need: a canonical string to memoize match counts per node, and Add.
// A selector that fails to parse selects nothing (upstream returns the error; the pod can then fit nowhere).

import type { LabelSelector } from "../../api/types";
import {
  everything,
  labelSelectorAsSelector as sharedLabelSelectorAsSelector,
  newRequirement,
  type Requirement,
  type Selector as SharedSelector,
  selectorFromRequirements,
  selectorFromSet as sharedSelectorFromSet,
} from "../../apimachinery/labels";

export type Labels = Readonly<Record<string, string>> | undefined;
export type { Requirement } from "../../apimachinery/labels";

export class Selector {
  static readonly EVERYTHING = new Selector(everything());
  static readonly NOTHING = new Selector(null);
  private canonicalKey: string | undefined;

  /** `inner` null = Nothing. */
  private constructor(private readonly inner: SharedSelector | null) {}

  static of(inner: SharedSelector): Selector {
    return inner.matchesNothing ? Selector.NOTHING : new Selector(inner);
  }

  get nothing(): boolean {
    return this.inner === null;
  }

  get requirements(): readonly Requirement[] {
    return this.inner?.requirements ?? [];
  }

  /** labels.Selector.Empty(): selects without restriction (Nothing is not empty). */
  empty(): boolean {
    return this.inner !== null && this.inner.empty();
  }

  matches(labels: Labels): boolean {
    return this.inner !== null && this.inner.matches(labels);
  }

  /** Selector.Add: extra ANDed requirements, kept sorted by key. */
  add(extra: readonly Requirement[]): Selector {
    if (this.inner === null) return this;
    return Selector.of(selectorFromRequirements([...this.inner.requirements, ...extra]));
  }

  /** Equal for selectors that select alike: the sorted String() form (memo key for match counts). */
  get canonical(): string {
    return (this.canonicalKey ??= this.inner === null ? "\u0000nothing" : this.inner.toString());
  }
}

/** metav1.LabelSelectorAsSelector: nil → Nothing, {} → Everything; invalid → Nothing. */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  try {
    return Selector.of(sharedLabelSelectorAsSelector(ls));
  } catch {
    return Selector.NOTHING;
  }
}

/** labels.SelectorFromSet: every key must equal its value; an empty set selects everything. */
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): Selector {
  return Selector.of(sharedSelectorFromSet(set));
}

/** A requirement for matchLabelKeys-style merging; undefined when key or value is not a valid label. */
export function requirement(key: string, op: "=" | "in" | "notin", value: string): Requirement | undefined {
  try {
    return newRequirement(key, op, [value]);
  } catch {
    return undefined;
  }
}
