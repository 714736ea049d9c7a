// The text, time and process utilities (sleep, echo, printf, seq, date, printenv, hostname, kill ...), and
// the table of every utility the interpreter knows. Wording follows busybox or GNU per image userland.

import { formatDate, type ExecContext, type Io, type Run } from "./context";
import type { CommandFn } from "./commands";
import { unescapeAnsiC } from "./shellSyntax";
import { test } from "./testCommand";
import { gnu } from "./utilCommon";
import { FILE_UTILITIES } from "./utilFiles";

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

const print = (text: (ctx: ExecContext, argv: string[]) => string): CommandFn => (ctx, argv, io) => {
  io.out.write(`${text(ctx, argv)}\n`);
  return 0;
};

export const UTILITIES: Record<string, CommandFn> = {
  sleep,
  echo,
  printf,
  ...FILE_UTILITIES,
  seq,
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
  pgrep: (ctx, argv, io) => {
    if (!ctx.hooks.isRunning(argv[argv.length - 1] ?? "")) return 1;
    io.out.write("1\n");
    return 0;
  },
  kill,
};
