import { describe, expect, it } from "vitest";
import { parseShell, ShellSyntaxError, ShellUnsupported, unescapeAnsiC, type SimpleCommand } from "./shellSyntax";

function firstSimple(src: string): SimpleCommand {
  const c = parseShell(src).items[0]?.first.commands[0];
  if (c?.kind !== "simple") throw new Error("not simple");
  return c;
}

describe("parseShell", () => {
  it("splits lists, and-or lists and pipelines", () => {
    const s = parseShell("a; b && c || d | e &\nf");
    expect(s.items.length).toBe(3);
    expect(s.items[1]?.rest.map((r) => r.op)).toEqual(["&&", "||"]);
    expect(s.items[1]?.rest[1]?.pipeline.commands.length).toBe(2);
    expect(s.items[1]?.background).toBe(true);
  });

  it("keeps quoting information for field splitting", () => {
    const c = firstSimple(`echo "a $x" 'b $y' c\\ d`);
    expect(c.words[1]).toEqual([{ k: "lit", v: "a ", q: true }, { k: "var", name: "x", q: true }]);
    expect(c.words[2]).toEqual([{ k: "lit", v: "b $y", q: true }]);
    expect(c.words[3]).toEqual([{ k: "lit", v: "c", q: false }, { k: "lit", v: " ", q: true }, { k: "lit", v: "d", q: false }]);
  });

  it("recognises assignments, redirections and expansions", () => {
    const c = firstSimple("X=1 cmd 2>&1 >>/tmp/log $((i+1)) ${v:-d} $(date)");
    expect(c.assigns.map((a) => a.name)).toEqual(["X"]);
    expect(c.redirects).toMatchObject([{ fd: 2, op: ">&" }, { fd: 1, op: ">>" }]);
    expect(c.words.map((w) => w[0]?.k)).toEqual(["lit", "arith", "var", "cmd"]);
  });

  it("parses compound commands", () => {
    const kinds = parseShell("while true; do :; done; for i in 1 2; do :; done; if a; then b; elif c; then d; else e; fi; { x; }; (y)").items.map((i) => i.first.commands[0]?.kind);
    expect(kinds).toEqual(["while", "for", "if", "group", "group"]);
  });

  it("parses multi-line YAML block scripts with comments", () => {
    expect(parseShell("set -ex\n# a comment\necho hi # trailing\n\nexit 0\n").items.length).toBe(3);
  });

  it("reports syntax errors like a shell", () => {
    expect(() => parseShell("while true; do echo")).toThrow(new ShellSyntaxError("end of file", "done"));
    expect(() => parseShell("echo 'open")).toThrow(ShellSyntaxError);
    expect(() => parseShell("fi")).toThrow('syntax error: unexpected "fi"');
  });

  it("flags valid shell it does not model", () => {
    expect(() => parseShell("case $x in a) echo;; esac")).toThrow(ShellUnsupported);
    expect(() => parseShell("f() { echo; }")).toThrow(ShellUnsupported);
    expect(() => parseShell("cat <<EOF\nx\nEOF")).toThrow(ShellUnsupported);
  });
});

describe("unescapeAnsiC", () => {
  it("handles the escapes of echo -e and printf", () => {
    expect(unescapeAnsiC("a\\tb\\n\\x41\\0101\\\\")).toBe("a\tb\nAA\\");
  });
});
