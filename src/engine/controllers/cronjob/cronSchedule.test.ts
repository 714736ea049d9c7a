import { describe, expect, it } from "vitest";
import { cronParseError } from "../../apiserver/validation/cron";
import { cronParseErrorOf, parseStandard } from "./cronSchedule";

const at = (iso: string): number => Date.parse(iso);
const next = (spec: string, from: string): string | undefined => {
  const t = parseStandard(spec).next(at(from));
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe("parseStandard + Next (robfig/cron/v3)", () => {
  it("steps, ranges, lists and names", () => {
    expect(next("*/1 * * * *", "2025-01-01T00:00:00Z")).toBe("2025-01-01T00:01:00.000Z");
    expect(next("*/1 * * * *", "2025-01-01T00:00:59.999Z")).toBe("2025-01-01T00:01:00.000Z");
    expect(next("*/15 * * * *", "2025-01-01T00:00:00Z")).toBe("2025-01-01T00:15:00.000Z");
    expect(next("5-10/2 * * * *", "2025-01-01T00:06:00Z")).toBe("2025-01-01T00:07:00.000Z");
    expect(next("0 0 1 JAN,jul *", "2025-01-01T00:00:00Z")).toBe("2025-07-01T00:00:00.000Z");
    // 2025-01-01 is a Wednesday.
    expect(next("0 9 * * MON-FRI", "2025-01-01T00:00:00Z")).toBe("2025-01-01T09:00:00.000Z");
    expect(next("0 9 * * mon-fri", "2025-01-03T10:00:00Z")).toBe("2025-01-06T09:00:00.000Z");
    expect(next("30 6-16/4 * * *", "2025-01-01T07:00:00Z")).toBe("2025-01-01T10:30:00.000Z");
  });

  it("day of month and day of week are ORed unless one is *", () => {
    expect(next("0 0 13 * 5", "2025-01-01T00:00:00Z")).toBe("2025-01-03T00:00:00.000Z"); // Friday the 3rd
    expect(next("0 0 13 * *", "2025-01-01T00:00:00Z")).toBe("2025-01-13T00:00:00.000Z");
    expect(next("0 0 * * 5", "2025-01-01T00:00:00Z")).toBe("2025-01-03T00:00:00.000Z");
    expect(next("0 0 29 2 *", "2025-01-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
    expect(next("59 23 31 2 *", "2025-01-01T00:00:00Z")).toBeUndefined();
  });

  it("descriptors", () => {
    const from = "2025-01-01T00:00:00Z";
    expect(next("@hourly", from)).toBe("2025-01-01T01:00:00.000Z");
    expect(next("@daily", from)).toBe("2025-01-02T00:00:00.000Z");
    expect(next("@midnight", from)).toBe("2025-01-02T00:00:00.000Z");
    expect(next("@weekly", from)).toBe("2025-01-05T00:00:00.000Z"); // Sunday
    expect(next("@monthly", from)).toBe("2025-02-01T00:00:00.000Z");
    expect(next("@yearly", from)).toBe("2026-01-01T00:00:00.000Z");
    expect(next("@annually", from)).toBe("2026-01-01T00:00:00.000Z");
    expect(next("@every 90s", "2025-01-01T00:00:00.500Z")).toBe("2025-01-01T00:01:30.000Z");
  });

  it("CRON_TZ= / TZ= evaluate the fields in an IANA zone, DST included", () => {
    // 09:00 in Tokyo (UTC+9) is 00:00 UTC; strictly after 00:00Z comes the next day's.
    expect(next("CRON_TZ=Asia/Tokyo 0 9 * * *", "2025-01-01T00:00:00Z")).toBe("2025-01-02T00:00:00.000Z");
    expect(next("TZ=America/New_York 0 9 * * *", "2025-03-08T00:00:00Z")).toBe("2025-03-08T14:00:00.000Z"); // EST
    expect(next("TZ=America/New_York 0 9 * * *", "2025-03-10T00:00:00Z")).toBe("2025-03-10T13:00:00.000Z"); // EDT
    // 02:30 does not exist on 2025-03-09 in New York: that day is skipped.
    expect(next("TZ=America/New_York 30 2 * * *", "2025-03-09T05:00:00Z")).toBe("2025-03-10T06:30:00.000Z");
  });

  it("errors are robfig's, word for word", () => {
    const cases: [string, string][] = [
      ["", "empty spec string"],
      ["* * *", "expected exactly 5 fields, found 3: [* * *]"],
      ["* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"],
      ["61 * * * *", "end of range (61) above maximum (59): 61"],
      ["* * * * 7", "end of range (7) above maximum (6): 7"],
      ["0 0 0 * *", "beginning of range (0) below minimum (1): 0"],
      ["5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"],
      ["*/0 * * * *", "step of range should be a positive number: */0"],
      ["a * * * *", 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
      ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
      ["*/2/3 * * * *", "too many slashes: */2/3"],
      ["@fortnightly", "unrecognized descriptor: @fortnightly"],
    ];
    for (const [spec, msg] of cases) {
      expect(cronParseErrorOf(spec)).toBe(msg);
      // The API server's validation mirrors the same parser.
      expect(cronParseError(spec)).toBe(msg);
    }
    expect(cronParseErrorOf("TZ=Mars/Base * * * * *")).toBe("provided bad location Mars/Base: unknown time zone Mars/Base");
    expect(cronParseErrorOf("CRON_TZ=america/new_york * * * * *")).toBe("provided bad location america/new_york: unknown time zone america/new_york");
    expect(cronParseErrorOf("*/1 * * * *")).toBeUndefined();
  });
});
