import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { GO_YAML_SCHEMA } from "./goYamlSchema";
import { findItem, findPair, indexDefinitions, NodeKind, NodeTreeRecorder, skipToContent, unwrap, type YamlNode } from "./nodeTree";

function record(text: string): { value: unknown; roots: YamlNode[] } {
  const recorder = new NodeTreeRecorder(text);
  const value = yaml.load(text, { schema: GO_YAML_SCHEMA, listener: recorder.listener });
  return { value, roots: recorder.roots };
}

describe("NodeTreeRecorder", () => {
  it("records keys and values with the offsets of their first character", () => {
    const text = "a: 1\nb:\n  - x\n  - &y {c: d}\ne: *y\n";
    const { value, roots } = record(text);
    const root = unwrap(roots[0] as YamlNode);
    expect(root.kind).toBe(NodeKind.Mapping);
    const obj = value as Record<string, unknown>;
    const b = findPair(root, "b", obj);
    expect(text.slice(b?.key.start)).toMatch(/^b:/);
    const item = findItem(b?.value as YamlNode, 1, obj.b as unknown[]);
    expect(text.slice(item?.start)).toMatch(/^&y \{c: d\}/);
    const e = findPair(root, "e", obj);
    expect(e?.value).toMatchObject({ kind: NodeKind.Alias, alias: "y" });
    expect(indexDefinitions(roots).get(obj.e as object)?.start).toBe(item?.start);
  });

  it("sees through js-yaml's wrapper around a flow collection at the document root", () => {
    const { roots } = record("---\n{a: 1}\n");
    expect(unwrap(roots[0] as YamlNode).kind).toBe(NodeKind.Mapping);
  });

  it("skips blanks, line breaks and comments to the next content", () => {
    const text = "a:   # note\n  # more\n  b";
    expect(skipToContent(text, 2)).toBe(text.indexOf("b"));
  });
});
