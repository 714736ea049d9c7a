import { describe, expect, it } from "vitest";
import { formatSimDuration, parseDuration } from "./duration";

describe("parseDuration (Go time.ParseDuration syntax)", () => {
  it("parses what Go parses", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("0")).toBe(0);
  });
  it("refuses what Go refuses", () => {
    // Go: time: missing unit in duration "90"; time: invalid duration "abc"
    expect(parseDuration("90")).toBeUndefined();
    expect(parseDuration("abc")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
    expect(parseDuration("5m3")).toBeUndefined();
  });
  it("formats simulated time compactly", () => {
    expect(formatSimDuration(120_000)).toBe("2m0s");
    expect(formatSimDuration(3_903_000)).toBe("1h5m3s");
    expect(formatSimDuration(450)).toBe("450ms");
  });
});
