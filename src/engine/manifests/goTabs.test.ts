import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { findGoTabProblem } from "./goTabs";
import { GO_YAML_SCHEMA } from "./goYamlSchema";
import { NodeTreeRecorder } from "./nodeTree";

function tabProblem(text: string) {
  const recorder = new NodeTreeRecorder(text);
  yaml.load(text, { schema: GO_YAML_SCHEMA, listener: recorder.listener });
  const starts = [0];
  for (let i = 0; i < text.length - 1; i++) if (text[i] === "\n") starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let l = 0;
    while (l + 1 < starts.length && (starts[l + 1] as number) <= offset) l++;
    return l;
  };
  return findGoTabProblem(text, starts, recorder.roots, lineOf);
}

// yaml.v2 scannerc.go yaml_parser_scan_to_next_token: tabs are skipped only in flow context or
// where a simple key is not allowed.
describe("findGoTabProblem", () => {
  it("finds tabs at the start of block lines, even blank or comment lines", () => {
    expect(tabProblem("a: 1\n\t\nb: 2\n")).toEqual({ offset: 5, problem: "found character that cannot start any token" });
    expect(tabProblem("a: 1\n \t# c\nb: 2\n")).toEqual({ offset: 6, problem: "found character that cannot start any token" });
  });

  it("finds tabs right after a block indicator", () => {
    expect(tabProblem("a:\tb\n")?.offset).toBe(2);
    expect(tabProblem("-\tb\n")?.offset).toBe(1);
  });

  it("allows tabs inside flow collections, scalars and after a value", () => {
    expect(tabProblem("a: {b:\t1,\n\tc: 2}\n")).toBeUndefined();
    expect(tabProblem("a: x\t# c\nb: |\n  x\n  \ty\n")).toBeUndefined();
    expect(tabProblem('a: "x\n\ty"\n')).toBeUndefined();
  });
});
