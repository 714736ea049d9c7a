// Lexical half of the shell parser: blanks, comments, keywords and words (quoting, $ expansions, [[ ]]
// operands, array literals). shellSyntax.ts builds commands on top of it.

import { ShellSyntaxError, ShellUnsupported, unescapeAnsiC, type ShellScript, type Word, type WordPart } from "./shellAst";

export const KEYWORDS = new Set(["while", "until", "do", "done", "for", "in", "if", "then", "elif", "else", "fi", "case", "esac", "function", "{", "}", "!"]);
/** Characters that end an unquoted word. */
export const WORD_END = " \t\n;&|()<>";

export abstract class Scanner {
  protected i = 0;
  constructor(protected readonly s: string) {}

  /** A command list up to one of `stops` (or ")" / end of input): implemented by the parser. */
  abstract list(stops: ReadonlySet<string>): ShellScript;
  /** Parses a nested script (backquotes). */
  protected abstract parseNested(src: string): ShellScript;

  eof(): boolean {
    return this.i >= this.s.length;
  }
  protected peek(off = 0): string {
    return this.s[this.i + off] ?? "";
  }
  protected startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i);
  }
  describeNext(): string {
    if (this.eof()) return "end of file";
    const m = /^(;;|&&|\|\||[;&|()<>]|[^\s;&|()<>]+)/.exec(this.s.slice(this.i));
    return `"${m ? m[0] : this.peek()}"`;
  }

  /** Skips blanks and comments; newlines too when `newlines`. */
  skipSpace(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || (newlines && c === "\n")) this.i++;
      else if (c === "\\" && this.peek(1) === "\n") this.i += 2;
      else if (c === "#") while (!this.eof() && this.peek() !== "\n") this.i++;
      else return;
    }
  }

  /** The next token as an unquoted keyword, without consuming it. */
  protected peekKeyword(): string | undefined {
    this.skipSpace(false);
    const m = /^([a-z]+|[{}!])(?=$|[\s;&|()<>])/.exec(this.s.slice(this.i));
    return m && KEYWORDS.has(m[1] ?? "") ? m[1] : undefined;
  }
  protected expectKeyword(kw: string): void {
    this.skipSpace(true);
    if (this.peekKeyword() !== kw) throw new ShellSyntaxError(this.describeNext(), kw);
    this.i += kw.length;
  }

  /** `name=(a b c)`: the words up to the closing parenthesis. */
  protected arrayElements(): Word[] {
    this.i++; // "("
    const items: Word[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.eof()) throw new ShellSyntaxError("end of file", ")");
      if (this.peek() === ")") {
        this.i++;
        return items;
      }
      items.push(this.word());
    }
  }

  /** Inside `[[ ... ]]` parentheses, < > && || are part of the test (a regex like -([0-9]+)$ too). */
  protected doubleBracketWords(): Word[] {
    const words: Word[] = [];
    for (;;) {
      this.skipSpace(false);
      if (this.eof() || this.peek() === "\n") throw new ShellSyntaxError(this.describeNext(), "]]");
      const w = this.word(true);
      words.push(w);
      if (w.length === 1 && w[0]?.k === "lit" && !w[0].q && w[0].v === "]]") return words;
    }
  }

  /** One word: adjacent quoted and unquoted pieces, up to an unquoted blank or operator. */
  word(relaxed = false): Word {
    const parts: WordPart[] = [];
    let lit = "";
    const flush = (q: boolean) => {
      if (lit !== "") parts.push({ k: "lit", v: lit, q });
      lit = "";
    };
    while (!this.eof()) {
      const c = this.peek();
      if (relaxed ? c === " " || c === "\t" || c === "\n" || (c === ";" && lit === "]]") : WORD_END.includes(c)) break;
      if (c === "\\") {
        if (this.peek(1) === "\n") this.i += 2;
        else {
          flush(false);
          lit = this.peek(1);
          this.i += 2;
          flush(true);
        }
      } else if (c === "'") {
        flush(false);
        const end = this.s.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError("end of file", "'");
        parts.push({ k: "lit", v: this.s.slice(this.i + 1, end), q: true });
        this.i = end + 1;
      } else if (c === '"') {
        flush(false);
        this.i++;
        parts.push(...this.doubleQuoted());
      } else if (c === "$" || c === "`") {
        flush(false);
        parts.push(this.dollar(false));
      } else {
        lit += c;
        this.i++;
      }
    }
    flush(false);
    return parts;
  }

  private doubleQuoted(): WordPart[] {
    const parts: WordPart[] = [];
    let lit = "";
    for (;;) {
      if (this.eof()) throw new ShellSyntaxError("end of file", '"');
      const c = this.peek();
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === "\\" && '$`"\\\n'.includes(this.peek(1))) {
        if (this.peek(1) !== "\n") lit += this.peek(1);
        this.i += 2;
      } else if (c === "$" || c === "`") {
        if (lit) parts.push({ k: "lit", v: lit, q: true });
        lit = "";
        parts.push(this.dollar(true));
      } else {
        lit += c;
        this.i++;
      }
    }
    if (lit || parts.length === 0) parts.push({ k: "lit", v: lit, q: true });
    return parts;
  }

  /** $name ${...} $(...) $((...)) `...` $'...' or a lone "$". */
  private dollar(q: boolean): WordPart {
    if (this.peek() === "`") {
      let j = this.i + 1;
      let inner = "";
      while (j < this.s.length && this.s[j] !== "`") {
        if (this.s[j] === "\\" && "$`\\".includes(this.s[j + 1] ?? "")) j++;
        inner += this.s[j];
        j++;
      }
      if (j >= this.s.length) throw new ShellSyntaxError("end of file", "`");
      this.i = j + 1;
      return { k: "cmd", script: this.parseNested(inner), q };
    }
    this.i++; // "$"
    const c = this.peek();
    if (c === "(" && this.peek(1) === "(") {
      const start = this.i + 2;
      let depth = 0;
      let j = start;
      for (; j < this.s.length; j++) {
        if (this.s[j] === "(") depth++;
        else if (this.s[j] === ")") {
          if (depth === 0 && this.s[j + 1] === ")") break;
          depth--;
        }
      }
      if (j >= this.s.length) throw new ShellSyntaxError("end of file", "))");
      this.i = j + 2;
      return { k: "arith", expr: this.s.slice(start, j), q };
    }
    if (c === "(") {
      this.i++;
      const script = this.list(new Set());
      this.skipSpace(true);
      if (this.peek() !== ")") throw new ShellSyntaxError(this.describeNext(), ")");
      this.i++;
      return { k: "cmd", script, q };
    }
    if (c === "{") {
      const m = /^\{(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$!@*])(?:\[([^\]]*)\])?(:?[-=+?]|)/.exec(this.s.slice(this.i));
      if (!m) throw new ShellSyntaxError('"${"');
      this.i += m[0].length;
      const name = m[2] ?? "";
      const index = m[3];
      if (m[1]) {
        if (this.peek() !== "}") throw new ShellSyntaxError('"${"');
        this.i++;
        return index === undefined ? { k: "var", name, q, op: "#" } : { k: "var", name, q, op: "#", index };
      }
      const op = m[4] || undefined;
      const arg: WordPart[] = [];
      let lit = "";
      while (!this.eof() && this.peek() !== "}") {
        if (this.peek() === "$") {
          if (lit) arg.push({ k: "lit", v: lit, q });
          lit = "";
          arg.push(this.dollar(q));
        } else {
          lit += this.peek();
          this.i++;
        }
      }
      if (this.eof()) throw new ShellSyntaxError("end of file", "}");
      this.i++;
      if (lit) arg.push({ k: "lit", v: lit, q });
      if (!op && arg.length > 0) throw new ShellUnsupported("parameter expansion operator");
      const base = index === undefined ? { k: "var" as const, name, q } : { k: "var" as const, name, q, index };
      return op ? { ...base, op, arg } : base;
    }
    if (c === "'" && !q) {
      const end = this.s.indexOf("'", this.i + 1);
      if (end < 0) throw new ShellSyntaxError("end of file", "'");
      const v = unescapeAnsiC(this.s.slice(this.i + 1, end));
      this.i = end + 1;
      return { k: "lit", v, q: true };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$!@*-])/.exec(this.s.slice(this.i));
    if (!m) return { k: "lit", v: "$", q };
    this.i += m[0].length;
    return { k: "var", name: m[0], q };
  }
}
