// PodNameIndex answers "which node is pod namespace/name on?" for the graph's message routing (an audit
// entry names a pod by namespace and name; the store keys items by uid). It is kept current from each
// batch's own changes (O(changes)), so routing never rescans thousands of pods per batch.
// Invariant: after apply(), nodeOf() agrees with a scan of the store's items.
import type { PodView, ViewItem } from "../engine/protocol";

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export class PodNameIndex {
  private readonly byName = new Map<string, PodView>();

  /** Starts over from a whole set of items (a snapshot). */
  reset(items: Iterable<ViewItem>): void {
    this.byName.clear();
    for (const it of items) if (it.kind === "Pod") this.byName.set(key(it.namespace, it.name), it);
  }

  /** A pod that is no longer in the store (only its own entry: the name may already belong to a new uid). */
  remove(item: ViewItem | undefined): void {
    if (item?.kind !== "Pod") return;
    const k = key(item.namespace, item.name);
    if (this.byName.get(k)?.id === item.id) this.byName.delete(k);
  }

  /** A pod created or changed. */
  put(item: ViewItem): void {
    if (item.kind === "Pod") this.byName.set(key(item.namespace, item.name), item);
  }

  /** spec.nodeName of the pod, undefined when unknown or not bound. */
  nodeOf(namespace: string | undefined, name: string | undefined): string | undefined {
    return this.byName.get(key(namespace ?? "", name ?? ""))?.nodeName;
  }

  get size(): number {
    return this.byName.size;
  }
}
