// ContainerProcess: one run of a container's Program on the simulated clock, as a pure state machine.
// start(now) → effects; nextEventTime() says when it next needs the clock (undefined: never, e.g. a server,
// so 150,000 nginx pods cost nothing per tick); advance(now) runs every step due up to `now`, each at its
// own scheduled time, and returns the effects (log lines, files, ports, exit) stamped with those times.
// A restart is a new ContainerProcess over the same volume mounts: the writable layer is lost, volumes stay.
// Allocation-light: a server allocates no interpreter, no filesystem until something reads it, no sinks.

import type { Container } from "../../api/types";
import { SIM_EPOCH_MS } from "../../sim/clock";
import { basename, runCommandByName, runNestedShell, runSource, SHELLS, shellDialect } from "./commands";
import { CaptureSink, ExecContext, type ProcessHooks, type Run } from "./context";
import { ContainerFs, resolveMounts } from "./containerFs";
import type { CreateProcessOptions, ExecResult, HttpGetResult, ProcessOptions } from "./processTypes";
import { driveToCompletion, MAX_STEPS, wrapExit } from "./execDriver";
import { accessLogLine, respondHttp } from "./http";
import { runScript } from "./interpreter";
import { NET_UTILITIES } from "./netutils";
import { startupLines } from "./serve";
import { allocationMs, containerLimits, containerUsage, type ResourceUsage } from "./resources";
import { LogSink } from "./logSink";
import type { DaemonSpec, Effect, ExitReason, HostHttpResult, LogStream, Program, StopBehaviour } from "./types";

export type { CreateProcessOptions, ExecResult, HttpGetResult, ProcessOptions } from "./processTypes";
import { UTILITIES } from "./utilities";

/** A server the process started; the servers form a list in start order (most processes run one). */
interface RunningDaemon {
  readonly spec: DaemonSpec;
  readonly startedAt: number;
  readonly listenAt: number;
  listening: boolean;
  next: RunningDaemon | undefined;
}

const NO_EFFECTS: Effect[] = [];

/**
 * What only some processes have: a script's interpreter and its next wake-up, the load it set, a coming
 * OOM kill, the exit, log sinks, a filesystem. One object made when a field is first set, so that a
 * server that nobody execs into carries none of it.
 */
class RareState {
  wakeAt: number | undefined = undefined;
  gen: Run | undefined = undefined;
  ctx: ExecContext | undefined = undefined;
  loadCpu = 0;
  loadMem = 0;
  oomAt: number | undefined = undefined;
  sinks: { out: LogSink; err: LogSink } | undefined = undefined;
  fsLazy: ContainerFs | undefined = undefined;
  exit: { code: number; reason: ExitReason; atMs: number; signal?: number } | undefined = undefined;
}

export class ContainerProcess {
  private state: "created" | "running" | "exited" = "created";
  private now = 0;
  private startedAt = 0;
  /** The first server started (the rest follow through `next`). */
  private daemons: RunningDaemon | undefined;
  private pid1: StopBehaviour;
  private pending: Effect[] | undefined;
  private rare: RareState | undefined;

  constructor(readonly program: Program, private readonly opts: ProcessOptions = {}) {
    this.pid1 = program.onSigterm;
  }

  private get r(): RareState {
    return (this.rare ??= new RareState());
  }
  private get wakeAt(): number | undefined {
    return this.rare?.wakeAt;
  }
  private set wakeAt(v: number | undefined) {
    if (v !== undefined || this.rare) this.r.wakeAt = v;
  }
  private get gen(): Run | undefined {
    return this.rare?.gen;
  }
  private set gen(v: Run | undefined) {
    if (v !== undefined || this.rare) this.r.gen = v;
  }
  private get ctx(): ExecContext | undefined {
    return this.rare?.ctx;
  }
  private set ctx(v: ExecContext | undefined) {
    if (v !== undefined || this.rare) this.r.ctx = v;
  }
  private get loadCpu(): number {
    return this.rare?.loadCpu ?? 0;
  }
  private set loadCpu(v: number) {
    if (v !== 0 || this.rare) this.r.loadCpu = v;
  }
  private get loadMem(): number {
    return this.rare?.loadMem ?? 0;
  }
  private set loadMem(v: number) {
    if (v !== 0 || this.rare) this.r.loadMem = v;
  }
  private get oomAt(): number | undefined {
    return this.rare?.oomAt;
  }
  private set oomAt(v: number | undefined) {
    if (v !== undefined || this.rare) this.r.oomAt = v;
  }
  private get sinks(): { out: LogSink; err: LogSink } | undefined {
    return this.rare?.sinks;
  }
  private set sinks(v: { out: LogSink; err: LogSink } | undefined) {
    if (v !== undefined || this.rare) this.r.sinks = v;
  }
  private get fsLazy(): ContainerFs | undefined {
    return this.rare?.fsLazy;
  }
  private set fsLazy(v: ContainerFs | undefined) {
    if (v !== undefined || this.rare) this.r.fsLazy = v;
  }
  private get exit(): { code: number; reason: ExitReason; atMs: number; signal?: number } | undefined {
    return this.rare?.exit;
  }
  private set exit(v: { code: number; reason: ExitReason; atMs: number; signal?: number } | undefined) {
    if (v !== undefined || this.rare) this.r.exit = v;
  }

