// A js-yaml schema that resolves plain scalars the way kubectl does. kubectl converts YAML to JSON
// with sigs.k8s.io/yaml, which uses go-yaml v2: YAML 1.1 booleans (`yes`, `on`, `n`), Go integer
// literals (`0644` is octal 420, `0x1F`, `0b101`, `1_000`), timestamps kept as strings, `<<` merges.
// js-yaml's default YAML 1.2 schema would read `yes` as a string, `0644` as 644 and dates as Date
// objects, so the cluster would see different objects than a real kubectl sends.
// mirrors resolve (gopkg.in/yaml.v2 resolve.go) and decoder.scalar for interface{} targets.

import yaml from "js-yaml";
import { base64Error } from "./goFormats";

const BOOL_VALUES: Readonly<Record<string, boolean>> = {
  y: true, Y: true, yes: true, Yes: true, YES: true,
  true: true, True: true, TRUE: true,
  on: true, On: true, ON: true,
  n: false, N: false, no: false, No: false, NO: false,
  false: false, False: false, FALSE: false,
  off: false, Off: false, OFF: false,
};

const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  ".nan": NaN, ".NaN": NaN, ".NAN": NaN,
  ".inf": Infinity, ".Inf": Infinity, ".INF": Infinity,
  "+.inf": Infinity, "+.Inf": Infinity, "+.INF": Infinity,
  "-.inf": -Infinity, "-.Inf": -Infinity, "-.INF": -Infinity,
};

const NULL_VALUES = new Set(["", "~", "null", "Null", "NULL"]);

/** resolve.go yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) / ParseUint: Go's base prefixes, a leading 0 means octal. */
function parseGoInteger(s: string, unsigned: boolean): bigint | undefined {
  let i = 0;
  let negative = false;
  if (!unsigned && (s[0] === "+" || s[0] === "-")) {
    negative = s[0] === "-";
    i = 1;
  }
  let digits = s.slice(i);
  let radix = 10;
  if (digits.length > 1 && digits[0] === "0") {
    const p = digits[1];
    if (p === "x" || p === "X") [radix, digits] = [16, digits.slice(2)];
    else if (p === "o" || p === "O") [radix, digits] = [8, digits.slice(2)];
    else if (p === "b" || p === "B") [radix, digits] = [2, digits.slice(2)];
    else [radix, digits] = [8, digits.slice(1)];
  }
  if (digits.length === 0 || !digitsValid(digits, radix)) return undefined;
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  const magnitude = BigInt(prefix + digits);
  const value = negative ? -magnitude : magnitude;
  if (unsigned ? value > UINT64_MAX : value < INT64_MIN || value > INT64_MAX) return undefined;
  return value;
}

function digitsValid(digits: string, radix: number): boolean {
  const re = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : radix === 2 ? /^[01]+$/ : /^[0-9]+$/;
  return re.test(digits);
}

/**
 * The number go-yaml resolves a plain scalar to, or undefined when it stays a string (booleans and
 * nulls are resolved by their own types). mirrors resolve() hints 'D', 'S' and '.'.
 */
export function resolveGoNumber(plain: string): number | undefined {
  const c = plain[0];
  if (c === undefined) return undefined;
  const special = SPECIAL_FLOATS[plain];
  if (special !== undefined) return special;
  if (c === ".") return DOT_FLOAT.test(plain) ? Number(plain) : undefined;
  if (!((c >= "0" && c <= "9") || c === "+" || c === "-")) return undefined;
  const noUnderscores = plain.replace(/_/g, "");
  const asInt = parseGoInteger(noUnderscores, false) ?? parseGoInteger(noUnderscores, true);
  if (asInt !== undefined) return Number(asInt);
  if (YAML_STYLE_FLOAT.test(noUnderscores)) return Number(noUnderscores);
  if (noUnderscores.startsWith("0b") && /^[01]+$/.test(noUnderscores.slice(2))) return Number(BigInt(noUnderscores));
  if (noUnderscores.startsWith("-0b") && /^[01]+$/.test(noUnderscores.slice(3))) return -Number(BigInt(noUnderscores.slice(1)));
  return undefined;
}

const nullType = new yaml.Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: string | null) => data === null || NULL_VALUES.has(data),
  construct: () => null,
});

const boolType = new yaml.Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && Object.prototype.hasOwnProperty.call(BOOL_VALUES, data),
  construct: (data: string) => BOOL_VALUES[data],
});

function numberType(tag: string): yaml.Type {
  return new yaml.Type(tag, {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && resolveGoNumber(data) !== undefined,
    construct: (data: string) => resolveGoNumber(data),
  });
}

/** Only `<<` (or `!!merge`) merges, as go-yaml's isMerge. */
const mergeType = new yaml.Type("tag:yaml.org,2002:merge", {
  kind: "scalar",
  resolve: (data: string | null) => data === "<<" || data === null,
});

/** go-yaml keeps `!!timestamp` values as their text when decoding into interface{}. */
const timestampType = new yaml.Type("tag:yaml.org,2002:timestamp", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null,
  construct: (data: string) => data,
});

/** `!!binary` text is base64; go-yaml decodes it into a Go string (JSON then carries it as text). */
const binaryType = new yaml.Type("tag:yaml.org,2002:binary", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && base64Error(data) === undefined,
  construct: (data: string) => {
    const raw = atob(data.replace(/[\r\n]/g, ""));
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return new TextDecoder("utf-8").decode(bytes);
  },
});

/** go-yaml leaves scalars with unknown local tags (`!foo bar`) as strings and collections as they are. */
const localTags = (["scalar", "sequence", "mapping"] as const).map(
  (kind) => new yaml.Type("!", { kind, multi: true, resolve: () => true, construct: (data: unknown) => data ?? (kind === "scalar" ? "" : data) }),
);

export const GO_YAML_SCHEMA: yaml.Schema = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, numberType("tag:yaml.org,2002:int"), mergeType],
  explicit: [numberType("tag:yaml.org,2002:float"), timestampType, binaryType, ...localTags],
});
