// ContainerProcess: one run of a container's Program on the simulated clock, as a pure state machine.
// start(now) → effects; nextEventTime() says when it next needs the clock (undefined: never, e.g. a server,
// so 150,000 nginx pods cost nothing per tick); advance(now) runs every step due up to `now`, each at its
// own scheduled time, and returns the effects (log lines, files, ports, exit) stamped with those times.
// A restart is a new ContainerProcess over the same volume mounts: the writable layer is lost, volumes stay.

import { SIM_EPOCH_MS } from "../../sim/clock";
import { basename, runCommandByName, runSource, SHELLS, shellDialect } from "./commands";
import { CaptureSink, ExecContext, ShellExit, type ProcessHooks, type Run, type Sink } from "./context";
import { ContainerFs, resolveMounts, type Mount, type VolumeStore } from "./containerFs";
import type { Container } from "../../api/types";
import { accessLogLine, respondHttp, type HttpResponse } from "./http";
import { runScript } from "./interpreter";
import { serve } from "./programs";
import { allocationMs, containerLimits, containerUsage, type ResourceUsage } from "./resources";
import type { DaemonSpec, Effect, ExitReason, HostHttpResult, LogStream, ProcessHost, Program, StopBehaviour } from "./types";
import { NET_UTILITIES } from "./netutils";
import { UTILITIES } from "./utilities";

/** containerd splits log lines longer than 16 KiB (CRI "P" partial entries). */
const MAX_LOG_LINE = 16 * 1024;
/** Steps one advance() may run; the rest waits for the next call (protects against sub-ms loops). */
const MAX_STEPS_PER_ADVANCE = 100_000;

export interface ProcessOptions {
  /** Volume mounts (fs.ts resolveMounts); files under them outlive this process. */
  readonly mounts?: readonly Mount[];
  /** Files the kubelet writes into every container: /etc/hosts, /etc/hostname, /etc/resolv.conf. */
  readonly kubeletFiles?: ReadonlyMap<string, string>;
  readonly host?: ProcessHost;
  /** Wall clock at simulated time 0 (default SIM_EPOCH_MS), for `date` and log timestamps. */
  readonly epochMs?: number;
  /** limits.memory: above it the container is OOMKilled (exit 137). */
  readonly memoryLimitBytes?: number;
  /** container.stdin: a bare `sh` then waits for input instead of reading EOF and exiting. */
  readonly stdinOpen?: boolean;
}

export interface ExecResult {
  readonly exitCode: number;
  /** Combined stdout and stderr, as the kubelet's exec prober and `kubectl exec` without a tty see it. */
  readonly output: string;
  /** Simulated time the command took (Infinity: never returns). */
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** The runtime could not start the command (not in the image): the CRI error text. */
  readonly error?: string;
  readonly effects: Effect[];
}

export type HttpGetResult = { readonly response: HttpResponse; readonly effects: Effect[] } | { readonly error: "refused" | "eof"; readonly effects: Effect[] };

interface RunningDaemon {
  readonly spec: DaemonSpec;
  readonly startedAt: number;
  readonly listenAt: number;
  listening: boolean;
}

class LogSink implements Sink {
  private buf = "";
  constructor(private readonly proc: ContainerProcess, private readonly stream: LogStream) {}
  write(text: string): void {
    this.buf += text;
    let nl = this.buf.indexOf("\n");
    while (nl >= 0) {
      this.proc.emitLog(this.stream, this.buf.slice(0, nl));
      this.buf = this.buf.slice(nl + 1);
      nl = this.buf.indexOf("\n");
    }
    while (this.buf.length > MAX_LOG_LINE) {
      this.proc.emitLog(this.stream, this.buf.slice(0, MAX_LOG_LINE));
      this.buf = this.buf.slice(MAX_LOG_LINE);
    }
  }
  flush(): void {
    if (this.buf) this.proc.emitLog(this.stream, this.buf);
    this.buf = "";
  }
}

