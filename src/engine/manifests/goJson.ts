// The two Go formatting behaviours kubectl's messages expose: `%q` quoting and encoding/json's
// compact output (sorted map keys, HTML-safe escapes).

/** Go's strconv.Quote (fmt %q) for the strings that appear in kubectl messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * encoding/json Marshal of a decoded YAML value: map keys sorted, `<`, `>`, `&` escaped. This is
 * the JSON kubectl builds from YAML (sigs.k8s.io/yaml YAMLToJSON) and quotes back in some errors.
 */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c] as string);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}
