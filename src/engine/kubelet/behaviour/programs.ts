// Programs the docs run, beyond the shell utilities: servers (nginx, redis-server, agnhost netexec ...),
// their clients used by exec probes (redis-cli, mysqladmin, pg_isready ...), and batch programs (perl
// computing π, python -c, stress). Each is a CommandFn: it returns an exit status, or waits (a server
// waits forever after announcing its ports through ctx.hooks.startDaemon).

import { formatLogDate, type ExecContext, type Io, type Run } from "./context";
import type { CommandFn } from "./commands";
import { DAEMONS, flagValue, portOf } from "./daemons";
import { piDigits } from "./pi";
import { checkPython, PythonUnsupported, runPython } from "./python";
import { parseBytes } from "../../apimachinery/quantity";
import type { DaemonSpec } from "./types";
import { DATA_PROGRAMS } from "./dataPrograms";
import { serve } from "./serve";

function* nginx(ctx: ExecContext, argv: string[], io: Io): Run {
  const s = flagValue(argv, "s");
  if (s !== undefined) {
    if (s === "reload" || s === "reopen") return 0;
    if (!ctx.hooks.signalMain(s === "stop" ? "TERM" : "QUIT")) {
      io.err.write(`${formatLogDate(ctx.wallMs(), "nginx")} [error] 1#1: invalid PID number "" in "/run/nginx.pid"\nnginx: [error] invalid PID number "" in "/run/nginx.pid"\n`);
      return 1;
    }
    return 0;
  }
  if (argv.includes("-v") || argv.includes("-V")) {
    io.err.write("nginx version: nginx/1.29.1\n");
    return 0;
  }
  if (argv.includes("-t") || argv.includes("-T")) {
    io.err.write("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n");
    if (argv.includes("-T")) io.out.write("# configuration file /etc/nginx/nginx.conf:\n\nuser  nginx;\nworker_processes  auto;\n");
    return 0;
  }
  // Without `daemon off;` nginx forks into the background and the foreground process exits 0: a container
  // whose command is plain `nginx` completes at once (a classic mistake).
  if (!argv.some((a) => a.replace(/\s+/g, " ").includes("daemon off"))) return 0;
  return yield* serve(ctx, DAEMONS.nginx, io);
}

function* apache(ctx: ExecContext, _argv: string[], io: Io): Run {
  const repo = ctx.image.repository;
  const spec = repo.includes("hpa-example") ? DAEMONS.phpApache : repo.includes("gb-frontend") ? DAEMONS.guestbookFrontend : DAEMONS.httpd;
  return yield* serve(ctx, spec, io);
}

function* agnhost(ctx: ExecContext, argv: string[], io: Io): Run {
  const sub = argv[1];
  const rest = argv.slice(2);
  switch (sub) {
    case "liveness":
      return yield* serve(ctx, DAEMONS.liveness, io);
    case "netexec":
      return yield* serve(ctx, DAEMONS.netexec(portOf(flagValue(rest, "http-port"), 8080)), io);
    case "serve-hostname":
      return yield* serve(ctx, DAEMONS.serveHostname(portOf(flagValue(rest, "port"), 9376)), io);
    case "test-webserver":
      return yield* serve(ctx, { ...DAEMONS.serveHostname(portOf(flagValue(rest, "port"), 80)), http: { kind: "text", body: "Hello" } }, io);
    case "pause":
      return yield* serve(ctx, DAEMONS.pause, io);
    case undefined:
      io.out.write("Usage:\n  agnhost [flags]\n  agnhost [command]\n\nUse \"agnhost [command] --help\" for more information about a command.\n");
      return 0;
    default:
      return yield* serve(ctx, DAEMONS.unknown(`agnhost-${sub}`), io);
  }
}

