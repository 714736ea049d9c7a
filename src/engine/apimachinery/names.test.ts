import { describe, it, expect } from "vitest";
import { ALPHANUMS, generateName, NameGeneratorLimits, randString } from "./names";

/** A tiny deterministic source (LCG) so the tests do not depend on sim/random. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("randString", () => {
  it("draws n characters from rand.go's vowel-free alphabet", () => {
    expect(ALPHANUMS).toBe("bcdfghjklmnpqrstvwxz2456789");
    const s = randString(1000, lcg(7));
    expect(s).toHaveLength(1000);
    expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it("maps the random value onto the alphabet uniformly and clamps 1", () => {
    expect(randString(3, () => 0)).toBe("bbb");
    expect(randString(1, () => 0.999999)).toBe("9");
    expect(randString(1, () => 1)).toBe("9");
    expect(randString(1, () => 1 / 27)).toBe("c");
  });

  it("is deterministic for a given source", () => {
    expect(randString(5, lcg(42))).toBe(randString(5, lcg(42)));
  });
});

describe("generateName (SimpleNameGenerator)", () => {
  it("appends five random characters to the base", () => {
    const name = generateName("nginx-deployment-66b6c48dd5-", lcg(1));
    expect(name).toMatch(/^nginx-deployment-66b6c48dd5-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("truncates bases longer than MaxGeneratedNameLength (63 - 5 = 58)", () => {
    expect(NameGeneratorLimits.maxGeneratedNameLength).toBe(
      NameGeneratorLimits.maxNameLength - NameGeneratorLimits.randomLength,
    );
    const base = "a".repeat(70);
    const name = generateName(base, lcg(3));
    expect(name).toHaveLength(63);
    expect(name.slice(0, 58)).toBe("a".repeat(58));
    expect(generateName("a".repeat(58), lcg(3))).toHaveLength(63);
    expect(generateName("", () => 0)).toBe("bbbbb");
  });
});
