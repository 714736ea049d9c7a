// PodTopologySpread, shared parts: parsed constraints, the system default constraints, the default
// selector (Services + owning controller), and memoized per-node match counts.
// Mirrors pkg/scheduler/framework/plugins/podtopologyspread/common.go and plugin.go, and
// helper.DefaultSelector (pkg/scheduler/framework/plugins/helper/spread.go).

import type { LabelSelector, Pod, TopologySpreadConstraint } from "../../api/types";
import { labelSelectorAsSelector, type Requirement, requirement, Selector, selectorFromSet } from "../framework/labels";
import type { NodeInfo } from "../framework/nodeInfo";
import type { RequiredNodeAffinity } from "../framework/nodeSelector";
import type { PodInfo } from "../framework/podInfo";
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from "./taintToleration";

export const PodTopologySpreadName = "PodTopologySpread";
export const LabelHostname = "kubernetes.io/hostname";
export const LabelTopologyZone = "topology.kubernetes.io/zone";

/** ErrReasonConstraintsNotMatch / ErrReasonNodeLabelNotMatch (podtopologyspread/filtering.go). */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";

/** systemDefaultConstraints (podtopologyspread/plugin.go): used when the pod states none. */
export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

/** topologySpreadConstraint: the internal, parsed form. */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: "Honor" | "Ignore";
  nodeTaintsPolicy: "Honor" | "Ignore";
}

/** What DefaultSelector reads: selectors of the Services selecting the pod and of its controller (RC/RS/STS). */
export interface DefaultSelectorInputs {
  /** spec.selector of every Service in the pod's namespace whose selector matches the pod. */
  serviceSelectors?: readonly Record<string, string>[];
  /** The controller owner's selector: a map for a ReplicationController, a LabelSelector for RS/STS. */
  ownerSelector?: Record<string, string> | LabelSelector;
}

function isLabelSelector(s: Record<string, string> | LabelSelector): s is LabelSelector {
  return typeof (s as LabelSelector).matchLabels === "object" || Array.isArray((s as LabelSelector).matchExpressions);
}

// mirrors helper.DefaultSelector (helper/spread.go)
/** Services' selectors merged as a label set, then the owner's requirements added. Empty = no default spreading. */
export function defaultSelector(inputs: DefaultSelectorInputs | undefined): Selector {
  if (!inputs) return Selector.EVERYTHING;
  const set: Record<string, string> = {};
  for (const s of inputs.serviceSelectors ?? []) Object.assign(set, s);
  let selector = selectorFromSet(set);
  const owner = inputs.ownerSelector;
  if (owner) {
    if (isLabelSelector(owner)) {
      const other = labelSelectorAsSelector(owner);
      if (!other.nothing) selector = selector.add(other.requirements);
    } else {
      selector = selectorFromSet({ ...set, ...owner });
    }
  }
  return selector;
}

// mirrors filterTopologySpreadConstraints (common.go)
/** The constraints with the given whenUnsatisfiable, with matchLabelKeys merged into the selector. */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Readonly<Record<string, string>> | undefined,
  action: "DoNotSchedule" | "ScheduleAnyway",
): Constraint[] {
  const out: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    // mergeLabelSetWithSelector: SelectorFromSet(the pod's values for matchLabelKeys) + the selector's requirements.
    const extra: Requirement[] = [];
    for (const k of c.matchLabelKeys ?? []) {
      const v = podLabels?.[k];
      const r = v === undefined ? undefined : requirement(k, "=", v);
      if (r) extra.push(r);
    }
    if (extra.length > 0) selector = Selector.EVERYTHING.add(extra).add(selector.requirements);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? "Honor",
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? "Ignore",
    });
  }
  return out;
}

/** buildDefaultConstraints: the system defaults with the pod's default selector; none when it is empty. */
export function buildDefaultConstraints(pod: Pod, action: "DoNotSchedule" | "ScheduleAnyway", selector: Selector): Constraint[] {
  const constraints = filterTopologySpreadConstraints(systemDefaultConstraints, pod.metadata.labels, action);
  if (constraints.length === 0 || selector.empty()) return [];
  for (const c of constraints) c.selector = selector;
  return constraints;
}

/** nodeLabelsMatchSpreadConstraints: every constraint's topology key is a label of the node. */
export function nodeLabelsMatchSpreadConstraints(labels: Readonly<Record<string, string>> | undefined, constraints: readonly Constraint[]): boolean {
  if (!labels) return constraints.length === 0;
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor (opt-in). */
export function matchNodeInclusionPolicies(c: Constraint, pod: PodInfo, nodeInfo: NodeInfo, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === "Honor" && !required.match(nodeInfo.node!)) return false;
  if (c.nodeTaintsPolicy === "Honor" && findMatchingUntoleratedTaint(nodeInfo.taints, pod.pod.spec.tolerations, isDoNotScheduleTaint) !== undefined) {
    return false;
  }
  return true;
}

/** What node eligibility depends on for this constraint and pod: its node-inclusion inputs. */
export function inclusionSignature(c: Constraint, pod: PodInfo): string {
  const spec = pod.pod.spec;
  const affinity = c.nodeAffinityPolicy === "Honor" ? JSON.stringify([spec.nodeSelector ?? null, spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null]) : "-";
  const taints = c.nodeTaintsPolicy === "Honor" ? JSON.stringify(spec.tolerations ?? []) : "-";
  return `${affinity}|${taints}`;
}

/** The memo key of countPodsMatchSelector: compute it once per cycle and constraint, not per node. */
export function countKey(selector: Selector, namespace: string): string {
  return `${namespace}\u0004${selector.canonical}`;
}

// mirrors countPodsMatchSelector (common.go)
/**
 * Pods on the node in `namespace` that match `selector`, ignoring terminating pods (#87621).
 * Memoized on the NodeInfo for its current generation: the pods of one workload share a selector, and a
 * node's count only changes when a pod lands on or leaves that node. `key` = countKey(selector, namespace).
 */
export function countPodsMatchSelector(nodeInfo: NodeInfo, selector: Selector, namespace: string, key: string = countKey(selector, namespace)): number {
  const memo = nodeInfo.countMemo;
  if (memo.generation !== nodeInfo.generation) {
    memo.generation = nodeInfo.generation;
    memo.keys.fill("");
  }
  for (let i = 0; i < memo.keys.length; i++) if (memo.keys[i] === key) return memo.counts[i]!;
  let n = 0;
  for (const p of nodeInfo.pods) {
    if (p.deleting || p.namespace !== namespace) continue;
    if (selector.matches(p.labels)) n++;
  }
  const slot = memo.next;
  memo.keys[slot] = key;
  memo.counts[slot] = n;
  memo.next = (slot + 1) % memo.keys.length;
  return n;
}
