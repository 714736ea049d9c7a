// resource.Quantity: the fixed-point numbers of `cpu: 250m` and `memory: 64Mi`.
// Mirrors k8s.io/apimachinery pkg/api/resource (quantity.go, suffix.go, amount.go, math.go).
//
// Invariants:
// - A Quantity is exact: value = unscaled × 10^scale. Nothing is ever a float.
// - A parsed Quantity keeps at most nano precision (scale >= -9); finer values round away from zero.
// - `s` is the original string, kept only when upstream keeps it (the input was already canonical);
//   quantityToString returns it verbatim, which is why "1e3" prints "1e3" and "+1" prints "+1".

export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

export interface Quantity {
  readonly unscaled: bigint;
  /** Base-10 exponent (upstream `Scale`): 1.5 is {15n, -1}. */
  readonly scale: number;
  readonly format: QuantityFormat;
  /** Cached canonical string (upstream `q.s`). */
  readonly s?: string;
}

/** The regular expression upstream quotes in its format error (quantity.go splitREString). */
export const QUANTITY_SPLIT_RE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

export const QuantityErrors = {
  formatWrong: `quantities must match the regular expression '${QUANTITY_SPLIT_RE}'`,
  numeric: "unable to parse numeric part of quantity",
  suffix: "unable to parse quantity's suffix",
} as const;

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuantityError";
  }
}

export const Scale = { Nano: -9, Micro: -6, Milli: -3, Kilo: 3, Mega: 6, Giga: 9, Tera: 12, Peta: 15, Exa: 18 } as const;

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
/** Digits that always fit an int64 (upstream maxInt64Factors as used by ParseQuantity's fast path). */
const MAX_INT64_FACTORS = 18;

const DECIMAL_SUFFIXES = new Map<string, number>([
  ["n", -9], ["u", -6], ["m", -3], ["", 0], ["k", 3], ["M", 6], ["G", 9], ["T", 12], ["P", 15], ["E", 18],
]);
const BINARY_SUFFIXES = new Map<string, number>([["Ki", 10], ["Mi", 20], ["Gi", 30], ["Ti", 40], ["Pi", 50], ["Ei", 60]]);
const DECIMAL_BY_EXPONENT = new Map<number, string>([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"] as const;
const SUFFIX_CHARS = "eEinumkKMGTP";

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

interface SplitQuantity { positive: boolean; value: string; num: string; denom: string; suffix: string }

// mirrors parseQuantityString (apimachinery pkg/api/resource/quantity.go): a scanner, not a regexp,
// with the same quirks ("." is zero, "1." and "1.G" parse).
function parseQuantityString(str: string): SplitQuantity {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === "-") { positive = false; pos++; } else if (str[0] === "+") pos++;
  while (str[pos] === "0") pos++;
  if (pos >= end) return { positive, value: "0", num: "0", denom: "", suffix: "" };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num === "" ? "0" : num, denom: "", suffix: "" };
  pos = i;
  if (num === "") num = "0";
  let denom = "";
  if (str[pos] === ".") {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: "" };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos] as string)) pos++;
  if (pos < end && (str[pos] === "-" || str[pos] === "+")) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(QuantityErrors.formatWrong);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

// mirrors suffixHandler.interpret (apimachinery pkg/api/resource/suffix.go)
function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  const dec = DECIMAL_SUFFIXES.get(s);
  if (dec !== undefined) return { base: 10, exponent: dec, format: "DecimalSI" };
  const bin = BINARY_SUFFIXES.get(s);
  if (bin !== undefined) return { base: 2, exponent: bin, format: "BinarySI" };
  if (s.length > 1 && (s[0] === "e" || s[0] === "E") && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const parsed = BigInt(s.slice(1));
    // strconv.ParseInt(.., 64) fails beyond int64; the result is then truncated with int32(parsed).
    if (parsed <= MAX_INT64 && parsed >= MIN_INT64) {
      return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: "DecimalExponent" };
    }
  }
  throw new QuantityError(QuantityErrors.suffix);
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Divides by 10^k rounding away from zero (upstream inf.RoundUp / negativeScaleInt64). */
function divPow10AwayFromZero(v: bigint, k: number): bigint {
  if (k <= 0) return v;
  const d = 10n ** BigInt(k);
  const q = v / d;
  if (q * d === v) return q;
  return v > 0n ? q + 1n : q - 1n;
}

/** Number of decimal digits of |v| (v != 0). */
function digits(v: bigint): number {
  return abs(v).toString().length;
}

