// Node selector matching: pod.spec.nodeSelector plus required/preferred node affinity terms.
// Mirrors k8s.io/component-helpers/scheduling/corev1/nodeaffinity (nodeaffinity.go):
// GetRequiredNodeAffinity, RequiredNodeAffinity.Match, NewPreferredSchedulingTerms.

import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from "../../api/types";
import type { Labels } from "./labels";

/** metav1.ObjectNameField: the only field matchFields supports. */
export const ObjectNameField = "metadata.name";

interface ParsedTerm {
  expressions: readonly NodeSelectorRequirement[];
  fields: readonly NodeSelectorRequirement[];
}

function isEmptyTerm(t: NodeSelectorTerm): boolean {
  return (t.matchExpressions?.length ?? 0) === 0 && (t.matchFields?.length ?? 0) === 0;
}

/** True when one requirement is well-formed (upstream returns a parse error otherwise and drops the term). */
function validRequirement(r: NodeSelectorRequirement, isField: boolean): boolean {
  if (isField && (r.key !== ObjectNameField || (r.operator !== "In" && r.operator !== "NotIn") || r.values?.length !== 1)) return false;
  switch (r.operator) {
    case "In":
    case "NotIn":
      return (r.values?.length ?? 0) > 0;
    case "Exists":
    case "DoesNotExist":
      return (r.values?.length ?? 0) === 0;
    case "Gt":
    case "Lt":
      return r.values?.length === 1 && /^[+-]?\d+$/.test(r.values[0]!);
    default:
      return false;
  }
}

function parseTerm(t: NodeSelectorTerm): ParsedTerm | null {
  const expressions = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  for (const r of expressions) if (!validRequirement(r, false)) return null;
  for (const r of fields) if (!validRequirement(r, true)) return null;
  return { expressions, fields };
}

function requirementMatches(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key]! : "";
  switch (r.operator) {
    case "In":
      return has && r.values!.includes(v);
    case "NotIn":
      return !has || !r.values!.includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || !/^[+-]?\d+$/.test(v)) return false;
      const lv = Number(v);
      const rv = Number(r.values![0]);
      return r.operator === "Gt" ? lv > rv : lv < rv;
    }
  }
}

function termMatches(t: ParsedTerm, node: Node): boolean {
  const labels = node.metadata.labels;
  for (const r of t.expressions) if (!requirementMatches(r, labels)) return false;
  if (t.fields.length > 0) {
    const fieldSet = { [ObjectNameField]: node.metadata.name };
    for (const r of t.fields) if (!requirementMatches(r, fieldSet)) return false;
  }
  return true;
}

/** A parsed NodeSelector (ORed terms). Terms that fail to parse are dropped, as upstream's lazy-error selector does. */
export class NodeSelectorMatcher {
  private readonly terms: ParsedTerm[] = [];

  constructor(terms: readonly NodeSelectorTerm[]) {
    for (const t of terms) {
      if (isEmptyTerm(t)) continue;
      const p = parseTerm(t);
      if (p !== null) this.terms.push(p);
    }
  }

  match(node: Node): boolean {
    for (const t of this.terms) if (termMatches(t, node)) return true;
    return false;
  }
}

/** RequiredNodeAffinity: nodeSelector AND requiredDuringScheduling node affinity (GetRequiredNodeAffinity). */
export class RequiredNodeAffinity {
  private readonly nodeSelectorEntries: readonly (readonly [string, string])[] | null;
  private readonly affinity: NodeSelectorMatcher | null;

  constructor(pod: Pod) {
    const ns = pod.spec.nodeSelector;
    this.nodeSelectorEntries = ns && Object.keys(ns).length > 0 ? Object.entries(ns) : null;
    const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.affinity = req ? new NodeSelectorMatcher(req.nodeSelectorTerms ?? []) : null;
  }

  /** True when neither a nodeSelector nor a required node affinity constrains the pod. */
  get unconstrained(): boolean {
    return this.nodeSelectorEntries === null && this.affinity === null;
  }

  match(node: Node): boolean {
    if (this.nodeSelectorEntries !== null) {
      const labels = node.metadata.labels;
      if (!labels) return false;
      for (const [k, v] of this.nodeSelectorEntries) if (labels[k] !== v) return false;
    }
    return this.affinity === null || this.affinity.match(node);
  }
}

/** PreferredSchedulingTerms.Score: the sum of the weights of the preferred terms the node matches. */
export class PreferredSchedulingTerms {
  private readonly terms: { weight: number; term: ParsedTerm }[] = [];

  constructor(terms: readonly { weight: number; preference: NodeSelectorTerm }[]) {
    for (const t of terms) {
      if (t.weight === 0 || isEmptyTerm(t.preference)) continue;
      const p = parseTerm(t.preference);
      if (p !== null) this.terms.push({ weight: t.weight, term: p });
    }
  }

  get length(): number {
    return this.terms.length;
  }

  score(node: Node): number {
    let s = 0;
    for (const t of this.terms) if (termMatches(t.term, node)) s += t.weight;
    return s;
  }
}
