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
import { Indices, type IndexFunc } from "./indices";

export interface EventHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export type { IndexFunc } from "./indices";

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
  /** The indexes (indices.ts: single-key buckets, stores shared by indexes that agree). */
  private readonly indices = new Indices<T>();
  private buffer: StoreEvent[] = [];
  private drainTask: ScheduledTask | undefined;
  /** The drain task's label and body, made once (one task per watch batch). */
  private readonly drainLabel: string;
  private readonly drainFn = (): void => this.drain();
  private watch: WatchHandle | undefined;
  synced = false;

  constructor(
    readonly resource: string,
    private readonly store: Store,
    private readonly hub: WatchHub,
    private readonly events: EventQueue,
    private readonly opts: InformerOptions = {},
  ) {
    this.drainLabel = `watch:${resource}`;
  }

  addEventHandler(h: EventHandlers<T>): void {
    this.handlers.push(h);
    // Like client-go, a handler added after sync is told about every cached object.
    if (this.synced && h.add) for (const o of this.items.values()) h.add(o);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    if (this.indices.has(name)) return;
    this.indices.add(name, fn, this.items);
  }

  /** List-then-watch. Idempotent. */
  start(): void {
    if (this.watch) return;
    for (const o of this.store.list(this.resource, this.opts.namespace)) {
      if (this.opts.nodeName !== undefined && o.spec?.nodeName !== this.opts.nodeName) continue;
      this.apply({ rev: 0, type: "ADDED", resource: this.resource, key: "", object: o, prev: undefined, cacheKey: undefined });
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
    const keys = this.indices.bucket(name, value);
    if (keys === undefined) return;
    if (typeof keys === "string") return fn(this.items.get(keys)!);
    for (const k of keys) fn(this.items.get(k)!);
  }

  /** How many objects are under an index value. */
  indexSize(name: string, value: string): number {
    const keys = this.indices.bucket(name, value);
    return keys === undefined ? 0 : typeof keys === "string" ? 1 : keys.size;
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indices.bucket(name, value);
    if (keys === undefined) return [];
    if (typeof keys === "string") return [this.items.get(keys)!];
    const out: T[] = [];
    for (const k of keys) out.push(this.items.get(k)!);
    return out;
  }

  private enqueue(e: StoreEvent): void {
    this.buffer.push(e);
    if (!this.drainTask) {
      this.drainTask = this.events.after(this.opts.latencyMs ?? 1, this.drainLabel, this.drainFn);
    }
  }

  private drain(): void {
    this.drainTask = undefined;
    const batch = this.buffer;
    this.buffer = [];
    for (let i = 0; i < batch.length; i++) this.apply(batch[i]!);
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
      this.indices.update(key, old, undefined);
      for (const h of this.handlers) h.delete?.(obj);
      return;
    }
    this.items.set(key, obj);
    this.indices.update(key, old, obj);
    if (old) for (const h of this.handlers) h.update?.(old, obj);
    else for (const h of this.handlers) h.add?.(obj);
  }
}