// mirrors ParseQuantity (apimachinery pkg/api/resource/quantity.go)
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(QuantityErrors.formatWrong);
  if (str === "0") return { unscaled: 0n, scale: 0, format: "DecimalSI", s: str };
  const { positive, value, num, denom, suffix } = parseQuantityString(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;

  // Fast path (upstream int64Amount): few enough digits to stay exact in an int64 at >= nano scale.
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === "BinarySI") {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= Scale.Nano) {
      const shifted = num + denom;
      const result = BigInt(shifted) * mantissa;
      if (result <= MAX_INT64) {
        const unscaled = positive ? result : -result;
        // Upstream reuses the input string when it is already canonical.
        const canonical = format === "BinarySI"
          ? exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n
          : scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
        return canonical ? { unscaled, scale, format, s: str } : { unscaled, scale, format };
      }
    }
  }

  // Slow path (upstream inf.Dec).
  const digitsOnly = value.replace(/^[+-]/, "");
  const [intPart = "", fracPart = ""] = digitsOnly.split(".");
  if (!/^[0-9]*$/.test(intPart + fracPart)) throw new QuantityError(QuantityErrors.numeric);
  let unscaled = BigInt((intPart + fracPart) || "0");
  scale = -fracPart.length;
  if (base === 10) scale += exponent;
  else unscaled *= 1n << BigInt(exponent);

  // Non-zero values round up to the smallest representable amount: asking for a sliver of a
  // resource still gets some of it.
  if (unscaled !== 0n && scale < Scale.Nano) {
    if (digits(unscaled) + scale <= Scale.Nano) {
      unscaled = 1n;
    } else {
      unscaled = divPow10AwayFromZero(unscaled, Scale.Nano - scale);
    }
    scale = Scale.Nano;
  }
  if (format === "BinarySI" && compareParts(unscaled, scale, MAX_INT64, 0) > 0) {
    unscaled = MAX_INT64;
    scale = 0;
  }
  if (format === "BinarySI" && unscaled !== 0n && compareParts(unscaled, scale, 1n, 0) < 0) format = "DecimalSI";
  return { unscaled: positive ? unscaled : -unscaled, scale, format };
}

/** Compares a×10^as with b×10^bs without materialising huge powers of ten. */
function compareParts(a: bigint, as: number, b: bigint, bs: number): number {
  const sa = a === 0n ? 0 : a > 0n ? 1 : -1;
  const sb = b === 0n ? 0 : b > 0n ? 1 : -1;
  if (sa !== sb) return sa > sb ? 1 : -1;
  if (sa === 0) return 0;
  // Same sign: the order of magnitude (digits + scale) decides unless equal.
  const ma = digits(a) + as;
  const mb = digits(b) + bs;
  if (ma !== mb) return (ma > mb ? 1 : -1) * sa;
  // Equal magnitudes imply |as - bs| < max digits, so aligning is cheap.
  const [x, y] = as >= bs ? [a * 10n ** BigInt(as - bs), b] : [a, b * 10n ** BigInt(bs - as)];
  return x === y ? 0 : x > y ? 1 : -1;
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return compareParts(a.unscaled, a.scale, b.unscaled, b.scale);
}

/** Beyond this scale gap an exact sum would need an absurd power of ten. */
const MAX_ALIGN = 10_000;

function align(a: Quantity, b: Quantity): [bigint, bigint, number] {
  if (Math.abs(a.scale - b.scale) > MAX_ALIGN) throw new QuantityError("quantity exponent out of range");
  if (a.scale === b.scale) return [a.unscaled, b.unscaled, a.scale];
  if (a.scale > b.scale) return [a.unscaled * 10n ** BigInt(a.scale - b.scale), b.unscaled, b.scale];
  return [a.unscaled, b.unscaled * 10n ** BigInt(b.scale - a.scale), a.scale];
}

// mirrors Quantity.Add: a zero receiver takes the other's format, so "0" + "1Gi" prints "1Gi".
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  if (b.unscaled === 0n) return { unscaled: a.unscaled, scale: a.scale, format: a.format };
  if (a.unscaled === 0n) return { unscaled: b.unscaled, scale: b.scale, format: b.format };
  const [x, y, scale] = align(a, b);
  return { unscaled: x + y, scale, format: a.format };
}

// mirrors Quantity.Sub
export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return addQuantity(a, { unscaled: -b.unscaled, scale: b.scale, format: b.format });
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.unscaled === 0n;
}

// mirrors NewQuantity / NewMilliQuantity / NewScaledQuantity
export function newQuantity(value: number | bigint, format: QuantityFormat): Quantity {
  return { unscaled: BigInt(value), scale: 0, format };
}
export function newMilliQuantity(value: number | bigint, format: QuantityFormat): Quantity {
  return { unscaled: BigInt(value), scale: Scale.Milli, format };
}
export function newScaledQuantity(value: number | bigint, scale: number): Quantity {
  return { unscaled: BigInt(value), scale, format: "DecimalSI" };
}

