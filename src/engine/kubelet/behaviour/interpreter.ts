// Runs a ShellScript on the simulated clock. Each command is a generator step: it yields how long it waits
// (sleep 30 yields 30000; a server yields Infinity) and returns its exit status, so the runtime can pause the
// script at any sleep and resume it when the clock gets there. Nothing here reads a clock: ctx.now is set
// by the runtime before each resume.

import { BUSY_LOOP_BUDGET, CaptureSink, NULL_SINK, ShellExit, Stdin, type ExecContext, type Io, type Run, type Sink } from "./context";
import { ParameterError, expandString, expandWords, setArray } from "./shellExpand";
import type { AndOr, Command, Pipeline, Redirect, ShellScript, SimpleCommand } from "./shellSyntax";
import { runCommandByName } from "./commands";

export function* runScript(ctx: ExecContext, script: ShellScript, io: Io): Run {
  let status = 0;
  for (const item of script.items) {
    // `cmd &` runs concurrently in a real shell; the model runs it to its first wait and moves on.
    if (item.background) status = runBackground(ctx, item, io);
    else if (item.rest.length === 0 && !item.first.negate && item.first.commands.length === 1) {
      // The common case, without the and-or and pipeline frames (suspended scripts stay small).
      status = yield* runCommand(ctx, item.first.commands[0] as Command, io);
      ctx.lastStatus = status;
      if (status !== 0 && ctx.errexit && ctx.condDepth === 0) throw new ShellExit(status);
    } else status = yield* runAndOr(ctx, item, io);
  }
  return status;
}

function runBackground(ctx: ExecContext, item: AndOr, io: Io): number {
  const gen = runAndOr(ctx, { ...item, background: false }, io);
  try {
    gen.next();
  } catch (e) {
    if (!(e instanceof ShellExit)) throw e;
  }
  ctx.lastStatus = 0;
  return 0;
}

function* runAndOr(ctx: ExecContext, item: AndOr, io: Io): Run {
  const hasRest = item.rest.length > 0;
  if (hasRest) ctx.condDepth++;
  let status: number;
  try {
    status = yield* runPipeline(ctx, item.first, io);
    for (let k = 0; k < item.rest.length; k++) {
      const { op, pipeline } = item.rest[k] as (typeof item.rest)[number];
      // Skipped members keep $? unchanged, which makes `a && b || c` left-associative like POSIX.
      if ((op === "&&") !== (status === 0)) continue;
      const last = k === item.rest.length - 1;
      if (last && hasRest) ctx.condDepth--;
      try {
        status = yield* runPipeline(ctx, pipeline, io);
      } finally {
        if (last && hasRest) ctx.condDepth++;
      }
    }
  } finally {
    if (hasRest) ctx.condDepth--;
  }
  return status;
}

function* runPipeline(ctx: ExecContext, p: Pipeline, io: Io): Run {
  if (p.negate) ctx.condDepth++;
  let status = 0;
  try {
    if (p.commands.length === 1) status = yield* runCommand(ctx, p.commands[0] as Command, io);
    else {
      // Sequential model of a pipe: each stage's stdout is the next one's stdin.
      let stdin = io.stdin;
      for (let k = 0; k < p.commands.length; k++) {
        const last = k === p.commands.length - 1;
        const capture = last ? undefined : new CaptureSink();
        status = yield* runCommand(ctx, p.commands[k] as Command, { stdin, out: capture ?? io.out, err: io.err });
        stdin = capture ? new Stdin(capture.text) : undefined;
      }
    }
  } finally {
    if (p.negate) ctx.condDepth--;
  }
  if (p.negate) status = status === 0 ? 1 : 0;
  ctx.lastStatus = status;
  if (status !== 0 && ctx.errexit && ctx.condDepth === 0 && !p.negate) throw new ShellExit(status);
  return status;
}

