// Generated object names: `generateName: web-` → `web-x7k2p`.
// Mirrors apiserver pkg/storage/names/generate.go (SimpleNameGenerator) and
// apimachinery pkg/util/rand/rand.go (String). Randomness is injected so runs are reproducible.

/** rand.go's alphabet: no vowels (fewer accidental words), no 0/1/3 (look like o/l/e). */
export const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export const NameGeneratorLimits = {
  /** maxNameLength: a DNS-1123 label. */
  maxNameLength: 63,
  randomLength: 5,
  /** MaxGeneratedNameLength = maxNameLength - randomLength: longer bases are truncated. */
  maxGeneratedNameLength: 58,
} as const;

// mirrors rand.String (apimachinery pkg/util/rand/rand.go): n characters drawn uniformly from ALPHANUMS.
// Upstream draws from Go's math/rand; the distribution is the same, the sequence is the engine's own.
export function randString(n: number, random: () => number): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    // Clamp guards a source that returns exactly 1.
    const idx = Math.min(ALPHANUMS.length - 1, Math.floor(random() * ALPHANUMS.length));
    out += ALPHANUMS[idx];
  }
  return out;
}

// mirrors simpleNameGenerator.GenerateName (apiserver pkg/storage/names/generate.go)
export function generateName(base: string, random: () => number): string {
  const trimmed = base.length > NameGeneratorLimits.maxGeneratedNameLength
    ? base.slice(0, NameGeneratorLimits.maxGeneratedNameLength)
    : base;
  return trimmed + randString(NameGeneratorLimits.randomLength, random);
}
