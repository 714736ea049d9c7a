import { describe, expect, it } from "vitest";
import { SeededRandom } from "../sim/random";
import { binomial, computeProbability, pickStatistic, splitStatistic } from "./statistic";

describe("computeProbability (iptables proxier)", () => {
  it("formats 1/n with %0.10f", () => {
    // The KUBE-SVC chain of a 3-endpoint Service: 0.3333333333, then 0.5000000000, then no statistic.
    expect(computeProbability(3)).toBe("0.3333333333");
    expect(computeProbability(2)).toBe("0.5000000000");
    expect(computeProbability(7)).toBe("0.1428571429");
  });
});

describe("pickStatistic", () => {
  it("lands on every endpoint with probability 1/n", () => {
    const r = new SeededRandom(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pickStatistic(4, r.fn)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it("always matches the last rule", () => {
    expect(pickStatistic(1, () => 0.999)).toBe(0);
    expect(pickStatistic(3, () => 0.999)).toBe(2);
  });
});

describe("binomial", () => {
  it("has mean n·p and variance n·p·(1−p) in each regime", () => {
    const r = new SeededRandom(3);
    for (const [n, p] of [
      [10, 0.3],
      [200, 0.02],
      [10_000, 0.25],
    ] as const) {
      let sum = 0;
      let sq = 0;
      const trials = 4_000;
      for (let i = 0; i < trials; i++) {
        const x = binomial(n, p, r.fn);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(n);
        sum += x;
        sq += x * x;
      }
      const mean = sum / trials;
      const variance = sq / trials - mean * mean;
      expect(Math.abs(mean - n * p)).toBeLessThan(0.05 * n * p + 0.2);
      expect(Math.abs(variance - n * p * (1 - p)) / (n * p * (1 - p))).toBeLessThan(0.15);
    }
  });

  it("handles the edges", () => {
    expect(binomial(0, 0.5, () => 0.5)).toBe(0);
    expect(binomial(50, 0, () => 0.5)).toBe(0);
    expect(binomial(50, 1, () => 0.5)).toBe(50);
  });
});

describe("splitStatistic", () => {
  it("conserves the count and spreads it evenly", () => {
    const r = new SeededRandom(11);
    const out = new Int32Array(5);
    const totals = [0, 0, 0, 0, 0];
    for (let t = 0; t < 200; t++) {
      splitStatistic(1_000, 5, r.fn, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1_000);
      for (let i = 0; i < 5; i++) totals[i]! += out[i]!;
    }
    for (const t of totals) expect(Math.abs(t - 40_000)).toBeLessThan(1_200);
  });

  it("sends small counts one by one", () => {
    const out = new Int32Array(10);
    splitStatistic(3, 10, new SeededRandom(1).fn, out);
    expect(out.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("is deterministic for a seed", () => {
    const a = new Int32Array(4);
    const b = new Int32Array(4);
    splitStatistic(777, 4, new SeededRandom(5).fn, a);
    splitStatistic(777, 4, new SeededRandom(5).fn, b);
    expect([...a]).toEqual([...b]);
  });
});