function* runCommand(ctx: ExecContext, c: Command, io: Io): Run {
  const redirected = yield* applyRedirects(ctx, c.redirects, io);
  if (typeof redirected === "number") return redirected;
  switch (c.kind) {
    case "simple":
      return yield* runSimple(ctx, c, redirected);
    case "group": {
      if (!c.subshell) return yield* runScript(ctx, c.body, redirected);
      const saved = new Map(ctx.vars);
      const cwd = ctx.cwd;
      try {
        return yield* runScript(ctx, c.body, redirected);
      } catch (e) {
        if (e instanceof ShellExit) return e.code;
        throw e;
      } finally {
        ctx.vars.clear();
        for (const [k, v] of saved) ctx.vars.set(k, v);
        ctx.cwd = cwd;
      }
    }
    case "if": {
      for (const clause of c.clauses) {
        if ((yield* runCondition(ctx, clause.cond, redirected)) === 0) return yield* runScript(ctx, clause.body, redirected);
      }
      return c.elseBody ? yield* runScript(ctx, c.elseBody, redirected) : 0;
    }
    case "while": {
      let status = 0;
      for (;;) {
        const cond = yield* runCondition(ctx, c.cond, redirected);
        if ((cond === 0) === c.until) return status;
        status = yield* runScript(ctx, c.body, redirected);
      }
    }
    case "for": {
      const items = c.items ? yield* expandWords(ctx, c.items, captureRun) : ctx.positional.slice(1);
      let status = 0;
      for (const item of items) {
        ctx.vars.set(c.name, item);
        status = yield* runScript(ctx, c.body, redirected);
      }
      return status;
    }
  }
}

function* runCondition(ctx: ExecContext, script: ShellScript, io: Io): Run {
  ctx.condDepth++;
  try {
    return yield* runScript(ctx, script, io);
  } finally {
    ctx.condDepth--;
  }
}

function* runSimple(ctx: ExecContext, c: SimpleCommand, io: Io): Run {
  if (++ctx.budget > BUSY_LOOP_BUDGET) {
    // A loop that never waits: a real shell would spin on one core forever. Stop interpreting it.
    ctx.hooks.setLoad(1000, 0);
    yield Infinity;
  }
  ctx.stderr = io.err;
  let argv: string[];
  try {
    argv = yield* expandWords(ctx, c.words, captureRun);
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    io.err.write(`${ctx.shellErrorPrefix()}${e.name}: ${e.message || "parameter not set"}\n`);
    throw new ShellExit(2);
  }
  const values: [string, string][] = [];
  const arrays: [string, string[]][] = [];
  for (const a of c.assigns) {
    if (a.array) arrays.push([a.name, yield* expandWords(ctx, a.array, captureRun)]);
    else values.push([a.name, yield* expandString(ctx, a.value, captureRun)]);
  }
  if (ctx.xtrace) traceCommand(ctx, io, values, argv);
  if (argv.length === 0) {
    for (const [k, v] of values) ctx.vars.set(k, v);
    for (const [k, vs] of arrays) setArray(ctx, k, vs);
    // bash's `$(<file)`: a command of only an input redirection prints the file.
    if (c.assigns.length === 0 && io.stdin) io.out.write(io.stdin.readAll());
    // An assignment-only command returns the status of its last command substitution, else 0.
    const hadSubst = c.assigns.some((a) => a.value.some((p) => p.k === "cmd"));
    return hadSubst ? ctx.lastStatus : 0;
  }
  // Prefix assignments (`FOO=1 cmd`) are exported to that command only.
  const saved = values.map(([k]) => [k, ctx.vars.get(k), ctx.exported.has(k)] as const);
  for (const [k, v] of values) {
    ctx.vars.set(k, v);
    ctx.exported.add(k);
  }
  try {
    return yield* runCommandByName(ctx, argv, io, runScript);
  } finally {
    for (const [k, v, wasExported] of saved) {
      if (v === undefined) ctx.vars.delete(k);
      else ctx.vars.set(k, v);
      if (!wasExported) ctx.exported.delete(k);
    }
  }
}

