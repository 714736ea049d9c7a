import { describe, expect, it } from "vitest";
import { goDuration } from "./goDuration";

describe("goDuration (Go time.Duration.String truncated to ms)", () => {
  it("formats like Go", () => {
    // Values as Go prints them: time.Duration(890*time.Millisecond).String() == "890ms", etc.
    expect(goDuration(890)).toBe("890ms");
    expect(goDuration(5969)).toBe("5.969s");
    expect(goDuration(27880)).toBe("27.88s");
    expect(goDuration(1000)).toBe("1s");
    expect(goDuration(62500)).toBe("1m2.5s");
    expect(goDuration(3_600_000)).toBe("1h0m0s");
    expect(goDuration(0)).toBe("0s");
  });
});
