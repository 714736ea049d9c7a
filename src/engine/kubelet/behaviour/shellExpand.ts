// Word expansion at run time: parameters ($x ${x:-d} ${#x} $? $@), command substitution, arithmetic,
// then field splitting of unquoted results (IFS = space, tab, newline). No pathname expansion (globs stay
// literal) - documented limitation.

import type { ExecContext } from "./context";
import type { ShellScript, Word, WordPart } from "./shellSyntax";

/** Runs a script with its stdout captured (command substitution); provided by the interpreter. */
export type CaptureRunner = (ctx: ExecContext, script: ShellScript) => Generator<number, string, void>;

function special(ctx: ExecContext, name: string): string | undefined {
  switch (name) {
    case "?":
      return String(ctx.lastStatus);
    case "$":
      return "1";
    case "!":
      return "";
    case "#":
      return String(Math.max(0, ctx.positional.length - 1));
    case "@":
    case "*":
      return ctx.positional.slice(1).join(" ");
    case "-":
      return ctx.errexit ? "e" : "";
    default:
      if (/^[0-9]+$/.test(name)) return ctx.positional[Number(name)];
      return ctx.vars.get(name);
  }
}

function* expandPart(ctx: ExecContext, part: WordPart, capture: CaptureRunner): Generator<number, string, void> {
  switch (part.k) {
    case "lit":
      return part.v;
    case "arith":
      return String(evalArith(ctx, yield* expandString(ctx, parseArithWord(part.expr), capture)));
    case "cmd":
      return (yield* capture(ctx, part.script)).replace(/\n+$/, "");
    case "var": {
      const all = part.index === "@" || part.index === "*" ? arrayElements(ctx, part.name) : undefined;
      if (all && part.op === "#") return String(all.length);
      const value = all ? all.join(" ") : part.index === undefined ? special(ctx, part.name) : arrayElement(ctx, part.name, part.index);
      if (part.op === "#") return String((value ?? "").length);
      if (!part.op) return value ?? "";
      const colon = part.op.startsWith(":");
      const unset = value === undefined || (colon && value === "");
      const op = part.op.slice(colon ? 1 : 0);
      const arg = () => expandString(ctx, part.arg ?? [], capture);
      if (op === "-") return unset ? yield* arg() : (value ?? "");
      if (op === "+") return unset ? "" : yield* arg();
      if (op === "=") {
        if (!unset) return value ?? "";
        const v = yield* arg();
        ctx.vars.set(part.name, v);
        return v;
      }
      if (op === "?" && unset) throw new ParameterError(part.name, yield* arg());
      return value ?? "";
    }
  }
}

/** Bash arrays are stored flat: `name[0]`, `name[1]` ... (and `name` mirrors element 0). */
export function arrayElement(ctx: ExecContext, name: string, index: string): string | undefined {
  const i = evalArith(ctx, index);
  return ctx.vars.get(`${name}[${i}]`) ?? (i === 0 ? ctx.vars.get(name) : undefined);
}

export function arrayElements(ctx: ExecContext, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; ctx.vars.has(`${name}[${i}]`); i++) out.push(ctx.vars.get(`${name}[${i}]`) ?? "");
  if (out.length === 0 && ctx.vars.has(name)) out.push(ctx.vars.get(name) ?? "");
  return out;
}

export function setArray(ctx: ExecContext, name: string, values: readonly string[]): void {
  for (let i = 0; ctx.vars.has(`${name}[${i}]`); i++) ctx.vars.delete(`${name}[${i}]`);
  values.forEach((v, i) => ctx.vars.set(`${name}[${i}]`, v));
  if (values.length > 0) ctx.vars.set(name, values[0] ?? "");
  else ctx.vars.delete(name);
}

/** `${x?message}` with x unset: the shell prints `sh: x: message` and exits 2 (caught by the interpreter). */
export class ParameterError {
  constructor(readonly name: string, readonly message: string) {}
}

/** Expands a word to one string without field splitting (assignments, redirect targets, case words). */
export function* expandString(ctx: ExecContext, word: Word, capture: CaptureRunner): Generator<number, string, void> {
  let s = "";
  for (const part of word) s += yield* expandPart(ctx, part, capture);
  return s;
}

