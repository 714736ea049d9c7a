// Options and results of ContainerProcess (runtime.ts).

import type { Mount, VolumeStore } from "./containerFs";
import type { HttpResponse } from "./http";
import type { Effect, ProcessHost } from "./types";

export interface ProcessOptions {
  /** Volume mounts (containerFs.ts resolveMounts); files under them outlive this process. */
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
  /**
   * The environment the process sees, instead of program.env: a pod's own (HOSTNAME, resolved env) while
   * the template's program is shared by every replica.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** env.HOSTNAME, when known without building `env` (see ModelContainer in kubelet/runtimeAdapter.ts). */
  readonly hostname?: string;
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

export interface CreateProcessOptions {
  /** The pod's volumes; container.volumeMounts are resolved against it. */
  readonly volumes?: VolumeStore;
  readonly kubeletFiles?: ReadonlyMap<string, string>;
  readonly host?: ProcessHost;
  readonly epochMs?: number;
}
