// Defined orders for the view: snapshots list items by kind, namespace and name, and events by time, so
// the same cluster gives the same snapshot however it was reached (live or replayed).
import type { KubeObject } from "../api/types";
import type { EventRow, ViewItem } from "../protocol";

const KIND_ORDER: Readonly<Record<string, number>> = { Component: 0, Node: 1, Deployment: 2, StatefulSet: 3, DaemonSet: 4, CronJob: 5, Job: 6, ReplicationController: 7, ReplicaSet: 8, Pod: 9, Service: 10, Ingress: 11 };

/** The store key of an object: "pods/default/web-1", "nodes/node-1". */
export function objectKey(resource: string, obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${resource}/${ns}/${obj.metadata.name}` : `${resource}/${obj.metadata.name}`;
}

export function byTime(a: EventRow, b: EventRow): number {
  return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function itemOrder(a: ViewItem, b: ViewItem): number {
  const k = (KIND_ORDER[a.kind] ?? 99) - (KIND_ORDER[b.kind] ?? 99);
  if (k !== 0) return k;
  const an = "namespace" in a ? a.namespace : "";
  const bn = "namespace" in b ? b.namespace : "";
  if (an !== bn) return an < bn ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
