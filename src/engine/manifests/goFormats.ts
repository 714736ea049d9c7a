// Value formats the API server's decoder checks while reading JSON, with its exact error texts:
// resource.Quantity, base64 []byte and metav1.Time (RFC 3339).

// ---- resource.Quantity (apimachinery pkg/api/resource/quantity.go) ----

export const QUANTITY_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX_WRONG = "unable to parse quantity's suffix";
const SUFFIX_CHARS = "eEinumkKMGTP";
const DECIMAL_SUFFIXES = new Set(["n", "u", "m", "", "k", "M", "G", "T", "P", "E"]);
const BINARY_SUFFIXES = new Set(["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * The error ParseQuantity returns for `str`, or undefined when it parses.
 * mirrors ParseQuantity / parseQuantityString / suffixHandler.interpret.
 */
export function quantityError(str: string): string | undefined {
  if (str.length === 0) return QUANTITY_FORMAT_WRONG;
  if (str === "0") return undefined;
  let pos = 0;
  const end = str.length;
  if (str[0] === "-" || str[0] === "+") pos++;
  while (pos < end && str[pos] === "0") pos++;
  if (pos >= end) return undefined;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end && str[pos] === ".") {
    pos++;
    while (pos < end && isDigit(str[pos])) pos++;
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos] as string)) pos++;
  if (pos < end) {
    if (str[pos] === "-" || str[pos] === "+") pos++;
    while (pos < end && isDigit(str[pos])) pos++;
    if (pos < end) return QUANTITY_FORMAT_WRONG;
  }
  const suffix = str.slice(suffixStart);
  if (DECIMAL_SUFFIXES.has(suffix) || BINARY_SUFFIXES.has(suffix)) return undefined;
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E") && /^[+-]?[0-9]+$/.test(suffix.slice(1))) return undefined;
  return QUANTITY_SUFFIX_WRONG;
}

// ---- []byte from a JSON string: base64.StdEncoding.Decode (Go encoding/base64) ----

const B64 = /[A-Za-z0-9+/]/;

/**
 * The CorruptInputError text for `s`, or undefined when it decodes.
 * mirrors Encoding.decodeQuantum (padding required, "\n" and "\r" ignored).
 */
export function base64Error(s: string): string | undefined {
  const corrupt = (at: number): string => `illegal base64 data at input byte ${at}`;
  const n = s.length;
  let si = 0;
  while (si < n) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === n) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const c = s[si] as string;
      si++;
      if (B64.test(c)) continue;
      if (c === "\n" || c === "\r") {
        j--;
        continue;
      }
      if (c !== "=") return corrupt(si - 1);
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < n && (s[si] === "\n" || s[si] === "\r")) si++;
        if (si === n) return corrupt(n);
        if (s[si] !== "=") return corrupt(si - 1);
        si++;
      }
      while (si < n && (s[si] === "\n" || s[si] === "\r")) si++;
      if (si < n) return corrupt(si);
      return undefined;
    }
  }
  return undefined;
}

// ---- metav1.Time: time.Parse(time.RFC3339, s) (Go time/format.go) ----

const RFC3339 = "2006-01-02T15:04:05Z07:00";

function goQuoteAscii(s: string): string {
  return JSON.stringify(s);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * time.Parse's error for `s` against RFC 3339, or undefined when it parses. Covers the layout
 * elements RFC 3339 uses; fractional seconds are accepted after the seconds, as Go does.
 */
export function rfc3339Error(s: string): string | undefined {
  let v = s;
  const fail = (elem: string): string => `parsing time ${goQuoteAscii(s)} as ${goQuoteAscii(RFC3339)}: cannot parse ${goQuoteAscii(v)} as ${goQuoteAscii(elem)}`;
  const range = (what: string): string => `parsing time ${goQuoteAscii(s)}: ${what} out of range`;
  // Layout elements in order: [element, digits (0 = literal), upper bound, range name].
  const layout: [string, number, number, string][] = [
    ["2006", 4, 9999, ""], ["-", 0, 0, ""], ["01", 2, 12, "month"], ["-", 0, 0, ""], ["02", 2, 31, "day"],
    ["T", 0, 0, ""], ["15", 2, 23, "hour"], [":", 0, 0, ""], ["04", 2, 59, "minute"], [":", 0, 0, ""], ["05", 2, 59, "second"],
  ];
  const values: number[] = [];
  for (const [elem, digits, max, name] of layout) {
    if (digits === 0) {
      if (!v.startsWith(elem)) return fail(elem);
      v = v.slice(elem.length);
      continue;
    }
    if (v.length < digits || !/^[0-9]+$/.test(v.slice(0, digits))) return fail(elem);
    const n = Number(v.slice(0, digits));
    if (name !== "" && (n > max || ((name === "month" || name === "day") && n < 1))) return range(name);
    values.push(n);
    v = v.slice(digits);
  }
  const frac = /^[.,][0-9]+/.exec(v);
  if (frac) v = v.slice(frac[0].length);
  if (v.startsWith("Z")) v = v.slice(1);
  else if (/^[+-][0-9]{2}:[0-9]{2}/.test(v)) v = v.slice(6);
  else return fail("Z07:00");
  if (v.length > 0) return `parsing time ${goQuoteAscii(s)}: extra text: ${goQuoteAscii(v)}`;
  const [year, month, day] = values as [number, number, number];
  if (day > daysIn(month, year)) return range("day");
  return undefined;
}