export class ContainerProcess {
  readonly fs: ContainerFs;
  private state: "created" | "running" | "exited" = "created";
  private now = 0;
  private startedAt = 0;
  private wakeAt: number | undefined;
  private gen: Run | undefined;
  private daemons: RunningDaemon[] = [];
  private load: ResourceUsage = { cpuMilli: 0, memoryBytes: 0 };
  private oomAt: number | undefined;
  private pid1: StopBehaviour;
  private pending: Effect[] = [];
  private ctx: ExecContext | undefined;
  private readonly out = new LogSink(this, "stdout");
  private readonly err = new LogSink(this, "stderr");
  private exit: { code: number; reason: ExitReason; atMs: number; signal?: number } | undefined;

  constructor(readonly program: Program, private readonly opts: ProcessOptions = {}) {
    this.fs = new ContainerFs(opts.mounts ?? [], program.image.files, opts.kubeletFiles);
    this.pid1 = program.onSigterm;
  }

  /** Runs the program from `nowMs` up to its first wait. */
  start(nowMs: number): Effect[] {
    if (this.state !== "created") return [];
    this.state = "running";
    this.now = this.startedAt = nowMs;
    const { main } = this.program;
    if (main.kind === "startError") this.finish(128, "StartError", nowMs);
    else if (main.kind === "serve") this.runServeFastPath(main.daemon);
    else if (this.isInteractiveShell()) this.pid1 = "ignore";
    else {
      const ctx = this.newContext("main", this.hooks());
      this.gen = wrapExit(runScript(ctx, main.script, { out: this.out, err: this.err }), this.err);
      this.ctx = ctx;
      this.step(nowMs);
    }
    return this.takeEffects();
  }

  private runServeFastPath(spec: DaemonSpec): void {
    // Same as programs.serve, without a generator: start-up logs, then ports.
    const ctx = this.newContext("main", this.hooks());
    ctx.now = this.now;
    const gen = serve(ctx, spec, { out: this.out, err: this.err });
    gen.next();
  }

  private isInteractiveShell(): boolean {
    const argv = this.program.argv;
    return this.opts.stdinOpen === true && SHELLS.has(basename(argv[0] ?? "")) && argv.length === 1;
  }

  /** When the process next needs the clock; undefined when it waits on nothing (server, sleep infinity). */
  nextEventTime(): number | undefined {
    if (this.state !== "running") return undefined;
    let t = this.wakeAt;
    if (this.oomAt !== undefined && (t === undefined || this.oomAt < t)) t = this.oomAt;
    for (const d of this.daemons) if (!d.listening && (t === undefined || d.listenAt < t)) t = d.listenAt;
    return t;
  }

  /** Runs every step due at or before `nowMs`, in time order. */
  advance(nowMs: number): Effect[] {
    for (let guard = 0; this.state === "running" && guard < MAX_STEPS_PER_ADVANCE; guard++) {
      const t = this.nextEventTime();
      if (t === undefined || t > nowMs) break;
      this.now = t;
      const d = this.daemons.find((x) => !x.listening && x.listenAt === t);
      if (d) this.openPorts(d, t);
      else if (this.oomAt === t) this.finish(137, "OOMKilled", t, 9);
      else this.step(t);
    }
    return this.takeEffects();
  }

  private step(at: number): void {
    const gen = this.gen;
    const ctx = this.ctx;
    if (!gen || !ctx) return;
    this.now = at;
    ctx.now = at;
    this.wakeAt = undefined;
    const r = gen.next();
    if (r.done) return this.finish(r.value, r.value === 0 ? "Completed" : "Error", ctx.now);
    if (r.value > 0) ctx.budget = 0;
    this.wakeAt = r.value === Infinity ? undefined : at + r.value;
  }

