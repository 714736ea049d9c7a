// Registry strategies: the per-kind rules kube-apiserver applies around storage, mirroring
// pkg/registry/<group>/<kind>/strategy.go — which kinds track metadata.generation, which reset status on
// create, and which parts of an object a main-resource update or a status update may change.
import type { KubeObject } from "../api/types";
import { generateJobSelector } from "./admission/createStrategy";

/**
 * Kinds whose strategy sets generation = 1 on create and bumps it when the spec changes
 * (PrepareForCreate/PrepareForUpdate in apps, batch, autoscaling, policy and core pod strategies;
 * pods track generation since v1.33's PodObservedGenerationTracking, on by default in v1.34).
 */
const GENERATION_KINDS = new Set([
  "Pod",
  "Deployment",
  "ReplicaSet",
  "ReplicationController",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "NetworkPolicy",
  "Ingress",
  "CustomResourceDefinition",
]);

/** Kinds with a /status subresource: a main-resource update cannot change status, a status update only status. */
const STATUS_SUBRESOURCE_KINDS = new Set([
  "Pod",
  "Node",
  "Namespace",
  "Deployment",
  "ReplicaSet",
  "ReplicationController",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "Service",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "ResourceQuota",
  "Ingress",
]);

export function tracksGeneration(kind: string): boolean {
  return GENERATION_KINDS.has(kind);
}

export function hasStatusSubresource(kind: string): boolean {
  return STATUS_SUBRESOURCE_KINDS.has(kind);
}

/** PrepareForCreate: reset status the way each upstream strategy does. Mutates `obj` (owned by the caller). */
export function prepareForCreate(obj: KubeObject, now?: string): void {
  if (tracksGeneration(obj.kind)) obj.metadata.generation = 1;
  switch (obj.kind) {
    case "Pod":
      // pod strategy: status = {phase: Pending, qosClass}; qosClass is set by admission (computeQOSClass).
      obj.status = { phase: "Pending", ...(obj.status?.qosClass ? { qosClass: obj.status.qosClass } : {}) };
      break;
    case "Namespace":
      obj.status = { phase: "Active" };
      break;
    case "Node":
      break; // kubelets register nodes together with their status
    case "PersistentVolume":
      // persistentvolume strategy: status reset to Pending, and (PersistentVolumeLastPhaseTransitionTime,
      // GA in v1.31) the transition time stamped.
      obj.status = now ? { phase: "Pending", lastPhaseTransitionTime: now } : { phase: "Pending" };
      break;
    case "PersistentVolumeClaim":
      // Status is reset, then defaulting on read from storage gives phase Pending.
      obj.status = { phase: "Pending" };
      break;
    case "DaemonSet":
      obj.status = {};
      setTemplateGeneration(obj, 1);
      break;
    case "Job":
      obj.status = {};
      // The Job strategy derives the selector and controller-uid labels from the (just assigned) uid.
      generateJobSelector(obj);
      break;
    default:
      // ReplicaSetStatus.replicas has no omitempty, so an empty RS/RC status serializes as {replicas: 0}.
      if (hasStatusSubresource(obj.kind)) {
        obj.status = obj.kind === "ReplicaSet" || obj.kind === "ReplicationController" ? { replicas: 0 } : {};
      }
  }
}

/**
 * PrepareForUpdate on the main resource: status is kept from the stored object, and generation moves
 * when the spec changed. Mutates `next`.
 */
export function prepareForUpdate(next: KubeObject, old: KubeObject): void {
  if (hasStatusSubresource(next.kind)) {
    if (old.status === undefined) delete next.status;
    else next.status = old.status;
  }
  if (tracksGeneration(next.kind)) {
    const gen = old.metadata.generation ?? 1;
    next.metadata.generation = jsonEqual(next.spec, old.spec) ? gen : gen + 1;
  }
  if (next.kind === "DaemonSet") {
    // The apps/v1 conversion keeps the template generation in an annotation; it moves with the template.
    const prev = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? "1");
    setTemplateGeneration(next, jsonEqual(next.spec?.template, old.spec?.template) ? prev : prev + 1);
  }
}

/**
 * PrepareForUpdate on /status: the spec and labels stay as stored (deploymentStatusStrategy and its
 * siblings reset exactly these), so a status writer may still change annotations — the Deployment
 * controller stores its revision annotation that way. Mutates `next` and its metadata (both the API
 * server's own copies) and returns it; the keys end up in the order a spread-and-override copy gives.
 */
export function prepareForStatusUpdate(next: KubeObject, old: KubeObject, now?: string): KubeObject {
  const metadata = next.metadata;
  metadata.labels = old.metadata.labels;
  if (metadata.labels === undefined) delete metadata.labels;
  // A status key absent from `next` is still added (last, undefined), as `{ ...next, status }` adds it.
  if (!("status" in next)) next.status = undefined;
  // persistentVolumeStatusStrategy: a phase change stamps status.lastPhaseTransitionTime.
  if (next.kind === "PersistentVolume" && now && next.status?.phase !== old.status?.phase) {
    next.status = { ...(next.status ?? {}), lastPhaseTransitionTime: now };
  }
  if (old.spec === undefined) delete next.spec;
  else next.spec = old.spec;
  return next;
}

/** apps/v1 DaemonSets carry spec.templateGeneration as this annotation (pkg/apis/apps/v1 conversion). */
const TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

function setTemplateGeneration(obj: KubeObject, gen: number): void {
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: String(gen) };
}

/** Structural equality for JSON values, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!jsonEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}
