// String-format validators, each returning upstream's error messages (empty array = valid).
// Mirrors k8s.io/apimachinery pkg/util/validation/validation.go as of v1.34 (before the 1.35 move to
// pkg/api/validate/content, which renamed "a qualified name" to "a valid label key").

/** Go's len(): UTF-8 bytes, not UTF-16 units, so length limits match upstream for non-ASCII input. */
function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } // surrogate pair: one 4-byte code point
    else n += 3;
  }
  return n;
}

// Exact ASCII predicates for the regexes below, without a regex run or any allocation. Each answers true
// only for strings the regex (and the length limit) accept; validators return no errors at once for
// those and run the regex path (and its messages) otherwise. All accepted characters are ASCII, so the
// string's length is its byte length.

const Ch = { Dash: 45, Dot: 46, D0: 48, D9: 57, UA: 65, UZ: 90, Underscore: 95, LA: 97, LZ: 122 } as const;

function isLowerAlnum(c: number): boolean {
  return (c >= Ch.LA && c <= Ch.LZ) || (c >= Ch.D0 && c <= Ch.D9);
}

function isAlnum(c: number): boolean {
  return (c >= Ch.LA && c <= Ch.LZ) || (c >= Ch.D0 && c <= Ch.D9) || (c >= Ch.UA && c <= Ch.UZ);
}

/** `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$` on value[from, to) (a non-empty DNS-1123 label, no length limit). */
function isLabelRange(value: string, from: number, to: number): boolean {
  if (to <= from || !isLowerAlnum(value.charCodeAt(from)) || !isLowerAlnum(value.charCodeAt(to - 1))) return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = value.charCodeAt(i);
    if (c !== Ch.Dash && !isLowerAlnum(c)) return false;
  }
  return true;
}

/** `^(qualifiedNameFmt)$` on value[from, to): alphanumerics at both ends, [-A-Za-z0-9_.] between. */
function isQualifiedNameRange(value: string, from: number, to: number): boolean {
  if (to <= from || !isAlnum(value.charCodeAt(from)) || !isAlnum(value.charCodeAt(to - 1))) return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = value.charCodeAt(i);
    if (c !== Ch.Dash && c !== Ch.Dot && c !== Ch.Underscore && !isAlnum(c)) return false;
  }
  return true;
}

/** `^dns1123SubdomainFmt$` on value[from, to): dot-separated non-empty DNS-1123 labels. */
function isSubdomainRange(value: string, from: number, to: number): boolean {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || value.charCodeAt(i) === Ch.Dot) {
      if (!isLabelRange(value, start, i)) return false;
      start = i + 1;
    }
  }
  return true;
}

/** True exactly when isDNS1123Label(value) has no errors. */
export function isValidDNS1123Label(value: string): boolean {
  return value.length <= DNS1123LabelMaxLength && isLabelRange(value, 0, value.length);
}

/** True exactly when isDNS1123Subdomain(value) has no errors. */
export function isValidDNS1123Subdomain(value: string): boolean {
  return value.length <= DNS1123SubdomainMaxLength && isSubdomainRange(value, 0, value.length);
}

/** True exactly when isDNS1035Label(value) has no errors. */
export function isValidDNS1035Label(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > DNS1035LabelMaxLength) return false;
  const c = value.charCodeAt(0);
  return c >= Ch.LA && c <= Ch.LZ && isLabelRange(value, 0, n);
}

/** True exactly when isValidLabelValue(value) has no errors. */
export function isValidLabelValueFast(value: string): boolean {
  return value.length === 0 || (value.length <= LabelValueMaxLength && isQualifiedNameRange(value, 0, value.length));
}

/** True exactly when isQualifiedName(value) has no errors. */
export function isValidQualifiedName(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash < 0) return value.length <= qualifiedNameMaxLength && isQualifiedNameRange(value, 0, value.length);
  if (value.indexOf("/", slash + 1) >= 0) return false;
  const nameLen = value.length - slash - 1;
  return slash <= DNS1123SubdomainMaxLength && isSubdomainRange(value, 0, slash) &&
    nameLen <= qualifiedNameMaxLength && isQualifiedNameRange(value, slash + 1, value.length);
}

