// Informer mirrors client-go's SharedIndexInformer: it lists a resource once, then follows the watch,
// keeping a read-only cache (with indexes) and calling handlers for adds, updates and deletes.
// Watch events arrive after a small simulated network delay and are applied in revision order, so a
// component always acts on a view of the cluster that may be slightly stale — exactly the situation
// upstream's optimistic concurrency (409 Conflict) and expectations exist for.
// Invariant: cached objects are the store's objects; never mutate them (copy first).
import type { KubeObject } from "../api/types";
import type { StoreEvent } from "../apiserver/store";
import type { Store } from "../apiserver/store";
import type { WatchHub, WatchHandle } from "../apiserver/watch";
import type { EventQueue, ScheduledTask } from "../sim/eventQueue";

export interface EventHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export type IndexFunc<T> = (obj: T) => readonly string[];

export interface InformerOptions {
  namespace?: string;
  /** The kubelet's `spec.nodeName=<node>` field selector (pods only). */
  nodeName?: string;
  /** Simulated delay from a write to its watch event being handled. */
  latencyMs?: number;
}

/** MetaNamespaceKeyFunc: "namespace/name", or "name" for cluster-scoped objects. */
export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : obj.metadata.name;
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly handlers: EventHandlers<T>[] = [];
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /**
   * index name → value → the keys under it. A value with a single key holds the key itself: uid-like
   * indexes have one bucket per object, and 150,000 one-element Sets would cost tens of MB.
   */
  private readonly indices = new Map<string, Map<string, Bucket>>();
  private buffer: StoreEvent[] = [];
  private drainTask: ScheduledTask | undefined;
  private watch: WatchHandle | undefined;
  synced = false;

  constructor(
    readonly resource: string,
    private readonly store: Store,
    private readonly hub: WatchHub,
    private readonly events: EventQueue,
    private readonly opts: InformerOptions = {},
  ) {}

  addEventHandler(h: EventHandlers<T>): void {
    this.handlers.push(h);
    // Like client-go, a handler added after sync is told about every cached object.
    if (this.synced && h.add) for (const o of this.items.values()) h.add(o);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, fn);
    const idx = new Map<string, Bucket>();
    this.indices.set(name, idx);
    for (const [k, o] of this.items) for (const v of fn(o)) addTo(idx, v, k);
  }

  /** List-then-watch. Idempotent. */
  start(): void {
    if (this.watch) return;
    for (const o of this.store.list(this.resource, this.opts.namespace)) {
      if (this.opts.nodeName !== undefined && o.spec?.nodeName !== this.opts.nodeName) continue;
      this.apply({ rev: 0, type: "ADDED", resource: this.resource, key: "", object: o });
    }
    this.synced = true;
    this.watch = this.hub.add({
      resource: this.resource,
      namespace: this.opts.namespace,
      nodeName: this.opts.nodeName,
      deliver: (e) => this.enqueue(e),
    });
  }

  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    if (this.drainTask) this.drainTask.cancelled = true;
    this.drainTask = undefined;
    this.buffer = [];
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }

  /** Calls `fn` for each object under an index value, without building an array (hot paths). */
  forEachInIndex(name: string, value: string, fn: (obj: T) => void): void {
    const keys = this.indices.get(name)?.get(value);
    if (keys === undefined) return;
    if (typeof keys === "string") return fn(this.items.get(keys)!);
    for (const k of keys) fn(this.items.get(k)!);
  }

  /** How many objects are under an index value. */
  indexSize(name: string, value: string): number {
    const keys = this.indices.get(name)?.get(value);
    return keys === undefined ? 0 : typeof keys === "string" ? 1 : keys.size;
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indices.get(name)?.get(value);
    if (keys === undefined) return [];
    if (typeof keys === "string") return [this.items.get(keys)!];
    const out: T[] = [];
    for (const k of keys) out.push(this.items.get(k)!);
    return out;
  }

  private enqueue(e: StoreEvent): void {
    this.buffer.push(e);
    if (!this.drainTask) {
      this.drainTask = this.events.after(this.opts.latencyMs ?? 1, `watch:${this.resource}`, () => this.drain());
    }
  }

  private drain(): void {
    this.drainTask = undefined;
    const batch = this.buffer;
    this.buffer = [];
    for (const e of batch) this.apply(e);
  }

  private apply(e: StoreEvent): void {
    const obj = e.object as T;
    const key = (e.cacheKey ??= keyOf(obj));
    const old = this.items.get(key);
    // A pod that moved off this kubelet's node (or a DELETED event) leaves the cache.
    const gone = e.type === "DELETED" || (this.opts.nodeName !== undefined && obj.spec?.nodeName !== this.opts.nodeName);
    if (gone) {
      if (!old) return;
      this.items.delete(key);
      this.reindex(key, old, undefined);
      for (const h of this.handlers) h.delete?.(obj);
      return;
    }
    this.items.set(key, obj);
    this.reindex(key, old, obj);
    if (old) for (const h of this.handlers) h.update?.(old, obj);
    else for (const h of this.handlers) h.add?.(obj);
  }

  private reindex(key: string, old: T | undefined, next: T | undefined): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indices.get(name)!;
      if (old && next) {
        // Most updates (status writes) leave index values alone: keep the entry where it is, which is both
        // cheaper and keeps each bucket in insertion (creation) order.
        const was = fn(old);
        const now = fn(next);
        if (sameValues(was, now)) continue;
        for (const v of was) removeFrom(idx, v, key);
        for (const v of now) addTo(idx, v, key);
        continue;
      }
      if (old) {
        // Emptied buckets go: uid-keyed indexes would otherwise keep one per deleted object forever.
        for (const v of fn(old)) removeFrom(idx, v, key);
      }
      if (next) for (const v of fn(next)) addTo(idx, v, key);
    }
  }
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Bucket = string | Set<string>;

function addTo(idx: Map<string, Bucket>, value: string, key: string): void {
  const b = idx.get(value);
  if (b === undefined) idx.set(value, key);
  else if (typeof b === "string") {
    if (b !== key) idx.set(value, new Set([b, key]));
  } else b.add(key);
}

function removeFrom(idx: Map<string, Bucket>, value: string, key: string): void {
  const b = idx.get(value);
  if (b === undefined) return;
  if (typeof b === "string") {
    if (b === key) idx.delete(value);
  } else if (b.delete(key) && b.size === 0) idx.delete(value);
}