  private finish(code: number, reason: ExitReason, atMs: number, signal?: number): void {
    if (this.state === "exited") return;
    this.now = atMs;
    this.out.flush();
    this.err.flush();
    this.state = "exited";
    this.exit = { code, reason, atMs, signal };
    this.gen = undefined;
    this.wakeAt = undefined;
    this.oomAt = undefined;
    this.daemons = [];
    this.pending.push(signal === undefined ? { kind: "exit", atMs, exitCode: code, reason } : { kind: "exit", atMs, exitCode: code, reason, signal });
  }

  /**
   * The kubelet stopping the container: SIGTERM first, SIGKILL after the grace period. What SIGTERM does
   * depends on PID 1 (types.ts StopBehaviour): a server exits 0, `sleep`/`sh` ignore it and wait for SIGKILL.
   */
  signal(sig: "TERM" | "QUIT" | "KILL", nowMs: number): Effect[] {
    this.handleSignal(sig, nowMs);
    return this.takeEffects();
  }

  private handleSignal(sig: "TERM" | "QUIT" | "KILL", at: number): boolean {
    if (this.state !== "running") return false;
    if (sig === "KILL") this.finish(137, "Error", at, 9);
    else if (this.pid1 === "exit0") this.finish(0, "Completed", at);
    else if (this.pid1 === "exit2") this.finish(2, "Error", at);
    else if (this.pid1 === "die") this.finish(143, "Error", at, 15);
    return true;
  }

  emitLog(stream: LogStream, line: string): void {
    this.pending.push({ kind: "log", atMs: this.now, stream, line });
  }

  private takeEffects(): Effect[] {
    const e = this.pending;
    this.pending = [];
    return e;
  }

  private openPorts(d: RunningDaemon, at: number): void {
    d.listening = true;
    for (const port of d.spec.ports) this.pending.push({ kind: "listen", atMs: at, port });
  }

  private setLoad(load: ResourceUsage, at: number): void {
    this.load = load;
    const limit = this.opts.memoryLimitBytes;
    const mem = containerUsage(this.daemons.map((d) => d.spec), load).memoryBytes;
    if (limit !== undefined && mem > limit) this.oomAt ??= at + allocationMs(mem);
    else this.oomAt = undefined;
  }

  private hooks(): ProcessHooks {
    return {
      startDaemon: (spec) => {
        const at = this.now;
        const d: RunningDaemon = { spec, startedAt: at, listenAt: at + spec.listenAfterMs, listening: false };
        this.daemons.push(d);
        // sh -c execs its last command: the server becomes PID 1 and decides what SIGTERM does.
        this.pid1 = spec.onSigterm;
        if (spec.listenAfterMs === 0) this.openPorts(d, at);
        this.setLoad(this.load, at);
      },
      setLoad: (cpuMilli, memoryBytes) => this.setLoad({ cpuMilli, memoryBytes }, this.now),
      ...this.sharedHooks(),
    };
  }

  private sharedHooks(): Omit<ProcessHooks, "startDaemon" | "setLoad"> {
    return {
      isRunning: (name) => this.state === "running" && (this.daemons.some((d) => d.spec.name === name) || basename(this.program.argv[0] ?? "") === name),
      isListening: (port) => this.opts.host?.podPortOpen?.(port, this.now) ?? this.isListening(port, this.now),
      signalMain: (sig) => this.handleSignal(sig, this.now),
      fileChanged: (op, path) => this.pending.push({ kind: "file", atMs: this.now, op, path }),
      httpLocal: (port, path) => {
        const r = this.httpGet(port, path, this.now, "127.0.0.1", "Wget");
        this.pending.push(...r.effects);
        return toHostResult(r, port);
      },
    };
  }

