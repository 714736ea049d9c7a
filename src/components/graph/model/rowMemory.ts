// RowMemory keeps the rows each node box (and the Pending area) reserves from jumping: a box grows at
// once when its pods need more rows, but gives rows back only after they have been unneeded for
// `shrinkMs`. During a rolling update every node briefly holds a quarter more pods (maxSurge) and the
// Pending area fills and empties many times a second; without this, the rows of nodes below would move
// up and down with every batch (the "pods don't jump" promise, and a relayout of every box each time).
// Time is passed in (real ms), so this is plain data.

export const SHRINK_AFTER_MS = 8000;

export class RowMemory {
  private readonly rows = new Map<string, { rows: number; lowSince?: number }>();
  private readonly seen = new Set<string>();

  constructor(private readonly shrinkMs = SHRINK_AFTER_MS) {}

  /** The rows `key` reserves now, when its pods need `needed`. */
  reserve(key: string, needed: number, now: number): number {
    this.seen.add(key);
    const st = this.rows.get(key);
    if (!st || needed > st.rows) {
      this.rows.set(key, { rows: needed });
      return needed;
    }
    if (needed === st.rows) st.lowSince = undefined;
    else if (st.lowSince === undefined) st.lowSince = now;
    else if (now - st.lowSince >= this.shrinkMs) {
      this.rows.set(key, { rows: needed });
      return needed;
    }
    return st.rows;
  }

  /** When the earliest box waiting to shrink may shrink (same clock as `now`), if any. */
  nextShrink(): number | undefined {
    let t: number | undefined;
    for (const st of this.rows.values()) if (st.lowSince !== undefined) t = Math.min(t ?? Infinity, st.lowSince + this.shrinkMs);
    return t;
  }

  /** Forgets keys not reserved since the last sweep (removed nodes). */
  sweep(): void {
    for (const key of this.rows.keys()) if (!this.seen.has(key)) this.rows.delete(key);
    this.seen.clear();
  }

  clear(): void {
    this.rows.clear();
    this.seen.clear();
  }
}
