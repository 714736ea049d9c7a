// Expression evaluation for the python3 -c subset (python.ts): literals, names, os.environ, calls of the
// builtins the Job examples use, arithmetic, comparisons, and/or/not. Python semantics where it matters
// (floor division, modulo sign, TypeError messages).

import type { ExecContext } from "./context";

export type Value = string | number | boolean | null | Value[];

/** Raised for a Python exception: printed as a traceback, exit status 1. */
export class PyError {
  constructor(readonly type: string, readonly message: string, readonly line: number) {}
}
export class PyExit {
  constructor(readonly code: Value) {}
}
export class PythonUnsupported extends Error {}

const TOKEN = /\s*(\d+\.\d*|\d+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*|\*\*|\/\/|==|!=|<=|>=|[-+*/%()<>[\].,=:])/y;

export function tokenize(s: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < s.length && (m = TOKEN.exec(s))) out.push(m[1] ?? "");
  if (s.slice(TOKEN.lastIndex).trim() !== "") throw new PythonUnsupported(s);
  return out;
}


const typeName = (v: Value) => (v === null ? "NoneType" : Array.isArray(v) ? "list" : typeof v === "string" ? "str" : typeof v === "boolean" ? "bool" : Number.isInteger(v) ? "int" : "float");
const repr = (v: Value): string => (v === null ? "None" : v === true ? "True" : v === false ? "False" : Array.isArray(v) ? `[${v.map(repr).join(", ")}]` : typeof v === "string" ? `'${v}'` : String(v));
export const str = (v: Value): string => (typeof v === "string" ? v : repr(v));
export const truthy = (v: Value) => !(v === null || v === false || v === 0 || v === "" || (Array.isArray(v) && v.length === 0));

export class Evaluator {
  private t: string[] = [];
  private i = 0;
  flushed = false;
  constructor(private readonly ctx: ExecContext, private readonly vars: Map<string, Value>, private readonly line: number) {}

  run(src: string): Value {
    this.t = tokenize(src);
    this.i = 0;
    const v = this.expr(0);
    if (this.i < this.t.length) throw new PythonUnsupported(src);
    return v;
  }

  private next(): string {
    return this.t[this.i++] ?? "";
  }
  private err(type: string, message: string): never {
    throw new PyError(type, message, this.line);
  }

