import { describe, expect, it } from "vitest";
import { FAR_ZOOM, farTextScale } from "./useFarZoom";

describe("farTextScale", () => {
  it("keeps labels at their own size from the far threshold up", () => {
    expect(farTextScale(1)).toBe(1);
    expect(farTextScale(2.5)).toBe(1);
    expect(farTextScale(0.85)).toBe(1);
  });

  it("grows labels as the view zooms out, so they keep about 85% of their size on screen", () => {
    // At the zoom that fits a 3-node cluster into 1280×720 (~0.4), an 11 px label would be 4.4 px.
    expect(farTextScale(0.4)).toBeCloseTo(2.15, 5);
    expect(11 * farTextScale(0.4) * 0.4).toBeGreaterThan(9);
    expect(farTextScale(FAR_ZOOM)).toBeCloseTo(1.35, 5);
  });

  it("is capped, and steps by 0.05 so small zoom changes re-render nothing", () => {
    expect(farTextScale(0.05)).toBe(2.4);
    expect(farTextScale(0.5)).toBe(1.7);
    expect(farTextScale(0.501)).toBe(1.7);
    expect(farTextScale(0)).toBe(1);
    expect(farTextScale(Number.NaN)).toBe(1);
  });
});
