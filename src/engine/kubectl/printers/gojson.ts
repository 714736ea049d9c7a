// JSON exactly as Go's encoding/json writes an unstructured object: map keys sorted, HTML-sensitive
// characters escaped (<, >, & as \u003c, \u003e, \u0026), U+2028/U+2029 escaped, floats in Go's
// shortest form. `kubectl get -o json` indents with four spaces (cli-runtime JSONPrinter:
// json.MarshalIndent(obj, "", "    ")); jsonpath prints maps and lists compactly (json.Marshal).
//
// Invariant: undefined members are skipped (they are absent in the Go map), as JSON.stringify does.

function escapeChar(c: number): string {
  switch (c) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return "\\\\";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
  }
  return "\\u" + c.toString(16).padStart(4, "0");
}

function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) return true;
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

// mirrors encodeState.string with escapeHTML = true.
export function goJSONString(s: string): string {
  if (!needsEscape(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + (s[i + 1] as string);
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd"; // a lone surrogate is invalid UTF-8: Go writes U+FFFD
    else if (c < 0x20 || c === 0x22 || c === 0x5c) out += escapeChar(c);
    else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += s[i];
  }
  return out + '"';
}

// mirrors floatEncoder: 'f' format unless the exponent is < -6 or >= 21, then 'e' with "e-07" -> "e-7".
// JavaScript's Number#toString switches at the same thresholds and writes the same digits.
export function goJSONNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${n}`);
  return Object.is(n, -0) ? "-0" : String(n);
}

function encode(v: unknown, indent: string, prefix: string, out: string[]): void {
  if (v === null || v === undefined) {
    out.push("null");
  } else if (typeof v === "string") {
    out.push(goJSONString(v));
  } else if (typeof v === "number") {
    out.push(goJSONNumber(v));
  } else if (typeof v === "boolean") {
    out.push(v ? "true" : "false");
  } else if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push("[]");
      return;
    }
    const inner = prefix + indent;
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(",");
      if (indent) out.push("\n", inner);
      encode(v[i], indent, inner, out);
    }
    if (indent) out.push("\n", prefix);
    out.push("]");
  } else if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) {
      out.push("{}");
      return;
    }
    const inner = prefix + indent;
    out.push("{");
    keys.forEach((k, i) => {
      if (i > 0) out.push(",");
      if (indent) out.push("\n", inner);
      out.push(goJSONString(k), indent ? ": " : ":");
      encode(o[k], indent, inner, out);
    });
    if (indent) out.push("\n", prefix);
    out.push("}");
  } else {
    throw new TypeError(`json: unsupported type: ${typeof v}`);
  }
}

/** json.Marshal (indent "") or json.MarshalIndent(v, "", indent). */
export function goJSONMarshal(v: unknown, indent = ""): string {
  const out: string[] = [];
  encode(v, indent, "", out);
  return out.join("");
}
