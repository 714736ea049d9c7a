// Server-assigned identifiers: object uids (RFC 4122 v4, as the apiserver's uuid.NewUUID) and the
// five-character generateName suffix, both drawn from the engine's seeded random source.
import type { SeededRandom } from "../sim/random";
import { generateName } from "../apimachinery/names";

const HEX = "0123456789abcdef";

export function uuid4(random: SeededRandom): string {
  // Built as an array and joined: `s +=` 36 times would leave a rope of 36 pieces (~1 KB) per uid alive.
  const c = new Array<string>(36);
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) c[i] = "-";
    else if (i === 14) c[i] = "4";
    else if (i === 19) c[i] = HEX[8 + random.int(4)]!;
    else c[i] = HEX[random.int(16)]!;
  }
  return c.join("");
}

/** A name for `generateName: base` (storage/names SimpleNameGenerator: base, truncated, + 5 random chars). */
export function generatedName(random: SeededRandom, base: string): string {
  return generateName(base, random.fn);
}