  /** The container's filesystem view (created on first use). */
  get fs(): ContainerFs {
    this.fsLazy ??= new ContainerFs(this.opts.mounts ?? [], this.program.image.files, this.opts.kubeletFiles);
    return this.fsLazy;
  }

  /** Runs the program from `nowMs` up to its first wait. */
  start(nowMs: number): Effect[] {
    if (this.state !== "created") return NO_EFFECTS;
    this.state = "running";
    this.now = this.startedAt = nowMs;
    const { main } = this.program;
    if (main.kind === "startError") this.finish(128, "StartError", nowMs);
    else if (main.kind === "serve") {
      for (const [stream, line] of startupLines(main.daemon, this.wallMs(nowMs), this.hostname())) this.emitLog(stream, line);
      this.startDaemon(main.daemon, nowMs);
    } else if (this.isInteractiveShell()) this.pid1 = "ignore";
    else {
      const ctx = this.newContext("main", this.mainHooks());
      const { out, err } = this.logSinks();
      this.ctx = ctx;
      const argv = this.program.argv;
      const run = SHELLS.has(basename(argv[0] ?? "")) ? runNestedShell(ctx, [...argv], { out, err }, runScript, true) : runScript(ctx, main.script, { out, err });
      this.gen = wrapExit(run, err);
      this.step(nowMs);
    }
    return this.takeEffects();
  }

  private logSinks(): { out: LogSink; err: LogSink } {
    this.sinks ??= { out: new LogSink((line) => this.emitLog("stdout", line)), err: new LogSink((line) => this.emitLog("stderr", line)) };
    return this.sinks;
  }

  /** The HOSTNAME the process sees ("localhost" without one). */
  private hostname(): string {
    const o = this.opts;
    return ("hostname" in o ? o.hostname : this.env.HOSTNAME) ?? "localhost";
  }

  /** The environment the process sees (its own, or its program's). */
  private get env(): Readonly<Record<string, string>> {
    return this.opts.env ?? this.program.env;
  }

  private wallMs(nowMs: number): number {
    return (this.opts.epochMs ?? SIM_EPOCH_MS) + nowMs;
  }

  private isInteractiveShell(): boolean {
    const argv = this.program.argv;
    return this.opts.stdinOpen === true && SHELLS.has(basename(argv[0] ?? "")) && argv.length === 1;
  }

  /** The first server, in start order, for which `pred` holds. */
  private findDaemon(pred: (d: RunningDaemon) => boolean): RunningDaemon | undefined {
    for (let d = this.daemons; d; d = d.next) if (pred(d)) return d;
    return undefined;
  }

  /** When the process next needs the clock; undefined when it waits on nothing (server, sleep infinity). */
  nextEventTime(): number | undefined {
    if (this.state !== "running") return undefined;
    let t = this.wakeAt;
    if (this.oomAt !== undefined && (t === undefined || this.oomAt < t)) t = this.oomAt;
    for (let d = this.daemons; d; d = d.next) if (!d.listening && (t === undefined || d.listenAt < t)) t = d.listenAt;
    return t;
  }

  /** Runs every step due at or before `nowMs`, in time order (ports, then OOM, then the script). */
  advance(nowMs: number): Effect[] {
    for (let guard = 0; this.state === "running" && guard < MAX_STEPS; guard++) {
      const t = this.nextEventTime();
      if (t === undefined || t > nowMs) break;
      this.now = t;
      const d = this.findDaemon((x) => !x.listening && x.listenAt === t);
      if (d) this.openPorts(d, t);
      else if (this.oomAt === t) this.finish(137, "OOMKilled", t, 9);
      else this.step(t);
    }
    return this.takeEffects();
  }

