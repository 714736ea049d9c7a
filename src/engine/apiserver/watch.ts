// WatchHub fans store changes out to watchers, like the apiserver's watch cache (cacher.go). Watchers
// of pods may be indexed by spec.nodeName — the same trigger index upstream uses so that each kubelet's
// `fieldSelector=spec.nodeName=<node>` watch does not look at every pod event in the cluster.
import type { StoreEvent, Store } from "./store";

export interface Watcher {
  readonly resource: string;
  /** Only events for objects in this namespace. */
  readonly namespace?: string;
  /** Only pod events whose old or new spec.nodeName equals this (the kubelet's watch). */
  readonly nodeName?: string;
  deliver(e: StoreEvent): void;
}

export interface WatchHandle {
  stop(): void;
}

export class WatchHub {
  private readonly byResource = new Map<string, Set<Watcher>>();
  private readonly podsByNode = new Map<string, Set<Watcher>>();

  constructor(store: Store) {
    store.onEvent((e) => this.dispatch(e));
  }

  add(w: Watcher): WatchHandle {
    const index = w.nodeName !== undefined && w.resource === "pods" ? this.podsByNode : this.byResource;
    const key = index === this.podsByNode ? w.nodeName! : w.resource;
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    set.add(w);
    return { stop: () => set!.delete(w) };
  }

  private dispatch(e: StoreEvent): void {
    const set = this.byResource.get(e.resource);
    if (set) {
      for (const w of set) {
        if (w.namespace && e.object.metadata.namespace !== w.namespace) continue;
        w.deliver(e);
      }
    }
    if (e.resource === "pods" && this.podsByNode.size > 0) {
      const now = e.object.spec?.nodeName as string | undefined;
      const before = e.prev?.spec?.nodeName as string | undefined;
      if (now) deliverAll(this.podsByNode.get(now), e);
      if (before && before !== now) deliverAll(this.podsByNode.get(before), e);
    }
  }
}

function deliverAll(set: Set<Watcher> | undefined, e: StoreEvent): void {
  if (set === undefined) return;
  for (const w of set) w.deliver(e);
}
