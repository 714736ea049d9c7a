// Indices are an informer cache's indexes (client-go's threadSafeMap indices): index name → value → the
// keys of the cached objects the index function maps to that value.
//
// Two savings over one map per index, neither visible to readers:
//   - A value with a single key holds the key itself: uid-like indexes have one bucket per object, and
//     150,000 one-element Sets would cost tens of MB.
//   - Indexes that have mapped every object the same way share one store. Controllers register several
//     indexes that agree (a pod's controller uid under "controllerUID", "kubelab/claimable",
//     "deployment-controller/controllerUID", ...). Each update still asks every function, but applies the
//     change once; the first object on which a member disagrees splits it off with a copy of the store
//     as it stood (once, O(size)). Each index's store therefore holds exactly what a store of its own
//     would: the same buckets, in the same insertion order.
// Invariant: every store holds exactly its members' values for every cached object.

export type IndexFunc<T> = (obj: T) => readonly string[];

export type Bucket = string | Set<string>;

interface Indexer<T> {
  readonly fn: IndexFunc<T>;
  group: IndexGroup<T>;
  /** Set once fn returned more than one value: the single-value shortcut of update() no longer holds. */
  multi: boolean;
}

interface IndexGroup<T> {
  readonly idx: Map<string, Bucket>;
  /** members[0] leads: its values are computed first and the others compared with them. */
  readonly members: Indexer<T>[];
}

export class Indices<T> {
  private readonly byName = new Map<string, Indexer<T>>();
  private readonly groups: IndexGroup<T>[] = [];

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The keys under `value` of index `name`: undefined, one key, or a Set in insertion order. */
  bucket(name: string, value: string): Bucket | undefined {
    return this.byName.get(name)?.group.idx.get(value);
  }

  /** Registers index `name` over the objects cached now (`items`, key → object). */
  add(name: string, fn: IndexFunc<T>, items: ReadonlyMap<string, T>): void {
    const rec: Indexer<T> = { fn, group: undefined as unknown as IndexGroup<T>, multi: false };
    this.byName.set(name, rec);
    if (items.size === 0) {
      // Empty like every other store: join the first group (usual: indexes are added before the informer
      // starts); update() splits it off at the first object it maps differently.
      const first = this.groups[0];
      if (first !== undefined && first.idx.size === 0) {
        rec.group = first;
        first.members.push(rec);
        return;
      }
    }
    const idx = new Map<string, Bucket>();
    for (const [k, o] of items) {
      const vals = fn(o);
      if (vals.length > 1) rec.multi = true;
      for (const v of vals) addTo(idx, v, k);
    }
    rec.group = { idx, members: [rec] };
    this.groups.push(rec.group);
  }

  /** Moves `key` from `old`'s values to `next`'s in every index (old undefined: added; next undefined: gone). */
  update(key: string, old: T | undefined, next: T | undefined): void {
    const groups = this.groups;
    // Groups split off during this call are appended and already up to date: not visited again.
    const n = groups.length;
    for (let g = 0; g < n; g++) {
      const group = groups[g]!;
      const lead = group.members[0]!;
      const idx = group.idx;
      if (next === undefined) {
        // Every member holds the same values for `key`: the lead's are everyone's.
        if (old !== undefined) for (const v of lead.fn(old)) removeFrom(idx, v, key);
        continue;
      }
      const now = lead.fn(next);
      if (now.length > 1) lead.multi = true;
      // `was`: the values every member of the group holds for `key` now (none when it is new).
      let was: readonly string[] = NONE;
      if (old !== undefined) {
        // Most updates (status writes) leave index values alone. A function that never returned more than
        // one value, whose only value already lists the key, held exactly that value: nothing to compute.
        if (now.length === 1 && !lead.multi && bucketHas(idx, now[0]!, key)) was = now;
        else was = lead.fn(old);
      }
      if (group.members.length > 1) this.splitDisagreeing(group, key, next, now, was);
      // Unchanged values keep the entry where it is: each bucket stays in insertion (creation) order.
      if (sameValues(was, now)) continue;
      for (const v of was) removeFrom(idx, v, key);
      for (const v of now) addTo(idx, v, key);
    }
  }

  /**
   * Splits off every member whose values for `next` differ from the lead's `now`: it gets a copy of the
   * group's store (which still holds `was` for `key`) and moves `key` there. Members that agree with each
   * other leave together, into one new group.
   */
  private splitDisagreeing(group: IndexGroup<T>, key: string, next: T, now: readonly string[], was: readonly string[]): void {
    const members = group.members;
    let leaving: { values: readonly string[]; group: IndexGroup<T> }[] | undefined;
    for (let m = 1; m < members.length; m++) {
      const member = members[m]!;
      const mine = member.fn(next);
      if (mine.length > 1) member.multi = true;
      if (sameValues(mine, now)) continue;
      members.splice(m--, 1);
      const joined = leaving?.find((l) => sameValues(l.values, mine));
      if (joined !== undefined) {
        member.group = joined.group;
        joined.group.members.push(member);
        continue;
      }
      const own: IndexGroup<T> = { idx: cloneIndex(group.idx), members: [member] };
      member.group = own;
      this.groups.push(own);
      (leaving ??= []).push({ values: mine, group: own });
      if (sameValues(was, mine)) continue;
      for (const v of was) removeFrom(own.idx, v, key);
      for (const v of mine) addTo(own.idx, v, key);
    }
  }
}

const NONE: readonly string[] = Object.freeze([]);

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function bucketHas(idx: Map<string, Bucket>, value: string, key: string): boolean {
  const b = idx.get(value);
  return b === undefined ? false : typeof b === "string" ? b === key : b.has(key);
}

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

/** A copy with the same values and buckets in the same order. */
function cloneIndex(idx: Map<string, Bucket>): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  for (const [v, b] of idx) out.set(v, typeof b === "string" ? b : new Set(b));
  return out;
}
