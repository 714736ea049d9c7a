import { describe, expect, it } from "vitest";
import { SIM_EPOCH_MS, SimClock, parseTime, rfc3339, rfc3339Micro } from "./clock";

describe("SimClock and metav1 timestamps", () => {
  it("starts at the sim epoch and only moves forward", () => {
    const c = new SimClock();
    expect(c.absolute()).toBe(SIM_EPOCH_MS);
    c.set(1500);
    expect(c.absolute()).toBe(SIM_EPOCH_MS + 1500);
    expect(() => c.set(1000)).toThrow("time cannot go backwards");
  });

  it("formats metav1.Time at second precision (RFC 3339, UTC) and MicroTime with microseconds", () => {
    expect(rfc3339(SIM_EPOCH_MS + 61_999)).toBe("2025-01-01T00:01:01Z");
    expect(rfc3339Micro(SIM_EPOCH_MS + 1_234)).toBe("2025-01-01T00:00:01.234000Z");
    expect(parseTime("2025-01-01T00:01:01Z")).toBe(SIM_EPOCH_MS + 61_000);
    expect(parseTime(undefined)).toBeNaN();
  });

  it("returns one string instance per second, even when writers interleave several seconds", () => {
    const now = SIM_EPOCH_MS + 3_600_000;
    const a = rfc3339(now);
    const past = rfc3339(now - 90_000);
    expect(rfc3339(now + 999)).toBe(a);
    expect(Object.is(rfc3339(now + 500), a)).toBe(true);
    expect(Object.is(rfc3339(now - 89_500), past)).toBe(true);
    // Seconds 64 apart use the same cache slot: each still gets its own, correct text.
    expect(rfc3339(now + 64_000)).toBe("2025-01-01T01:01:04Z");
    expect(rfc3339(now)).toBe("2025-01-01T01:00:00Z");
  });
});
