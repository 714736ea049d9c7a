import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { GO_YAML_SCHEMA } from "./goYamlSchema";
import { NodeTreeRecorder } from "./nodeTree";
import { toGoYamlProblem } from "./yamlErrors";

function goProblem(text: string) {
  const recorder = new NodeTreeRecorder(text);
  try {
    yaml.load(text, { schema: GO_YAML_SCHEMA, listener: recorder.listener });
  } catch (e) {
    const lineOf = (offset: number): number => text.slice(0, offset).split("\n").length - 1;
    const p = toGoYamlProblem(e as yaml.YAMLException, text, recorder.roots, lineOf);
    return { problem: p.problem, goLine: p.goLine };
  }
  throw new Error("expected a syntax error");
}

// Scanner errors print the problem's 1-based line; parser errors print its 0-based line
// (yaml.v2 decode.go parser.fail), and none when that is 0.
describe("toGoYamlProblem", () => {
  it("maps scanner errors with 1-based lines", () => {
    expect(goProblem('a: "\\q"\n')).toEqual({ problem: "found unknown escape character", goLine: 1 });
    expect(goProblem("a: b: c\n")).toEqual({ problem: "mapping values are not allowed in this context", goLine: 1 });
    expect(goProblem("a: `x`\n")).toEqual({ problem: "found character that cannot start any token", goLine: 1 });
  });

  it("maps parser errors with go-yaml's 0-based line", () => {
    expect(goProblem("a:\n    b: 1\n  c: 2\n")).toEqual({ problem: "did not find expected key", goLine: 2 });
    expect(goProblem("- a\nb: 1\n")).toEqual({ problem: "did not find expected '-' indicator", goLine: 1 });
    expect(goProblem("---\n{a: 1}\nb: 2\n")).toEqual({ problem: "did not find expected <document start>", goLine: 2 });
    expect(goProblem("a: [1, 2\n")).toEqual({ problem: "did not find expected ',' or ']'", goLine: 1 });
  });

  it("prints no line for a parser error on the first line, nor for decoder errors", () => {
    expect(goProblem("{a: 1 b: 2}\n")).toEqual({ problem: "did not find expected ',' or '}'", goLine: undefined });
    expect(goProblem("a: *x\n")).toEqual({ problem: "unknown anchor 'x' referenced", goLine: undefined });
  });
});