/** Expands command words to argv fields: unquoted expansions split on blanks, empty unquoted words vanish. */
export function* expandWords(ctx: ExecContext, words: readonly Word[], capture: CaptureRunner): Generator<number, string[], void> {
  const out: string[] = [];
  for (const word of words) {
    if (word.length === 1 && word[0]?.k === "var" && word[0].q && word[0].name === "@" && !word[0].op) {
      out.push(...ctx.positional.slice(1));
      continue;
    }
    let field = "";
    let hasField = false;
    for (let i = 0; i < word.length; i++) {
      const part = word[i] as WordPart;
      let text = yield* expandPart(ctx, part, capture);
      if (i === 0 && part.k === "lit" && !part.q && (text === "~" || text.startsWith("~/"))) text = (ctx.vars.get("HOME") ?? "/root") + text.slice(1);
      if (part.q || part.k === "lit") {
        field += text;
        hasField = true;
        continue;
      }
      const pieces = text.split(/[ \t\n]+/);
      for (let j = 0; j < pieces.length; j++) {
        if (j > 0) {
          if (hasField || field !== "") out.push(field);
          field = "";
          hasField = false;
        }
        field += pieces[j];
        if (pieces[j] !== "") hasField = true;
      }
    }
    if (hasField || field !== "") out.push(field);
  }
  return out;
}

/** `$((...))` may contain `$x` and `$(...)`: reuse the word grammar for its text. */
function parseArithWord(expr: string): Word {
  const parts: WordPart[] = [];
  const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9?#])\}?/g;
  let last = 0;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    if (m.index > last) parts.push({ k: "lit", v: expr.slice(last, m.index), q: true });
    parts.push({ k: "var", name: m[1] ?? "", q: true });
    last = m.index + m[0].length;
  }
  if (last < expr.length) parts.push({ k: "lit", v: expr.slice(last), q: true });
  return parts;
}

/** Binary operators of shell arithmetic: precedence and operation. */
const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  "||": [1, (a, b) => (a || b ? 1 : 0)],
  "&&": [2, (a, b) => (a && b ? 1 : 0)],
  "==": [3, (a, b) => (a === b ? 1 : 0)],
  "!=": [3, (a, b) => (a !== b ? 1 : 0)],
  "<": [4, (a, b) => (a < b ? 1 : 0)],
  ">": [4, (a, b) => (a > b ? 1 : 0)],
  "<=": [4, (a, b) => (a <= b ? 1 : 0)],
  ">=": [4, (a, b) => (a >= b ? 1 : 0)],
  "+": [5, (a, b) => a + b],
  "-": [5, (a, b) => a - b],
  "*": [6, (a, b) => a * b],
  "/": [6, (a, b) => (b === 0 ? 0 : Math.trunc(a / b))],
  "%": [6, (a, b) => (b === 0 ? 0 : a % b)],
  "**": [7, (a, b) => a ** b],
};

/** Shell arithmetic on integers: + - * / % ** comparisons && || ! ( ) and = += -= on variables. */
export function evalArith(ctx: ExecContext, expr: string): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||\+=|-=|\+\+|--|[-+*/%()<>!=]/g) ?? [];
  let i = 0;
  const num = (name: string) => {
    const v = Number.parseInt(ctx.vars.get(name) ?? "0", 10);
    return Number.isNaN(v) ? 0 : v;
  };
  const primary = (): number => {
    const t = tokens[i++] ?? "0";
    if (t === "(") {
      const v = expression(0);
      i++; // ")"
      return v;
    }
    if (t === "-") return -primary();
    if (t === "+") return primary();
    if (t === "!") return primary() ? 0 : 1;
    if (/^\d+$/.test(t)) return Number.parseInt(t, 10);
    const next = tokens[i];
    if (next === "=" || next === "+=" || next === "-=") {
      i++;
      const rhs = expression(0);
      const v = next === "=" ? rhs : next === "+=" ? num(t) + rhs : num(t) - rhs;
      ctx.vars.set(t, String(v));
      return v;
    }
    if (next === "++" || next === "--") {
      i++;
      const v = num(t);
      ctx.vars.set(t, String(next === "++" ? v + 1 : v - 1));
      return v;
    }
    return num(t);
  };
  const expression = (minPrec: number): number => {
    let left = primary();
    for (;;) {
      const op = BINARY[tokens[i] ?? ""];
      if (!op || op[0] < minPrec) return left;
      i++;
      left = op[1](left, expression(op[0] + 1));
    }
  };
  return expression(0);
}
