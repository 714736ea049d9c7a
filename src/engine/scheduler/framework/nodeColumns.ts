// NodeColumns: the per-node numbers Filter and Score read for hundreds of nodes per pod, in typed arrays
// indexed by NodeInfo.index (a "row"), instead of behind node → spec → ... pointers or as boxed JS numbers
// (each its own heap object and cache miss):
// - byte quantities (allocatable, requested and non-zero requested memory, ephemeral storage), the
//   NodeInfo's generation and its PreferNoSchedule taint count, ROW doubles per node;
// - per topology key, the index of the node's TopologyDomain (PodTopologySpread);
// - per (namespace, selector) in use, the node's count of matching pods (countPodsMatchSelector), kept
//   current as pods come and go.
// The cache's NodeInfos share one NodeColumns (rows are reused after a NodeInfo is dropped); a NodeInfo
// built elsewhere (tests, preemption's clones) gets a private one-row NodeColumns.

import type { Selector } from "./labels";
import type { PodInfo } from "./podInfo";
import { topologyDomain, topologyKeyName } from "./topologyDomains";

/** Slots of a row of `data`. */
export const Col = {
  allocMemory: 0,
  allocEphemeralStorage: 1,
  reqMemory: 2,
  reqEphemeralStorage: 3,
  non0Memory: 4,
  /** NodeInfo.generation: memo checks read it here, not from the NodeInfo object. */
  generation: 5,
  /** How many PreferNoSchedule taints the node has (TaintToleration's Score is 0 without any). */
  preferNoScheduleTaints: 6,
} as const;

/** Doubles per node in `data`: a power of two, so a row never straddles more cache lines than it must. */
export const ROW = 8;

/** domainIndex: not looked up yet / the node has no such label. */
export const UNKNOWN_DOMAIN = -2;
export const NO_DOMAIN = -1;

/** How many (namespace, selector) match-count columns are kept (the workloads being scheduled). */
const MATCH_COLUMNS = 8;

/**
 * A per-row memo of one value (a plugin's raw score for a kind of pod): valid while the row's NodeInfo
 * generation and the caller's class id are those stored with it. NodeInfo.generation changes with every
 * change to the node or its pods, so a hit is exactly what computing again would give.
 */
export class RowMemo {
  cls: Int32Array;
  gen: Float64Array;
  val: Float64Array;

  constructor(capacity: number) {
    this.cls = new Int32Array(capacity).fill(-1);
    this.gen = new Float64Array(capacity);
    this.val = new Float64Array(capacity);
  }

  grow(capacity: number): void {
    const cls = new Int32Array(capacity).fill(-1);
    cls.set(this.cls);
    const gen = new Float64Array(capacity);
    gen.set(this.gen);
    const val = new Float64Array(capacity);
    val.set(this.val);
    this.cls = cls;
    this.gen = gen;
    this.val = val;
  }
}

const classIds = new Map<string, number>();
/** A small integer for a memo class key (what a memoized value depends on besides the node). */
export function memoClassId(key: string): number {
  let id = classIds.get(key);
  if (id === undefined) classIds.set(key, (id = classIds.size));
  return id;
}

const numericClassIds = new Map<number, Map<number, Map<number, number>>>();
/** memoClassId for a class given by two numbers under a RowMemo id (no string is built). */
export function memoClassIdOf(memoId: number, a: number, b: number): number {
  let byMemo = numericClassIds.get(memoId);
  if (byMemo === undefined) numericClassIds.set(memoId, (byMemo = new Map()));
  let byA = byMemo.get(a);
  if (byA === undefined) byMemo.set(a, (byA = new Map()));
  let id = byA.get(b);
  if (id === undefined) byA.set(b, (id = memoClassId(`${memoId}|${a}|${b}`)));
  return id;
}

let rowMemoIds = 0;
/** A new RowMemo slot (one per plugin that memoizes a per-node value). */
export function newRowMemoId(): number {
  return rowMemoIds++;
}

interface MatchColumn {
  id: number;
  namespace: string;
  selector: Selector;
  /** Per row: matching pods, or −1 when not counted yet. */
  counts: Int32Array;
}

export class NodeColumns {
  private capacity: number;
  private size = 0;
  private readonly free: number[] = [];
  data: Float64Array;
  /** topologyKeyId → per row: domain index, NO_DOMAIN or UNKNOWN. */
  private readonly domains: (Int32Array | undefined)[] = [];
  /** Most recently used first. */
  private readonly matches: MatchColumn[] = [];
  private readonly memos: (RowMemo | undefined)[] = [];

