// The state a running script sees: filesystem, variables, clock, output sinks and hooks into its process.
// One ExecContext per process (the container's main program) and one per exec session (probe, hook,
// `kubectl exec`), both over the same ContainerFs.

import type { ContainerFs } from "./containerFs";
import type { DaemonSpec, HostHttpResult, ProcessHost, ShellDialect, Userland } from "./types";

/** Where output goes: the container log, a file, a pipe buffer, or nowhere. */
export interface Sink {
  write(text: string): void;
}

export const NULL_SINK: Sink = { write() {} };

/** Collects output (command substitution, pipelines, exec sessions). */
export class CaptureSink implements Sink {
  text = "";
  write(text: string): void {
    this.text += text;
  }
}

/** A readable stream with a cursor, so `while read line` consumes it line by line. */
export class Stdin {
  private pos = 0;
  constructor(private readonly text: string) {}
  readLine(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf("\n", this.pos);
    const end = nl < 0 ? this.text.length : nl;
    const line = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return line;
  }
  readAll(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }
}

/** A command's standard streams. `stdin` undefined means /dev/null (containers run without stdin). */
export interface Io {
  readonly stdin?: Stdin;
  readonly out: Sink;
  readonly err: Sink;
}

/** What a script can ask of the process it runs in. */
export interface ProcessHooks {
  /** A server program started in the foreground: its ports open after listenAfterMs. */
  startDaemon(spec: DaemonSpec): void;
  /** CPU and memory of the current foreground work (perl computing pi, stress); 0 when idle. */
  setLoad(cpuMilli: number, memoryBytes: number): void;
  /** `killall -0 name`, `pgrep`: is a process of that name alive in the container? */
  isRunning(name: string): boolean;
  /** Whether something in the container listens on this TCP port now. */
  isListening(port: number): boolean;
  /** `nginx -s quit`, `kill 1`: ask the main process to stop; false if nothing to signal. */
  signalMain(signal: "TERM" | "QUIT" | "KILL"): boolean;
  /** A file was written or removed (reported as an Effect). */
  fileChanged(op: "write" | "remove", path: string): void;
  /** An HTTP GET to a port of this pod's network namespace when no host is wired (localhost). */
  httpLocal(port: number, path: string): HostHttpResult;
}

/** Generator protocol of the interpreter: yields a wait in ms (Infinity = forever), returns an exit status. */
export type Run = Generator<number, number, void>;

/** Thrown by `exit` (and by errexit) to unwind to the top of the script. */
export class ShellExit {
  constructor(readonly code: number) {}
}

/** Commands run before a script that never waits is considered a busy loop (`while true; do :; done`). */
export const BUSY_LOOP_BUDGET = 2000;

export interface ContextOptions {
  readonly fs: ContainerFs;
  readonly hooks: ProcessHooks;
  /** "main": unknown commands are presumed servers and run forever; "exec": they succeed at once. */
  readonly mode: "main" | "exec";
  readonly env: Readonly<Record<string, string>>;
  readonly userland: Userland;
  readonly dialect: ShellDialect;
  /** The shell's name in its own error messages ($0 of `sh -c`): "sh", "/bin/sh", "bash". */
  readonly shellName: string;
  readonly cwd: string;
  /** Wall clock (ms since the Unix epoch) at simulated time 0, for `date`. */
  readonly epochMs: number;
  readonly host?: ProcessHost;
  readonly positional?: readonly string[];
  /** The image this runs in: some programs answer differently per image (apache2-foreground, hello-app). */
  readonly image: { readonly repository: string; readonly tag: string };
}

export class ExecContext {
  readonly fs: ContainerFs;
  readonly hooks: ProcessHooks;
  readonly mode: "main" | "exec";
  readonly userland: Userland;
  /** The shell running the current script (a nested `bash -c` changes it for its duration). */
  dialect: ShellDialect;
  shellName: string;
  readonly host: ProcessHost | undefined;
  readonly image: { readonly repository: string; readonly tag: string };
  readonly vars = new Map<string, string>();
  /** Exported names in first-export order (printenv order). */
  readonly exported = new Set<string>();
  positional: string[];
  cwd: string;
  lastStatus = 0;
  /** Simulated time of the step being executed (set by the runtime before each resume). */
  now = 0;
  /** Commands run since the clock last moved (BUSY_LOOP_BUDGET). */
  budget = 0;
  errexit = false;
  /** `set -x`: each command is traced to stderr as "+ cmd args" ("++" inside $(...)). */
  xtrace = false;
  /** Nesting of command substitutions, for the xtrace prefix. */
  substDepth = 0;
  /** Stderr of the command being expanded, so `$(cat missing)` errors reach the log like in a shell. */
  stderr: Sink = NULL_SINK;
  /** > 0 inside if/while conditions and non-final && || members, where errexit does not apply. */
  condDepth = 0;
  private readonly epochMs: number;

  constructor(o: ContextOptions) {
    this.fs = o.fs;
    this.hooks = o.hooks;
    this.mode = o.mode;
    this.userland = o.userland;
    this.dialect = o.dialect;
    this.shellName = o.shellName;
    this.host = o.host;
    this.image = o.image;
    this.cwd = o.cwd;
    this.epochMs = o.epochMs;
    this.positional = [...(o.positional ?? [o.shellName])];
    for (const [k, v] of Object.entries(o.env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
  }

  /** Wall-clock ms since the Unix epoch, for `date` and log timestamps. */
  wallMs(): number {
    return this.epochMs + this.now;
  }

  /** The environment a child command sees, in export order. */
  environ(): [string, string][] {
    const out: [string, string][] = [];
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) out.push([k, v]);
    }
    return out;
  }

  hostname(): string {
    return this.vars.get("HOSTNAME") ?? "localhost";
  }

  /** The prefix of a shell-level error: "sh: ", "/bin/sh: 1: " (dash), "bash: line 1: ". */
  shellErrorPrefix(): string {
    if (this.dialect === "dash") return `${this.shellName}: 1: `;
    if (this.dialect === "bash") return `${this.shellName}: line 1: `;
    return `${this.shellName}: `;
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `date` with no arguments in a container (TZ unset = UTC): "Wed Jan  1 00:00:05 UTC 2025". */
export function formatDate(wallMs: number): string {
  const d = new Date(wallMs);
  const day = String(d.getUTCDate()).padStart(2, " ");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} UTC ${d.getUTCFullYear()}`;
}

/** Server log timestamps: nginx/Go "2025/01/01 00:00:05", redis "01 Jan 2025 00:00:05.000". */
export function formatLogDate(wallMs: number, style: "nginx" | "redis"): string {
  const d = new Date(wallMs);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (style === "redis") return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${time}`;
}