  private step(at: number): void {
    const { gen, ctx } = this;
    if (!gen || !ctx) return;
    this.now = ctx.now = at;
    this.wakeAt = undefined;
    const r = gen.next();
    if (r.done) return this.finish(r.value, r.value === 0 ? "Completed" : "Error", ctx.now);
    if (r.value > 0) ctx.budget = 0;
    this.wakeAt = r.value === Infinity ? undefined : at + r.value;
  }

  private finish(code: number, reason: ExitReason, atMs: number, signal?: number): void {
    if (this.state === "exited") return;
    this.now = atMs;
    this.sinks?.out.flush();
    this.sinks?.err.flush();
    this.state = "exited";
    this.exit = { code, reason, atMs, signal };
    this.gen = this.ctx = this.wakeAt = this.oomAt = undefined;
    this.daemons = undefined;
    (this.pending ??= []).push(signal === undefined ? { kind: "exit", atMs, exitCode: code, reason } : { kind: "exit", atMs, exitCode: code, reason, signal });
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

  private emitLog(stream: LogStream, line: string): void {
    (this.pending ??= []).push({ kind: "log", atMs: this.now, stream, line });
  }

  private takeEffects(): Effect[] {
    const e = this.pending;
    this.pending = undefined;
    return e ?? NO_EFFECTS;
  }

  private startDaemon(spec: DaemonSpec, at: number): void {
    const d: RunningDaemon = { spec, startedAt: at, listenAt: at + spec.listenAfterMs, listening: false, next: undefined };
    let last = this.daemons;
    while (last?.next) last = last.next;
    if (last) last.next = d;
    else this.daemons = d;
    // sh -c execs its last command: the server becomes PID 1 and decides what SIGTERM does.
    this.pid1 = spec.onSigterm;
    if (spec.listenAfterMs === 0) this.openPorts(d, at);
    this.setLoad(this.loadCpu, this.loadMem, at);
  }

  private openPorts(d: RunningDaemon, at: number): void {
    d.listening = true;
    for (const port of d.spec.ports) (this.pending ??= []).push({ kind: "listen", atMs: at, port });
  }

  private setLoad(cpuMilli: number, memoryBytes: number, at: number): void {
    this.loadCpu = cpuMilli;
    this.loadMem = memoryBytes;
    const limit = this.opts.memoryLimitBytes;
    if (limit === undefined) return;
    if (this.usage().memoryBytes > limit) this.oomAt ??= at + allocationMs(this.usage().memoryBytes);
    else this.oomAt = undefined;
  }

  private mainHooks(): ProcessHooks {
    return { ...this.sharedHooks(), startDaemon: (spec) => this.startDaemon(spec, this.now), setLoad: (cpu, mem) => this.setLoad(cpu, mem, this.now) };
  }

  private sharedHooks(): ProcessHooks {
    return {
      startDaemon: () => {},
      setLoad: () => {},
      isRunning: (name) => this.state === "running" && (this.findDaemon((d) => d.spec.name === name) !== undefined || basename(this.program.argv[0] ?? "") === name),
      isListening: (port) => this.opts.host?.podPortOpen?.(port, this.now) ?? this.isListening(port, this.now),
      signalMain: (sig) => this.handleSignal(sig, this.now),
      fileChanged: (op, path) => (this.pending ??= []).push({ kind: "file", atMs: this.now, op, path }),
      httpLocal: (port, path) => {
        const r = this.httpGet(port, path, this.now, "127.0.0.1", "Wget");
        if (r.effects.length) (this.pending ??= []).push(...r.effects);
        return "response" in r ? r.response : ({ error: "refused", host: "localhost", port } satisfies HostHttpResult);
      },
    };
  }

  private newContext(mode: "main" | "exec", hooks: ProcessHooks, shell?: string): ExecContext {
    const p = this.program;
    const argv0 = p.argv[0] ?? "sh";
    const sh = shell ?? (SHELLS.has(basename(argv0)) ? argv0 : "sh");
    return new ExecContext({
      fs: this.fs,
      hooks,
      mode,
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root", ...this.env },
      userland: p.image.userland,
      dialect: shellDialect(sh, p.image.userland),
      shellName: sh,
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
      return { exitCode: 126, output: "", durationMs: 0, timedOut: false, error, effects: NO_EFFECTS };
    }
    const ctx = this.newContext("exec", this.sharedHooks());
    return this.drive(ctx, nowMs, timeoutMs, (c, io) => runCommandByName(c, [...argv], io, runScript));
  }

  /**
   * An interactive shell (`kubectl exec -it pod -- sh`): each line runs like `sh -c line`, and variables and
   * the working directory persist between lines.
   */
  openShell(shell = "sh"): { run(line: string, nowMs: number, timeoutMs?: number): ExecResult } {
    const ctx = this.newContext("exec", this.sharedHooks(), shell);
    return { run: (line, nowMs, timeoutMs) => this.drive(ctx, nowMs, timeoutMs, (c, io) => runSource(c, line, io, runScript)) };
  }

  private drive(ctx: ExecContext, nowMs: number, timeoutMs: number | undefined, start: (ctx: ExecContext, io: { out: CaptureSink; err: CaptureSink }) => Run): ExecResult {
    const sink = new CaptureSink();
    const savedNow = this.now;
    this.now = nowMs;
    const r = driveToCompletion(ctx, wrapExit(start(ctx, { out: sink, err: sink }), sink), nowMs, timeoutMs);
    if (this.state === "running") this.now = savedNow;
    return { exitCode: r.status, output: r.timedOut ? "" : sink.text, durationMs: r.elapsedMs, timedOut: r.timedOut, effects: this.takeEffects() };
  }

  isListening(port: number, nowMs: number): boolean {
    if (this.state !== "running") return false;
    return this.findDaemon((d) => d.listenAt <= nowMs && d.spec.ports.includes(port)) !== undefined;
  }

  /** gRPC health (grpc.health.v1) on `port`: SERVING, not listening, or not a gRPC server. */
  grpcHealth(port: number, nowMs: number): "SERVING" | "refused" | "notGrpc" {
    if (!this.isListening(port, nowMs)) return "refused";
    return this.findDaemon((d) => d.spec.grpcPorts?.includes(port) === true) ? "SERVING" : "notGrpc";
  }

  /** An HTTP GET to `port` of this container (probes, Services, wget from a neighbour). */
  httpGet(port: number, path: string, nowMs: number, clientIP = "10.244.0.1", userAgent = "kube-probe/1.34"): HttpGetResult {
    const d = this.state === "running" ? this.findDaemon((x) => x.listenAt <= nowMs && x.spec.ports.includes(port)) : undefined;
    if (!d) return { error: "refused", effects: NO_EFFECTS };
    if (!d.spec.http) return { error: "eof", effects: NO_EFFECTS };
    const wallMs = this.wallMs(nowMs);
    const hostname = this.hostname();
    const response = respondHttp(d.spec.http, { path, fs: this.fs, sinceStartMs: nowMs - d.startedAt, hostname, wallMs });
    const line = accessLogLine(d.spec.http, path, response, clientIP, userAgent, wallMs);
    return { response, effects: line === undefined ? NO_EFFECTS : [{ kind: "log", atMs: nowMs, stream: "stdout", line }] };
  }

  /** CPU and memory now (resources.ts); zero once exited. */
  usage(): ResourceUsage {
    if (this.state !== "running") return { cpuMilli: 0, memoryBytes: 0 };
    const specs: DaemonSpec[] = [];
    for (let d = this.daemons; d; d = d.next) specs.push(d.spec);
    return containerUsage(specs, { cpuMilli: this.loadCpu, memoryBytes: this.loadMem });
  }

  get running(): boolean {
    return this.state === "running";
  }
  get startedAtMs(): number | undefined {
    return this.state === "created" ? undefined : this.startedAt;
  }
  /** Exit code, reason and time once the process ended. */
  get exitStatus(): { readonly exitCode: number; readonly reason: ExitReason; readonly finishedAtMs: number; readonly signal?: number } | undefined {
    if (!this.exit) return undefined;
    const { code, reason, atMs, signal } = this.exit;
    return signal === undefined ? { exitCode: code, reason, finishedAtMs: atMs } : { exitCode: code, reason, finishedAtMs: atMs, signal };
  }
  /** Ports listening now. */
  listeningPorts(nowMs: number): number[] {
    const out: number[] = [];
    if (this.state === "running") for (let d = this.daemons; d; d = d.next) if (d.listenAt <= nowMs) out.push(...d.spec.ports);
    return out;
  }
}

/** A process for `container` running `program`, with its mounts, memory limit and stdin wired. */
export function createContainerProcess(container: Container, program: Program, o: CreateProcessOptions = {}): ContainerProcess {
  return new ContainerProcess(program, {
    mounts: container.volumeMounts?.length ? resolveMounts(container.volumeMounts, o.volumes) : undefined,
    kubeletFiles: o.kubeletFiles,
    host: o.host,
    epochMs: o.epochMs,
    memoryLimitBytes: container.resources?.limits?.memory !== undefined ? containerLimits(container).memoryBytes : undefined,
    stdinOpen: container.stdin === true,
  });
}
