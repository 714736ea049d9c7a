// The pod-template-hash: `nginx-deployment-66b6c48dd5`.
// Mirrors k/k pkg/controller/controller_utils.go ComputeHash, hash/fnv New32a and apimachinery
// pkg/util/rand SafeEncodeString.
//
// Deviation (documented on purpose): upstream hashes a Go object dump of the PodTemplateSpec (spew /
// dump.ForHash), which a TypeScript object cannot reproduce byte for byte. We hash a canonical JSON
// encoding instead (object keys sorted at every level, undefined members omitted). So the hash has
// upstream's form and properties (10 or fewer characters from "456789bcdf", equal templates → equal
// hashes regardless of key order, a collisionCount changes it) but not upstream's exact value.
import type { PodTemplateSpec } from "../api/types";
import { ALPHANUMS } from "./names";

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

function fnvByte(h: number, b: number): number {
  return Math.imul(h ^ b, FNV32_PRIME) >>> 0;
}

/** FNV-1a over the UTF-8 bytes of a string, continuing from `h` (no intermediate byte array). */
function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = fnvByte(h, c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      h = fnvByte(h, 0xc0 | (c >> 6));
    } else if (c < 0x10000) {
      h = fnvByte(h, 0xe0 | (c >> 12));
      h = fnvByte(h, 0x80 | ((c >> 6) & 0x3f));
    } else {
      h = fnvByte(h, 0xf0 | (c >> 18));
      h = fnvByte(h, 0x80 | ((c >> 12) & 0x3f));
      h = fnvByte(h, 0x80 | ((c >> 6) & 0x3f));
    }
    h = fnvByte(h, 0x80 | (c & 0x3f));
  }
  return h;
}

// mirrors hash/fnv New32a().Write(data).Sum32(): strings are hashed as their UTF-8 bytes.
export function fnv32a(data: string | Uint8Array): number {
  if (typeof data === "string") return fnvString(FNV32_OFFSET, data);
  let h = FNV32_OFFSET;
  for (let i = 0; i < data.length; i++) h = fnvByte(h, data[i] as number);
  return h;
}

// mirrors rand.SafeEncodeString: each code point c becomes ALPHANUMS[c % 27].
export function safeEncodeString(s: string): string {
  let out = "";
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) as number) % ALPHANUMS.length];
  return out;
}

/**
 * Canonical JSON: object keys sorted (UTF-16 order), undefined members and functions omitted, arrays in
 * order. Two structurally equal values always encode to the same string.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    // JSON.stringify of a primitive; undefined (and functions) become null, as inside arrays.
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === "function") continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}

// mirrors controller.ComputeHash: FNV-32a of the template, then (if set) the collisionCount as a uint32 in
// little-endian order inside an 8-byte buffer (the upper 4 bytes are zero), then SafeEncodeString of the
// decimal Sum32.
export function computeHash(template: PodTemplateSpec, collisionCount?: number | null): string {
  let h = fnvString(FNV32_OFFSET, canonicalJson(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0; // uint32(*collisionCount)
    h = fnvByte(h, c & 0xff);
    h = fnvByte(h, (c >>> 8) & 0xff);
    h = fnvByte(h, (c >>> 16) & 0xff);
    h = fnvByte(h, (c >>> 24) & 0xff);
    for (let i = 0; i < 4; i++) h = fnvByte(h, 0);
  }
  return safeEncodeString(String(h));
}
