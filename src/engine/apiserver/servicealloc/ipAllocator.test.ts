import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../sim/random";
import { calculateIPRangeOffset, IPAllocator } from "./ipAllocator";
import { formatIPv4, parseCIDR, parseIPv4 } from "./ipv4";

const ip = (s: string): number => parseIPv4(s)!;

describe("calculateIPRangeOffset (KEP-3070: min(max(16, size/16), 256))", () => {
  it.each([
    ["10.96.0.0/12", 256],
    ["10.96.0.0/16", 256],
    ["10.0.0.0/24", 16],
    ["10.0.0.0/27", 16],
    ["10.0.0.0/28", 0],
    ["10.0.0.0/20", 256],
    ["10.0.0.0/22", 64],
  ])("%s → %i", (cidr, want) => {
    expect(calculateIPRangeOffset(parseCIDR(cidr))).toBe(want);
  });
});

describe("IPAllocator", () => {
  it("usable range skips the network and broadcast addresses", () => {
    const a = new IPAllocator("10.96.0.0/12", () => 0);
    expect(formatIPv4(a.first)).toBe("10.96.0.1");
    expect(formatIPv4(a.last)).toBe("10.111.255.254");
    expect(a.size).toBe(2 ** 20 - 2);
  });

  it("dynamic allocation starts in the upper band: offset 0 → first+256, then scans upward", () => {
    const a = new IPAllocator("10.96.0.0/12", () => 0);
    expect(formatIPv4(a.allocateNext())).toBe("10.96.1.1");
    expect(formatIPv4(a.allocateNext())).toBe("10.96.1.2");
  });

  it("the random offset is taken within the upper band (rand.Int63n(size - offset))", () => {
    // upper band = 1048574 - 256 = 1048318 addresses from 10.96.1.1; offset ⌊0.5 × 1048318⌋ = 524159
    // = 8×65536 - 129, so the address is 10.96.1.1 + 8·65536 - 129 = 10.104.1.1 - 129 = 10.104.0.128.
    const a = new IPAllocator("10.96.0.0/12", () => 0.5);
    expect(formatIPv4(a.allocateNext())).toBe("10.104.0.128");
  });

  it("never hands out the static band while the upper band has room, whatever the seed", () => {
    const a = new IPAllocator("10.96.0.0/12", new SeededRandom(7).fn);
    for (let i = 0; i < 500; i++) expect(a.allocateNext()).toBeGreaterThanOrEqual(ip("10.96.1.1"));
  });

  it("same seed, same addresses", () => {
    const run = () => {
      const a = new IPAllocator("10.96.0.0/12", new SeededRandom(42).fn);
      return [a.allocateNext(), a.allocateNext(), a.allocateNext()].map(formatIPv4);
    };
    expect(run()).toEqual(run());
    expect(new Set(run()).size).toBe(3);
  });

  it("falls back to the static band when the upper band is full, then reports range is full", () => {
    // /27: 30 hosts, offset 16 → static .1-.16, dynamic .17-.30 (14 addresses).
    const a = new IPAllocator("10.0.0.0/27", new SeededRandom(3).fn);
    const got = Array.from({ length: 14 }, () => a.allocateNext());
    expect(Math.min(...got)).toBe(ip("10.0.0.17"));
    expect(Math.max(...got)).toBe(ip("10.0.0.30"));
    const fallback = a.allocateNext();
    expect(fallback).toBeGreaterThanOrEqual(ip("10.0.0.1"));
    expect(fallback).toBeLessThanOrEqual(ip("10.0.0.16"));
    for (let i = 0; i < 15; i++) a.allocateNext();
    expect(() => a.allocateNext()).toThrow("range is full");
  });

  it("static allocation: errors with upstream wording", () => {
    const a = new IPAllocator("10.96.0.0/12", () => 0);
    a.allocate(ip("10.96.0.10"));
    expect(() => a.allocate(ip("10.96.0.10"))).toThrow("provided IP is already allocated");
    expect(() => a.allocate(ip("192.168.1.1"))).toThrow("the provided network does not match the current range");
    expect(() => a.allocate(ip("10.96.0.0"))).toThrow("the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    expect(() => a.allocate(ip("10.111.255.255"))).toThrow("not in the valid range");
    a.release(ip("10.96.0.10"));
    expect(() => a.allocate(ip("10.96.0.10"))).not.toThrow();
  });
});
