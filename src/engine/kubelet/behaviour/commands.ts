// Command lookup for the interpreter: shell builtins first, then utilities (utilities.ts, netutils.ts), then
// known programs (programs.ts). A command nobody knows is presumed to be a long-running server in the main
// process (documented: `start-zookeeper`, `/usr/local/bin/kube-scheduler` ... run forever) and to succeed at
// once in an exec session (probe, hook, kubectl exec).

import { ShellExit, type ExecContext, type Io, type Run } from "./context";
import { DAEMONS } from "./daemons";
import { PROGRAMS } from "./programs";
import { parseShell, ShellSyntaxError, ShellUnsupported, type ShellScript } from "./shellSyntax";
import { evalArith } from "./shellExpand";
import { UTILITIES } from "./utilities";
import { NET_UTILITIES } from "./netutils";
import type { ShellDialect, Userland } from "./types";

export type ScriptRunner = (ctx: ExecContext, script: ShellScript, io: Io) => Run;
/** A command: returns its status at once, or a generator when it waits. */
export type CommandFn = (ctx: ExecContext, argv: string[], io: Io, run: ScriptRunner) => number | Run;

export const SHELLS = new Set(["sh", "bash", "ash", "dash"]);

/** `sh` is busybox ash on busybox images and dash on Debian/Ubuntu; `bash` is bash. */
export function shellDialect(shell: string, userland: Userland): ShellDialect {
  const name = basename(shell);
  if (name === "bash") return "bash";
  if (name === "dash") return "dash";
  return userland === "gnu" ? "dash" : "ash";
}

export function basename(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? p : p.slice(i + 1);
}

export function* runCommandByName(ctx: ExecContext, argv: string[], io: Io, run: ScriptRunner): Run {
  const name = basename(argv[0] ?? "");
  const fn = BUILTINS[name] ?? UTILITIES[name] ?? NET_UTILITIES[name] ?? PROGRAMS[name];
  if (fn) {
    const r = fn(ctx, argv, io, run);
    return typeof r === "number" ? r : yield* r;
  }
  if (SHELLS.has(name)) return yield* runNestedShell(ctx, argv, io, run);
  return yield* unknownCommand(ctx, name);
}

/** A program the model does not know: a server that runs forever (main), or an instant success (exec). */
export function* unknownCommand(ctx: ExecContext, name: string): Run {
  if (ctx.mode === "exec") return 0;
  ctx.hooks.startDaemon(DAEMONS.unknown(name));
  yield Infinity;
  return 0;
}

/**
 * `sh -c "..."` inside a script or an exec session: a child shell with its own variables. As a container's
 * PID 1 (`topLevel`) nothing runs after it, so there is nothing to save and restore.
 */
export function* runNestedShell(ctx: ExecContext, argv: string[], io: Io, run: ScriptRunner, topLevel = false): Run {
  const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  if (c < 0) {
    const file = argv.slice(1).find((a) => !a.startsWith("-"));
    if (file === undefined) return io.stdin ? yield* runSource(ctx, io.stdin.readAll(), io, run) : 0;
    const text = ctx.fs.read(file);
    if (text !== undefined) return yield* runSource(ctx, text, io, run);
    return yield* unknownCommand(ctx, basename(file));
  }
  const saved = topLevel ? undefined : { vars: new Map(ctx.vars), positional: ctx.positional, errexit: ctx.errexit, xtrace: ctx.xtrace, dialect: ctx.dialect, shellName: ctx.shellName };
  ctx.positional = argv.slice(c + 2);
  if (ctx.positional.length === 0) ctx.positional = [argv[0] ?? "sh"];
  const flags = argv.slice(1, c + 1).filter((a) => a.startsWith("-")).join("");
  ctx.errexit = flags.includes("e");
  ctx.xtrace = flags.includes("x");
  ctx.dialect = shellDialect(argv[0] ?? "sh", ctx.userland);
  ctx.shellName = argv[0] ?? "sh";
  try {
    return yield* runSource(ctx, argv[c + 1] ?? "", io, run);
  } finally {
    if (saved) {
      ctx.vars.clear();
      for (const [k, v] of saved.vars) ctx.vars.set(k, v);
      ctx.positional = saved.positional;
      ctx.errexit = saved.errexit;
      ctx.xtrace = saved.xtrace;
      ctx.dialect = saved.dialect;
      ctx.shellName = saved.shellName;
    }
  }
}

/**
 * Parsed scripts by source text. ASTs are immutable, so thousands of pods from one template share one.
 * Bounded, and cleared (not evicted piecemeal) when full: deterministic and flat in memory.
 */
const PARSE_CACHE = new Map<string, ShellScript | ShellSyntaxError | ShellUnsupported>();
const PARSE_CACHE_LIMIT = 512;

