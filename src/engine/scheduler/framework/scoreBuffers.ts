// ScoreBuffers: the Float64Arrays RunScorePlugins writes scores and totals into, reused from one
// scheduling cycle to the next (a 5,000-node cluster scores 500 nodes per pod: fresh arrays each time
// would be most of the garbage a cycle makes). Upstream allocates a NodePluginScores slice per cycle.

export class ScoreBuffers {
  private rows: Float64Array[] = [];
  private totals = new Float64Array(0);
  /** Views of length `n` into the buffers: one per plugin, then the totals (kept while n is the same). */
  private current: Float64Array[] = [];

  /**
   * `numPlugins` rows and the totals, each of length `n`. Their contents are the caller's until the next
   * call: whoever must keep scores past the cycle copies them (buildDecision does).
   */
  views(numPlugins: number, n: number): Float64Array[] {
    if (this.totals.length < n) {
      const cap = Math.max(n, 2 * this.totals.length, 64);
      this.totals = new Float64Array(cap);
      this.rows = [];
      this.current = [];
    }
    while (this.rows.length < numPlugins) this.rows.push(new Float64Array(this.totals.length));
    if (this.current.length !== numPlugins + 1 || this.current[0]!.length !== n) {
      this.current = [];
      for (let p = 0; p < numPlugins; p++) this.current.push(this.rows[p]!.subarray(0, n));
      this.current.push(this.totals.subarray(0, n));
    }
    return this.current;
  }
}
