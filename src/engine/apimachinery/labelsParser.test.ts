import { describe, it, expect } from "vitest";
import { parseLabelSelectorRequirements } from "./labelsParser";

const parse = (s: string) => parseLabelSelectorRequirements(s).map((r) => [r.key, r.operator, [...r.values]]);

// Cases after upstream TestLexerSequence / TestParserLookahead / TestSetSelectorParser.
describe("parseLabelSelectorRequirements", () => {
  it("keeps source order (labels.Parse sorts afterwards)", () => {
    expect(parse("x=a,a=x")).toEqual([["x", "=", ["a"]], ["a", "=", ["x"]]]);
  });

  it("lexes longest operators and keyword identifiers", () => {
    expect(parse("key in ( value1, value2 )")).toEqual([["key", "in", ["value1", "value2"]]]);
    expect(parse("key notin ( value )")).toEqual([["key", "notin", ["value"]]]);
    expect(parse("!key")).toEqual([["key", "!", []]]);
    expect(parse("key>2,key<1")).toEqual([["key", "gt", ["2"]], ["key", "lt", ["1"]]]);
    expect(parse("a!=b,c==d")).toEqual([["a", "!=", ["b"]], ["c", "==", ["d"]]]);
    expect(parse("x in (),y")).toEqual([["x", "in", [""]], ["y", "exists", []]]);
    expect(parse("x in (,)")).toEqual([["x", "in", [""]]]);
    expect(parse("x in (a,,b)")).toEqual([["x", "in", ["", "a", "b"]]]);
    expect(parse("in in (notin)")).toEqual([["in", "in", ["notin"]]]);
    expect(parse("")).toEqual([]);
    expect(parse("  \t ")).toEqual([]);
  });

  it("treats '~' and '||' as identifier characters (TestLexer)", () => {
    expect(() => parse("~")).toThrow(`unable to parse requirement: <nil>: Invalid value: "~"`);
    expect(() => parse("x=a||y")).toThrow(`values[0][x]: Invalid value: "a||y"`);
  });
});