  constructor(capacity = 64) {
    this.capacity = capacity;
    this.data = new Float64Array(capacity * ROW);
  }

  /** The generation of the NodeInfo in `row` (NodeInfo.generation). */
  generation(row: number): number {
    return this.data[row * ROW + Col.generation]!;
  }

  /** A fresh row for a new NodeInfo. */
  alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const i = this.size++;
    if (i >= this.capacity) this.grow(Math.max(2 * this.capacity, i + 1));
    return i;
  }

  private grow(capacity: number): void {
    const data = new Float64Array(capacity * ROW);
    data.set(this.data);
    this.data = data;
    for (let k = 0; k < this.domains.length; k++) {
      const old = this.domains[k];
      if (old === undefined) continue;
      const col = new Int32Array(capacity).fill(UNKNOWN_DOMAIN);
      col.set(old);
      this.domains[k] = col;
    }
    for (const m of this.matches) {
      const col = new Int32Array(capacity).fill(-1);
      col.set(m.counts);
      m.counts = col;
    }
    for (const m of this.memos) m?.grow(capacity);
    this.capacity = capacity;
  }

  /** The RowMemo with this id (newRowMemoId), created on first use. */
  rowMemo(id: number): RowMemo {
    let m = this.memos[id];
    if (m === undefined) {
      while (this.memos.length <= id) this.memos.push(undefined);
      m = new RowMemo(this.capacity);
      this.memos[id] = m;
    }
    return m;
  }

  /** The NodeInfo of `row` is gone: clear the row and reuse it for the next one. */
  release(row: number): void {
    this.data.fill(0, row * ROW, (row + 1) * ROW);
    this.forgetNode(row);
    for (const m of this.matches) m.counts[row] = -1;
    for (const m of this.memos) if (m !== undefined) m.cls[row] = -1;
    this.free.push(row);
  }

  /** The row's Node object changed: its labels may have, so its domains are looked up again. */
  forgetNode(row: number): void {
    for (const col of this.domains) if (col !== undefined) col[row] = UNKNOWN_DOMAIN;
  }

  /** The key's column of domain indexes (UNKNOWN_DOMAIN until lookUpDomain ran for a row). */
  domainColumn(keyId: number): Int32Array {
    let col = this.domains[keyId];
    if (col === undefined) {
      while (this.domains.length <= keyId) this.domains.push(undefined);
      col = new Int32Array(this.capacity).fill(UNKNOWN_DOMAIN);
      this.domains[keyId] = col;
    }
    return col;
  }

  /** The row's cached domain index for the key (see lookUpDomain), or UNKNOWN_DOMAIN. */
  domainIndex(keyId: number, row: number): number {
    const col = this.domains[keyId];
    return col === undefined ? UNKNOWN_DOMAIN : col[row]!;
  }

  /** Looks the row's domain up in the node's labels and caches it: its index, or NO_DOMAIN without the key. */
  lookUpDomain(keyId: number, row: number, labels: Readonly<Record<string, string>> | undefined): number {
    const col = this.domainColumn(keyId);
    const v = labels?.[topologyKeyName(keyId)];
    const d = v === undefined ? NO_DOMAIN : topologyDomain(keyId, v).index;
    col[row] = d;
    return d;
  }

  /**
   * The per-row match counts for (namespace, selector) `id`, created when first asked for (evicting the
   * least recently used column beyond MATCH_COLUMNS). A row holds −1 until countPodsMatchSelector fills it.
   */
  matchColumn(id: number, namespace: string, selector: Selector): Int32Array {
    const ms = this.matches;
    if (ms.length > 0 && ms[0]!.id === id) return ms[0]!.counts;
    for (let i = 1; i < ms.length; i++) {
      if (ms[i]!.id !== id) continue;
      const m = ms[i]!;
      ms.splice(i, 1);
      ms.unshift(m);
      return m.counts;
    }
    const m: MatchColumn = { id, namespace, selector, counts: new Int32Array(this.capacity).fill(-1) };
    ms.unshift(m);
    if (ms.length > MATCH_COLUMNS) ms.pop();
    return m.counts;
  }

  /** A pod came (+1) or went (−1) on `row`: counted rows of matching columns follow. */
  updateMatches(row: number, pi: PodInfo, sign: 1 | -1): void {
    if (pi.deleting) return;
    const ms = this.matches;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      const c = m.counts[row]!;
      if (c < 0 || m.namespace !== pi.namespace || !m.selector.matches(pi.labels)) continue;
      m.counts[row] = c + sign;
    }
  }
}
