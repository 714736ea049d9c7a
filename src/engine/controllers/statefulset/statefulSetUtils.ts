// StatefulSet identities and revisions: pod `<set>-<ordinal>` with its hostname/subdomain, name and index
// labels and its claims `<template>-<set>-<ordinal>`; the revision patch of the pod template and how a set
// is rebuilt from a revision; and the status bookkeeping.
// mirrors k/k pkg/controller/statefulset/stateful_set_utils.go.
import type { Pod, Volume } from "../../api/types";
import { isPodAvailable, isPodReady } from "../../api/podutil";
import { deepCopy } from "../../sim/clone";
import { newControllerRef } from "../daemonset/controllerRefManager";
import { templatePatch } from "../daemonset/history";
import type { ControllerRevision } from "../daemonset/types";
import { newControllerRevision } from "./controllerHistory";
import {
  POD_INDEX_LABEL,
  STATEFULSET_POD_NAME_LABEL,
  STATEFULSET_REVISION_LABEL,
  type PersistentVolumeClaim,
  type StatefulSet,
  type StatefulSetStatus,
} from "./types";

export const controllerKind = { apiVersion: "apps/v1", kind: "StatefulSet" } as const;
export const podKind = { apiVersion: "v1", kind: "Pod" } as const;

/** statefulPodRegex "(.*)-([0-9]+)$": parent name and ordinal; ordinal -1 when the name has none. */
const statefulPodRegex = /^(.*)-([0-9]+)$/;

// mirrors getParentNameAndOrdinal (the ordinal must fit an int32).
export function getParentNameAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = statefulPodRegex.exec(pod.metadata.name);
  if (!m) return { parent: "", ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1]!, ordinal: Number.isSafeInteger(n) && n <= 2147483647 ? n : -1 };
}

export function getParentName(pod: Pod): string {
  return getParentNameAndOrdinal(pod).parent;
}

export function getOrdinal(pod: Pod): number {
  return getParentNameAndOrdinal(pod).ordinal;
}

export function replicasOf(set: StatefulSet): number {
  return set.spec.replicas ?? 1;
}

// mirrors getStartOrdinal: spec.ordinals.start, else 0.
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

// mirrors getEndOrdinal (inclusive).
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + replicasOf(set) - 1;
}

// mirrors podInOrdinalRange
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

