// A simple, documented model of what a container uses, for metrics-server / kubectl top / HPA and for the
// memory limit (OOMKilled):
// - a server idles at its DaemonSpec baseline (nginx 1m / 3Mi, redis 2m / 4Mi, mysql 5m / 380Mi ...);
// - a shell or `sleep` idles at 0m / 512Ki (busybox sh);
// - foreground work adds its load: perl computing π burns one core, `stress --vm 1 --vm-bytes 150M` holds
//   150 MiB (+1 MiB for stress itself), `stress --cpu 2` or vish/stress `-cpus 2` wants two cores;
// - a shell loop that never sleeps spins one core;
// - CPU is throttled to the limit (CFS quota), memory is not: above the limit the kernel OOM-kills the
//   container (exit code 137, reason OOMKilled) once the allocation has ramped up (1 GiB/s).
// Request-driven CPU (HPA's php-apache) is the traffic model's: CPU_MS_PER_REQUEST below.

import type { Container } from "../../api/types";
import { parseBytes, parseCpuMillis } from "../../apimachinery/quantity";
import type { DaemonSpec } from "./types";

export interface ResourceUsage {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

export const SHELL_IDLE: ResourceUsage = { cpuMilli: 0, memoryBytes: 512 * 1024 };

/** How fast a process allocates memory, to time an OOM kill after the start of an allocation. */
export const ALLOCATION_BYTES_PER_SECOND = 1024 ** 3;

/**
 * CPU (core-milliseconds) one HTTP request costs a server, for the traffic model. hpa-example's index.php
 * loops a million square roots: the HPA walkthrough's single busybox `wget` loop (~90 req/s) drives one
 * replica to ~600m (305% of a 200m request).
 */
export const CPU_MS_PER_REQUEST: Readonly<Record<string, number>> = { apache2: 6.5, nginx: 0.05, default: 0.2 };

/** What a running container uses: its servers' baselines, or an idle shell, plus foreground load. */
export function containerUsage(daemons: readonly DaemonSpec[], load: ResourceUsage): ResourceUsage {
  let cpu = load.cpuMilli;
  let mem = load.memoryBytes;
  if (daemons.length === 0) {
    cpu += SHELL_IDLE.cpuMilli;
    mem += SHELL_IDLE.memoryBytes;
  }
  for (const d of daemons) {
    cpu += d.idleCpuMilli;
    mem += d.idleMemoryBytes;
  }
  return { cpuMilli: cpu, memoryBytes: mem };
}

/** CPU actually consumed under a CFS quota: demand capped at the limit (no limit: the node's cores). */
export function throttledCpuMilli(demandMilli: number, limitMilli: number | undefined): number {
  return limitMilli === undefined ? demandMilli : Math.min(demandMilli, limitMilli);
}

/** Milliseconds to allocate `bytes` (when an OOM kill happens after an allocation starts). */
export function allocationMs(bytes: number): number {
  return Math.max(10, Math.ceil((bytes * 1000) / ALLOCATION_BYTES_PER_SECOND));
}

export interface ContainerLimits {
  readonly cpuMilli?: number;
  readonly memoryBytes?: number;
}

/** The container's limits.cpu / limits.memory; an unparsable quantity counts as no limit. */
export function containerLimits(container: Container): ContainerLimits {
  const limits = container.resources?.limits ?? {};
  const read = (key: string, parse: (s: string) => number) => {
    const v = limits[key];
    if (v === undefined) return undefined;
    try {
      return parse(v);
    } catch {
      return undefined;
    }
  };
  return { cpuMilli: read("cpu", parseCpuMillis), memoryBytes: read("memory", parseBytes) };
}
