import { describe, it, expect } from "vitest";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  regexError,
} from "./validation";

// Cases ported from upstream validation_test.go (TestIsDNS1123Label, TestIsQualifiedName, ...).
describe("isDNS1123Label", () => {
  it("accepts upstream's good values", () => {
    for (const v of ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a".repeat(63)]) {
      expect(isDNS1123Label(v), v).toEqual([]);
    }
  });
  it("rejects upstream's bad values", () => {
    const bad = ["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b",
      ".", "a.", ".a", "a.b", "1.2", " ", "a b", "a".repeat(64)];
    for (const v of bad) expect(isDNS1123Label(v).length, v).toBeGreaterThan(0);
  });
  it("uses upstream wording", () => {
    expect(isDNS1123Label("My_Name")).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label("a.b")).toEqual(["must not contain dots"]);
    expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isDNS1123Subdomain", () => {
  it("accepts upstream's good values", () => {
    for (const v of ["a", "a--1--2--b", "0.a", "a.b.c.d.e", "1.2.3.4.5", "11.22.33.44.55", "a".repeat(253)]) {
      expect(isDNS1123Subdomain(v), v).toEqual([]);
    }
  });
  it("rejects upstream's bad values", () => {
    const bad = ["", "A", "-", "a-", "_a", "a..b", ".a", "a.", "A.a", "aB.a", "a@b", "a,b", "a:b", "a".repeat(254)];
    for (const v of bad) expect(isDNS1123Subdomain(v).length, v).toBeGreaterThan(0);
  });
  it("uses upstream wording", () => {
    expect(isDNS1123Subdomain("Nginx")).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    const long = isDNS1123Subdomain("a".repeat(254));
    expect(long).toEqual(["must be no more than 253 characters"]);
  });
});

describe("isDNS1035Label", () => {
  it("accepts and rejects like upstream", () => {
    for (const v of ["a", "ab", "a-1", "a--1--2--b", "a".repeat(63)]) expect(isDNS1035Label(v), v).toEqual([]);
    for (const v of ["0", "1a", "", "A", "a-", "-a", "a_b", "a.b", "a".repeat(64)]) {
      expect(isDNS1035Label(v).length, v).toBeGreaterThan(0);
    }
    expect(isDNS1035Label("1svc")).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});

describe("isQualifiedName", () => {
  it("accepts upstream's success cases", () => {
    const ok = ["simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now.with.dots/simple",
      "1-num.2-num/3-num", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
      "requests.storage-foo", "a".repeat(63), "a".repeat(253) + "/" + "b".repeat(63)];
    for (const v of ok) expect(isQualifiedName(v), v).toEqual([]);
  });
  it("rejects upstream's error cases", () => {
    const bad = ["nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
      "example_com/abc", "example.com/", "/simple", "a".repeat(64), "a".repeat(254) + "/abc"];
    for (const v of bad) expect(isQualifiedName(v).length, v).toBeGreaterThan(0);
  });
  it("uses upstream wording", () => {
    const nameRegex =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    expect(isQualifiedName("app-")).toEqual([nameRegex]);
    expect(isQualifiedName("example.com/")).toEqual(["name part must be non-empty", nameRegex]);
    expect(isQualifiedName("/simple")).toEqual(["prefix part must be non-empty"]);
    expect(isQualifiedName("a/b/c")).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(isQualifiedName("Example.com/abc")[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
  });
});

describe("isValidLabelValue", () => {
  it("matches upstream's cases", () => {
    for (const v of ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a".repeat(63), ""]) {
      expect(isValidLabelValue(v), v).toEqual([]);
    }
    for (const v of ["nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
      "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a".repeat(64)]) {
      expect(isValidLabelValue(v).length, v).toBeGreaterThan(0);
    }
    expect(isValidLabelValue("-foo")).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
  it("counts length in UTF-8 bytes like Go's len()", () => {
    // 32 two-byte characters = 64 bytes: too long as well as not matching.
    expect(isValidLabelValue("é".repeat(32))[0]).toBe("must be no more than 63 characters");
  });
});

describe("ports and percents", () => {
  it("matches upstream's cases", () => {
    for (const p of [1, 2, 1000, 65535]) expect(isValidPortNum(p)).toEqual([]);
    expect(isValidPortNum(0)).toEqual(["must be between 1 and 65535, inclusive"]);
    for (const n of ["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c"]) expect(isValidPortName(n), n).toEqual([]);
    for (const n of ["longerthan15characters", "", "12345", "1-2-3-4", "-begin", "end-", "two--hyphens", "whois++"]) {
      expect(isValidPortName(n).length, n).toBeGreaterThan(0);
    }
    for (const p of ["0%", "00000%", "100%", "101%"]) expect(isValidPercent(p)).toEqual([]);
    for (const p of ["", "0", "0.0%", " 1%", "-1%", "+1%"]) expect(isValidPercent(p).length, p).toBe(1);
  });
  it("formats RegexError without examples", () => {
    expect(regexError("msg", "x+")).toBe("msg (regex used for validation is 'x+')");
  });
});
