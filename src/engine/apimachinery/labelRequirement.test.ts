import { describe, it, expect } from "vitest";
import { compareStrings, invalidFieldError, LabelSelectorError, newRequirement, Requirement } from "./labelRequirement";

describe("Requirement", () => {
  it("matches like upstream Requirement.Matches", () => {
    const in2 = new Requirement("env", "in", ["prod", "staging"]);
    expect(in2.matches({ env: "prod" })).toBe(true);
    expect(in2.matches({ env: "dev" })).toBe(false);
    expect(in2.matches({})).toBe(false);
    const notin = new Requirement("env", "notin", ["prod"]);
    expect(notin.matches({})).toBe(true);
    expect(notin.matches({ env: "prod" })).toBe(false);
    // Gt/Lt compare int64 values; a non-integer label never matches.
    const gt = new Requirement("gen", "gt", ["9"]);
    expect(gt.matches({ gen: "10" })).toBe(true);
    expect(gt.matches({ gen: "9" })).toBe(false);
    expect(gt.matches({ gen: "ten" })).toBe(false);
    expect(new Requirement("gen", "lt", ["-1"]).matches({ gen: "-2" })).toBe(true);
  });

  it("prints values sorted without mutating them", () => {
    const r = new Requirement("x", "in", ["b", "a"]);
    expect(r.toString()).toBe("x in (a,b)");
    expect(r.values).toEqual(["b", "a"]);
  });
});

describe("newRequirement", () => {
  it("validates operators and value counts with upstream wording", () => {
    expect(() => newRequirement("x", "=", ["a", "b"])).toThrow(
      `values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value`,
    );
    expect(() => newRequirement("x", "gt", ["1", "2"])).toThrow(
      `values: Invalid value: []string{"1", "2"}: for 'Gt', 'Lt' operators, exactly one value is required`,
    );
    expect(() => newRequirement("x", "~", ["a"])).toThrow(
      `operator: Unsupported value: "~": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"`,
    );
    expect(() => newRequirement("x", "in", [])).toThrow(LabelSelectorError);
  });

  it("formats field errors and orders strings like Go", () => {
    expect(invalidFieldError("key", '"a b"', "bad")).toBe('key: Invalid value: "a b": bad');
    expect(["b", "B", "a"].sort(compareStrings)).toEqual(["B", "a", "b"]);
  });
});
