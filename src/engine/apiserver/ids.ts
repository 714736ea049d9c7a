// Server-assigned identifiers: object uids (RFC 4122 v4, as the apiserver's uuid.NewUUID) and the
// five-character generateName suffix, both drawn from the engine's seeded random source.
import type { SeededRandom } from "../sim/random";
import { generateName } from "../apimachinery/names";

const HEX_CODES = [..."0123456789abcdef"].map((ch) => ch.charCodeAt(0));
const DASH = "-".charCodeAt(0);
const FOUR = "4".charCodeAt(0);
/** Reused between calls (the engine is single-threaded): the uid is one flat string made from char codes. */
const codes: number[] = new Array<number>(36).fill(0);

export function uuid4(random: SeededRandom): string {
  // One draw per hex digit, in order: the same seed gives the same uids (and every later draw) as before.
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) codes[i] = DASH;
    else if (i === 14) codes[i] = FOUR;
    else if (i === 19) codes[i] = HEX_CODES[8 + random.int(4)]!;
    else codes[i] = HEX_CODES[random.int(16)]!;
  }
  // A flat string (not a rope of 36 pieces, ~1 KB alive per uid).
  return String.fromCharCode.apply(null, codes);
}

/** A name for `generateName: base` (storage/names SimpleNameGenerator: base, truncated, + 5 random chars). */
export function generatedName(random: SeededRandom, base: string): string {
  return generateName(base, random.fn);
}
