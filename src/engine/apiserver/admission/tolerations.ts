// DefaultTolerationSeconds and TaintNodesByCondition: the two plugins that wire pods and nodes into
// taint-based eviction.
import type { KubeObject } from "../../api/types";
import type { AdmissionContext } from "./context";
import { deepFreeze } from "../../sim/clone";

type Obj = Record<string, any>;

export const TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_NODE_UNREACHABLE = "node.kubernetes.io/unreachable";
/** --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds: 5 minutes. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * The tolerations the plugin adds, shared by every pod that gets them: stored objects are never mutated,
 * and freezing makes any code that tries fail loudly.
 */
const NOT_READY_TOLERATION = deepFreeze({ key: TAINT_NODE_NOT_READY, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
const UNREACHABLE_TOLERATION = deepFreeze({ key: TAINT_NODE_UNREACHABLE, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
const DEFAULT_TOLERATIONS = deepFreeze([NOT_READY_TOLERATION, UNREACHABLE_TOLERATION]);

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** A toleration with an empty key (all keys) or empty effect (all effects) counts as tolerating. */
function tolerates(t: Obj, key: string): boolean {
  return (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect);
}

/**
 * Gives every pod 300s of tolerance for not-ready and unreachable nodes, unless it already tolerates
 * them — so a dead node's pods are evicted after five minutes. Mutates `pod` on CREATE and UPDATE.
 */
// mirrors Plugin.Admit (k/k plugin/pkg/admission/defaulttolerationseconds/admission.go)
export function defaultTolerationSeconds(pod: KubeObject, _ctx: AdmissionContext): void {
  if (pod.kind !== "Pod" || !isObj(pod.spec)) return;
  const spec = pod.spec as Obj;
  const tolerations: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations.filter(isObj) : [];
  const notReady = tolerations.some((t) => tolerates(t, TAINT_NODE_NOT_READY));
  const unreachable = tolerations.some((t) => tolerates(t, TAINT_NODE_UNREACHABLE));
  if (notReady && unreachable) return;
  const existing: unknown[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  // Most pods tolerate neither: they all share one frozen array (same JSON as a fresh one).
  if (!notReady && !unreachable && existing.length === 0) {
    spec.tolerations = DEFAULT_TOLERATIONS;
    return;
  }
  const added: unknown[] = [];
  if (!notReady) added.push(NOT_READY_TOLERATION);
  if (!unreachable) added.push(UNREACHABLE_TOLERATION);
  // concat: an array of exactly the needed length (a spread and push over-allocate its backing store).
  spec.tolerations = existing.concat(added);
}

/**
 * A new Node starts with the not-ready:NoSchedule taint, so nothing lands on it before its kubelet
 * reports Ready; the node lifecycle controller removes the taint (doNoScheduleTaintingPass).
 */
// mirrors Plugin.Admit / addTaint (k/k plugin/pkg/admission/nodetaint/admission.go)
export function taintNodesByCondition(node: KubeObject, ctx: AdmissionContext): void {
  if (node.kind !== "Node" || ctx.operation !== "CREATE") return;
  if (!isObj(node.spec)) node.spec = {};
  const spec = node.spec as Obj;
  const taints: Obj[] = Array.isArray(spec.taints) ? spec.taints : [];
  // MatchTaint: same key and effect.
  if (taints.some((t) => isObj(t) && t.key === TAINT_NODE_NOT_READY && t.effect === "NoSchedule")) return;
  spec.taints = [...taints, { key: TAINT_NODE_NOT_READY, effect: "NoSchedule" }];
}
