// Cluster-wide matching-pod counts per topology domain, kept current incrementally.
// Upstream PodTopologySpread recounts every node for every pod (calPreFilterState / PreScore walk all
// nodes, 16 goroutines wide). Here the totals for one (selector, namespace, topology key, node-eligibility)
// combination are remembered and patched with the nodes changed since (Snapshot.changedSince), so
// scheduling the 1,000 pods of one Deployment costs O(changes), not O(nodes), per pod. The result is the
// same sum upstream computes.

import type { Snapshot } from "../cache";
import type { NodeInfo } from "../framework/nodeInfo";

/** A node's share: its domain value and its matching-pod count. */
export interface Contribution {
  value: string;
  count: number;
}

/** Domain value → { matching pods, eligible nodes in the domain }. */
export type DomainTotals = Map<string, { count: number; nodes: number }>;

interface Memo {
  version: number;
  perNode: Map<NodeInfo, Contribution>;
  totals: DomainTotals;
}

const MEMO_LIMIT = 32;
let visitStamp = 0;

export class DomainCounter {
  private readonly memos = new Map<string, Memo>();
  /** The key of the most recently used memo (the last in `memos`). */
  private lastKey: string | undefined = undefined;

  constructor(private readonly snapshot: Snapshot) {}

  /**
   * Totals for `key`. `contribution` must depend only on the NodeInfo (and on what `key` encodes):
   * undefined when the node does not take part.
   */
  totals(key: string, contribution: (ni: NodeInfo) => Contribution | undefined): DomainTotals {
    const now = this.snapshot.version();
    let memo = this.memos.get(key);
    const changed = memo ? this.snapshot.changedSince(memo.version) : undefined;
    if (memo && changed) {
      // Each changed NodeInfo once (a stamp instead of a Set: this runs every cycle).
      const stamp = ++visitStamp;
      for (const ni of changed) {
        if (ni.visitStamp === stamp) continue;
        ni.visitStamp = stamp;
        const before = memo.perNode.get(ni);
        if (before) remove(memo.totals, before);
        const after = ni.node && this.snapshot.get(ni.name) === ni ? contribution(ni) : undefined;
        if (after) {
          memo.perNode.set(ni, after);
          add(memo.totals, after);
        } else memo.perNode.delete(ni);
      }
      memo.version = now;
      // Refresh LRU position (unless it is the most recent already).
      if (key !== this.lastKey) {
        this.memos.delete(key);
        this.memos.set(key, memo);
        this.lastKey = key;
      }
      return memo.totals;
    }
    memo = { version: now, perNode: new Map(), totals: new Map() };
    for (const ni of this.snapshot.list()) {
      const c = contribution(ni);
      if (!c) continue;
      memo.perNode.set(ni, c);
      add(memo.totals, c);
    }
    this.memos.delete(key);
    this.memos.set(key, memo);
    this.lastKey = key;
    if (this.memos.size > MEMO_LIMIT) this.memos.delete(this.memos.keys().next().value!);
    return memo.totals;
  }
}

function add(t: DomainTotals, c: Contribution): void {
  const e = t.get(c.value);
  if (e) {
    e.count += c.count;
    e.nodes++;
  } else t.set(c.value, { count: c.count, nodes: 1 });
}

function remove(t: DomainTotals, c: Contribution): void {
  const e = t.get(c.value)!;
  e.count -= c.count;
  if (--e.nodes === 0) t.delete(c.value);
}
