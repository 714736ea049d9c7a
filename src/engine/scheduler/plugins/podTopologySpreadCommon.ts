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

/** Recent DefaultSelector results by the identity of their inputs (the informers' selector objects). */
const defaultSelectorMemo: { owner: object | undefined; services: readonly object[]; selector: Selector }[] = [];
const DEFAULT_SELECTOR_MEMO_SIZE = 8;

function sameInputs(e: (typeof defaultSelectorMemo)[number], owner: object | undefined, services: readonly object[]): boolean {
  if (e.owner !== owner || e.services.length !== services.length) return false;
  for (let i = 0; i < services.length; i++) if (e.services[i] !== services[i]) return false;
  return true;
}

// mirrors helper.DefaultSelector (helper/spread.go)
/**
 * Services' selectors merged as a label set, then the owner's requirements added. Empty = no default
 * spreading. Memoized by input identity: the selector objects come from informer caches, which replace an
 * object on every change, so the same objects always give the same selector.
 */
export function defaultSelector(inputs: DefaultSelectorInputs | undefined): Selector {
  if (!inputs) return Selector.EVERYTHING;
  const owner = inputs.ownerSelector;
  const services = inputs.serviceSelectors ?? [];
  for (const e of defaultSelectorMemo) if (sameInputs(e, owner, services)) return e.selector;
  const selector = computeDefaultSelector(inputs);
  defaultSelectorMemo.unshift({ owner, services: [...services], selector });
  if (defaultSelectorMemo.length > DEFAULT_SELECTOR_MEMO_SIZE) defaultSelectorMemo.pop();
  return selector;
}

function computeDefaultSelector(inputs: DefaultSelectorInputs): Selector {
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

/** The default constraints per selector and action (they depend on nothing else: no matchLabelKeys). */
const defaultConstraintsMemo = new WeakMap<Selector, { DoNotSchedule?: readonly Constraint[]; ScheduleAnyway?: readonly Constraint[] }>();

/**
 * buildDefaultConstraints: the system defaults with the pod's default selector; none when it is empty.
 * The result is shared between pods with the same selector: callers must not modify it.
 */
export function buildDefaultConstraints(pod: Pod, action: "DoNotSchedule" | "ScheduleAnyway", selector: Selector): readonly Constraint[] {
  let memo = defaultConstraintsMemo.get(selector);
  if (memo === undefined) defaultConstraintsMemo.set(selector, (memo = {}));
  let out = memo[action];
  if (out === undefined) {
    const constraints = filterTopologySpreadConstraints(systemDefaultConstraints, pod.metadata.labels, action);
    if (constraints.length === 0 || selector.empty()) out = [];
    else {
      for (const c of constraints) c.selector = selector;
      out = constraints;
    }
    memo[action] = out;
  }
  return out;
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
  let affinity = "-";
  if (c.nodeAffinityPolicy === "Honor") {
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // JSON.stringify([null, null]) without the call, for the common pod.
    affinity = spec.nodeSelector === undefined && required === undefined ? "[null,null]" : JSON.stringify([spec.nodeSelector ?? null, required ?? null]);
  }
  if (c.nodeTaintsPolicy === "Honor") return `${affinity}|${JSON.stringify(spec.tolerations ?? [])}`;
  // The common signatures as the same string objects every time (cheap to compare and to hash).
  if (affinity === "[null,null]") return "[null,null]|-";
  if (affinity === "-") return "-|-";
  return `${affinity}|-`;
}

const countKeyIds = new Map<string, number>();
/** countKey by Selector object: constraints are memoized, so their selectors recur cycle after cycle. */
const countKeysBySelector = new WeakMap<Selector, Map<string, number>>();

/**
 * The memo key of countPodsMatchSelector: a small integer per distinct (namespace, selector), so that a
 * node finds its count by comparing numbers. Compute it once per cycle and constraint, not per node.
 */
export function countKey(selector: Selector, namespace: string): number {
  let byNamespace = countKeysBySelector.get(selector);
  if (byNamespace === undefined) countKeysBySelector.set(selector, (byNamespace = new Map()));
  let id = byNamespace.get(namespace);
  if (id === undefined) {
    const k = `${namespace}\u0004${selector.canonical}`;
    id = countKeyIds.get(k);
    if (id === undefined) countKeyIds.set(k, (id = countKeyIds.size));
    byNamespace.set(namespace, id);
  }
  return id;
}

// mirrors countPodsMatchSelector (common.go)
/**
 * Pods on the node in `namespace` that match `selector`, ignoring terminating pods (#87621).
 * Memoized in the node's NodeColumns (kept current as pods come and go): the pods of one workload share
 * a selector, so the walk over the node's pods happens once per node and workload.
 * `key` = countKey(selector, namespace).
 */
export function countPodsMatchSelector(nodeInfo: NodeInfo, selector: Selector, namespace: string, key: number = countKey(selector, namespace)): number {
  const counts = nodeInfo.columns.matchColumn(key, namespace, selector);
  const row = nodeInfo.index;
  const got = counts[row]!;
  if (got >= 0) return got;
  let n = 0;
  for (const p of nodeInfo.pods) {
    if (p.deleting || p.namespace !== namespace) continue;
    if (selector.matches(p.labels)) n++;
  }
  counts[row] = n;
  return n;
}
