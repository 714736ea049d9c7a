// The coreutils the docs' commands use, with busybox or GNU wording depending on the image's userland
// (busybox `cat: can't open 'x': No such file or directory`, GNU `cat: x: No such file or directory`).

import { formatDate, type ExecContext, type Io, type Run } from "./context";
import type { CommandFn } from "./commands";
import { unescapeAnsiC } from "./shellSyntax";

const gnu = (ctx: ExecContext) => ctx.userland === "gnu";

function abs(ctx: ExecContext, p: string): string {
  return p.startsWith("/") ? p : `${ctx.cwd === "/" ? "" : ctx.cwd}/${p}`;
}

/** Splits `-abc` style flags from operands (stops at `--`). */
function parseFlags(argv: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of argv.slice(1)) {
    if (!done && a === "--") done = true;
    else if (!done && /^-[A-Za-z]+$/.test(a)) for (const ch of a.slice(1)) flags.add(ch);
    else operands.push(a);
  }
  return { flags, operands };
}

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds of a `sleep` operand ("30", "0.5", "1h", "infinity"), or undefined if invalid. */
export function parseSleepSeconds(arg: string): number | undefined {
  if (/^(inf|infinity)$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Number(m[1]) * (UNITS[m[2] ?? ""] ?? 1);
}

function* sleep(ctx: ExecContext, argv: string[], io: Io): Run {
  const args = argv.slice(1);
  if (args.length === 0) {
    io.err.write(gnu(ctx) ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const s = parseSleepSeconds(a);
    if (s === undefined) {
      io.err.write(gnu(ctx) ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${a}'\n`);
      return 1;
    }
    total += s;
  }
  yield total === Infinity ? Infinity : Math.round(total * 1000);
  return 0;
}

function echo(ctx: ExecContext, argv: string[], io: Io): number {
  let i = 1;
  let newline = true;
  let escapes = ctx.dialect === "dash";
  // dash's echo takes only -n and always interprets escapes; busybox and bash take -n -e -E.
  while (i < argv.length && /^-[neE]+$/.test(argv[i] ?? "")) {
    const f = argv[i] ?? "";
    if (ctx.dialect === "dash" && f !== "-n") break;
    if (f.includes("n")) newline = false;
    if (f.includes("e")) escapes = true;
    if (f.includes("E")) escapes = false;
    i++;
  }
  let text = argv.slice(i).join(" ");
  if (escapes) {
    const stop = text.indexOf("\\c");
    if (stop >= 0) {
      text = text.slice(0, stop);
      newline = false;
    }
    text = unescapeAnsiC(text);
  }
  io.out.write(newline ? `${text}\n` : text);
  return 0;
}

function printf(_ctx: ExecContext, argv: string[], io: Io): number {
  const format = unescapeAnsiC(argv[1] ?? "");
  const args = argv.slice(2);
  let out = "";
  let k = 0;
  do {
    let used = false;
    out += format.replace(/%([-0 #+]*\d*(?:\.\d+)?)([sdibxXc%])/g, (_m, flags: string, conv: string) => {
      if (conv === "%") return "%";
      used = true;
      const a = args[k++] ?? "";
      let s: string;
      if (conv === "d" || conv === "i") s = String(Math.trunc(Number(a) || 0));
      else if (conv === "x" || conv === "X") s = (Math.trunc(Number(a) || 0) >>> 0).toString(16);
      else if (conv === "c") s = a.slice(0, 1);
      else if (conv === "b") s = unescapeAnsiC(a);
      else s = a;
      if (conv === "X") s = s.toUpperCase();
      const width = Number(/\d+/.exec(flags.replace(/^[-0 #+]*/, ""))?.[0] ?? 0);
      return flags.startsWith("-") ? s.padEnd(width) : s.padStart(width, flags.startsWith("0") ? "0" : " ");
    });
    if (!used) break;
  } while (k < args.length);
  io.out.write(out);
  return 0;
}

function readInputs(ctx: ExecContext, cmd: string, files: string[], io: Io): { text: string; status: number } {
  if (files.length === 0) return { text: io.stdin?.readAll() ?? "", status: 0 };
  let text = "";
  let status = 0;
  for (const f of files) {
    if (f === "-") {
      text += io.stdin?.readAll() ?? "";
      continue;
    }
    const content = ctx.fs.read(abs(ctx, f));
    if (content === undefined) {
      const isDir = ctx.fs.isDirectory(abs(ctx, f));
      if (isDir) io.err.write(gnu(ctx) ? `${cmd}: ${f}: Is a directory\n` : `${cmd}: read error: Is a directory\n`);
      else io.err.write(gnu(ctx) ? `${cmd}: ${f}: No such file or directory\n` : `${cmd}: can't open '${f}': No such file or directory\n`);
      status = 1;
    } else text += content;
  }
  return { text, status };
}

function lines(text: string): string[] {
  const ls = text.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  return ls;
}

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

function seq(_ctx: ExecContext, argv: string[], io: Io): number {
  const nums = argv.slice(1).map(Number);
  const [first, incr, last] = nums.length === 1 ? [1, 1, nums[0] ?? 1] : nums.length === 2 ? [nums[0] ?? 1, 1, nums[1] ?? 1] : [nums[0] ?? 1, nums[1] ?? 1, nums[2] ?? 1];
  for (let v = first, k = 0; incr > 0 ? v <= last : v >= last; v += incr, k++) {
    if (k > 100_000 || incr === 0) break;
    io.out.write(`${v}\n`);
  }
  return 0;
}

function date(ctx: ExecContext, argv: string[], io: Io): number {
  const fmt = argv.slice(1).find((a) => a.startsWith("+"));
  const ms = ctx.wallMs();
  if (!fmt) {
    io.out.write(`${formatDate(ms)}\n`);
    return 0;
  }
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  const full = formatDate(ms);
  const map: Record<string, string> = {
    Y: String(d.getUTCFullYear()), m: p2(d.getUTCMonth() + 1), d: p2(d.getUTCDate()), H: p2(d.getUTCHours()),
    M: p2(d.getUTCMinutes()), S: p2(d.getUTCSeconds()), s: String(Math.floor(ms / 1000)), Z: "UTC", z: "+0000",
    a: full.slice(0, 3), b: full.slice(4, 7), e: full.slice(8, 10), N: String((ms % 1000) * 1_000_000).padStart(9, "0"), "%": "%",
  };
  map.T = `${map.H}:${map.M}:${map.S}`;
  map.F = `${map.Y}-${map.m}-${map.d}`;
  map.D = `${map.m}/${map.d}/${String(d.getUTCFullYear()).slice(2)}`;
  io.out.write(`${fmt.slice(1).replace(/%([A-Za-z%])/g, (m, c: string) => map[c] ?? m)}\n`);
  return 0;
}

function printenv(ctx: ExecContext, argv: string[], io: Io): number {
  const names = argv.slice(1);
  const env = ctx.environ();
  if (names.length === 0) {
    for (const [k, v] of env) io.out.write(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = ctx.exported.has(n) ? ctx.vars.get(n) : undefined;
    if (v === undefined) status = 1;
    else io.out.write(`${v}\n`);
  }
  return status;
}

function test(ctx: ExecContext, argv: string[], io: Io): number {
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

function killall(ctx: ExecContext, argv: string[], io: Io): number {
  const name = argv[argv.length - 1] ?? "";
  const probeOnly = argv.includes("-0");
  if (!ctx.hooks.isRunning(name)) {
    io.err.write(`killall: ${name}: no process killed\n`);
    return 1;
  }
  if (!probeOnly) ctx.hooks.signalMain(argv.includes("-9") || argv.includes("-KILL") ? "KILL" : "TERM");
  return 0;
}

function kill(ctx: ExecContext, argv: string[], io: Io): number {
  const pids = argv.slice(1).filter((a) => !a.startsWith("-"));
  const sig = argv.find((a) => a.startsWith("-"))?.slice(1) ?? "TERM";
  if (!pids.includes("1")) {
    if (pids.length) io.err.write(`${ctx.shellErrorPrefix()}kill: can't kill pid ${pids[0]}: No such process\n`);
    return 1;
  }
  if (sig === "0") return 0;
  ctx.hooks.signalMain(sig === "9" || sig === "KILL" ? "KILL" : sig === "QUIT" || sig === "3" ? "QUIT" : "TERM");
  return 0;
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

const print = (text: (ctx: ExecContext, argv: string[]) => string): CommandFn => (ctx, argv, io) => {
  io.out.write(`${text(ctx, argv)}\n`);
  return 0;
};

export const UTILITIES: Record<string, CommandFn> = {
  sleep,
  echo,
  printf,
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
  seq,
  sed,
  date,
  printenv,
  env: (ctx, argv, io) => printenv(ctx, [argv[0] ?? "env"], io),
  hostname: print((ctx) => ctx.hostname()),
  uname: print((ctx, argv) => (argv.includes("-a") ? `Linux ${ctx.hostname()} 6.8.0-1021-gke #25-Ubuntu SMP x86_64 GNU/Linux` : argv.includes("-r") ? "6.8.0-1021-gke" : argv.includes("-m") ? "x86_64" : "Linux")),
  whoami: print(() => "root"),
  id: print(() => "uid=0(root) gid=0(root) groups=0(root)"),
  nproc: print(() => "2"),
  basename: print((_c, argv) => (argv[1] ?? "").replace(/\/+$/, "").split("/").pop() ?? ""),
  dirname: print((_c, argv) => {
    const p = (argv[1] ?? "").replace(/\/+$/, "");
    const i = p.lastIndexOf("/");
    return i < 0 ? "." : i === 0 ? "/" : p.slice(0, i);
  }),
  test,
  "[": test,
  "[[": test,
  killall,
  pgrep: (ctx, argv, io) => (ctx.hooks.isRunning(argv[argv.length - 1] ?? "") ? (io.out.write("1\n"), 0) : 1),
  kill,
};
