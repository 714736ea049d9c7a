// Shared types of the container behaviour model. Kubelab runs no real processes: every container runs a
// small deterministic model derived from its image, command and args (in the spirit of kwok's stages).
// Programs are immutable data compiled once per (image, command, args, env); a ContainerProcess
// (runtime.ts) advances one on the simulated clock.

import type { ShellScript } from "./shellSyntax";

/** Which coreutils the image ships: decides error wording (busybox `cat: can't open 'x'` vs GNU `cat: x`). */
export type Userland = "busybox" | "gnu" | "none";

/**
 * What PID 1 does on SIGTERM. Linux ignores a signal sent to PID 1 unless the process installed a handler,
 * so `sleep 3600` or `sh -c ...` as PID 1 ignores SIGTERM and is SIGKILLed after the grace period (exit 137).
 * - exit0: graceful shutdown, exit code 0 (nginx, redis, postgres, pause ...).
 * - exit2: Go program without a handler: the runtime re-raises, PID 1 survives it, then exit(2).
 * - die: killed by the signal, exit code 128+15 = 143.
 * - ignore: keeps running until SIGKILL.
 */
export type StopBehaviour = "exit0" | "exit2" | "die" | "ignore";

/** How a server answers HTTP requests (http.ts interprets it). */
export type HttpBehaviour =
  /** Static files under docRoot; `dirStatus` for a directory without index.html (nginx 403, httpd 200 listing). */
  | { readonly kind: "static"; readonly docRoot: string; readonly dirStatus: 403 | 200; readonly server: "nginx" | "apache" }
  /** agnhost `liveness` (test/images/agnhost/liveness/server.go): /healthz 200 for 10 s after start, then 500. */
  | { readonly kind: "liveness" }
  /** agnhost `netexec` (test/images/agnhost/netexec/netexec.go). */
  | { readonly kind: "netexec" }
  /** gcr.io/google-samples/hello-app: "Hello, world!\nVersion: x\nHostname: y\n" on every path. */
  | { readonly kind: "helloApp"; readonly version: string }
  /** A fixed body with 200 on every path (http-echo, hpa-example's "OK!"); "{hostname}" is the pod's hostname. */
  | { readonly kind: "text"; readonly body: string }
  /** elazarl/goproxy: a forward proxy answers 500 to non-proxy requests. */
  | { readonly kind: "proxy" }
  /** Any path 404 (a server whose routes we do not model beyond "it is up"). */
  | { readonly kind: "notFound" };

/** A long-running server started by the program (nginx, redis-server, agnhost netexec ...). */
export interface DaemonSpec {
  /** Process name for `killall`/`pgrep` and access logs. */
  readonly name: string;
  /** TCP ports it listens on once started. */
  readonly ports: readonly number[];
  /** Ports that speak gRPC health checking (grpc.health.v1). */
  readonly grpcPorts?: readonly number[];
  readonly http?: HttpBehaviour;
  /** Delay between exec and listen (database initialisation). 0 for most servers. */
  readonly listenAfterMs: number;
  readonly onSigterm: StopBehaviour;
  /** Lines written at start-up, in order (stream, text); `{date}` is replaced by the server's log date. */
  readonly startupLogs?: readonly (readonly ["stdout" | "stderr", string])[];
  /** Idle CPU (millicores) and resident memory (bytes) once started. */
  readonly idleCpuMilli: number;
  readonly idleMemoryBytes: number;
}

export interface ImageInfo {
  /** Normalized repository, e.g. "docker.io/library/nginx" (imageRef.ts). */
  readonly repository: string;
  /** Tag of the reference ("latest" when none; "" for a digest-only reference). */
  readonly tag: string;
  /** Compressed size pulled from the registry (linux/amd64). */
  readonly sizeBytes: number;
  /** Image config ENTRYPOINT and CMD (what runs when the container sets neither command nor args). */
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly userland: Userland;
  /** Files the image ships that examples read or serve (path → content). */
  readonly files?: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  /** Image built only for Windows: pulling on a Linux node fails with "no match for platform". */
  readonly windowsOnly?: boolean;
  /** What the docker-entrypoint wrapper runs when the args start with "-" (redis: redis-server). */
  readonly entrypointDefault?: string;
  /** True when the catalogue knows this image (false: default size, runs forever). */
  readonly known: boolean;
}

/** The compiled form of what a container runs. */
export type ProgramMain =
  /** A server that runs until signalled (no clock needed: costs nothing per tick). */
  | { readonly kind: "serve"; readonly daemon: DaemonSpec }
  /**
   * A script interpreted on the simulated clock. Exec-form argv compiles to one simple command with literal
   * words (`sleep 3600`, `sh -c '...'`); a `-c` script is parsed when the container starts.
   */
  | { readonly kind: "script"; readonly script: ShellScript }
  /**
   * The runtime cannot run it. StartError: the executable is not in the image; the container terminates
   * with exit code 128 and this message. CreateContainerError: no command at all; the container waits.
   */
  | { readonly kind: "startError"; readonly reason: "StartError" | "CreateContainerError"; readonly message: string };

/** Which shell's wording to use for shell errors (`sh: can't create` vs `/bin/sh: 1: cannot create`). */
export type ShellDialect = "ash" | "dash" | "bash";

export interface Program {
  /** The argv the container runs: ENTRYPOINT/CMD merged with command/args, `$(VAR)` expanded. */
  readonly argv: readonly string[];
  readonly main: ProgramMain;
  readonly image: ImageInfo;
  /** Environment seen by the process (container env after kubelet expansion). */
  readonly env: Readonly<Record<string, string>>;
  readonly workingDir: string;
  /** SIGTERM behaviour of PID 1 when it is not a known daemon. */
  readonly onSigterm: StopBehaviour;
}

export type LogStream = "stdout" | "stderr";

/** What advancing a process produced, stamped with the simulated time it happened at. */
export type Effect =
  | { readonly kind: "log"; readonly atMs: number; readonly stream: LogStream; readonly line: string }
  | { readonly kind: "file"; readonly atMs: number; readonly op: "write" | "remove"; readonly path: string }
  | { readonly kind: "listen"; readonly atMs: number; readonly port: number }
  | { readonly kind: "exit"; readonly atMs: number; readonly exitCode: number; readonly reason: ExitReason; readonly signal?: number };

/** containerd's terminated reasons (internal/cri/server/helpers.go). */
export type ExitReason = "Completed" | "Error" | "OOMKilled" | "StartError";

/** Outbound calls a process makes into the simulated cluster. All optional: without them, names do not resolve. */
export interface ProcessHost {
  /** HTTP GET from inside the container (wget, curl). */
  httpGet?(url: string, nowMs: number): HostHttpResult;
  /** DNS lookup (nslookup, getent hosts): addresses or undefined (NXDOMAIN). */
  lookup?(name: string, nowMs: number): readonly string[] | undefined;
  /**
   * Whether any container of this pod listens on `port` (containers share the pod's network namespace:
   * `mysql -h 127.0.0.1` in a sidecar reaches mysqld in the main container). Default: this container only.
   */
  podPortOpen?(port: number, nowMs: number): boolean;
}

export type HostHttpResult =
  | { readonly status: number; readonly body: string }
  | { readonly error: "noHost" | "refused" | "timeout"; readonly host: string; readonly port: number };
