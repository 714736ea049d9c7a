// Store gives the API server etcd's semantics: one global, monotonically increasing revision; every write
// gets the next revision as its resourceVersion; a bounded history of changes from which watches resume;
// compaction, after which an old revision answers 410 Gone (as etcd's "required revision has been
// compacted"). It does not validate or default anything: that is the API server's job.
import type { KubeObject } from "../api/types";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  /** The revision this change created (for DELETED: the revision of the deletion). */
  readonly rev: number;
  readonly type: WatchEventType;
  readonly resource: string;
  readonly key: string;
  readonly object: KubeObject;
  /** The object before the change (undefined for ADDED). The page diffs against it. */
  readonly prev?: KubeObject;
  /**
   * The informers' cache key ("namespace/name"), computed by the first informer that handles the event and
   * shared by the others: one string per object instead of one per informer cache.
   */
  cacheKey?: string;
}

/** A point-in-time copy of the keyspace (sim/chaos etcd snapshots). */
export interface StoreSnapshot {
  readonly revision: number;
  readonly data: ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;
}

export interface StoreOptions {
  /** How many change events are kept for watch resumption and per-object history (etcd compaction). */
  historyLimit?: number;
}

export class Store {
  private revision = 0;
  /** resource → key → object. Insertion order is preserved; list() sorts by key for determinism. */
  private readonly byResource = new Map<string, Map<string, KubeObject>>();
  private readonly log: StoreEvent[] = [];
  private logStart = 0;
  private compactedRev = 0;
  private readonly historyLimit: number;
  private readonly listeners: ((e: StoreEvent) => void)[] = [];

  constructor(opts: StoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 20_000;
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** The oldest revision a watch may still start from. */
  get compactedRevision(): number {
    return this.compactedRev;
  }

  onEvent(listener: (e: StoreEvent) => void): void {
    this.listeners.push(listener);
  }

  get(resource: string, key: string): KubeObject | undefined {
    return this.byResource.get(resource)?.get(key);
  }

  /** All objects of a resource (optionally one namespace), sorted by key: etcd's range order. */
  list(resource: string, namespace?: string): KubeObject[] {
    const m = this.byResource.get(resource);
    if (!m) return [];
    const out: KubeObject[] = [];
    const prefix = namespace ? `${resource}/${namespace}/` : undefined;
    for (const [k, v] of m) if (!prefix || k.startsWith(prefix)) out.push(v);
    out.sort((a, b) => cmpKey(a, b));
    return out;
  }

  count(resource: string): number {
    return this.byResource.get(resource)?.size ?? 0;
  }

  resources(): string[] {
    return [...this.byResource.keys()].sort();
  }

  /** Writes `obj` (which the store now owns) under `key`, stamping the next revision. */
  put(resource: string, key: string, obj: KubeObject): StoreEvent {
    let m = this.byResource.get(resource);
    if (!m) this.byResource.set(resource, (m = new Map()));
    const prev = m.get(key);
    const rev = ++this.revision;
    obj.metadata.resourceVersion = String(rev);
    m.set(key, obj);
    // cacheKey is declared up front (filled by the first informer): every event keeps one shape.
    return this.emit({ rev, type: prev ? "MODIFIED" : "ADDED", resource, key, object: obj, prev, cacheKey: undefined });
  }

  remove(resource: string, key: string): StoreEvent | undefined {
    const m = this.byResource.get(resource);
    const prev = m?.get(key);
    if (!m || !prev) return undefined;
    m.delete(key);
    const rev = ++this.revision;
    // The DELETED event carries the last state with the deletion's revision, as etcd3 watch does.
    const object = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rev) } };
    return this.emit({ rev, type: "DELETED", resource, key, object, prev, cacheKey: undefined });
  }

  /**
   * Changes after `fromRev` (exclusive), optionally for one resource. Throws RangeError when `fromRev` is
   * older than the compacted revision: the caller must relist (410 Gone).
   */
  changesSince(fromRev: number, resource?: string): StoreEvent[] {
    if (fromRev < this.compactedRev) throw new RangeError(`too old resource version: ${fromRev} (${this.compactedRev})`);
    const out: StoreEvent[] = [];
    for (let i = this.log.length - 1; i >= this.logStart; i--) {
      const e = this.log[i]!;
      if (e.rev <= fromRev) break;
      if (!resource || e.resource === resource) out.push(e);
    }
    return out.reverse();
  }

  /** The retained history of one object, oldest first (etcd keeps every revision until compaction). */
  history(resource: string, key: string): StoreEvent[] {
    const out: StoreEvent[] = [];
    for (let i = this.logStart; i < this.log.length; i++) {
      const e = this.log[i]!;
      if (e.resource === resource && e.key === key) out.push(e);
    }
    return out;
  }

  /**
   * etcdctl snapshot save: every key as it is now. Stored objects are never mutated after a write (a
   * write stores a new object), so the snapshot shares them; only the maps are copied.
   */
  snapshot(): StoreSnapshot {
    const data = new Map<string, Map<string, KubeObject>>();
    for (const [resource, m] of this.byResource) data.set(resource, new Map(m));
    return { revision: this.revision, data };
  }

  /**
   * etcdutl snapshot restore, as upstream recommends for Kubernetes (`--bump-revision --mark-compacted`):
   * the keyspace becomes the snapshot's, and every difference is written as a change with a NEW revision,
   * so watchers (informers, kubelets) see deletions, re-creations and rollbacks and converge instead of
   * keeping stale caches. Objects are copied in (the snapshot may be restored again). Returns the number
   * of keys changed. Deterministic: resources and keys are visited in sorted order.
   */
  restore(s: StoreSnapshot, copy: (o: KubeObject) => KubeObject): number {
    let changed = 0;
    const resources = [...new Set([...this.byResource.keys(), ...s.data.keys()])].sort();
    for (const resource of resources) {
      const now = this.byResource.get(resource);
      const then = s.data.get(resource);
      const keys = [...new Set([...(now?.keys() ?? []), ...(then?.keys() ?? [])])].sort();
      for (const key of keys) {
        const want = then?.get(key);
        const have = now?.get(key);
        if (want === have) continue;
        changed++;
        if (want) this.put(resource, key, copy(want));
        else this.remove(resource, key);
      }
    }
    return changed;
  }

  private emit(e: StoreEvent): StoreEvent {
    this.log.push(e);
    if (this.log.length - this.logStart > this.historyLimit) {
      // Compact in chunks so the array is re-sliced rarely (amortised O(1) per write).
      const drop = Math.max(1, this.historyLimit >> 2);
      this.logStart += drop;
      this.compactedRev = this.log[this.logStart - 1]!.rev;
      if (this.logStart > this.historyLimit) {
        this.log.splice(0, this.logStart);
        this.logStart = 0;
      }
    }
    for (const l of this.listeners) l(e);
    return e;
  }
}

function cmpKey(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? "";
  const bn = b.metadata.namespace ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
