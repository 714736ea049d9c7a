import { describe, expect, it } from "vitest";
import { fractionDone, parseProgress } from "./progress";

describe("lesson progress storage", () => {
  it("reads what it wrote", () => {
    const data = { active: "self-healing", lessons: { "self-healing": { step: 3, passed: [1, 2], completed: false } } };
    expect(parseProgress(JSON.stringify(data))).toEqual(data);
  });

  it("ignores damaged or foreign entries instead of failing", () => {
    expect(parseProgress("{not json")).toEqual({ lessons: {} });
    expect(parseProgress(JSON.stringify({ active: 7, lessons: { a: { step: "x" }, b: { step: 2, passed: [1], completed: true } } }))).toEqual({
      lessons: { b: { step: 2, passed: [1], completed: true } },
    });
    expect(parseProgress(null)).toEqual({ lessons: {} });
  });

  it("counts the quiz as the last part of a lesson", () => {
    expect(fractionDone(undefined, 4)).toBe(0);
    expect(fractionDone({ step: 3, passed: [1, 2], completed: false }, 4)).toBeCloseTo(2 / 5);
    expect(fractionDone({ step: 5, passed: [1, 2, 3, 4], completed: true }, 4)).toBe(1);
  });
});
