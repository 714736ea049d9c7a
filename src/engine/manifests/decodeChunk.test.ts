import { describe, expect, it } from "vitest";
import { chunkLines, decodeChunk, EMPTY_CHUNK } from "./decodeChunk";

const decode = (text: string) => decodeChunk({ text, startLine: 0 }, chunkLines(text));

describe("decodeChunk", () => {
  it("treats separators, blank lines and comments as an empty document", () => {
    expect(EMPTY_CHUNK.test("---\n\n  # note\n")).toBe(true);
    expect(EMPTY_CHUNK.test("---\n\t\n")).toBe(false); // go-yaml refuses the tab
    expect(decode("---\n# only a comment\n")).toEqual({ kind: "empty" });
    expect(decode("null\n")).toEqual({ kind: "empty" });
  });

  it("returns the value and its node tree", () => {
    const out = decode("a: [1, yes]\n");
    expect(out.kind).toBe("value");
    if (out.kind === "value") expect(out.value).toEqual({ a: [1, true] });
  });

  it("returns go-yaml's detail and the offset of the problem", () => {
    expect(decode("a: 1\n\tb: 2\n")).toEqual({ kind: "error", detail: "error converting YAML to JSON: yaml: line 2: found character that cannot start any token", offset: 5 });
  });

  it("maps line offsets, placing the end of a chunk on the line after its last line break", () => {
    const lines = chunkLines("ab\ncd\n");
    expect(lines.starts).toEqual([0, 3]);
    expect([lines.lineOf(0), lines.lineOf(4), lines.lineOf(6)]).toEqual([0, 1, 2]);
  });
});
