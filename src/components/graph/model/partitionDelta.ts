// partitionDelta derives the next Partition from the previous one and the ids a batch changed, instead of
// sorting every item again: a rollout batch touches a few dozen of 3,000 pods, so only the lists those
// pods leave or join are rebuilt (and re-sorted: a node holds tens of pods). Invariant: the result equals
// partition(items, prev) — same members, same orders, and unchanged lists keep their identity.
// Returns undefined when the set of nodes changed (pods may then move between the Pending area and a
// node wholesale); the caller does a full partition.
import type { ComponentName, ComponentView, IngressView, NodeView, PodView, ServiceView, ViewItem, WorkloadView } from "../../../engine/protocol";
import { assemble, compareNamespaced, comparePods, compareWorkloads, reuse, sameDrawnNode, type Partition } from "./partition";

/** The bucket a pod is drawn in: its node, or "" for the Pending area (unbound or unknown node). */
function bucketOf(p: PodView, nodes: ReadonlySet<string>): string {
  return p.nodeName !== undefined && nodes.has(p.nodeName) ? p.nodeName : "";
}

/** `list` without the members whose id is in `ids`, plus `added`, sorted by `compare`. */
function rebuild<T extends { id: string }>(list: readonly T[], ids: ReadonlySet<string>, added: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  const next = list.filter((x) => !ids.has(x.id));
  next.push(...added);
  next.sort(compare);
  return reuse(list, next);
}

export function partitionDelta(prev: Partition, prevItems: ReadonlyMap<string, ViewItem>, items: ReadonlyMap<string, ViewItem>, changedIds: Iterable<string>): Partition | undefined {
  const nodeNames = new Set<string>();
  for (const n of prev.nodes) nodeNames.add(n.name);
  const ids = new Set<string>();
  const podAfter = new Map<string, PodView[]>();
  const podBuckets = new Set<string>();
  const nodeAfter = new Map<string, NodeView>();
  const kinds = new Set<string>();
  const after = { workloads: [] as WorkloadView[], services: [] as ServiceView[], ingresses: [] as IngressView[] };
  const components = new Map<ComponentName, ComponentView>(prev.components);
  let podCount = prev.podCount;

  for (const id of changedIds) {
    if (ids.has(id)) continue;
    ids.add(id);
    const before = prevItems.get(id);
    const now = items.get(id);
    const kind = (now ?? before)?.kind;
    if (kind === undefined) continue;
    if (kind === "Node") {
      // A node appearing or leaving regroups pods: leave that to the full partition.
      if (!before || !now || now.kind !== "Node" || before.kind !== "Node" || now.name !== before.name) return undefined;
      nodeAfter.set(id, now);
      continue;
    }
    if (kind === "Pod") {
      if (before?.kind === "Pod") {
        podBuckets.add(bucketOf(before, nodeNames));
        podCount--;
      }
      if (now?.kind === "Pod") {
        const b = bucketOf(now, nodeNames);
        podBuckets.add(b);
        const list = podAfter.get(b);
        if (list) list.push(now);
        else podAfter.set(b, [now]);
        podCount++;
      }
      continue;
    }
    kinds.add(kind);
    if (kind === "Component") {
      if (now?.kind === "Component") components.set(now.name, now);
      else if (before?.kind === "Component") components.delete(before.name);
    } else if (now?.kind === "Service") after.services.push(now);
    else if (now?.kind === "Ingress") after.ingresses.push(now);
    else if (now && now.kind !== "Pod" && now.kind !== "Node" && now.kind !== "Component") after.workloads.push(now);
  }

  let nodes = prev.nodes;
  if (nodeAfter.size > 0) {
    // Same members (checked above), so the order by name holds; only changed views are replaced.
    nodes = reuse(
      prev.nodes,
      prev.nodes.map((n) => {
        const next = nodeAfter.get(n.id);
        return next && !sameDrawnNode(n, next) ? next : n;
      }),
    );
  }
  let podsByNode = prev.podsByNode;
  let pending = prev.pending;
  if (podBuckets.size > 0) {
    const map = new Map(prev.podsByNode);
    for (const b of podBuckets) {
      const added = podAfter.get(b) ?? [];
      if (b === "") pending = rebuild(prev.pending, ids, added, comparePods);
      else map.set(b, rebuild(prev.podsByNode.get(b) ?? [], ids, added, comparePods));
    }
    podsByNode = map;
  }
  return assemble({
    components: kinds.has("Component") ? components : prev.components,
    nodes,
    podsByNode,
    pending,
    workloads: [...kinds].some((k) => k !== "Component" && k !== "Service" && k !== "Ingress") ? rebuild(prev.workloads, ids, after.workloads, compareWorkloads) : prev.workloads,
    services: kinds.has("Service") ? rebuild(prev.services, ids, after.services, compareNamespaced) : prev.services,
    ingresses: kinds.has("Ingress") ? rebuild(prev.ingresses, ids, after.ingresses, compareNamespaced) : prev.ingresses,
    podCount,
  });
}
