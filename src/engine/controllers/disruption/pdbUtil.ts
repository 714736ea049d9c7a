// PodDisruptionBudget helpers shared by the disruption controller and the eviction subresource:
// which budgets select a pod, and the DisruptionAllowed condition.
// mirrors GetPodPodDisruptionBudgets (client-go listers/policy/v1/poddisruptionbudget_expansion.go),
// UpdateDisruptionAllowedCondition and ConditionsAreUpToDate
// (k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go) and meta.SetStatusCondition
// (apimachinery pkg/api/meta/conditions.go).
import type { KubeObject, LabelSelector, Pod } from "../../api/types";
import { labelSelectorAsSelector, type Selector } from "../../apimachinery/labels";

export const DisruptionAllowedCondition = "DisruptionAllowed";
export const SyncFailedReason = "SyncFailed";
export const SufficientPodsReason = "SufficientPods";
export const InsufficientPodsReason = "InsufficientPods";
/** policyv1.DisruptionBudgetCause: the StatusCause type of an eviction refused by a budget. */
export const DisruptionBudgetCause = "DisruptionBudget";

/** metav1.Condition as the PDB status carries it. */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

export interface PodDisruptionBudget extends KubeObject {
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelector | null;
    unhealthyPodEvictionPolicy?: "IfHealthyBudget" | "AlwaysAllow";
  };
  status?: Partial<PdbStatus>;
}

// Selectors are parsed once per stored object (objects are immutable once stored).
const selectors = new WeakMap<object, Selector | null>();

/** The budget's selector; null when it cannot be parsed (such a budget matches no pod). */
export function pdbSelector(pdb: PodDisruptionBudget): Selector | null {
  let s = selectors.get(pdb);
  if (s === undefined) {
    try {
      s = labelSelectorAsSelector(pdb.spec?.selector);
    } catch {
      s = null;
    }
    selectors.set(pdb, s);
  }
  return s;
}

/**
 * The budgets of the pod's namespace that select it, sorted by name. In policy/v1 an empty selector
 * matches every pod; a missing one matches none.
 */
export function podDisruptionBudgetsFor(pod: Pod, candidates: Iterable<PodDisruptionBudget>): PodDisruptionBudget[] {
  const out: PodDisruptionBudget[] = [];
  const labels = pod.metadata.labels;
  for (const pdb of candidates) {
    if (pdb.metadata.namespace !== pod.metadata.namespace) continue;
    const sel = pdbSelector(pdb);
    if (sel && sel.matches(labels)) out.push(pdb);
  }
  out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  return out;
}

// mirrors meta.SetStatusCondition; `conditions` is owned by the caller.
export function setStatusCondition(conditions: Condition[], next: Omit<Condition, "lastTransitionTime">, now: string): boolean {
  const existing = conditions.find((c) => c.type === next.type);
  if (!existing) {
    conditions.push({ type: next.type, status: next.status, ...(next.observedGeneration ? { observedGeneration: next.observedGeneration } : {}), lastTransitionTime: now, reason: next.reason, message: next.message });
    return true;
  }
  let changed = false;
  if (existing.status !== next.status) {
    existing.status = next.status;
    existing.lastTransitionTime = now;
    changed = true;
  }
  if (existing.reason !== next.reason) {
    existing.reason = next.reason;
    changed = true;
  }
  if (existing.message !== next.message) {
    existing.message = next.message;
    changed = true;
  }
  if ((existing.observedGeneration ?? 0) !== (next.observedGeneration ?? 0)) {
    if (next.observedGeneration) existing.observedGeneration = next.observedGeneration;
    else delete existing.observedGeneration;
    changed = true;
  }
  return changed;
}

/** UpdateDisruptionAllowedCondition on a status the caller owns. */
export function updateDisruptionAllowedCondition(status: PdbStatus, now: string): void {
  const conditions = (status.conditions = (status.conditions ?? []).map((c) => ({ ...c })));
  const allowed = status.disruptionsAllowed > 0;
  setStatusCondition(conditions, {
    type: DisruptionAllowedCondition,
    status: allowed ? "True" : "False",
    reason: allowed ? SufficientPodsReason : InsufficientPodsReason,
    message: "",
    observedGeneration: status.observedGeneration,
  }, now);
}

export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const cond = pdb.status?.conditions?.find((c) => c.type === DisruptionAllowedCondition);
  if (!cond) return false;
  if ((pdb.status?.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if ((pdb.status?.disruptionsAllowed ?? 0) > 0) return cond.status === "True" && cond.reason === SufficientPodsReason;
  return cond.status === "False" && cond.reason === InsufficientPodsReason;
}

/** A *metav1.LabelSelector as Go's %v prints it (the generated String() method). */
export function goLabelSelectorString(ls: LabelSelector | null | undefined): string {
  if (!ls) return "nil";
  const labels = ls.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  const map = `map[string]string{${keys.map((k) => `${k}: ${labels[k]},`).join("")}}`;
  const exprs = (ls.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],},`).join("");
  return `&LabelSelector{MatchLabels:${map},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
