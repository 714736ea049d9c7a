import { describe, expect, it } from "vitest";
import { SeededRandom } from "./random";

// An independent reference: splitmix32 seeding and sfc32 (PractRand's small fast counter, 32-bit) written
// with BigInt arithmetic mod 2^32, so an overflow or boxing mistake in the fast version cannot hide.
const M = (1n << 32n) - 1n;
function reference(seed: number, count: number): number[] {
  let s = BigInt(seed >>> 0);
  const splitmix = (): bigint => {
    s = (s + 0x9e3779b9n) & M;
    let z = s;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
    return (z ^ (z >> 16n)) & M;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const step = (): bigint => {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = (((c << 21n) | (c >> 11n)) & M) + t;
    c &= M;
    return t;
  };
  for (let i = 0; i < 12; i++) step();
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Number(step()) / 4294967296);
  return out;
}

describe("SeededRandom", () => {
  it("is sfc32 seeded through splitmix32, discarding the first 12 outputs", () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const r = new SeededRandom(seed);
      const got = Array.from({ length: 2000 }, () => r.next());
      expect(got).toEqual(reference(seed, 2000));
    }
  });

  it("restarts the same sequence on reseed", () => {
    const r = new SeededRandom(7);
    const first = [r.next(), r.next(), r.next()];
    r.next();
    r.reseed(7);
    expect([r.next(), r.next(), r.next()]).toEqual(first);
  });

  it("draws integers in [0, n) and floats in [0, 1)", () => {
    const r = new SeededRandom(3);
    for (let i = 0; i < 5000; i++) {
      const f = r.fn();
      expect(f >= 0 && f < 1).toBe(true);
      const k = r.int(5);
      expect(Number.isInteger(k) && k >= 0 && k < 5).toBe(true);
    }
  });
});