export function parseShellCached(text: string): ShellScript {
  let hit = PARSE_CACHE.get(text);
  if (hit === undefined) {
    try {
      hit = parseShell(text);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError || e instanceof ShellUnsupported)) throw e;
      hit = e;
    }
    if (PARSE_CACHE.size >= PARSE_CACHE_LIMIT) PARSE_CACHE.clear();
    PARSE_CACHE.set(text, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

/** Parses and runs shell text (eval, source, sh -c), catching its `exit`. */
export function* runSource(ctx: ExecContext, text: string, io: Io, run: ScriptRunner): Run {
  let script: ShellScript;
  try {
    script = parseShellCached(text);
  } catch (e) {
    if (e instanceof ShellUnsupported) return yield* unknownCommand(ctx, "sh");
    if (!(e instanceof ShellSyntaxError)) throw e;
    io.err.write(`${syntaxErrorMessage(ctx, e)}\n`);
    return 2;
  }
  try {
    return yield* run(ctx, script, io);
  } catch (e) {
    if (e instanceof ShellExit) return e.code;
    throw e;
  }
}

/** Each shell words syntax errors its own way (busybox ash, dash, bash -c). */
function syntaxErrorMessage(ctx: ExecContext, e: ShellSyntaxError): string {
  const expecting = e.expected ? ` (expecting "${e.expected}")` : "";
  if (ctx.dialect === "dash") return `${ctx.shellName}: 1: Syntax error: ${e.unexpected} unexpected${expecting}`;
  if (ctx.dialect === "bash") {
    const what = e.unexpected === "end of file" ? "unexpected end of file" : `near unexpected token \`${e.unexpected.replace(/^"|"$/g, "")}'`;
    return `${ctx.shellName}: -c: line 1: syntax error: ${what}`.replace("syntax error: near", "syntax error near");
  }
  return `${ctx.shellName}: syntax error: unexpected ${e.unexpected}${expecting}`;
}

function toExitCode(ctx: ExecContext, arg: string | undefined, io: Io): number {
  if (arg === undefined) return ctx.lastStatus;
  const n = Number(arg);
  if (!/^-?\d+$/.test(arg)) {
    io.err.write(`${ctx.shellErrorPrefix()}exit: Illegal number: ${arg}\n`);
    return 2;
  }
  return ((n % 256) + 256) % 256;
}

const ok: CommandFn = () => 0;

export const BUILTINS: Record<string, CommandFn> = {
  ":": ok,
  true: ok,
  false: () => 1,
  exit: (ctx, argv, io) => {
    throw new ShellExit(toExitCode(ctx, argv[1], io));
  },
  return: (ctx, argv, io) => {
    throw new ShellExit(toExitCode(ctx, argv[1], io));
  },
  cd: (ctx, argv, io) => {
    const dir = argv[1] ?? ctx.vars.get("HOME") ?? "/";
    const path = dir.startsWith("/") ? dir : `${ctx.cwd === "/" ? "" : ctx.cwd}/${dir}`;
    if (!ctx.fs.isDirectory(path)) {
      io.err.write(`${ctx.shellErrorPrefix()}cd: can't cd to ${dir}: No such file or directory\n`);
      return ctx.dialect === "dash" ? 2 : 1;
    }
    ctx.cwd = path;
    return 0;
  },
  export: (ctx, argv) => {
    for (const a of argv.slice(1)) {
      if (a.startsWith("-")) continue;
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) ctx.vars.set(name, a.slice(eq + 1));
      ctx.exported.add(name);
    }
    return 0;
  },
  unset: (ctx, argv) => {
    for (const a of argv.slice(1)) {
      ctx.vars.delete(a);
      ctx.exported.delete(a);
    }
    return 0;
  },
  set: (ctx, argv) => {
    const dd = argv.indexOf("--");
    if (dd >= 0) ctx.positional = [ctx.positional[0] ?? "sh", ...argv.slice(dd + 1)];
    for (const a of argv.slice(1, dd < 0 ? undefined : dd)) {
      if (/^-[a-z]*e/.test(a)) ctx.errexit = true;
      if (/^\+[a-z]*e/.test(a)) ctx.errexit = false;
      if (/^-[a-z]*x/.test(a)) ctx.xtrace = true;
      if (/^\+[a-z]*x/.test(a)) ctx.xtrace = false;
    }
    return 0;
  },
  shift: (ctx, argv) => {
    const n = Number(argv[1] ?? "1");
    ctx.positional = [ctx.positional[0] ?? "sh", ...ctx.positional.slice(1 + n)];
    return 0;
  },
  read: (ctx, argv, io) => {
    const names = argv.slice(1).filter((a) => !a.startsWith("-"));
    const line = io.stdin?.readLine();
    if (line === undefined) return 1;
    const fields = line.trim().split(/[ \t]+/);
    names.forEach((n, i) => ctx.vars.set(n, i === names.length - 1 ? fields.slice(i).join(" ") : (fields[i] ?? "")));
    if (names.length === 0) ctx.vars.set("REPLY", line);
    return 0;
  },
  eval: (ctx, argv, io, run) => runSource(ctx, argv.slice(1).join(" "), io, run),
  ".": (ctx, argv, io, run) => sourceFile(ctx, argv, io, run),
  source: (ctx, argv, io, run) => sourceFile(ctx, argv, io, run),
  exec: (ctx, argv, io, run) => execBuiltin(ctx, argv, io, run),
  wait: ok,
  trap: ok,
  ulimit: ok,
  umask: ok,
  hash: ok,
  let: (ctx, argv) => (evalArith(ctx, argv.slice(1).join(" ")) === 0 ? 1 : 0),
  command: (ctx, argv, io, run) => {
    if (argv[1] === "-v" || argv[1] === "-V") {
      io.out.write(`/usr/bin/${argv[2] ?? ""}\n`);
      return 0;
    }
    return runCommandByName(ctx, argv.slice(1), io, run);
  },
};

function* sourceFile(ctx: ExecContext, argv: string[], io: Io, run: ScriptRunner): Run {
  const file = argv[1] ?? "";
  const text = ctx.fs.read(file.startsWith("/") ? file : `${ctx.cwd}/${file}`);
  if (text === undefined) {
    io.err.write(`${ctx.shellErrorPrefix()}.: can't open '${file}': No such file or directory\n`);
    return ctx.dialect === "dash" ? 2 : 1;
  }
  return yield* runSource(ctx, text, io, run);
}

function* execBuiltin(ctx: ExecContext, argv: string[], io: Io, run: ScriptRunner): Run {
  if (argv.length < 2) return 0;
  const status = yield* runCommandByName(ctx, argv.slice(1), io, run);
  throw new ShellExit(status);
}
