// Standard base64 (RFC 4648, with padding) over UTF-8 text: how a Secret's data and a ConfigMap's
// binaryData travel as []byte in JSON. Written out here because the engine runs in the browser and in
// Node alike (no Buffer), and btoa/atob only handle Latin-1.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

export function encodeBytes(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : "=";
  }
  return out;
}

/** base64 of the UTF-8 bytes of `text` (what `echo -n text | base64` prints). */
export function encodeBase64(text: string): string {
  return encoder.encode(text).length === 0 ? "" : encodeBytes(encoder.encode(text));
}

/** The bytes of a base64 string, or undefined when it is not valid base64 (validation reports that). */
export function decodeBytes(b64: string): Uint8Array | undefined {
  const s = b64.replace(/\s+/g, "");
  if (s.length % 4 !== 0) return undefined;
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = s[i + j]!;
      const v = ch === "=" && i + j >= s.length - pad ? 0 : LOOKUP.get(ch);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** The text a base64 value decodes to (invalid UTF-8 becomes U+FFFD, as when a file is printed). */
export function decodeBase64(b64: string): string | undefined {
  const bytes = decodeBytes(b64);
  return bytes === undefined ? undefined : decoder.decode(bytes);
}