// mirrors getPersistentVolumeClaimName: `<claim>-<set>-<ordinal>` (zone spreading heuristics rely on it).
export function getPersistentVolumeClaimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata.name}-${set.metadata.name}-${ordinal}`;
}

// mirrors isMemberOf
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentName(pod) === set.metadata.name;
}

// mirrors identityMatches
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    set.metadata.name === parent &&
    pod.metadata.name === getPodName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata.name
  );
}

// mirrors storageMatches: every claim template is mounted from this ordinal's claim.
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map<string, Volume>();
  for (const v of pod.spec.volumes ?? []) volumes.set(v.name, v);
  for (const claim of set.spec.volumeClaimTemplates ?? []) {
    const v = volumes.get(claim.metadata.name) as { persistentVolumeClaim?: { claimName?: string } } | undefined;
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== getPersistentVolumeClaimName(set, claim, ordinal)) return false;
  }
  return true;
}

/**
 * mirrors getPersistentVolumeClaims: this pod's claims keyed by template name (in template order, where
 * upstream returns a Go map), labelled with the set's selector matchLabels.
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const tpl of set.spec.volumeClaimTemplates ?? []) {
    const claim = deepCopy(tpl);
    claim.apiVersion = "v1";
    claim.kind = "PersistentVolumeClaim";
    claim.metadata = { ...claim.metadata, name: getPersistentVolumeClaimName(set, tpl, ordinal), namespace: set.metadata.namespace };
    claim.metadata.labels = { ...(claim.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) };
    claims.set(tpl.metadata.name, claim);
  }
  return claims;
}

// mirrors updateStorage: claim volumes first (ReadOnly false is omitted, as Go omits it), then the others.
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, pod);
  const volumes: Volume[] = [];
  for (const [name, claim] of claims) volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata.name } });
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  pod.spec.volumes = volumes;
}

// mirrors initIdentity: identity plus the immutable hostname and subdomain, set only at creation.
function initIdentity(set: StatefulSet, pod: Pod): void {
  updateIdentity(set, pod);
  pod.spec.hostname = pod.metadata.name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
}

// mirrors updateIdentity: name, namespace, the pod-name label and (PodIndexLabel, GA) the pod-index label.
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = getPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [STATEFULSET_POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
}

// mirrors isRunningAndReady
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" && isPodReady(pod);
}

// mirrors isRunningAndAvailable (IsPodAvailable at metav1.Now()).
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowAbs: number): boolean {
  return isPodAvailable(pod, minReadySeconds, nowAbs);
}

/** isCreated: the pod has come back from the API server (it has a phase). */
export function isCreated(pod: Pod): boolean {
  return !!pod.status?.phase;
}

export const isPending = (pod: Pod): boolean => pod.status?.phase === "Pending";
export const isFailed = (pod: Pod): boolean => pod.status?.phase === "Failed";
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === "Succeeded";
export const isTerminating = (pod: Pod): boolean => !!pod.metadata.deletionTimestamp;

// mirrors isHealthy
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

// mirrors isUnavailable: unhealthy, terminating, or not yet ready for minReadySeconds.
export function isUnavailable(pod: Pod, minReadySeconds: number, nowAbs: number): boolean {
  return !isHealthy(pod) || !isRunningAndAvailable(pod, minReadySeconds, nowAbs);
}

// mirrors allowsBurst: Parallel pod management.
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec.podManagementPolicy === "Parallel";
}

export function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [STATEFULSET_REVISION_LABEL]: revision };
}

export function getPodRevision(pod: Pod): string {
  return pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] ?? "";
}

/** Labels in key order: Go marshals maps sorted, so `-o yaml` shows them that way. */
function sortedLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) out[k] = labels[k]!;
  return out;
}

/**
 * mirrors newStatefulSetPod: GetPodFromTemplate (generateName `<set>-`, template labels, annotations and
 * finalizers, the controller ref), the ordinal's name and identity, and its claim volumes.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const meta = set.spec.template.metadata ?? {};
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: getPodName(set, ordinal),
      generateName: `${set.metadata.name}-`,
      namespace: set.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [newControllerRef(set, controllerKind)],
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
    },
    spec: deepCopy(set.spec.template.spec),
  } as unknown as Pod;
  initIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

/**
 * mirrors newVersionedStatefulSetPod: ordinals below the partition (or, without a rollingUpdate block, below
 * currentReplicas) are created at the current revision, the others at the update revision. The condition is
 * upstream's exactly, operator precedence included: (RollingUpdate && no rollingUpdate && …) || (rollingUpdate && …).
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const us = currentSet.spec.updateStrategy;
  const start = getStartOrdinal(currentSet);
  const useCurrent =
    (us?.type === "RollingUpdate" && !us.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (!!us?.rollingUpdate && ordinal < start + (us.rollingUpdate.partition ?? 0));
  const pod = useCurrent ? newStatefulSetPod(currentSet, ordinal) : newStatefulSetPod(updateSet, ordinal);
  setPodRevision(pod, useCurrent ? currentRevision : updateRevision);
  pod.metadata.labels = sortedLabels(pod.metadata.labels!);
  return pod;
}

/**
 * mirrors newRevision: a ControllerRevision holding getPatch(set) — the pod template under `$patch: replace`
 * — labelled with the template labels, annotated with the set's annotations.
 */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, controllerKind, set.spec.template.metadata?.labels, templatePatch(set.spec.template), revision, collisionCount);
  cr.metadata.annotations = { ...(set.metadata.annotations ?? {}) };
  return cr;
}

const appliedTemplates = new WeakMap<ControllerRevision, StatefulSet["spec"]["template"]>();

/**
 * mirrors ApplyRevision: the set with its template replaced by the revision's (a strategic merge patch with
 * `$patch: replace`). Decoding drops the directive and the template's null creationTimestamp.
 */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  let template = appliedTemplates.get(revision);
  if (!template) {
    const raw = deepCopy(((revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) as Record<string, unknown>);
    delete raw.$patch;
    const meta = raw.metadata as Record<string, unknown> | undefined;
    if (meta && meta.creationTimestamp === null) delete meta.creationTimestamp;
    template = raw as unknown as StatefulSet["spec"]["template"];
    appliedTemplates.set(revision, template);
  }
  return { ...set, spec: { ...set.spec, template } };
}

// mirrors nextRevision: 1 + the highest Revision (revisions are sorted).
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return revisions.length === 0 ? 1 : revisions[revisions.length - 1]!.revision + 1;
}

// mirrors inconsistentStatus
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status;
  return (
    (status.observedGeneration ?? 0) > (s?.observedGeneration ?? 0) ||
    status.replicas !== (s?.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (s?.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s?.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s?.updatedReplicas ?? 0) ||
    (status.currentRevision ?? "") !== (s?.currentRevision ?? "") ||
    status.availableReplicas !== (s?.availableReplicas ?? 0) ||
    (status.updateRevision ?? "") !== (s?.updateRevision ?? "")
  );
}

// mirrors completeRollingUpdate: when every replica is updated and ready, the update revision becomes current.
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const replicas = replicasOf(set);
  if (
    set.spec.updateStrategy?.type === "RollingUpdate" &&
    (status.updatedReplicas ?? 0) === replicas &&
    (status.readyReplicas ?? 0) === replicas &&
    status.replicas === replicas
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** ascendingOrdinal / descendingOrdinal comparators. */
export const ascendingOrdinal = (a: Pod, b: Pod): number => getOrdinal(a) - getOrdinal(b);
export const descendingOrdinal = (a: Pod, b: Pod): number => getOrdinal(b) - getOrdinal(a);
