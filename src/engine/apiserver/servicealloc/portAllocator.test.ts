import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../sim/random";
import { calculatePortRangeOffset, DEFAULT_NODE_PORT_RANGE, formatPortRange, parsePortRange, PortAllocator } from "./portAllocator";

describe("node port range", () => {
  it("30000-32767 is base 30000, size 2768 (KUBERNETES-FACTS §9)", () => {
    expect(parsePortRange("30000-32767")).toEqual(DEFAULT_NODE_PORT_RANGE);
    expect(formatPortRange(DEFAULT_NODE_PORT_RANGE)).toBe("30000-32767");
  });

  it.each([
    [2768, 86], // 2768/32
    [16, 0],
    [100, 16],
    [10000, 128],
  ])("calculateRangeOffset(size %i) = %i  (min(max(16, size/32), 128))", (size, want) => {
    expect(calculatePortRangeOffset({ base: 30000, size })).toBe(want);
  });
});

describe("PortAllocator", () => {
  it("dynamic ports come from above the static band 30000-30085", () => {
    const a = new PortAllocator(DEFAULT_NODE_PORT_RANGE, new SeededRandom(5).fn);
    for (let i = 0; i < 300; i++) {
      const p = a.allocateNext();
      expect(p).toBeGreaterThanOrEqual(30086);
      expect(p).toBeLessThanOrEqual(32767);
    }
  });

  it("random start within the upper band, then the next free port", () => {
    const a = new PortAllocator(DEFAULT_NODE_PORT_RANGE, () => 0);
    expect(a.allocateNext()).toBe(30086);
    expect(a.allocateNext()).toBe(30087);
    const b = new PortAllocator(DEFAULT_NODE_PORT_RANGE, () => 0.5);
    expect(b.allocateNext()).toBe(30086 + Math.floor(0.5 * (2768 - 86)));
  });

  it("static allocation errors", () => {
    const a = new PortAllocator(DEFAULT_NODE_PORT_RANGE, () => 0);
    a.allocate(30080);
    expect(() => a.allocate(30080)).toThrow("provided port is already allocated");
    expect(() => a.allocate(80)).toThrow("provided port is not in the valid range. The range of valid ports is 30000-32767");
    expect(() => a.allocate(32768)).toThrow("not in the valid range");
    a.release(30080);
    expect(a.has(30080)).toBe(false);
  });

  it("fills the static band last, then is full", () => {
    const a = new PortAllocator({ base: 100, size: 20 }, new SeededRandom(1).fn);
    // size 20 → offset 16: static 100-115, dynamic 116-119.
    const first = [a.allocateNext(), a.allocateNext(), a.allocateNext(), a.allocateNext()].sort();
    expect(first).toEqual([116, 117, 118, 119]);
    expect(a.allocateNext()).toBeLessThan(116);
    for (let i = 0; i < 15; i++) a.allocateNext();
    expect(() => a.allocateNext()).toThrow("range is full");
  });
});
