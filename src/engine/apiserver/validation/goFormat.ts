// Go's renderings of values, as they end up in validation messages: strconv.Quote (%q) for strings and
// encoding/json.Marshal for everything else (map keys sorted, struct fields in declaration order,
// HTML-sensitive characters escaped).

/** A value rendered exactly as encoding/json would, carried through unchanged by goJSON. */
export class GoJSON {
  constructor(readonly text: string) {}
}

const HEX = "0123456789abcdef";
const hex = (n: number, width: number): string => {
  let s = "";
  for (let i = width - 1; i >= 0; i--) s += HEX[(n >> (i * 4)) & 0xf];
  return s;
};

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

// mirrors strconv.Quote: printable runes stay, the rest become \a \b \f \n \r \t \v, \xNN, \uNNNN or \UNNNNNNNN.
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (r === 0x20 || (r >= 0x21 && r < 0x7f) || (r >= 0x80 && PRINTABLE.test(ch))) out += ch;
    else if (r === 7) out += "\\a";
    else if (r === 8) out += "\\b";
    else if (r === 12) out += "\\f";
    else if (r === 10) out += "\\n";
    else if (r === 13) out += "\\r";
    else if (r === 9) out += "\\t";
    else if (r === 11) out += "\\v";
    else if (r < 0x20 || r === 0x7f) out += "\\x" + hex(r, 2);
    else if (r >= 0xd800 && r <= 0xdfff) out += "\\ufffd"; // a lone surrogate is invalid UTF-8 → RuneError
    else if (r < 0x10000) out += "\\u" + hex(r, 4);
    else out += "\\U" + hex(r, 8);
  }
  return out + '"';
}

// mirrors encoding/json's string encoder with HTML escaping on (json.Marshal's default).
export function goJSONString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += "\\u" + hex(c, 4);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else out += "\\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) out += "\\ufffd";
    else out += s.charAt(i);
  }
  return out + '"';
}

function numberJSON(n: number): string {
  return Number.isFinite(n) ? String(n) : "null";
}

/**
 * json.Marshal of a plain JSON value, treating every object as a Go map: keys sorted. Use goStruct for
 * values whose Go type is a struct (field order is declaration order then).
 */
export function goJSON(v: unknown): string {
  if (v instanceof GoJSON) return v.text;
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "string":
      return goJSONString(v);
    case "number":
      return numberJSON(v);
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return v.toString();
  }
  if (Array.isArray(v)) return "[" + v.map(goJSON).join(",") + "]";
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return "{" + keys.map((k) => goJSONString(k) + ":" + goJSON(o[k])).join(",") + "}";
}

/**
 * json.Marshal of a Go struct: fields in the given order. A field spec `[name, value, omitempty?]` is
 * skipped when omitempty and the value is empty (nil, "", 0, false, empty slice or map).
 */
export function goStruct(fields: ReadonlyArray<readonly [string, unknown, boolean?]>): GoJSON {
  const parts: string[] = [];
  for (const [name, value, omitEmpty] of fields) {
    if (omitEmpty && isEmptyValue(value)) continue;
    parts.push(goJSONString(name) + ":" + goJSON(value));
  }
  return new GoJSON("{" + parts.join(",") + "}");
}

function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object" && !(v instanceof GoJSON)) return Object.keys(v as object).length === 0;
  return false;
}

/** metav1.LabelSelector as json.Marshal writes it (both fields omitempty). */
export function goLabelSelector(sel: unknown): GoJSON {
  if (sel === null || sel === undefined) return new GoJSON("null");
  const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  const exprs = Array.isArray(s.matchExpressions)
    ? s.matchExpressions.map((e: any) =>
      goStruct([["key", e?.key ?? ""], ["operator", e?.operator ?? ""], ["values", e?.values, true]]))
    : s.matchExpressions;
  return goStruct([["matchLabels", s.matchLabels, true], ["matchExpressions", exprs, true]]);
}
