import { describe, it, expect } from "vitest";
import { chooseLod } from "./lod";

describe("chooseLod", () => {
  it("shows cards for a small cluster and dots for a big one", () => {
    expect(chooseLod(4, 20)).toBe("cards");
    expect(chooseLod(12, 300)).toBe("cards");
    expect(chooseLod(13, 10)).toBe("dots");
    expect(chooseLod(3, 301)).toBe("dots");
    expect(chooseLod(100, 3000)).toBe("dots");
  });
  it("does not flip back to cards until the pod count is well under the limit", () => {
    expect(chooseLod(4, 290, "dots")).toBe("dots");
    expect(chooseLod(4, 270, "dots")).toBe("cards");
    expect(chooseLod(4, 290, "cards")).toBe("cards");
  });
});
