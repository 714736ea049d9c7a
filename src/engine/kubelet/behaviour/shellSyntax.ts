// The POSIX sh subset that container commands in the docs use, parsed into an AST (shellAst.ts) that
// interpreter.ts runs on the simulated clock: lists (; & newline), && ||, pipelines, ! , while/until, for,
// if, { } and ( ), assignments (and bash arrays), redirections (> >> < 2>&1 >&2 &>), quoting ('' "" \ $''),
// $VAR ${VAR} ${VAR:-x} ${#VAR} ${A[i]}, $(...) `...` $((...)) and bash's [[ ]].
// Not supported (ShellUnsupported: the program is then treated as an unknown long-running command):
// case, functions, here-documents.

import { ShellSyntaxError, ShellUnsupported, type AndOr, type Command, type ForCommand, type IfCommand, type Pipeline, type Redirect, type ShellScript, type SimpleCommand, type Word } from "./shellAst";
import { Scanner, WORD_END } from "./shellScanner";

export * from "./shellAst";

/** Parses a `sh -c` script. Throws ShellSyntaxError or ShellUnsupported. */
export function parseShell(src: string): ShellScript {
  const p = new Parser(src);
  const script = p.list(new Set());
  p.skipSpace(true);
  if (!p.eof()) throw new ShellSyntaxError(p.describeNext());
  return script;
}

class Parser extends Scanner {
  protected parseNested(src: string): ShellScript {
    return parseShell(src);
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
}