/** perl: `-Mbignum=bpi -wle 'print bpi(2000)'` prints π (a few seconds of one busy core); else runs forever. */
function* perl(ctx: ExecContext, argv: string[], io: Io): Run {
  const eIdx = argv.findIndex((a, i) => i > 0 && /^-[a-zA-Z]*e$/.test(a));
  const code = eIdx < 0 ? undefined : (argv[eIdx + 1] ?? "");
  if (argv.includes("-de0") || (argv.includes("-d") && code === "0")) {
    // The perl image's default CMD: the debugger reads EOF from /dev/null and quits.
    io.out.write("\nLoading DB routines from perl5db.pl version 1.77\nEditor support available.\n\nEnter h or 'h h' for help, or 'man perldebug' for more help.\n\nmain::(-e:1):\t0\n");
    return 0;
  }
  if (code === undefined) return yield* serve(ctx, DAEMONS.unknown("perl"), io);
  const bpi = /^\s*print\s+bpi\(\s*(\d+)\s*\)\s*;?\s*$/.exec(code);
  const constant = /^\s*(["'])(.*)\1\s*;?\s*$/.exec(code);
  if (bpi) {
    const digits = Number(bpi[1]);
    ctx.hooks.setLoad(1000, 24 * 1024 * 1024);
    // Math::BigFloat's bpi is quadratic-ish: ~4 s for 2000 digits on one core.
    yield Math.max(200, Math.round((digits / 2000) ** 2 * 4000));
    ctx.hooks.setLoad(0, 0);
    io.out.write(`${piDigits(digits)}\n`);
    return 0;
  }
  if (constant) {
    // The docs' job.yaml quotes the code ("\"print bpi(2000)\""): perl sees a string constant in void context.
    yield 150;
    if (argv.some((a) => /^-[a-zA-Z]*w/.test(a))) io.err.write(`Useless use of a constant ("${constant[2]}") in void context at -e line 1.\n`);
    return 0;
  }
  yield 100;
  return 0;
}

function* python(ctx: ExecContext, argv: string[], io: Io): Run {
  const c = argv.indexOf("-c");
  const m = argv.indexOf("-m");
  const unbuffered = argv.includes("-u") || (ctx.vars.get("PYTHONUNBUFFERED") ?? "") !== "";
  if (c > 0) {
    const src = argv[c + 1] ?? "";
    try {
      checkPython(src);
    } catch (e) {
      if (!(e instanceof PythonUnsupported)) throw e;
      return yield* serve(ctx, DAEMONS.unknown("python3"), io);
    }
    return yield* runPython(ctx, src, io, unbuffered);
  }
  if (m > 0 && argv[m + 1] === "http.server") {
    const port = portOf(argv[m + 2], 8000);
    io.err.write(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
    return yield* serve(ctx, DAEMONS.pythonHttp(port), io);
  }
  // `python3` alone reads a script from stdin (/dev/null): nothing to do.
  if (argv.length === 1) return 0;
  return yield* serve(ctx, DAEMONS.unknown("python3"), io);
}

/** `stress` (polinux/stress): --vm N --vm-bytes B holds N×B of memory, --cpu N burns N cores, --timeout T. */
function* stress(ctx: ExecContext, argv: string[], io: Io): Run {
  if (argv.includes("--help") || argv.length === 1) {
    io.out.write("`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n");
    return argv.length === 1 ? 1 : 0;
  }
  const num = (flag: string, short: string) => Number(flagValue(argv, flag, short) ?? 0) || 0;
  const vm = num("vm", "m");
  const cpu = num("cpu", "c");
  const bytes = stressBytes(flagValue(argv, "vm-bytes") ?? "256M");
  io.err.write(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd\n`);
  // A vm worker touching its memory burns a core; with --vm-hang it mostly sleeps between rounds.
  const vmCpu = flagValue(argv, "vm-hang") === undefined ? 1000 : 10;
  ctx.hooks.setLoad(cpu * 1000 + vm * vmCpu, vm * bytes + 1024 * 1024);
  const timeout = flagValue(argv, "timeout", "t");
  if (timeout === undefined) {
    yield Infinity;
    return 0;
  }
  const secs = Number(/^\d+/.exec(timeout)?.[0] ?? 0) * ({ s: 1, m: 60, h: 3600, d: 86400 }[timeout.slice(-1)] ?? 1);
  yield secs * 1000;
  ctx.hooks.setLoad(0, 0);
  io.err.write(`stress: info: [1] successful run completed in ${secs}s\n`);
  return 0;
}

/** stress's size suffixes are powers of 1024 (b, k, m, g; either case): 150M = 150 MiB. */
export function stressBytes(s: string): number {
  const m = /^(\d+)([bkmgBKMG]?)$/.exec(s);
  if (!m) return 0;
  const mult: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Number(m[1]) * (mult[(m[2] ?? "").toLowerCase()] ?? 1);
}

/** vish/stress (`/stress -cpus 2 -mem-total 150Mi`): a Go program burning CPUs and allocating memory. */
function* vishStress(ctx: ExecContext, argv: string[], io: Io): Run {
  const cpus = Number(flagValue(argv, "cpus") ?? 0) || 0;
  let mem = 0;
  try {
    mem = parseBytes(flagValue(argv, "mem-total") ?? "0");
  } catch {
    mem = 0;
  }
  io.err.write(`I0101 00:00:00.000000       1 main.go:26] Allocating "${flagValue(argv, "mem-total") ?? "0"}" memory, in "4Ki" chunks, with a 1ms sleep between allocations\n`);
  if (cpus > 0) io.err.write(`I0101 00:00:00.000000       1 main.go:39] Spawning a thread to consume CPU\n`);
  ctx.hooks.setLoad(cpus * 1000, mem + 2 * 1024 * 1024);
  yield Infinity;
  return 0;
}

/** hello-app prints "Version: 2.0.0" for tag 2.0. */
export function helloAppVersion(tag: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(tag);
  return m ? `${m[1]}.${m[2]}.${m[3] ?? "0"}` : "1.0.0";
}

const daemonOf = (spec: DaemonSpec | ((ctx: ExecContext, argv: string[]) => DaemonSpec)): CommandFn => (ctx, argv, io) =>
  serve(ctx, typeof spec === "function" ? spec(ctx, argv) : spec, io);

export const PROGRAMS: Record<string, CommandFn> = {
  ...DATA_PROGRAMS,
  nginx,
  "httpd-foreground": apache,
  httpd: apache,
  "apache2-foreground": apache,
  apache2: apache,
  "redis-server": daemonOf(DAEMONS.redis),
  mongod: daemonOf(DAEMONS.mongo),
  "rabbitmq-server": daemonOf(DAEMONS.rabbitmq),
  memcached: daemonOf(DAEMONS.memcached),
  etcd: daemonOf(DAEMONS.etcd),
  "start-zookeeper": daemonOf(DAEMONS.zookeeper),
  cassandra: daemonOf(DAEMONS.cassandra),
  fluentd: daemonOf(DAEMONS.fluentd),
  "run.sh": daemonOf(DAEMONS.fluentd),
  "entrypoint.sh": daemonOf(DAEMONS.fluentd),
  pause: daemonOf(DAEMONS.pause),
  agnhost,
  server: daemonOf(DAEMONS.liveness),
  goproxy: daemonOf(DAEMONS.goproxy),
  "hello-app": daemonOf((ctx) => DAEMONS.helloApp(helloAppVersion(ctx.image.tag))),
  node: (ctx, argv, io) => {
    if (argv.length === 1) return 0;
    const repo = ctx.image.repository;
    const spec = repo.includes("node-hello") ? DAEMONS.nodeHello : repo.includes("kubernetes-bootcamp") ? DAEMONS.bootcamp(/^v(\d+)/.exec(ctx.image.tag)?.[1] ?? "1") : DAEMONS.unknown("node");
    return serve(ctx, spec, io);
  },
  "echo-server": (ctx, _argv, io) => serve(ctx, DAEMONS.echoServer, io),
  serve_hostname: daemonOf((_ctx, argv) => DAEMONS.serveHostname(portOf(flagValue(argv, "port"), 9376))),
  "http-echo": daemonOf((_ctx, argv) => DAEMONS.httpEcho(portOf(flagValue(argv, "listen"), 5678), flagValue(argv, "text") ?? "")),
  socat: daemonOf((_ctx, argv) => DAEMONS.socat(portOf(/tcp(?:4|6)?-listen:(\d+)/i.exec(argv.join(" "))?.[1], 0))),
  perl,
  python,
  python3: python,
  stress: (ctx, argv, io) => (ctx.image.repository.includes("vish/stress") ? vishStress(ctx, argv, io) : stress(ctx, argv, io)),
  grpc_health_probe: () => 0,
};
