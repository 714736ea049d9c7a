// File utilities (cat, ls, touch, rm, mkdir, cp, mv, head, tail, wc, grep, rev, sort, uniq, sed, tee) with
// busybox or GNU wording depending on the image's userland (busybox `cat: can't open 'x': No such file or
// directory`, GNU `cat: x: No such file or directory`).

import { formatDate, type ExecContext, type Io, type Run } from "./context";
import type { CommandFn } from "./commands";
import { abs, gnu, lines, parseFlags, readInputs } from "./utilCommon";

function cat(ctx: ExecContext, argv: string[], io: Io): number {
  const { text, status } = readInputs(ctx, "cat", parseFlags(argv).operands, io);
  io.out.write(text);
  return status;
}

function ls(ctx: ExecContext, argv: string[], io: Io): number {
  const { flags, operands } = parseFlags(argv);
  const all = flags.has("a");
  const almost = flags.has("A");
  let status = 0;
  const targets = operands.length ? operands : ["."];
  targets.forEach((t, idx) => {
    const p = abs(ctx, t === "." ? ctx.cwd : t);
    const entries = ctx.fs.list(p);
    if (entries === undefined) {
      if (ctx.fs.read(p) !== undefined) return io.out.write(`${t}\n`);
      io.err.write(gnu(ctx) ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`);
      status = gnu(ctx) ? 2 : 1;
      return;
    }
    if (targets.length > 1) io.out.write(`${idx > 0 ? "\n" : ""}${t}:\n`);
    const names = [...(all ? [".", ".."] : []), ...entries.filter((n) => all || almost || !n.startsWith("."))];
    if (flags.has("l")) {
      io.out.write(`total ${names.length * 4}\n`);
      for (const n of names) {
        const full = `${p === "/" ? "" : p}/${n}`;
        const dir = n === "." || n === ".." || ctx.fs.isDirectory(full);
        const size = dir ? 4096 : (ctx.fs.read(full) ?? "").length;
        io.out.write(`${dir ? "drwxr-xr-x" : "-rw-r--r--"}    1 root     root     ${String(size).padStart(8)} ${formatDate(ctx.wallMs()).slice(4, 16)} ${n}\n`);
      }
    } else for (const n of names) io.out.write(`${n}\n`);
  });
  return status;
}

function fsError(ctx: ExecContext, io: Io, cmd: string, verb: string, path: string, reason: string): number {
  const busyboxVerb = verb === "cannot touch" ? "" : verb.replace("cannot", "can't");
  io.err.write(gnu(ctx) ? `${cmd}: ${verb} '${path}': ${reason}\n` : busyboxVerb ? `${cmd}: ${busyboxVerb} '${path}': ${reason}\n` : `${cmd}: ${path}: ${reason}\n`);
  return 1;
}

function touch(ctx: ExecContext, argv: string[], io: Io): number {
  let status = 0;
  for (const f of parseFlags(argv).operands) {
    const p = abs(ctx, f);
    if (ctx.fs.isDirectory(p)) continue;
    const r = ctx.fs.write(p, "", true);
    if (r === "readOnly") status = fsError(ctx, io, "touch", "cannot touch", f, "Read-only file system");
    else ctx.hooks.fileChanged("write", p);
  }
  return status;
}

function rm(ctx: ExecContext, argv: string[], io: Io): number {
  const { flags, operands } = parseFlags(argv);
  const force = flags.has("f");
  const recursive = flags.has("r") || flags.has("R");
  let status = 0;
  for (const f of operands) {
    const p = abs(ctx, f);
    const r = ctx.fs.remove(p, recursive);
    if (r === "ok") ctx.hooks.fileChanged("remove", p);
    else if (r === "missing") {
      if (!force) status = fsError(ctx, io, "rm", "cannot remove", f, "No such file or directory");
    } else if (r === "readOnly") status = fsError(ctx, io, "rm", "cannot remove", f, "Read-only file system");
    else {
      io.err.write(gnu(ctx) ? `rm: cannot remove '${f}': Is a directory\n` : `rm: '${f}' is a directory\n`);
      status = 1;
    }
  }
  return status;
}

function mkdir(ctx: ExecContext, argv: string[], io: Io): number {
  const { flags, operands } = parseFlags(argv);
  let status = 0;
  for (const f of operands) {
    const p = abs(ctx, f);
    if (ctx.fs.isDirectory(p) || ctx.fs.read(p) !== undefined) {
      if (!flags.has("p")) status = fsError(ctx, io, "mkdir", "cannot create directory", f, "File exists");
      continue;
    }
    if (ctx.fs.mkdir(p) === "readOnly") status = fsError(ctx, io, "mkdir", "cannot create directory", f, "Read-only file system");
  }
  return status;
}

function copy(move: boolean): CommandFn {
  return (ctx, argv, io) => {
    const { operands } = parseFlags(argv);
    const [src, dst] = [operands[0] ?? "", operands[1] ?? ""];
    const content = ctx.fs.read(abs(ctx, src));
    const cmd = move ? "mv" : "cp";
    if (content === undefined) return fsError(ctx, io, cmd, gnu(ctx) ? "cannot stat" : "can't stat", src, "No such file or directory");
    let target = abs(ctx, dst);
    if (ctx.fs.isDirectory(target)) target = `${target}/${src.slice(src.lastIndexOf("/") + 1)}`;
    if (ctx.fs.write(target, content, false) === "readOnly") return fsError(ctx, io, cmd, "cannot create regular file", dst, "Read-only file system");
    ctx.hooks.fileChanged("write", target);
    if (move && ctx.fs.remove(abs(ctx, src), false) === "ok") ctx.hooks.fileChanged("remove", abs(ctx, src));
    return 0;
  };
}

/** -n N, -N, +N (tail from line N) as used by head and tail. */
function countArg(argv: string[]): { n: number; fromStart: boolean; follow: boolean; files: string[] } {
  let n = 10;
  let fromStart = false;
  let follow = false;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const m = /^-n(.*)$/.exec(a);
    if (m) {
      const v = m[1] || argv[++i] || "10";
      fromStart = v.startsWith("+");
      n = Number(v.replace(/^[+-]/, "")) || 0;
    } else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (/^\+\d+$/.test(a)) [n, fromStart] = [Number(a.slice(1)), true];
    else if (/^-[fF]+$/.test(a) || a === "--follow" || a === "--retry") follow = true;
    else if (!a.startsWith("-")) files.push(a);
  }
  return { n, fromStart, follow, files };
}

function head(ctx: ExecContext, argv: string[], io: Io): number {
  const { n, files } = countArg(argv);
  const { text, status } = readInputs(ctx, "head", files, io);
  for (const l of lines(text).slice(0, n)) io.out.write(`${l}\n`);
  return status;
}

function* tail(ctx: ExecContext, argv: string[], io: Io): Run {
  const { n, fromStart, follow, files } = countArg(argv);
  const retry = argv.some((a) => /^-[a-zA-Z]*F/.test(a));
  const missing = files.filter((f) => ctx.fs.read(abs(ctx, f)) === undefined);
  const { text, status } = readInputs(ctx, "tail", retry ? files.filter((f) => !missing.includes(f)) : files, io);
  const ls = lines(text);
  for (const l of fromStart ? ls.slice(Math.max(0, n - 1)) : ls.slice(Math.max(0, ls.length - n))) io.out.write(`${l}\n`);
  if (!follow) return status;
  // Following a file: new lines written later by other containers are not streamed (documented limitation).
  yield Infinity;
  return 0;
}

function wc(ctx: ExecContext, argv: string[], io: Io): number {
  const { flags, operands } = parseFlags(argv);
  const { text, status } = readInputs(ctx, "wc", operands, io);
  const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: text.length };
  const chosen = (["l", "w", "c"] as const).filter((f) => flags.size === 0 || flags.has(f));
  io.out.write(`${chosen.map((f) => counts[f]).join(" ")}${operands.length ? ` ${operands.join(" ")}` : ""}\n`);
  return status;
}

function grep(ctx: ExecContext, argv: string[], io: Io): number {
  const { flags, operands } = parseFlags(argv);
  const [pattern = "", ...files] = operands;
  let re: RegExp | undefined;
  try {
    re = flags.has("F") ? undefined : new RegExp(pattern, flags.has("i") ? "i" : "");
  } catch {
    re = undefined;
  }
  const test = (l: string) => (re ? re.test(l) : flags.has("i") ? l.toLowerCase().includes(pattern.toLowerCase()) : l.includes(pattern));
  const { text, status } = readInputs(ctx, "grep", files, io);
  const matched = lines(text).filter((l) => test(l) !== flags.has("v"));
  if (flags.has("c")) io.out.write(`${matched.length}\n`);
  else if (!flags.has("q")) for (const l of matched) io.out.write(`${l}\n`);
  return status !== 0 ? 2 : matched.length > 0 ? 0 : 1;
}

function lineFilter(cmd: string, f: (ls: string[], flags: Set<string>) => string[]): CommandFn {
  return (ctx, argv, io) => {
    const { flags, operands } = parseFlags(argv);
    const { text, status } = readInputs(ctx, cmd, operands, io);
    for (const l of f(lines(text), flags)) io.out.write(`${l}\n`);
    return status;
  };
}

/** sed with `s/re/replacement/flags` commands (any delimiter; -e, -E/-r, -n, -i); other commands pass lines through. */
function sed(ctx: ExecContext, argv: string[], io: Io): number {
  const scripts: string[] = [];
  const files: string[] = [];
  let inPlace = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "-e" || a === "--expression") scripts.push(argv[++i] ?? "");
    else if (a === "-i" || a.startsWith("--in-place")) inPlace = true;
    else if (/^-[Enr]+$/.test(a)) continue;
    else if (scripts.length === 0 && !a.startsWith("-")) scripts.push(a);
    else files.push(a);
  }
  const subs = scripts.flatMap((sc) => sc.split(/;\s*(?=s)/)).flatMap((sc) => {
    const d = sc[1];
    if (sc[0] !== "s" || d === undefined) return [];
    const [re = "", repl = "", flags = ""] = sc.slice(2).split(d);
    try {
      return [{ re: new RegExp(re, flags.includes("g") ? "g" : ""), repl: repl.replace(/\\(\d)/g, "$$$1").replace(/&/g, "$$&") }];
    } catch {
      return [];
    }
  });
  const edit = (text: string) => lines(text).map((l) => subs.reduce((acc, x) => acc.replace(x.re, x.repl), l)).join("\n") + (text.endsWith("\n") ? "\n" : "");
  if (inPlace) {
    for (const f of files) {
      const content = ctx.fs.read(abs(ctx, f));
      if (content !== undefined && ctx.fs.write(abs(ctx, f), edit(content), false) === "ok") ctx.hooks.fileChanged("write", abs(ctx, f));
    }
    return 0;
  }
  const { text, status } = readInputs(ctx, "sed", files, io);
  io.out.write(edit(text));
  return status;
}

export const FILE_UTILITIES: Record<string, CommandFn> = {
  cat,
  ls,
  touch,
  rm,
  mkdir,
  rmdir: (ctx, argv, io) => rm(ctx, ["rm", "-r", ...argv.slice(1)], io),
  cp: copy(false),
  mv: copy(true),
  head,
  tail,
  wc,
  grep,
  egrep: grep,
  rev: lineFilter("rev", (ls) => ls.map((l) => [...l].reverse().join(""))),
  sort: lineFilter("sort", (ls, f) => (f.has("r") ? [...ls].sort().reverse() : [...ls].sort())),
  uniq: lineFilter("uniq", (ls) => ls.filter((l, i) => i === 0 || ls[i - 1] !== l)),
  tee: (ctx, argv, io) => {
    const { flags, operands } = parseFlags(argv);
    const text = io.stdin?.readAll() ?? "";
    for (const f of operands) if (ctx.fs.write(abs(ctx, f), text, flags.has("a")) === "ok") ctx.hooks.fileChanged("write", abs(ctx, f));
    io.out.write(text);
    return 0;
  },
  sed,
};
