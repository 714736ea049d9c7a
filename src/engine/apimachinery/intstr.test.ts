import { describe, it, expect } from "vitest";
import { getScaledValueFromIntOrPercent, IntOrStringError } from "./intstr";

// Cases from upstream intstr_test.go TestGetIntFromIntOrPercent and the Deployment defaults (25%).
describe("getScaledValueFromIntOrPercent", () => {
  it("returns ints unchanged and scales percentages", () => {
    const cases: [number | string, number, boolean, number][] = [
      [123, 100, true, 123],
      ["90%", 100, true, 90],
      ["90%", 95, true, 86],
      ["90%", 95, false, 85],
      ["%", 0, false, NaN],
      ["90#", 100, false, NaN],
      ["#%", 100, false, NaN],
      ["90", 100, false, NaN],
    ];
    for (const [v, total, roundUp, expected] of cases) {
      if (Number.isNaN(expected)) expect(() => getScaledValueFromIntOrPercent(v, total, roundUp), String(v)).toThrow(IntOrStringError);
      else expect(getScaledValueFromIntOrPercent(v, total, roundUp), String(v)).toBe(expected);
    }
  });

  it("rounds maxSurge up and maxUnavailable down (Deployment defaults)", () => {
    // 10 replicas: surge ceil(2.5) = 3, unavailable floor(2.5) = 2.
    expect(getScaledValueFromIntOrPercent("25%", 10, true)).toBe(3);
    expect(getScaledValueFromIntOrPercent("25%", 10, false)).toBe(2);
    // 1 replica: surge 1, unavailable 0.
    expect(getScaledValueFromIntOrPercent("25%", 1, true)).toBe(1);
    expect(getScaledValueFromIntOrPercent("25%", 1, false)).toBe(0);
    expect(getScaledValueFromIntOrPercent("0%", 10, true)).toBe(0);
  });

  it("reports upstream's error messages", () => {
    expect(() => getScaledValueFromIntOrPercent("90", 100, true)).toThrow(
      "invalid value for IntOrString: invalid type: string is not a percentage",
    );
    expect(() => getScaledValueFromIntOrPercent("abc%", 100, true)).toThrow(
      `invalid value for IntOrString: invalid value "abc%": strconv.Atoi: parsing "abc": invalid syntax`,
    );
    expect(() => getScaledValueFromIntOrPercent(undefined, 100, true)).toThrow("nil value for IntOrString");
    expect(() => getScaledValueFromIntOrPercent(1.5, 100, true)).toThrow(
      "invalid value for IntOrString: invalid type: neither int nor percentage",
    );
  });
});
