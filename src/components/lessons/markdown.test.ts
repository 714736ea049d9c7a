import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown";

describe("lesson Markdown", () => {
  it("splits inline code, bold and emphasis from text", () => {
    expect(parseInline("Run `kubectl get pods` **now**, *slowly*.")).toEqual([
      { kind: "text", text: "Run " },
      { kind: "code", text: "kubectl get pods" },
      { kind: "text", text: " " },
      { kind: "strong", text: "now" },
      { kind: "text", text: ", " },
      { kind: "em", text: "slowly" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps stars inside code as they are", () => {
    expect(parseInline('`"* * * * *"` is every minute')).toEqual([
      { kind: "code", text: '"* * * * *"' },
      { kind: "text", text: " is every minute" },
    ]);
  });

  it("joins paragraph lines and separates blocks at blank lines", () => {
    const b = parseMarkdown("one\ntwo\n\nthree");
    expect(b).toEqual([
      { kind: "p", inline: [{ kind: "text", text: "one two" }] },
      { kind: "p", inline: [{ kind: "text", text: "three" }] },
    ]);
  });

  it("reads bullet and numbered lists, and fenced code verbatim", () => {
    const b = parseMarkdown("Intro:\n\n- **a**: first\n- b\n\n1. x\n2. y\n\n```\n0/4 nodes are available:\n  3 Insufficient cpu.\n```");
    expect(b.map((x) => x.kind)).toEqual(["p", "ul", "ol", "code"]);
    expect(b[1]).toEqual({ kind: "ul", items: [[{ kind: "strong", text: "a" }, { kind: "text", text: ": first" }], [{ kind: "text", text: "b" }]] });
    expect(b[3]).toEqual({ kind: "code", text: "0/4 nodes are available:\n  3 Insufficient cpu." });
  });

  it("ends a list at the next paragraph line", () => {
    const b = parseMarkdown("- a\n- b\nafter");
    expect(b.map((x) => x.kind)).toEqual(["ul", "p"]);
  });
});