  private newContext(mode: "main" | "exec", hooks: ProcessHooks): ExecContext {
    const p = this.program;
    const argv0 = p.argv[0] ?? "sh";
    const env = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root", ...p.env };
    return new ExecContext({
      fs: this.fs,
      hooks,
      mode,
      env,
      userland: p.image.userland,
      dialect: shellDialect(SHELLS.has(basename(argv0)) ? argv0 : "sh", p.image.userland),
      shellName: SHELLS.has(basename(argv0)) ? argv0 : "sh",
      cwd: p.workingDir,
      epochMs: this.opts.epochMs ?? SIM_EPOCH_MS,
      host: this.opts.host,
      image: { repository: p.image.repository, tag: p.image.tag },
    });
  }

  /**
   * Runs `argv` inside the container (exec probe, lifecycle hook, kubectl exec). Instantaneous in simulated
   * time except for what the command waits: `durationMs` tells how long it would take; past `timeoutMs`
   * it is abandoned (timedOut). Its file changes and signals apply at `nowMs`.
   */
  exec(argv: readonly string[], nowMs: number, timeoutMs?: number): ExecResult {
    const exe = argv[0] ?? "";
    const name = basename(exe);
    if (this.program.image.userland === "none" && (SHELLS.has(name) || UTILITIES[name] || NET_UTILITIES[name])) {
      const why = exe.includes("/") ? `stat ${exe}: no such file or directory` : "executable file not found in $PATH";
      const error = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": ${why}: unknown`;
      return { exitCode: 126, output: "", durationMs: 0, timedOut: false, error, effects: [] };
    }
    const sink = new CaptureSink();
    const ctx = this.newContext("exec", this.execHooks());
    return this.drive(ctx, nowMs, timeoutMs, sink, (c) => runCommandByName(c, [...argv], { out: sink, err: sink }, runScript));
  }

  /**
   * An interactive shell (`kubectl exec -it pod -- sh`): each line runs like `sh -c line`, and variables and
   * the working directory persist between lines.
   */
  openShell(shell = "sh"): { run(line: string, nowMs: number, timeoutMs?: number): ExecResult } {
    const ctx = this.newContext("exec", this.execHooks());
    ctx.dialect = shellDialect(shell, this.program.image.userland);
    ctx.shellName = shell;
    return {
      run: (line, nowMs, timeoutMs) => {
        const sink = new CaptureSink();
        return this.drive(ctx, nowMs, timeoutMs, sink, (c) => runSource(c, line, { out: sink, err: sink }, runScript));
      },
    };
  }

  private execHooks(): ProcessHooks {
    return { startDaemon: () => {}, setLoad: () => {}, ...this.sharedHooks() };
  }

  /** Runs an exec-mode command to completion in zero simulated time, adding up what it waits. */
  private drive(ctx: ExecContext, nowMs: number, timeoutMs: number | undefined, sink: CaptureSink, start: (ctx: ExecContext) => Run): ExecResult {
    const savedNow = this.now;
    this.now = ctx.now = nowMs;
    const gen = wrapExit(start(ctx), sink);
    let elapsed = 0;
    let timedOut = false;
    let status = 0;
    for (let guard = 0; ; guard++) {
      const r = gen.next();
      if (r.done) {
        status = r.value;
        break;
      }
      const wait = r.value;
      if (wait === Infinity || guard > MAX_STEPS_PER_ADVANCE || (timeoutMs !== undefined && elapsed + wait > timeoutMs)) {
        timedOut = true;
        elapsed = timeoutMs ?? Infinity;
        break;
      }
      if (wait > 0) ctx.budget = 0;
      elapsed += wait;
      ctx.now = nowMs + elapsed;
    }
    if (this.state === "running") this.now = savedNow;
    return { exitCode: timedOut ? -1 : status, output: timedOut ? "" : sink.text, durationMs: elapsed, timedOut, effects: this.takeEffects() };
  }

  isListening(port: number, nowMs: number): boolean {
    if (this.state !== "running") return false;
    return this.daemons.some((d) => d.listenAt <= nowMs && d.spec.ports.includes(port));
  }

