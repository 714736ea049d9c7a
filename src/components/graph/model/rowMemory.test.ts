import { describe, expect, it } from "vitest";
import { RowMemory } from "./rowMemory";

describe("RowMemory", () => {
  it("grows at once and shrinks only after the rows have been unneeded for a while", () => {
    const m = new RowMemory(1000);
    expect(m.reserve("n", 2, 0)).toBe(2);
    expect(m.reserve("n", 4, 10)).toBe(4);
    expect(m.reserve("n", 2, 20)).toBe(4);
    expect(m.nextShrink()).toBe(1020);
    expect(m.reserve("n", 2, 900)).toBe(4);
    expect(m.reserve("n", 2, 1020)).toBe(2);
    expect(m.nextShrink()).toBeUndefined();
  });

  it("starts the wait again when the rows are needed in between", () => {
    const m = new RowMemory(1000);
    m.reserve("n", 4, 0);
    m.reserve("n", 2, 100);
    m.reserve("n", 4, 600);
    expect(m.reserve("n", 2, 1200)).toBe(4);
    expect(m.reserve("n", 2, 2200)).toBe(2);
  });

  it("forgets areas no longer reserved", () => {
    const m = new RowMemory(1000);
    m.reserve("gone", 4, 0);
    m.sweep();
    m.sweep();
    expect(m.reserve("gone", 2, 10)).toBe(2);
  });
});
