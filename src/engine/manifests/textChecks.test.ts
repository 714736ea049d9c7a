import { describe, expect, it } from "vitest";
import { findReaderProblem, findUtf8Problem, normalizeNewlines, utf8ByteLength } from "./textChecks";

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe("findReaderProblem (go-yaml reader's allowed characters)", () => {
  it("allows tab, line breaks, printable ASCII, NEL and non-ASCII text", () => {
    expect(findReaderProblem("a:\tb\r\n\u0085é 日本 😀")).toBeUndefined();
  });

  it("refuses NUL, other C0 controls, DEL and C1 controls", () => {
    for (const c of ["\u0000", "\u0007", "\u007f", "\u0090"]) {
      expect(findReaderProblem(`a: ${c}`)).toBe("control characters are not allowed");
    }
  });

  it("refuses a lone surrogate as an invalid Unicode character", () => {
    expect(findReaderProblem("a: \ud800")).toBe("invalid Unicode character");
  });
});

describe("findUtf8Problem (yaml.v2 readerc.go wording)", () => {
  it("accepts valid UTF-8", () => {
    expect(findUtf8Problem(new TextEncoder().encode("kind: Pod # ünïcødé 😀"))).toBeUndefined();
  });

  it("names the first bad sequence", () => {
    expect(findUtf8Problem(bytes(0x61, 0xff))).toEqual({ offset: 1, problem: "invalid leading UTF-8 octet" });
    expect(findUtf8Problem(bytes(0xc3, 0x41))).toEqual({ offset: 1, problem: "invalid trailing UTF-8 octet" });
    expect(findUtf8Problem(bytes(0x61, 0xe2, 0x82))).toEqual({ offset: 1, problem: "incomplete UTF-8 octet sequence" });
    expect(findUtf8Problem(bytes(0xc0, 0x80))).toEqual({ offset: 0, problem: "invalid length of a UTF-8 sequence" });
    expect(findUtf8Problem(bytes(0xed, 0xa0, 0x80))).toEqual({ offset: 0, problem: "invalid Unicode character" });
  });
});

describe("utf8ByteLength and normalizeNewlines", () => {
  it("counts UTF-8 bytes", () => {
    expect(utf8ByteLength("aé日😀")).toBe(1 + 2 + 3 + 4);
  });

  it("drops a byte order mark and turns CRLF into LF as kubectl's line reader does", () => {
    expect(normalizeNewlines("\ufeffa: 1\r\nb: 2\r\n")).toBe("a: 1\nb: 2\n");
  });
});
