import { describe, expect, it } from "vitest";
import { cronParseError } from "./cron";

describe("cronParseError (robfig/cron/v3 ParseStandard messages)", () => {
  it("accepts standard schedules, names, steps and descriptors", () => {
    for (const s of ["* * * * *", "*/5 * * * *", "0 0 * * 0", "0 9-17 * JAN-MAR mon-fri", "5 4 1,15 * *", "@hourly", "@every 1h30m", "CRON_TZ=UTC 0 6 * * ?"]) {
      expect(cronParseError(s)).toBeUndefined();
    }
  });

  it("reports the field count, ranges and unparsable numbers as robfig words them", () => {
    expect(cronParseError("* * * *")).toBe("expected exactly 5 fields, found 4: [* * * *]");
    expect(cronParseError("60 * * * *")).toBe("end of range (60) above maximum (59): 60");
    expect(cronParseError("* * 0 * *")).toBe("beginning of range (0) below minimum (1): 0");
    expect(cronParseError("5-2 * * * *")).toBe("beginning of range (5) beyond end of range (2): 5-2");
    expect(cronParseError("x * * * *")).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronParseError("*/0 * * * *")).toBe("step of range should be a positive number: */0");
    expect(cronParseError("1-2-3 * * * *")).toBe("too many hyphens: 1-2-3");
    expect(cronParseError("@often")).toBe("unrecognized descriptor: @often");
  });
});
