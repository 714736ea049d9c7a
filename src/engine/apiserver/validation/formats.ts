// String-format checks that k/k validation uses beyond the apimachinery core set (names, labels, ports),
// each returning upstream's messages. mirrors apimachinery pkg/util/validation/validation.go and ip.go.
import { DNS1123SubdomainMaxLength, inclusiveRangeError, maxLenError, regexError } from "../../apimachinery/validation";

/** Go's len() of a string: its UTF-8 byte count. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const configMapKeyFmt = "[-._a-zA-Z0-9]+";
const configMapKeyRegexp = new RegExp(`^${configMapKeyFmt}$`);
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

// mirrors hasChDirPrefix
function hasChDirPrefix(value: string): string[] {
  if (value === ".") return ["must not be '.'"];
  if (value === "..") return ["must not be '..'"];
  if (value.startsWith("..")) return ["must not start with '..'"];
  return [];
}

// mirrors IsConfigMapKey (also Secret data keys and key selectors)
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength));
  if (!configMapKeyRegexp.test(value)) errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

// mirrors IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is GA in v1.34)
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push("environment variable name must be non-empty");
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 126 || c < 32 || c === 0x3d) {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

const MAX_ID = 2147483647;

// mirrors IsValidUserID / IsValidGroupID
export function isValidID(id: number): string[] {
  return Number.isInteger(id) && id >= 0 && id <= MAX_ID ? [] : [inclusiveRangeError(0, MAX_ID)];
}

const httpHeaderNameFmt = "[-A-Za-z0-9]+";
const httpHeaderNameRegexp = new RegExp(`^${httpHeaderNameFmt}$`);

// mirrors IsHTTPHeaderName
export function isHTTPHeaderName(value: string): string[] {
  return httpHeaderNameRegexp.test(value)
    ? []
    : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", httpHeaderNameFmt, "X-Header-Name")];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value)) return false;
  const dbl = value.indexOf("::");
  if (dbl !== value.lastIndexOf("::")) return false;
  const groups = (s: string): string[] => (s === "" ? [] : s.split(":"));
  const [head, tail] = dbl >= 0 ? [groups(value.slice(0, dbl)), groups(value.slice(dbl + 2))] : [groups(value), []];
  const all = [...head, ...tail];
  let slots = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i] as string;
    // An embedded IPv4 address may only be the last group and takes two slots.
    if (g.includes(".")) {
      if (i !== all.length - 1 || !IPV4.test(g)) return false;
      slots += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) slots += 1;
    else return false;
  }
  return dbl >= 0 ? slots < 8 : slots === 8;
}

/** A strict IPv4 or IPv6 literal (netip.ParseAddr's acceptance, without zones). */
export function isIP(value: string): boolean {
  return IPV4.test(value) || (value.includes(":") && isIPv6(value));
}

// mirrors IsValidIP's message (ip.go): "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
export function isValidIP(value: string): string[] {
  return isIP(value) ? [] : ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"];
}
