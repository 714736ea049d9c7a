// SkipSets: the names of the plugins PreFilter or PreScore skipped, as one shared Set per combination.
// Most pods skip the same plugins (a Deployment's pods are alike), so the framework hands out the same
// Set object every time, and the steps after (which Filter and Score plugins run) cache on it.
// Upstream builds a fresh sets.Set[string] per cycle; the contents are the same.

import type { Plugin } from "./types";

/** The Set of nothing skipped. */
export const EMPTY_SKIP: ReadonlySet<string> = new Set<string>();

export class SkipSets {
  private readonly byMask = new Map<number, ReadonlySet<string>>();
  private readonly interned = new Set<ReadonlySet<string>>([EMPTY_SKIP]);

  /**
   * The names of the plugins whose bit is set in `mask` (bit i: plugins[i]), in profile order. `kind`
   * tells the extension points apart (0 PreFilter, 1 PreScore). Never modified by anyone.
   */
  of(plugins: readonly Plugin[], mask: number, kind: 0 | 1): ReadonlySet<string> {
    if (mask === 0) return EMPTY_SKIP;
    const key = mask * 2 + kind;
    let set = this.byMask.get(key);
    if (set === undefined) {
      const names = new Set<string>();
      for (let i = 0; i < plugins.length; i++) if ((mask & (1 << i)) !== 0) names.add(plugins[i]!.name);
      this.byMask.set(key, (set = names));
      this.interned.add(set);
    }
    return set;
  }

  /** True for a Set handed out by `of` (caches may key on it: it recurs and never changes). */
  isInterned(set: ReadonlySet<string>): boolean {
    return this.interned.has(set);
  }
}
