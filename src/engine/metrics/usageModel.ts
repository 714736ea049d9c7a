// The usage model behind metrics-server (and behind the traffic model's capacity and latency):
//
//   container CPU  = idle baseline of what it runs (behaviour model: nginx 1m, mysqld 5m, a shell 0m …)
//                  + foreground load (stress, perl, a busy shell loop: the live process reports it)
//                  + requests served per second × CPU per request of its server (CPU_MS_PER_REQUEST:
//                    apache2 running hpa-example's index.php 6.5 core-ms, nginx 0.05, others 0.2)
//                  capped at limits.cpu (CFS throttling; without a limit, at the node's cores)
//   container memory = the behaviour model's resident memory (servers' baselines, stress --vm-bytes …)
//
// One core-millisecond per second is one millicore, so `rps × cpuMs` is already in millicores.
// The HPA walkthrough checks out: a busybox `while sleep 0.01; do wget …; done` loop sends ~83 req/s,
// which asks 83 × 6.5 ≈ 540m of php-apache and is throttled at its 500m limit: 250% of the 200m request.
import type { Container } from "../api/types";
import { CPU_MS_PER_REQUEST, containerLimits } from "../kubelet/behaviour/resources";

/** CPU (core-ms) one request costs the server program `server` (a DaemonSpec name). */
export function cpuMsPerRequest(server: string | undefined): number {
  return (server !== undefined ? CPU_MS_PER_REQUEST[server] : undefined) ?? CPU_MS_PER_REQUEST.default ?? 0.2;
}

/** limits.cpu in millicores, or undefined when the container has none. */
export function cpuLimitMilli(c: Container | undefined): number | undefined {
  return c ? containerLimits(c).cpuMilli : undefined;
}

/** Requests per second a server can complete with `cpuMilli` of CPU at its per-request cost. */
export function capacityRps(cpuMilli: number, cpuMs: number): number {
  return cpuMs > 0 ? cpuMilli / cpuMs : Infinity;
}

/** CPU a container uses: baseline + load + request work, throttled at the limit (or the node's cores). */
export function containerCpuMilli(baselineMilli: number, rps: number, cpuMs: number, limitMilli: number | undefined, nodeCpuMilli: number): number {
  const demand = baselineMilli + rps * cpuMs;
  const cap = limitMilli ?? nodeCpuMilli;
  return demand > cap ? cap : demand;
}

/**
 * Latency of one request at a server whose CPU is `utilization` busy (0..1): its service time stretched by
 * queueing as an M/M/1 server would, 1/(1−ρ), with ρ capped at 0.95 (a 20× stretch) — beyond that the
 * excess is not served at all (the traffic model counts it as overload errors).
 */
export function serverLatencyMs(cpuMs: number, utilization: number): number {
  const rho = utilization < 0 ? 0 : utilization > 0.95 ? 0.95 : utilization;
  return cpuMs / (1 - rho);
}

/** Network round trips (documented constants): same node, across nodes, from outside the cluster. */
export const NETWORK_LATENCY_MS = {
  sameNode: 0.05,
  crossNode: 0.25,
  /** Client → load balancer or node port, outside the cluster. */
  external: 1,
  /** One extra proxy hop (ingress-nginx). */
  proxyHop: 0.3,
} as const;
