// test, [ and bash's [[ ]] (with =~ filling BASH_REMATCH, == glob matching, && || inside the brackets).

import type { ExecContext, Io } from "./context";
import { abs } from "./utilCommon";

export function test(ctx: ExecContext, argv: string[], io: Io): number {
  let args = argv.slice(1);
  const name = argv[0] ?? "test";
  if (name === "[" || name === "[[") {
    const close = name === "[" ? "]" : "]]";
    if (args[args.length - 1] !== close) {
      io.err.write(`${name}: missing ${close}\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  return evalTest(ctx, args, name === "[[") ? 0 : 1;
}

/** POSIX bracket classes in a bash regex, for JavaScript's RegExp. */
const CLASSES: Record<string, string> = { space: "\\s", digit: "\\d", alpha: "a-zA-Z", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", xdigit: "0-9a-fA-F", punct: "!-/:-@[-`{-~" };

function bashRegex(ctx: ExecContext, value: string, pattern: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(pattern.replace(/\[:([a-z]+):\]/g, (m, c: string) => CLASSES[c] ?? m));
  } catch {
    return false;
  }
  const m = re.exec(value);
  for (let i = 0; ctx.vars.has(`BASH_REMATCH[${i}]`); i++) ctx.vars.delete(`BASH_REMATCH[${i}]`);
  if (!m) return false;
  m.forEach((g, i) => ctx.vars.set(`BASH_REMATCH[${i}]`, g ?? ""));
  ctx.vars.set("BASH_REMATCH", m[0]);
  return true;
}

/** `[[ x == pattern ]]`: glob matching (* ? [...]). */
function globMatch(value: string, pattern: string): boolean {
  const re = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  try {
    return new RegExp(`^${re}$`).test(value);
  } catch {
    return value === pattern;
  }
}

function evalTest(ctx: ExecContext, a: string[], bash = false): boolean {
  if (bash) {
    const oo = a.lastIndexOf("||");
    if (oo > 0) return evalTest(ctx, a.slice(0, oo), true) || evalTest(ctx, a.slice(oo + 1), true);
    const aa = a.lastIndexOf("&&");
    if (aa > 0) return evalTest(ctx, a.slice(0, aa), true) && evalTest(ctx, a.slice(aa + 1), true);
    if (a[0] === "(" && a[a.length - 1] === ")") return evalTest(ctx, a.slice(1, -1), true);
    if (a.length === 3 && a[1] === "=~") return bashRegex(ctx, a[0] ?? "", a[2] ?? "");
    if (a.length === 3 && (a[1] === "==" || a[1] === "=")) return globMatch(a[0] ?? "", a[2] ?? "");
    if (a.length === 3 && a[1] === "!=") return !globMatch(a[0] ?? "", a[2] ?? "");
  }
  const oi = a.lastIndexOf("-o");
  if (oi > 0) return evalTest(ctx, a.slice(0, oi), bash) || evalTest(ctx, a.slice(oi + 1), bash);
  const ai = a.lastIndexOf("-a");
  if (ai > 0 && a.length > 3) return evalTest(ctx, a.slice(0, ai), bash) && evalTest(ctx, a.slice(ai + 1), bash);
  if (a[0] === "!") return !evalTest(ctx, a.slice(1), bash);
  if (a.length === 0) return false;
  if (a.length === 1) return (a[0] ?? "") !== "";
  if (a.length === 2) {
    const [op, v = ""] = a;
    const p = abs(ctx, v);
    switch (op) {
      case "-z": return v === "";
      case "-n": return v !== "";
      case "-f": return ctx.fs.read(p) !== undefined;
      case "-d": return ctx.fs.isDirectory(p);
      case "-s": return (ctx.fs.read(p) ?? "").length > 0;
      case "-e": case "-r": case "-w": case "-x": case "-L": case "-h": return ctx.fs.exists(p);
      default: return false;
    }
  }
  const [l = "", op, r = ""] = a;
  const [x, y] = [Number(l), Number(r)];
  switch (op) {
    case "=": case "==": return l === r;
    case "!=": return l !== r;
    case "-eq": return x === y;
    case "-ne": return x !== y;
    case "-lt": return x < y;
    case "-le": return x <= y;
    case "-gt": return x > y;
    case "-ge": return x >= y;
    default: return false;
  }
}