/** Command substitution: run with stdout captured; errors still go to the log. */
export function* captureRun(ctx: ExecContext, script: ShellScript): Generator<number, string, void> {
  const sink = new CaptureSink();
  const err = ctx.stderr;
  ctx.substDepth++;
  try {
    ctx.lastStatus = yield* runScript(ctx, script, { out: sink, err });
  } catch (e) {
    if (!(e instanceof ShellExit)) throw e;
    ctx.lastStatus = e.code;
  } finally {
    ctx.substDepth--;
    ctx.stderr = err;
  }
  return sink.text;
}

/** bash's xtrace quoting: words with special characters are single-quoted. */
function traceQuote(w: string): string {
  if (w === "") return "''";
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) || w === "[[" || w === "]]" ? w : `'${w.replace(/'/g, "'\\''")}'`;
}

function traceCommand(ctx: ExecContext, io: Io, values: readonly [string, string][], argv: readonly string[]): void {
  const prefix = "+".repeat(ctx.substDepth + 1);
  for (const [k, v] of values) if (argv.length === 0) io.err.write(`${prefix} ${k}=${traceQuote(v)}\n`);
  if (argv.length === 0) return;
  const bracket = argv[0] === "[[";
  io.err.write(`${prefix} ${argv.map((a) => (bracket ? a : traceQuote(a))).join(" ")}\n`);
}

/** A file opened by `>`/`>>`: truncated at open, each write appended. */
function fileSink(ctx: ExecContext, path: string): Sink {
  ctx.hooks.fileChanged("write", path);
  return {
    write(text: string) {
      ctx.fs.write(path, text, true);
    },
  };
}

function* applyRedirects(ctx: ExecContext, redirects: readonly Redirect[], io: Io): Generator<number, Io | number, void> {
  if (redirects.length === 0) return io;
  let { stdin, out, err } = io;
  for (const r of redirects) {
    const target = yield* expandString(ctx, r.target, captureRun);
    if (r.op === ">&") {
      const dup = target === "1" ? out : target === "2" ? err : undefined;
      if (dup === undefined) continue;
      if (r.fd === 2) err = dup;
      else out = dup;
      continue;
    }
    const path = resolveRedirectPath(ctx, target);
    if (r.op === "<") {
      const content = ctx.fs.read(path);
      if (content === undefined) {
        const p = ctx.shellErrorPrefix();
        const msg = ctx.dialect === "ash" ? `can't open '${target}': No such file or directory` : ctx.dialect === "dash" ? `cannot open ${target}: No such file` : `${target}: No such file or directory`;
        io.err.write(`${p}${msg}\n`);
        return ctx.dialect === "dash" ? 2 : 1;
      }
      stdin = new Stdin(content);
      continue;
    }
    let sink: Sink;
    if (path === "/dev/null") sink = NULL_SINK;
    else if (path === "/dev/stdout" || path === "/proc/self/fd/1") sink = io.out;
    else if (path === "/dev/stderr" || path === "/proc/self/fd/2") sink = io.err;
    else {
      const result = ctx.fs.write(path, "", r.op === ">>");
      if (result !== "ok") {
        const reason = result === "readOnly" ? "Read-only file system" : "Is a directory";
        const p = ctx.shellErrorPrefix();
        const msg = ctx.dialect === "ash" ? `can't create ${target}: ${reason}` : ctx.dialect === "dash" ? `cannot create ${target}: ${reason}` : `${target}: ${reason}`;
        io.err.write(`${p}${msg}\n`);
        return ctx.dialect === "dash" ? 2 : 1;
      }
      sink = fileSink(ctx, path);
    }
    if (r.op === "&>") {
      out = sink;
      err = sink;
    } else if (r.fd === 2) err = sink;
    else out = sink;
  }
  return { stdin, out, err };
}

function resolveRedirectPath(ctx: ExecContext, target: string): string {
  if (target.startsWith("/")) return target;
  return `${ctx.cwd === "/" ? "" : ctx.cwd}/${target}`;
}