// mirrors MaxLenError
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

// mirrors EmptyError
export function emptyError(): string {
  return "must be non-empty";
}

// mirrors InclusiveRangeError
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

// mirrors RegexError
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += " or ";
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

const qnameCharFmt = "[A-Za-z0-9]";
const qnameExtCharFmt = "[-A-Za-z0-9_.]";
export const qualifiedNameFmt = `(${qnameCharFmt}${qnameExtCharFmt}*)?${qnameCharFmt}`;
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameMaxLength = 63;
const qualifiedNameRegexp = new RegExp(`^${qualifiedNameFmt}$`);

// mirrors IsQualifiedName: an optional DNS-subdomain prefix and '/', then a name of up to 63 characters.
export function isQualifiedName(value: string): string[] {
  if (isValidQualifiedName(value)) return [];
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0] as string;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push("prefix part " + emptyError());
    else for (const m of isDNS1123Subdomain(prefix)) errs.push("prefix part " + m);
  } else {
    errs.push(
      "a qualified name " + regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc") +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    return errs;
  }
  if (name.length === 0) errs.push("name part " + emptyError());
  else if (byteLength(name) > qualifiedNameMaxLength) errs.push("name part " + maxLenError(qualifiedNameMaxLength));
  if (!qualifiedNameRegexp.test(name)) {
    errs.push("name part " + regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc"));
  }
  return errs;
}

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LabelValueMaxLength = 63;
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);

// mirrors IsValidLabelValue
export function isValidLabelValue(value: string): string[] {
  if (isValidLabelValueFast(value)) return [];
  const errs: string[] = [];
  if (byteLength(value) > LabelValueMaxLength) errs.push(maxLenError(LabelValueMaxLength));
  if (!labelValueRegexp.test(value)) {
    errs.push(regexError(labelValueErrMsg, labelValueFmt, "MyValue", "my_value", "12345"));
  }
  return errs;
}

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123LabelMaxLength = 63;
const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrorMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123SubdomainMaxLength = 253;
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);

// mirrors IsDNS1123Label
export function isDNS1123Label(value: string): string[] {
  if (isValidDNS1123Label(value)) return [];
  const errs: string[] = [];
  if (byteLength(value) > DNS1123LabelMaxLength) errs.push(maxLenError(DNS1123LabelMaxLength));
  if (!dns1123LabelRegexp.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots.
    if (dns1123SubdomainRegexp.test(value)) errs.push("must not contain dots");
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc"));
  }
  return errs;
}

// mirrors IsDNS1123Subdomain
export function isDNS1123Subdomain(value: string): string[] {
  if (isValidDNS1123Subdomain(value)) return [];
  const errs: string[] = [];
  if (byteLength(value) > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength));
  if (!dns1123SubdomainRegexp.test(value)) {
    errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, "example.com"));
  }
  return errs;
}

const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035LabelMaxLength = 63;
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`);

// mirrors IsDNS1035Label (Service names)
export function isDNS1035Label(value: string): string[] {
  if (isValidDNS1035Label(value)) return [];
  const errs: string[] = [];
  if (byteLength(value) > DNS1035LabelMaxLength) errs.push(maxLenError(DNS1035LabelMaxLength));
  if (!dns1035LabelRegexp.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, "my-name", "abc-123"));
  return errs;
}

// mirrors IsValidPortNum
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

// mirrors IsInRange
export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

// mirrors IsValidPortName: at most 15 of [-a-z0-9], at least one letter, no leading/trailing/double hyphen.
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.length > 0 && (port.startsWith("-") || port.endsWith("-"))) errs.push("must not begin or end with a hyphen");
  return errs;
}

const percentFmt = "[0-9]+%";
const percentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";

// mirrors IsValidPercent
export function isValidPercent(percent: string): string[] {
  return new RegExp(`^${percentFmt}$`).test(percent) ? [] : [regexError(percentErrMsg, percentFmt, "1%", "93%")];
}
