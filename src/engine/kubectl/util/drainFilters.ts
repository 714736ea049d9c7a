// Which pods `kubectl drain` may remove, and why not. mirrors kubectl pkg/drain/filters.go: the filters
// run in order (skipDeleted, daemonSet, mirrorPod, localStorage, unreplicated) and stop at the first
// that keeps a pod; warnings and errors are grouped by message, pods listed as namespace/name.
// Groups keep the order they were first seen (upstream iterates a Go map: an arbitrary order).
import type { Pod } from "../../api/types";

export const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
export const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
export const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
export const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
export const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
export const UNMANAGED_WARNING = "deleting Pods that declare no controller";
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

export type PodDeleteReason = "Okay" | "Skip" | "Warning" | "Error";

export interface PodDeleteStatus {
  delete: boolean;
  reason: PodDeleteReason;
  message?: string;
}

export interface DrainFilterOptions {
  force: boolean;
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** --skip-wait-for-delete-timeout seconds (0: never skip). */
  skipWaitForDeleteTimeoutSeconds: number;
  /** Unix ms now, for the skip-deleted filter. */
  nowAbsMs: number;
  /** Whether the DaemonSet a pod names still exists (a GET in upstream). */
  daemonSetExists(namespace: string, name: string): boolean;
}

const OKAY: PodDeleteStatus = { delete: true, reason: "Okay" };
const SKIP: PodDeleteStatus = { delete: false, reason: "Skip" };

function finished(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

function controllerOf(pod: Pod) {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

type Filter = (pod: Pod, o: DrainFilterOptions) => PodDeleteStatus;

const skipDeletedFilter: Filter = (pod, o) => {
  const ts = pod.metadata.deletionTimestamp;
  if (o.skipWaitForDeleteTimeoutSeconds > 0 && ts && Math.floor((o.nowAbsMs - Date.parse(ts)) / 1000) > o.skipWaitForDeleteTimeoutSeconds) return SKIP;
  return OKAY;
};

const daemonSetFilter: Filter = (pod, o) => {
  const ref = controllerOf(pod);
  if (!ref || ref.kind !== "DaemonSet") return OKAY;
  if (finished(pod)) return OKAY;
  if (!o.daemonSetExists(pod.metadata.namespace ?? "", ref.name)) {
    const message = `daemonsets.apps ${JSON.stringify(ref.name)} not found`;
    return o.force ? { delete: true, reason: "Warning", message } : { delete: false, reason: "Error", message };
  }
  if (!o.ignoreAllDaemonSets) return { delete: false, reason: "Error", message: DAEMONSET_FATAL };
  return { delete: false, reason: "Warning", message: DAEMONSET_WARNING };
};

const mirrorPodFilter: Filter = (pod) => (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined ? SKIP : OKAY);

const localStorageFilter: Filter = (pod, o) => {
  if (!(pod.spec.volumes ?? []).some((v) => v.emptyDir !== undefined)) return OKAY;
  if (finished(pod)) return OKAY;
  if (!o.deleteEmptyDirData) return { delete: false, reason: "Error", message: LOCAL_STORAGE_FATAL };
  return { delete: true, reason: "Warning", message: LOCAL_STORAGE_WARNING };
};

const unreplicatedFilter: Filter = (pod, o) => {
  if (finished(pod)) return OKAY;
  if (controllerOf(pod)) return OKAY;
  if (o.force) return { delete: true, reason: "Warning", message: UNMANAGED_WARNING };
  return { delete: false, reason: "Error", message: UNMANAGED_FATAL };
};

const FILTERS: readonly Filter[] = [skipDeletedFilter, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];

export interface PodDelete {
  pod: Pod;
  status: PodDeleteStatus;
}

// mirrors filterPods: the last status computed is kept (a later filter's Okay drops an earlier warning).
export function filterPods(pods: readonly Pod[], o: DrainFilterOptions): PodDelete[] {
  return pods.map((pod) => {
    let status = OKAY;
    for (const f of FILTERS) {
      status = f(pod, o);
      if (!status.delete) break;
    }
    return { pod, status };
  });
}

function groupBy(list: readonly PodDelete[], reason: PodDeleteReason): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const i of list) {
    if (i.status.reason !== reason) continue;
    const msg = i.status.message || (reason === "Error" ? "unexpected error" : "");
    const pods = groups.get(msg) ?? [];
    pods.push(`${i.pod.metadata.namespace}/${i.pod.metadata.name}`);
    groups.set(msg, pods);
  }
  return groups;
}

/** PodDeleteList.Pods: the pods to evict. */
export function podsToDelete(list: readonly PodDelete[]): Pod[] {
  return list.filter((i) => i.status.delete).map((i) => i.pod);
}

/** PodDeleteList.Warnings: "<message>: ns/a, ns/b; <message>: ..." ("" for none). */
export function warnings(list: readonly PodDelete[]): string {
  return [...groupBy(list, "Warning")].map(([msg, pods]) => `${msg}: ${pods.join(", ")}`).join("; ");
}

/** PodDeleteList.errors: one per message, prefixed "cannot delete" unless it already is. */
export function errors(list: readonly PodDelete[]): string[] {
  return [...groupBy(list, "Error")].map(([msg, pods]) =>
    msg.toLowerCase().startsWith("cannot delete") ? `${msg}: ${pods.join(", ")}` : `cannot delete ${msg}: ${pods.join(", ")}`,
  );
}
