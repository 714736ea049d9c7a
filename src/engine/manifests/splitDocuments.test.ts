import { describe, expect, it } from "vitest";
import { splitDocuments } from "./splitDocuments";

// Expected chunks follow apimachinery pkg/util/yaml YAMLReader.Read: a "---" line ends a non-empty
// chunk and is dropped; while the chunk is still empty the line is kept.
describe("splitDocuments", () => {
  it("keeps a leading separator in the first chunk so go-yaml's line numbers match the file", () => {
    const { chunks } = splitDocuments("---\na: 1\n---\nb: 2\n");
    expect(chunks).toEqual([
      { text: "---\na: 1\n", startLine: 0 },
      { text: "b: 2\n", startLine: 3 },
    ]);
  });

  it("accepts a comment after the separator and appends the missing final newline", () => {
    const { chunks, separatorError } = splitDocuments("a: 1\n--- # next\nb: 2");
    expect(separatorError).toBeUndefined();
    expect(chunks.map((c) => c.text)).toEqual(["a: 1\n", "b: 2\n"]);
  });

  it("refuses content after the separator; the chunk being read is lost, earlier ones are kept", () => {
    const { chunks, separatorError } = splitDocuments("a: 1\n---\nb: 2\n---multiline\nc: 3\n");
    expect(chunks.map((c) => c.text)).toEqual(["a: 1\n"]);
    expect(separatorError).toEqual({ line: 3, message: "invalid Yaml document separator: multiline" });
  });

  it("treats consecutive separators as one empty chunk holding the first separator", () => {
    const { chunks } = splitDocuments("---\n---\na: 1\n");
    expect(chunks).toEqual([
      { text: "---\n", startLine: 0 },
      { text: "a: 1\n", startLine: 2 },
    ]);
  });

  it("returns no chunks for an empty file", () => {
    expect(splitDocuments("").chunks).toEqual([]);
  });
});
