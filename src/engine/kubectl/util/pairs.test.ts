// cmdutil.GetResourcesAndPairs and cmdutil.ParsePairs (kubectl pkg/cmd/util/helpers.go).
import { describe, expect, it } from "vitest";
import { getResourcesAndPairs, parsePairs } from "./pairs";

describe("pairs", () => {
  it("splits resources from the pairs after them", () => {
    expect(getResourcesAndPairs(["pod", "x", "a=b", "c-"], "label")).toEqual({ resources: ["pod", "x"], pairs: ["a=b", "c-"] });
    expect(() => getResourcesAndPairs(["pod", "a=b", "x"], "label")).toThrow("all resources must be specified before label changes: x");
  });

  it("parses key=value and key- pairs", () => {
    const { set, remove } = parsePairs(["a=b=c", "d-"], "annotation", true);
    expect([...set]).toEqual([["a", "b=c"]]);
    expect(remove).toEqual(["d"]);
    expect(() => parsePairs(["x", "=y"], "annotation", true)).toThrow("invalid annotation format: x, =y");
  });
});
