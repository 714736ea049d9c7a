// The allocation-free predicates must accept exactly what upstream's regexes and length limits accept:
// checked against the regexes themselves on random strings over the characters that matter.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidDNS1035Label, isValidDNS1123Label,
  isValidDNS1123Subdomain, isValidLabelValue, isValidLabelValueFast, isValidQualifiedName,
} from "./validation";

// The upstream patterns (apimachinery pkg/util/validation/validation.go), written out independently.
const label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const qname = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const RE = {
  label: new RegExp(`^${label}$`),
  subdomain: new RegExp(`^${label}(\\.${label})*$`),
  dns1035: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  qname: new RegExp(`^${qname}$`),
  labelValue: new RegExp(`^(${qname})?$`),
};
const bytes = (s: string) => new TextEncoder().encode(s).length;

function expectedQualifiedName(v: string): boolean {
  const parts = v.split("/");
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (!(prefix.length > 0 && bytes(prefix) <= 253 && RE.subdomain.test(prefix))) return false;
  }
  return name.length > 0 && bytes(name) <= 63 && RE.qname.test(name);
}

const chars = fc.constantFrom("a", "z", "b", "0", "9", "A", "Z", "-", ".", "_", "/", " ", "é", "\n", "%");
const strings = fc.oneof(
  fc.array(chars, { maxLength: 12 }).map((a) => a.join("")),
  // long strings near the limits (63, 253)
  fc.tuple(fc.integer({ min: 55, max: 260 }), fc.constantFrom("a", "a-", "a.", "ab.")).map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)),
);

describe("allocation-free name predicates", () => {
  it("agree with the upstream regexes and limits, and with the message-producing validators", () => {
    fc.assert(
      fc.property(strings, (v) => {
        const lbl = bytes(v) <= 63 && RE.label.test(v);
        expect(isValidDNS1123Label(v)).toBe(lbl);
        expect(isDNS1123Label(v).length === 0).toBe(lbl);
        const sub = bytes(v) <= 253 && RE.subdomain.test(v);
        expect(isValidDNS1123Subdomain(v)).toBe(sub);
        expect(isDNS1123Subdomain(v).length === 0).toBe(sub);
        const d1035 = bytes(v) <= 63 && RE.dns1035.test(v);
        expect(isValidDNS1035Label(v)).toBe(d1035);
        expect(isDNS1035Label(v).length === 0).toBe(d1035);
        const lv = bytes(v) <= 63 && RE.labelValue.test(v);
        expect(isValidLabelValueFast(v)).toBe(lv);
        expect(isValidLabelValue(v).length === 0).toBe(lv);
        const qn = expectedQualifiedName(v);
        expect(isValidQualifiedName(v)).toBe(qn);
        expect(isQualifiedName(v).length === 0).toBe(qn);
      }),
      { numRuns: 20000, seed: 42 },
    );
  });

  it("accept and refuse the edge cases by hand", () => {
    expect(isValidQualifiedName("example.com/MyName")).toBe(true);
    expect(isValidQualifiedName("/MyName")).toBe(false);
    expect(isValidQualifiedName("a/b/c")).toBe(false);
    expect(isValidQualifiedName("a".repeat(63))).toBe(true);
    expect(isValidQualifiedName("a".repeat(64))).toBe(false);
    expect(isValidLabelValueFast("")).toBe(true);
    expect(isValidDNS1123Subdomain("a..b")).toBe(false);
    expect(isValidDNS1123Subdomain("a".repeat(253))).toBe(true);
    expect(isValidDNS1123Subdomain("a".repeat(254))).toBe(false);
    expect(isValidDNS1035Label("1a")).toBe(false);
  });
});
