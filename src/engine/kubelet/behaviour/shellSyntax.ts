// The POSIX sh subset that container commands in the docs use, parsed into an AST that interpreter.ts runs
// on the simulated clock: lists (; & newline), && ||, pipelines, ! , while/until, for, if, { } and ( ),
// assignments, redirections (> >> < 2>&1 >&2 &>), quoting ('' "" \ $''), $VAR ${VAR} ${VAR:-x} ${#VAR},
// $(...) `...` and $((...)).
// Not supported (ShellUnsupported, the program is then treated as an unknown long-running command):
// case, functions, here-documents.

export type WordPart =
  | { readonly k: "lit"; readonly v: string; readonly q: boolean }
  /** `index` is the raw subscript of ${name[index]} (bash arrays), evaluated arithmetically at run time. */
  | { readonly k: "var"; readonly name: string; readonly q: boolean; readonly op?: string; readonly arg?: Word; readonly index?: string }
  | { readonly k: "cmd"; readonly script: ShellScript; readonly q: boolean }
  | { readonly k: "arith"; readonly expr: string; readonly q: boolean };
export type Word = readonly WordPart[];

export interface Redirect {
  readonly fd: number;
  /** ">&" duplicates: `2>&1` is {fd: 2, op: ">&", target: "1"}; "&>" sends both stdout and stderr. */
  readonly op: ">" | ">>" | "<" | ">&" | "&>";
  readonly target: Word;
}

export interface SimpleCommand {
  readonly kind: "simple";
  /** `name=value`; `array` holds the elements of a bash array assignment `name=(a b c)`. */
  readonly assigns: readonly { readonly name: string; readonly value: Word; readonly array?: readonly Word[] }[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}
export interface WhileCommand { readonly kind: "while"; readonly until: boolean; readonly cond: ShellScript; readonly body: ShellScript; readonly redirects: readonly Redirect[] }
export interface ForCommand { readonly kind: "for"; readonly name: string; readonly items?: readonly Word[]; readonly body: ShellScript; readonly redirects: readonly Redirect[] }
export interface IfCommand {
  readonly kind: "if";
  readonly clauses: readonly { readonly cond: ShellScript; readonly body: ShellScript }[];
  readonly elseBody?: ShellScript;
  readonly redirects: readonly Redirect[];
}
export interface GroupCommand { readonly kind: "group"; readonly subshell: boolean; readonly body: ShellScript; readonly redirects: readonly Redirect[] }
export type Command = SimpleCommand | WhileCommand | ForCommand | IfCommand | GroupCommand;

export interface Pipeline { readonly negate: boolean; readonly commands: readonly Command[] }
export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: "&&" | "||"; readonly pipeline: Pipeline }[];
  readonly background: boolean;
}
export interface ShellScript { readonly items: readonly AndOr[] }

/** A genuine syntax error: the shell prints it and exits 2. `expected` is what was missing, if anything. */
export class ShellSyntaxError extends Error {
  constructor(readonly unexpected: string, readonly expected?: string) {
    super(`syntax error: unexpected ${unexpected}${expected ? ` (expecting "${expected}")` : ""}`);
    this.name = "ShellSyntaxError";
  }
}
/** Valid shell the model does not interpret. */
export class ShellUnsupported extends Error {
  constructor(feature: string) {
    super(`unsupported shell feature: ${feature}`);
    this.name = "ShellUnsupported";
  }
}

const KEYWORDS = new Set(["while", "until", "do", "done", "for", "in", "if", "then", "elif", "else", "fi", "case", "esac", "function", "{", "}", "!"]);
const WORD_END = " \t\n;&|()<>";

/** Parses a `sh -c` script. Throws ShellSyntaxError or ShellUnsupported. */
export function parseShell(src: string): ShellScript {
  const p = new Parser(src);
  const script = p.list(new Set());
  p.skipSpace(true);
  if (!p.eof()) throw new ShellSyntaxError(p.describeNext());
  return script;
}