// mirrors Quantity.RoundUp: rounds away from zero to `scale`; exact is false if precision was lost.
// The API server applies it at milli scale to every requests/limits value (SetDefaults_ResourceList).
export function roundUpQuantity(q: Quantity, scale: number): { quantity: Quantity; exact: boolean } {
  if (q.scale >= scale) return { quantity: q, exact: true };
  const unscaled = divPow10AwayFromZero(q.unscaled, scale - q.scale);
  const exact = unscaled * 10n ** BigInt(scale - q.scale) === q.unscaled;
  return { quantity: { unscaled, scale, format: q.format }, exact };
}

// mirrors Quantity.ScaledValue: ceil(q / 10^scale), rounding away from zero (int64Amount.AsScaledInt64).
// Returned as a JS number; a value too large for a float64 is ±Infinity.
export function scaledValue(q: Quantity, scale: number): number {
  if (q.unscaled === 0n) return 0;
  const diff = q.scale - scale;
  if (diff >= 0) {
    if (diff + digits(q.unscaled) > 400) return q.unscaled > 0n ? Infinity : -Infinity;
    return Number(q.unscaled * 10n ** BigInt(diff));
  }
  if (-diff >= digits(q.unscaled)) return q.unscaled > 0n ? 1 : -1;
  return Number(divPow10AwayFromZero(q.unscaled, -diff));
}

/** mirrors Quantity.Value: the value rounded up to an integer. */
export function value(q: Quantity): number {
  return scaledValue(q, 0);
}

/** mirrors Quantity.MilliValue: ceil(q × 1000). */
export function milliValue(q: Quantity): number {
  return scaledValue(q, Scale.Milli);
}

// mirrors Quantity.CanonicalizeBytes + String: the form the API server writes back.
export function quantityToString(q: Quantity): string {
  if (q.s !== undefined) return q.s;
  if (q.unscaled === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    const small = compareParts(q.unscaled, q.scale, -1024n, 0) > 0 && compareParts(q.unscaled, q.scale, 1024n, 0) < 0;
    if (small || !isIntegral(q)) format = "DecimalSI";
  } else if (format !== "DecimalSI" && format !== "DecimalExponent") {
    format = "DecimalExponent";
  }
  if (format === "BinarySI") {
    let v = q.scale >= 0 ? q.unscaled * 10n ** BigInt(q.scale) : q.unscaled / 10n ** BigInt(-q.scale);
    let power = 0;
    // Stop at Ei: upstream would emit no suffix past it and silently misprint the value.
    while (power < 6 && v % 1024n === 0n) {
      v /= 1024n;
      power++;
    }
    return v.toString() + BINARY_BY_POWER[power];
  }
  // AsCanonicalBytes: move factors of ten into the exponent, then lower it to a multiple of 3.
  let m = q.unscaled;
  let e = q.scale;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  if (r === 1) { m *= 10n; e -= 1; } else if (r === 2) { m *= 100n; e -= 2; }
  const suffix = format === "DecimalSI" ? DECIMAL_BY_EXPONENT.get(e) : undefined;
  // DecimalSI has no suffix past E (10^18): fall back to exponent notation rather than drop it.
  return m.toString() + (suffix ?? (e === 0 ? "" : `e${e}`));
}

function isIntegral(q: Quantity): boolean {
  return q.scale >= 0 || q.unscaled % 10n ** BigInt(-q.scale) === 0n;
}

// ---- Hot-path helpers: the same strings repeat across 150k pods, so memoise them. ----

const MEMO_LIMIT = 10_000;
const cpuMillisMemo = new Map<string, number>();
const bytesMemo = new Map<string, number>();

function memoised(memo: Map<string, number>, s: string, compute: (q: Quantity) => number): number {
  const hit = memo.get(s);
  if (hit !== undefined) return hit;
  const v = compute(parseQuantity(s));
  // A bounded cache: clearing is deterministic and keeps memory flat under adversarial input.
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, v);
  return v;
}

/** CPU in millicores, rounded up (Quantity.MilliValue). Throws QuantityError on a malformed string. */
export function parseCpuMillis(s: string): number {
  return memoised(cpuMillisMemo, s, milliValue);
}

/** Bytes (or any count), rounded up (Quantity.Value). Throws QuantityError on a malformed string. */
export function parseBytes(s: string): number {
  return memoised(bytesMemo, s, value);
}
