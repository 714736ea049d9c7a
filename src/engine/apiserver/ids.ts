// Server-assigned identifiers: object uids (RFC 4122 v4, as the apiserver's uuid.NewUUID) and the
// five-character generateName suffix, both drawn from the engine's seeded random source.
import type { SeededRandom } from "../sim/random";
import { generateName } from "../apimachinery/names";

const HEX = "0123456789abcdef";

export function uuid4(random: SeededRandom): string {
  let s = "";
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += "-";
    else if (i === 14) s += "4";
    else if (i === 19) s += HEX[8 + random.int(4)];
    else s += HEX[random.int(16)];
  }
  return s;
}

/** A name for `generateName: base` (storage/names SimpleNameGenerator: base, truncated, + 5 random chars). */
export function generatedName(random: SeededRandom, base: string): string {
  return generateName(base, random.fn);
}