/** A word made of literal text (used when compiling exec-form argv that needs no shell). */
export function literalWord(v: string): Word {
  return [{ k: "lit", v, q: true }];
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  eof(): boolean {
    return this.i >= this.s.length;
  }
  private peek(off = 0): string {
    return this.s[this.i + off] ?? "";
  }
  private startsWith(t: string): boolean {
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
  private peekKeyword(): string | undefined {
    this.skipSpace(false);
    const m = /^([a-z]+|[{}!])(?=$|[\s;&|()<>])/.exec(this.s.slice(this.i));
    return m && KEYWORDS.has(m[1] ?? "") ? m[1] : undefined;
  }
  private expectKeyword(kw: string): void {
    this.skipSpace(true);
    if (this.peekKeyword() !== kw) throw new ShellSyntaxError(this.describeNext(), kw);
    this.i += kw.length;
  }

  list(stops: ReadonlySet<string>): ShellScript {
    const items: AndOr[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.eof() || this.peek() === ")" || (this.peek() === ";" && this.peek(1) === ";")) break;
      const kw = this.peekKeyword();
      if (kw !== undefined && stops.has(kw)) break;
      const andOr = this.andOr();
      this.skipSpace(false);
      let background = false;
      if (this.peek() === "&" && this.peek(1) !== "&") {
        background = true;
        this.i++;
      } else if (this.peek() === ";" && this.peek(1) !== ";") this.i++;
      else if (this.peek() === "\n") this.i++;
      items.push(background ? { ...andOr, background } : andOr);
    }
    return { items };
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: { op: "&&" | "||"; pipeline: Pipeline }[] = [];
    for (;;) {
      this.skipSpace(false);
      const op = this.startsWith("&&") ? "&&" : this.startsWith("||") ? "||" : undefined;
      if (!op) break;
      this.i += 2;
      this.skipSpace(true);
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.peekKeyword() === "!") {
      this.i++;
      negate = true;
    }
    const commands = [this.command()];
    for (;;) {
      this.skipSpace(false);
      if (this.peek() !== "|" || this.peek(1) === "|") break;
      this.i++;
      this.skipSpace(true);
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    this.skipSpace(false);
    const kw = this.peekKeyword();
    if (this.eof()) throw new ShellSyntaxError("end of file");
    if (kw === "while" || kw === "until") {
      this.i += kw.length;
      const cond = this.list(new Set(["do"]));
      this.expectKeyword("do");
      const body = this.list(new Set(["done"]));
      this.expectKeyword("done");
      return { kind: "while", until: kw === "until", cond, body, redirects: this.redirects() };
    }
    if (kw === "for") return this.forCommand();
    if (kw === "if") return this.ifCommand();
    if (kw === "{") {
      this.i++;
      const body = this.list(new Set(["}"]));
      this.expectKeyword("}");
      return { kind: "group", subshell: false, body, redirects: this.redirects() };
    }
    if (this.peek() === "(") {
      this.i++;
      const body = this.list(new Set());
      this.skipSpace(true);
      if (this.peek() !== ")") throw new ShellSyntaxError(this.describeNext(), ")");
      this.i++;
      return { kind: "group", subshell: true, body, redirects: this.redirects() };
    }
    if (kw === "case" || kw === "function") throw new ShellUnsupported(kw);
    if (kw !== undefined && kw !== "{" && kw !== "!" && kw !== "in") throw new ShellSyntaxError(`"${kw}"`);
    return this.simple();
  }

  private forCommand(): ForCommand {
    this.i += 3;
    this.skipSpace(false);
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) throw new ShellSyntaxError(this.describeNext());
    this.i += m[0].length;
    this.skipSpace(true);
    let items: Word[] | undefined;
    if (this.peekKeyword() === "in") {
      this.i += 2;
      items = [];
      for (;;) {
        this.skipSpace(false);
        if (this.eof() || this.peek() === ";" || this.peek() === "\n") break;
        items.push(this.word());
      }
    }
    this.skipSpace(false);
    if (this.peek() === ";") this.i++;
    this.expectKeyword("do");
    const body = this.list(new Set(["done"]));
    this.expectKeyword("done");
    return { kind: "for", name: m[0], items, body, redirects: this.redirects() };
  }

  private ifCommand(): IfCommand {
    this.i += 2;
    const clauses: { cond: ShellScript; body: ShellScript }[] = [];
    let elseBody: ShellScript | undefined;
    const stops = new Set(["elif", "else", "fi"]);
    for (;;) {
      const cond = this.list(new Set(["then"]));
      this.expectKeyword("then");
      clauses.push({ cond, body: this.list(stops) });
      this.skipSpace(true);
      const kw = this.peekKeyword();
      if (kw === "elif") {
        this.i += 4;
        continue;
      }
      if (kw === "else") {
        this.i += 4;
        elseBody = this.list(new Set(["fi"]));
      }
      this.expectKeyword("fi");
      return { kind: "if", clauses, elseBody, redirects: this.redirects() };
    }
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.skipSpace(false);
      const r = this.redirect();
      if (!r) return out;
      out.push(r);
    }
  }

  private redirect(): Redirect | undefined {
    const m = /^(\d?)(>>|>&|&>|>\||>|<<|<&|<)/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    const op = m[2] ?? ">";
    if (op === "<<") throw new ShellUnsupported("here-document");
    this.i += m[0].length;
    this.skipSpace(false);
    if (this.eof() || WORD_END.includes(this.peek())) throw new ShellSyntaxError(this.describeNext());
    const target = this.word();
    const defaultFd = op === "<" || op === "<&" ? 0 : 1;
    const fd = m[1] ? Number(m[1]) : defaultFd;
    const norm = op === ">|" ? ">" : op === "<&" ? "<" : (op as Redirect["op"]);
    return { fd, op: norm, target };
  }

  private simple(): SimpleCommand {
    const assigns: { name: string; value: Word; array?: Word[] }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipSpace(false);
      const c = this.peek();
      if (this.eof() || c === "\n" || c === ";" || c === "&" || c === "|" || c === ")") {
        if (c === "&" && this.peek(1) === ">") {
          const r = this.redirect();
          if (r) redirects.push(r);
          continue;
        }
        break;
      }
      if (c === "(") {
        const lastAssign = assigns[assigns.length - 1];
        if (words.length === 0 && lastAssign && lastAssign.value.length === 0 && this.s[this.i - 1] === "=") {
          lastAssign.array = this.arrayElements();
          continue;
        }
        if (words.length === 1) throw new ShellUnsupported("function definition");
        throw new ShellSyntaxError('"("');
      }
      const r = this.redirect();
      if (r) {
        redirects.push(r);
        continue;
      }
      const w = this.word();
      if (words.length === 0 && assigns.length === 0 && w.length === 1 && w[0]?.k === "lit" && !w[0].q && w[0].v === "[[") {
        words.push(w, ...this.doubleBracketWords());
        continue;
      }
      const first = w[0];
      const assign = words.length === 0 && first?.k === "lit" && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v) : null;
      if (assign && first?.k === "lit") {
        const rest = first.v.slice(assign[0].length);
        assigns.push({ name: assign[1] ?? "", value: [...(rest ? [{ k: "lit" as const, v: rest, q: false }] : []), ...w.slice(1)] });
      } else words.push(w);
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0) throw new ShellSyntaxError(this.describeNext());
    return { kind: "simple", assigns, words, redirects };
  }

  /** `name=(a b c)`: the words up to the closing parenthesis. */
  private arrayElements(): Word[] {
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
  private doubleBracketWords(): Word[] {
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
      return { k: "cmd", script: parseShell(inner), q };
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

/** Backslash escapes of $'...' and of `echo -e` / printf formats. */
export function unescapeAnsiC(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|0[0-7]{0,3}|[abefnrtv\\'"])/g, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === "0") return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
    const map: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
    return map[e] ?? e;
  });
}
