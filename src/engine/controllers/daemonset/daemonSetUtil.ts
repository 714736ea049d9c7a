// Helpers of the DaemonSet controller: the tolerations every daemon pod gets, the pod template with its
// revision labels, the node-pinning affinity, surge/unavailability budgets, and which node a pod is for.
// mirrors k/k pkg/controller/daemon/util/daemonset_util.go and AddOrUpdateTolerationInPodSpec
// (pkg/apis/core/v1/helper/helpers.go).
import type { Affinity, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec, Toleration } from "../../api/types";
import { getScaledValueFromIntOrPercent } from "../../apimachinery/intstr";
import { deepCopy } from "../../sim/clone";
import {
  CONTROLLER_REVISION_HASH_LABEL,
  DAEMONSET_TEMPLATE_GENERATION_LABEL,
  DEPRECATED_TEMPLATE_GENERATION_ANNOTATION,
  type DaemonSet,
} from "./types";

/** Well-known taint keys (k8s.io/api core/v1 well_known_taints.go). */
export const TaintKeys = {
  notReady: "node.kubernetes.io/not-ready",
  unreachable: "node.kubernetes.io/unreachable",
  diskPressure: "node.kubernetes.io/disk-pressure",
  memoryPressure: "node.kubernetes.io/memory-pressure",
  pidPressure: "node.kubernetes.io/pid-pressure",
  unschedulable: "node.kubernetes.io/unschedulable",
  networkUnavailable: "node.kubernetes.io/network-unavailable",
} as const;

/** metav1.ObjectNameField: the only field a node selector's matchFields may use. */
const OBJECT_NAME_FIELD = "metadata.name";

// mirrors GetTemplateGeneration: the deprecated annotation as an integer; undefined when absent or malformed.
export function getTemplateGeneration(ds: DaemonSet): number | undefined {
  const a = ds.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION_ANNOTATION];
  if (a === undefined || !/^[+-]?\d+$/.test(a)) return undefined;
  return Number(a);
}

// mirrors Toleration.MatchToleration: same key, operator, value and effect.
function matchToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? "") === (b.key ?? "") && (a.effect ?? "") === (b.effect ?? "") && (a.operator ?? "") === (b.operator ?? "") && (a.value ?? "") === (b.value ?? "");
}

// mirrors AddOrUpdateTolerationInPodSpec: replaces a matching toleration (unless identical) or appends it.
export function addOrUpdateTolerationInPodSpec(spec: PodSpec, t: Toleration): boolean {
  const current = spec.tolerations ?? [];
  const next: Toleration[] = [];
  let updated = false;
  for (const c of current) {
    if (matchToleration(t, c)) {
      if (c.tolerationSeconds === t.tolerationSeconds) return false;
      next.push({ ...t });
      updated = true;
      continue;
    }
    next.push(c);
  }
  if (!updated) next.push({ ...t });
  spec.tolerations = next;
  return true;
}

const exists = (key: string, effect: "NoSchedule" | "NoExecute"): Toleration => ({ key, operator: "Exists", effect });

/**
 * mirrors AddOrUpdateDaemonPodTolerations: daemon pods survive not-ready/unreachable nodes (no
 * tolerationSeconds: never evicted) and run despite TaintNodesByCondition's pressure/unschedulable taints;
 * host-network pods also tolerate network-unavailable. Mutates `spec`.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.notReady, "NoExecute"));
  addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.unreachable, "NoExecute"));
  addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.diskPressure, "NoSchedule"));
  addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.memoryPressure, "NoSchedule"));
  addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.pidPressure, "NoSchedule"));
  addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.unschedulable, "NoSchedule"));
  if (spec.hostNetwork) addOrUpdateTolerationInPodSpec(spec, exists(TaintKeys.networkUnavailable, "NoSchedule"));
}

/** mirrors CreatePodTemplate: a copy of the template with the daemon tolerations and the revision labels. */
export function createPodTemplate(template: PodTemplateSpec, generation: number | undefined, hash: string): PodTemplateSpec {
  const t = deepCopy(template);
  t.spec = t.spec ?? ({ containers: [] } as PodSpec);
  addOrUpdateDaemonPodTolerations(t.spec);
  t.metadata = t.metadata ?? {};
  const labels: Record<string, string> = { ...(t.metadata.labels ?? {}) };
  if (generation !== undefined) labels[DAEMONSET_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash.length > 0) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  t.metadata.labels = labels;
  return t;
}

// mirrors SurgeCount: maxSurge scaled against the nodes that should run the pod (rounded up); 0 for OnDelete.
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const us = ds.spec.updateStrategy;
  if (us?.type !== "RollingUpdate") return 0;
  const r = us.rollingUpdate;
  if (!r || r.maxSurge === undefined || r.maxSurge === null) return 0;
  return getScaledValueFromIntOrPercent(r.maxSurge, numberToSchedule, true);
}

// mirrors UnavailableCount: maxUnavailable scaled against the nodes that should run the pod (rounded up).
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const us = ds.spec.updateStrategy;
  if (us?.type !== "RollingUpdate") return 0;
  const r = us.rollingUpdate;
  if (!r) return 0;
  return getScaledValueFromIntOrPercent(r.maxUnavailable, numberToSchedule, true);
}

/** mirrors AllowsSurge: more than one pod per node may exist during an update. Bad values mean no surge. */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}

/**
 * mirrors IsPodUpdated. Upstream also compares the pod-template-generation label with
 * fmt.Sprint(dsTemplateGeneration) — a *int64, which prints an address — so in practice only the hash
 * decides; we keep that behaviour.
 */
export function isPodUpdated(pod: Pod, hash: string): boolean {
  return hash.length > 0 && pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
}

/**
 * mirrors ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes exactly one term,
 * `matchFields metadata.name In [node]`, so the default scheduler can only bind the pod to that node.
 * Preferred terms and pod (anti-)affinity are kept. Returns a new Affinity; `affinity` is not modified.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: OBJECT_NAME_FIELD, operator: "In", values: [nodeName] }] };
  const required = { nodeSelectorTerms: [term] };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } };
  return { ...affinity, nodeAffinity: { ...(affinity.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/**
 * mirrors GetTargetNodeName: spec.nodeName once bound, else the single `metadata.name In [x]` of the
 * required node affinity. Undefined (upstream: an error, the pod is skipped) when there is none.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length < 1) return undefined;
  // Indexed loops: this runs for every pod of a DaemonSet on every sync.
  for (let t = 0; t < terms.length; t++) {
    const fields = terms[t]!.matchFields;
    if (!fields) continue;
    for (let i = 0; i < fields.length; i++) {
      const exp = fields[i]!;
      if (exp.key === OBJECT_NAME_FIELD && exp.operator === "In") {
        return exp.values?.length === 1 ? exp.values[0] : undefined;
      }
    }
  }
  return undefined;
}