  private expr(minPrec: number): Value {
    let left = this.unary();
    const PREC: Record<string, number> = { or: 1, and: 2, "==": 4, "!=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4, in: 4, "+": 5, "-": 5, "*": 6, "/": 6, "//": 6, "%": 6, "**": 7 };
    for (;;) {
      const op = this.t[this.i] ?? "";
      const prec = PREC[op];
      if (prec === undefined || prec < minPrec) return left;
      this.i++;
      if (op === "or" && truthy(left)) { this.expr(prec + 1); continue; }
      if (op === "and" && !truthy(left)) { this.expr(prec + 1); continue; }
      left = this.binary(op, left, this.expr(op === "**" ? prec : prec + 1));
    }
  }

  private binary(op: string, a: Value, b: Value): Value {
    const num = (v: Value) => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : this.err("TypeError", `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`));
    switch (op) {
      case "or": case "and": return b;
      case "==": return JSON.stringify(a) === JSON.stringify(b);
      case "!=": return JSON.stringify(a) !== JSON.stringify(b);
      case "in": return typeof b === "string" ? b.includes(str(a)) : Array.isArray(b) ? b.some((x) => x === a) : false;
      case "+": return typeof a === "string" && typeof b === "string" ? a + b : num(a) + num(b);
      case "*": return typeof a === "string" ? a.repeat(num(b)) : num(a) * num(b);
      case "<": case ">": case "<=": case ">=": {
        if (typeof a !== typeof b || a === null) this.err("TypeError", `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
        const [x, y] = [a as number, b as number];
        return op === "<" ? x < y : op === ">" ? x > y : op === "<=" ? x <= y : x >= y;
      }
      case "-": return num(a) - num(b);
      case "/": return num(b) === 0 ? this.err("ZeroDivisionError", "division by zero") : num(a) / num(b);
      case "//": return num(b) === 0 ? this.err("ZeroDivisionError", "integer division or modulo by zero") : Math.floor(num(a) / num(b));
      case "%": return num(b) === 0 ? this.err("ZeroDivisionError", "integer modulo by zero") : ((num(a) % num(b)) + num(b)) % num(b);
      default: return num(a) ** num(b);
    }
  }

  private unary(): Value {
    const t = this.t[this.i];
    if (t === "not") { this.i++; return !truthy(this.expr(3)); }
    if (t === "-") { this.i++; const v = this.unary(); return typeof v === "number" ? -v : this.err("TypeError", `bad operand type for unary -: '${typeName(v)}'`); }
    return this.postfix(this.atom());
  }

  private atom(): Value | { ref: string } {
    const t = this.next();
    if (/^\d/.test(t)) return Number(t);
    if (/^["']/.test(t)) return t.slice(1, -1).replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\(.)/g, "$1");
    if (t === "(") { const v = this.expr(0); this.next(); return v; }
    if (t === "[") {
      const items: Value[] = [];
      while (this.t[this.i] !== "]" && this.i < this.t.length) { items.push(this.expr(0)); if (this.t[this.i] === ",") this.i++; }
      this.next();
      return items;
    }
    if (t === "None") return null;
    if (t === "True") return true;
    if (t === "False") return false;
    if (/^[A-Za-z_]/.test(t)) return { ref: t };
    throw new PythonUnsupported(t);
  }

  private postfix(v: Value | { ref: string }): Value {
    let cur = v;
    for (;;) {
      const t = this.t[this.i];
      if (t === "." && typeof cur === "object" && cur !== null && "ref" in cur) { this.i++; cur = { ref: `${cur.ref}.${this.next()}` }; continue; }
      if (t === "(") { this.i++; cur = this.call(typeof cur === "object" && cur !== null && "ref" in cur ? cur.ref : "", this.args()); continue; }
      if (t === "[") {
        this.i++;
        const key = this.expr(0);
        this.next();
        if (typeof cur === "object" && cur !== null && "ref" in cur && cur.ref === "os.environ") {
          const k = str(key);
          cur = this.ctx.exported.has(k) ? (this.ctx.vars.get(k) ?? null) : this.err("KeyError", `'${k}'`);
          continue;
        }
        const base = this.resolve(cur);
        cur = Array.isArray(base) || typeof base === "string" ? (base[Number(key)] ?? this.err("IndexError", "index out of range")) : this.err("TypeError", `'${typeName(base)}' object is not subscriptable`);
        continue;
      }
      return this.resolve(cur);
    }
  }

  private resolve(v: Value | { ref: string }): Value {
    if (typeof v !== "object" || v === null || !("ref" in v)) return v;
    const val = this.vars.get(v.ref);
    return val === undefined ? this.err("NameError", `name '${v.ref}' is not defined`) : val;
  }

  private args(): { pos: Value[]; kw: Map<string, Value> } {
    const pos: Value[] = [];
    const kw = new Map<string, Value>();
    while (this.t[this.i] !== ")" && this.i < this.t.length) {
      if (/^[A-Za-z_]/.test(this.t[this.i] ?? "") && this.t[this.i + 1] === "=") {
        const k = this.next();
        this.i++;
        kw.set(k, this.expr(0));
      } else pos.push(this.expr(0));
      if (this.t[this.i] === ",") this.i++;
    }
    this.next();
    return { pos, kw };
  }

  /** Calls the evaluator performs itself; effects (print, exit, sleep) are returned as markers. */
  private call(name: string, { pos, kw }: { pos: Value[]; kw: Map<string, Value> }): Value {
    const [a = null, b = null] = pos;
    switch (name) {
      case "os.environ.get": case "os.getenv": return this.ctx.exported.has(str(a)) ? (this.ctx.vars.get(str(a)) ?? b) : b;
      case "int": {
        if (typeof a === "number") return Math.trunc(a);
        if (typeof a === "boolean") return Number(a);
        if (typeof a === "string" && /^\s*[-+]?\d+\s*$/.test(a)) return Number.parseInt(a, 10);
        if (typeof a === "string") this.err("ValueError", `invalid literal for int() with base 10: ${repr(a)}`);
        return this.err("TypeError", `int() argument must be a string, a bytes-like object or a real number, not '${typeName(a)}'`);
      }
      case "str": return str(a);
      case "len": return typeof a === "string" || Array.isArray(a) ? a.length : this.err("TypeError", `object of type '${typeName(a)}' has no len()`);
      case "range": return Array.from({ length: Math.max(0, pos.length > 1 ? Number(b) - Number(a) : Number(a)) }, (_, k) => (pos.length > 1 ? Number(a) : 0) + k);
      case "print": {
        this.flushed = kw.get("flush") === true;
        this.output.push(pos.map(str).join(kw.has("sep") ? str(kw.get("sep") ?? " ") : " ") + (kw.has("end") ? str(kw.get("end") ?? "") : "\n"));
        return null;
      }
      case "sys.exit": case "exit": case "quit": throw new PyExit(pos.length ? a : null);
      case "time.sleep": this.sleepMs += Math.round(Number(a) * 1000); return null;
      default: return null;
    }
  }
  output: string[] = [];
  sleepMs = 0;
}

/** Runs `python -c src`. */
