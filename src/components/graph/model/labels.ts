// labels builds the accessible names of everything the graph draws. People using a screen reader hear
// them and the e2e tests find elements by them, so each says kind, name and kubectl status
// (issue 5: `Pod nginx-deployment-7c5ddbdf54-x2kqz Running`, `Node node-2 NotReady`).
import type { ComponentView, IngressView, NodeView, PodView, ServiceView, WorkloadView } from "../../../engine/protocol";

export function podLabel(p: Pick<PodView, "name" | "status">): string {
  return `Pod ${p.name} ${p.status}`;
}

export function nodeLabel(n: Pick<NodeView, "name" | "status">): string {
  return `Node ${n.name} ${n.status}`;
}

/** Dot view: pods are not individually named, so the node says how many and in which states
 *  (`Node node-2 Ready, 30 pods: 28 Running, 2 Pending`). States by count, ties by name, for a stable order. */
export function nodeSummaryLabel(n: Pick<NodeView, "name" | "status">, pods: readonly Pick<PodView, "status">[]): string {
  return `${nodeLabel(n)}, ${countLabel(pods)}`;
}

export function countLabel(pods: readonly Pick<PodView, "status">[]): string {
  const head = `${pods.length} ${pods.length === 1 ? "pod" : "pods"}`;
  if (pods.length === 0) return head;
  return `${head}: ${statusCounts(pods)
    .map(([s, c]) => `${c} ${s}`)
    .join(", ")}`;
}

/** [status, count] pairs, most frequent first, ties by status name. */
export function statusCounts(pods: readonly Pick<PodView, "status">[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function componentLabel(c: Pick<ComponentView, "name" | "up">): string {
  return `${c.name} ${c.up ? "running" : "stopped"}`;
}

export function serviceLabel(s: Pick<ServiceView, "name">): string {
  return `Service ${s.name}`;
}

export function workloadLabel(w: Pick<WorkloadView, "kind" | "name">): string {
  return `${w.kind} ${w.name}`;
}

export function ingressLabel(i: Pick<IngressView, "name">): string {
  return `Ingress ${i.name}`;
}

export function pendingAreaLabel(pods: readonly Pick<PodView, "status">[]): string {
  return `Pending (unscheduled), ${countLabel(pods)}`;
}

/** The name `sim node add` gets from the Add node button: one past the highest `node-N`. */
export function nextNodeName(existing: Iterable<string>): string {
  let max = 0;
  for (const name of existing) {
    const m = /^node-(\d+)$/.exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `node-${max + 1}`;
}

/** Shortens a long pod name in the middle, keeping its owner's name and the generated suffix that tells
 *  replicas apart ("nginx-depl…bdf54-x2kqz"). The accessible name always carries the full name. */
export function shortName(name: string, max = 22): string {
  if (name.length <= max) return name;
  const tail = Math.min(11, max - 4);
  return `${name.slice(0, max - tail - 1)}…${name.slice(-tail)}`;
}
