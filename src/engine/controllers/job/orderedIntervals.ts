// OrderedIntervals: the compressed index sets of Indexed Jobs, e.g. status.completedIndexes "1,3-5,7".
// mirrors orderedIntervals in pkg/controller/job/indexed_job_utils.go. Invariant: intervals are sorted,
// disjoint and non-adjacent (merge joins touching intervals).

export interface Interval {
  first: number;
  last: number;
}

export type OrderedIntervals = readonly Interval[];

// mirrors orderedIntervals.merge
export function mergeIntervals(oi: OrderedIntervals, newOi: OrderedIntervals): Interval[] {
  const result: Interval[] = [];
  let last: Interval | undefined;
  const push = (iv: Interval): void => {
    if (!last || iv.first > last.last + 1) {
      last = { first: iv.first, last: iv.last };
      result.push(last);
    } else if (last.last < iv.last) {
      last.last = iv.last;
    }
  };
  let i = 0;
  let j = 0;
  while (i < oi.length && j < newOi.length) {
    if (oi[i]!.first < newOi[j]!.first) push(oi[i++]!);
    else push(newOi[j++]!);
  }
  while (i < oi.length) push(oi[i++]!);
  while (j < newOi.length) push(newOi[j++]!);
  return result;
}

// mirrors orderedIntervals.withOrderedIndexes: `indexes` must be increasing.
export function withOrderedIndexes(oi: OrderedIntervals, indexes: readonly number[]): Interval[] {
  return mergeIntervals(oi, indexes.map((ix) => ({ first: ix, last: ix })));
}

// mirrors orderedIntervals.total
export function totalOf(oi: OrderedIntervals | undefined): number {
  let n = 0;
  for (const iv of oi ?? []) n += iv.last - iv.first + 1;
  return n;
}

/** "1,3-5": a two-element interval prints as "a,b", longer ones as "a-b". */
// mirrors orderedIntervals.String
export function intervalsToString(oi: OrderedIntervals): string {
  let out = "";
  for (const v of oi) {
    if (out.length > 0) out += ",";
    out += String(v.first);
    if (v.last > v.first) out += (v.last === v.first + 1 ? "," : "-") + String(v.last);
  }
  return out;
}

// mirrors orderedIntervals.has (binary search)
export function hasIndex(oi: OrderedIntervals | undefined, ix: number): boolean {
  if (!oi) return false;
  let lo = 0;
  let hi = oi.length;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    if (oi[mid]!.last >= ix) hi = mid;
    else lo = mid + 1;
  }
  return hi < oi.length && oi[hi]!.first <= ix;
}

/** strconv.Atoi: optional sign and decimal digits only. */
function atoi(s: string | undefined): number | undefined {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Corrupted intervals are skipped; parsing stops at the first one beyond `completions`. */
// mirrors parseIndexesFromString
export function parseIndexesFromString(indexesStr: string | undefined, completions: number): Interval[] {
  if (!indexesStr) return [];
  const result: Interval[] = [];
  let last: Interval | undefined;
  for (const intervalStr of indexesStr.split(",")) {
    const limits = intervalStr.split("-");
    const first = atoi(limits[0]);
    if (first === undefined) continue;
    if (first >= completions) break;
    let lastIx = first;
    if (limits.length > 1) {
      const l = atoi(limits[1]);
      if (l === undefined) continue;
      lastIx = l >= completions ? completions - 1 : l;
    }
    if (last && last.last === first - 1) {
      last.last = lastIx;
    } else {
      last = { first, last: lastIx };
      result.push(last);
    }
  }
  return result;
}
