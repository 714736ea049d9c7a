// time.ParseDuration as Go accepts it.
import { describe, expect, it } from "vitest";
import { parseGoDuration } from "./duration";

describe("parseGoDuration", () => {
  it("reads Go durations", () => {
    expect(parseGoDuration("30s")).toBe(30_000);
    expect(parseGoDuration("2m30s")).toBe(150_000);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("250ms")).toBe(250);
    expect(parseGoDuration("0")).toBe(0);
  });

  it("refuses what Go refuses", () => {
    expect(parseGoDuration("30")).toBeUndefined();
    expect(parseGoDuration("abc")).toBeUndefined();
    expect(parseGoDuration("")).toBeUndefined();
  });
});