  /** gRPC health (grpc.health.v1) on `port`: SERVING, not listening, or not a gRPC server. */
  grpcHealth(port: number, nowMs: number): "SERVING" | "refused" | "notGrpc" {
    if (!this.isListening(port, nowMs)) return "refused";
    return this.daemons.some((d) => d.spec.grpcPorts?.includes(port)) ? "SERVING" : "notGrpc";
  }

  /** An HTTP GET to `port` of this container (probes, Services, wget from a neighbour). */
  httpGet(port: number, path: string, nowMs: number, clientIP = "10.244.0.1", userAgent = "kube-probe/1.34"): HttpGetResult {
    const d = this.state === "running" ? this.daemons.find((x) => x.listenAt <= nowMs && x.spec.ports.includes(port)) : undefined;
    if (!d) return { error: "refused", effects: [] };
    if (!d.spec.http) return { error: "eof", effects: [] };
    const wallMs = (this.opts.epochMs ?? SIM_EPOCH_MS) + nowMs;
    const hostname = this.program.env.HOSTNAME ?? "localhost";
    const response = respondHttp(d.spec.http, { path, fs: this.fs, sinceStartMs: nowMs - d.startedAt, hostname, wallMs });
    const line = accessLogLine(d.spec.http, path, response, clientIP, userAgent, wallMs);
    const effects: Effect[] = line === undefined ? [] : [{ kind: "log", atMs: nowMs, stream: "stdout", line }];
    return { response, effects };
  }

  /** CPU and memory now (resources.ts); zero once exited. */
  usage(): ResourceUsage {
    if (this.state !== "running") return { cpuMilli: 0, memoryBytes: 0 };
    return containerUsage(this.daemons.map((d) => d.spec), this.load);
  }

  get running(): boolean {
    return this.state === "running";
  }
  get startedAtMs(): number | undefined {
    return this.state === "created" ? undefined : this.startedAt;
  }
  /** Exit code, reason and time once the process ended. */
  get exitStatus(): { readonly exitCode: number; readonly reason: ExitReason; readonly finishedAtMs: number; readonly signal?: number } | undefined {
    return this.exit && { exitCode: this.exit.code, reason: this.exit.reason, finishedAtMs: this.exit.atMs, signal: this.exit.signal };
  }
  /** Ports listening now. */
  listeningPorts(nowMs: number): number[] {
    return this.state === "running" ? this.daemons.filter((d) => d.listenAt <= nowMs).flatMap((d) => [...d.spec.ports]) : [];
  }
}

/**
 * Turns `exit N` thrown out of a script into a return value. A failure of the model itself must not take
 * the kubelet down: it ends the process with status 1 and says so on stderr.
 */
function* wrapExit(run: Run, err?: Sink): Run {
  try {
    return yield* run;
  } catch (e) {
    if (e instanceof ShellExit) return e.code;
    err?.write(`kubelab: behaviour model error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function toHostResult(r: HttpGetResult, port: number): HostHttpResult {
  if ("response" in r) return r.response;
  return { error: "refused", host: "localhost", port };
}

export interface CreateProcessOptions {
  /** The pod's volumes; container.volumeMounts are resolved against it. */
  readonly volumes?: VolumeStore;
  readonly kubeletFiles?: ReadonlyMap<string, string>;
  readonly host?: ProcessHost;
  readonly epochMs?: number;
}

/** A process for `container` running `program`, with its mounts, memory limit and stdin wired. */
export function createContainerProcess(container: Container, program: Program, o: CreateProcessOptions = {}): ContainerProcess {
  return new ContainerProcess(program, {
    mounts: resolveMounts(container.volumeMounts, o.volumes),
    kubeletFiles: o.kubeletFiles,
    host: o.host,
    epochMs: o.epochMs,
    memoryLimitBytes: containerLimits(container).memoryBytes,
    stdinOpen: container.stdin === true,
  });
}
