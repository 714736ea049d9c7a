import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { checkDecodeBudget, toPlainJson } from "./aliasBudget";
import { GO_YAML_SCHEMA } from "./goYamlSchema";
import { indexDefinitions, NodeTreeRecorder, type YamlNode } from "./nodeTree";

function budget(text: string) {
  const recorder = new NodeTreeRecorder(text);
  yaml.load(text, { schema: GO_YAML_SCHEMA, listener: recorder.listener });
  return checkDecodeBudget(recorder.roots[0] as YamlNode, indexDefinitions(recorder.roots));
}

describe("checkDecodeBudget", () => {
  it("accepts documents without aliases and says nothing is shared", () => {
    expect(budget("a: [1, 2, {b: c}]\n")).toEqual({ shared: false });
  });

  it("marks aliases and merges as shared", () => {
    expect(budget("a: &x {b: 1}\nc: *x\n")).toEqual({ shared: true });
    expect(budget("a: &x {b: 1}\nc: {<<: *x}\n").shared).toBe(true);
  });

  it("refuses floats JSON cannot carry, as json.Marshal does", () => {
    expect(budget("a: .inf\n").problem).toBe("json: unsupported value: +Inf");
    expect(budget("a: -.inf\n").problem).toBe("json: unsupported value: -Inf");
    expect(budget("a: .nan\n").problem).toBe("json: unsupported value: NaN");
  });

  it("refuses expansion once more than 99% of decodes come from aliases", () => {
    // Each alias node is one ordinary decode and expands into 201 alias-driven ones: 1,000 of them
    // reach a 99.4% share, above go-yaml's 99%.
    const anchor = "a: &a [" + Array(200).fill("x").join(",") + "]\n";
    expect(budget(anchor + "b: [" + Array(1000).fill("*a").join(",") + "]\n").problem).toBe("document contains excessive aliasing");
    // 50 of them stay below it (10,050 of 10,303 decodes, 97.5%): accepted, as go-yaml accepts them.
    expect(budget(anchor + "b: [" + Array(50).fill("*a").join(",") + "]\n").problem).toBeUndefined();
  });
});

describe("toPlainJson", () => {
  it("copies shared values into separate objects", () => {
    const shared = { x: 1 };
    const out = toPlainJson({ a: shared, b: [shared] }) as { a: object; b: object[] };
    expect(out).toEqual({ a: { x: 1 }, b: [{ x: 1 }] });
    expect(out.a).not.toBe(out.b[0]);
  });
});
