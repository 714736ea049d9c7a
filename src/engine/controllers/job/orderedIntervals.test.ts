import { describe, expect, it } from "vitest";
import { hasIndex, intervalsToString, mergeIntervals, parseIndexesFromString, totalOf, withOrderedIndexes } from "./orderedIntervals";

describe("orderedIntervals (indexed_job_utils.go)", () => {
  it("prints two-element runs as a,b and longer runs as a-b", () => {
    expect(intervalsToString(withOrderedIndexes([], [1, 3, 5, 7, 9]))).toBe("1,3,5,7,9");
    expect(intervalsToString(withOrderedIndexes([], [0, 1, 4, 5, 6, 8]))).toBe("0,1,4-6,8");
    expect(intervalsToString([])).toBe("");
  });

  it("parses status strings, clipping to completions and skipping corrupted parts", () => {
    expect(parseIndexesFromString("1-3,5,7-9", 8)).toEqual([{ first: 1, last: 3 }, { first: 5, last: 5 }, { first: 7, last: 7 }]);
    expect(parseIndexesFromString("0,1,2", 10)).toEqual([{ first: 0, last: 2 }]);
    expect(parseIndexesFromString("x,4", 10)).toEqual([{ first: 4, last: 4 }]);
    expect(parseIndexesFromString("12", 10)).toEqual([]);
  });

  it("merges adjacent and overlapping intervals; has() and total()", () => {
    const m = mergeIntervals([{ first: 0, last: 2 }, { first: 6, last: 6 }], [{ first: 3, last: 4 }, { first: 8, last: 9 }]);
    expect(m).toEqual([{ first: 0, last: 4 }, { first: 6, last: 6 }, { first: 8, last: 9 }]);
    expect(totalOf(m)).toBe(8);
    expect([0, 4, 5, 6, 7, 9, 10].map((i) => hasIndex(m, i))).toEqual([true, true, false, true, false, true, false]);
  });
});
