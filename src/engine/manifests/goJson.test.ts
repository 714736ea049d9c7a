import { describe, expect, it } from "vitest";
import { goJsonMarshal, goQuote } from "./goJson";

describe("goQuote (fmt %q)", () => {
  it("escapes quotes, backslashes and control characters and keeps printable Unicode", () => {
    expect(goQuote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(goQuote("tab\there\u0001")).toBe('"tab\\there\\x01"');
    expect(goQuote("héllo")).toBe('"héllo"');
  });
});

describe("goJsonMarshal (encoding/json)", () => {
  it("sorts map keys at every level and escapes HTML characters", () => {
    expect(goJsonMarshal({ kind: "Pod", apiVersion: "v1", metadata: { name: "<a&b>", labels: { z: 1, a: 2 } } })).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"a":2,"z":1},"name":"\\u003ca\\u0026b\\u003e"}}',
    );
  });
});
