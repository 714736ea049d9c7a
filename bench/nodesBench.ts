// Node-side costs at scale: booting the cluster (kubelets registering, leases, kube-proxy and static pods),
// and what an idle cluster costs per simulated minute (node status and Lease heartbeats, the node
// lifecycle monitor, pod GC, probes). Not a test: it prints numbers.
//   node --max-old-space-size=4096 --expose-gc --import tsx bench/nodesBench.ts boot [NODES...]   (IDLE_MINUTES=5)
//   node --max-old-space-size=4096 --expose-gc --import tsx bench/nodesBench.ts pods NODES PODS MINUTES
import type { Pod } from "../src/engine/api/types";
import { Cluster } from "../src/engine/sim/cluster";
import { defaultClusterConfig } from "../src/engine/sim/clusterConfig";
import { benchDeployment } from "./fixtures";

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1e6;
}

function heapMiB(): string {
  global.gc?.();
  return `${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`;
}

function boot(nodes: number): { cluster: Cluster; wall: number; cpu: number } {
  global.gc?.();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers: nodes }));
  cluster.scheduler.recordDecisions = false;
  return { cluster, wall: (performance.now() - t0) / 1000, cpu: cpuSeconds(c0) };
}

/**
 * Lets the cluster run `simMinutes` simulated minutes, one minute at a time. CPU per minute is reported
 * as the median and the minimum over the minutes: on a shared machine the minimum is the steadiest.
 */
function idle(cluster: Cluster, simMinutes: number): { cpu: number; minCpu: number; medianCpu: number; tasks: number; requests: number } {
  const tasks0 = cluster.events.executed;
  const req0 = cluster.audit.lastSeq;
  const perMinute: number[] = [];
  for (let m = 0; m < simMinutes; m++) {
    const c0 = process.cpuUsage();
    cluster.advance(60_000);
    perMinute.push(cpuSeconds(c0));
  }
  const sorted = [...perMinute].sort((a, b) => a - b);
  return {
    cpu: perMinute.reduce((a, b) => a + b, 0),
    minCpu: sorted[0] ?? 0,
    medianCpu: sorted[sorted.length >> 1] ?? 0,
    tasks: cluster.events.executed - tasks0,
    requests: cluster.audit.lastSeq - req0,
  };
}


/** Boot `n` nodes, then let the idle cluster run `minutes` simulated minutes. */
function runBoot(n: number, minutes: number): void {
  const b = boot(n);
  const i = idle(b.cluster, minutes);
  console.log(
    `${String(n).padStart(5)} nodes | boot ${b.wall.toFixed(2)} s wall, ${b.cpu.toFixed(2)} s CPU | idle CPU per sim-min: median ${(i.medianCpu * 1000).toFixed(0)} ms, min ${(i.minCpu * 1000).toFixed(0)} ms (${Math.round(i.tasks / minutes)} tasks, ${Math.round(i.requests / minutes)} API requests per min, ${minutes} min) | heap ${heapMiB()}`,
  );
}

/** An idle cluster with `pods` Running pods: the steady-state cost per simulated minute. */
function runPods(n: number, pods: number, minutes: number): void {
  const b = boot(n);
  let running = 0;
  b.cluster.store.onEvent((e) => {
    if (e.resource !== "pods" || e.object.metadata.namespace !== "default") return;
    if ((e.object as Pod).status?.phase === "Running" && (e.prev as Pod | undefined)?.status?.phase !== "Running") running++;
  });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  b.cluster.api.create("kubectl", benchDeployment("bench", pods));
  b.cluster.runUntil(() => running >= pods, 60 * 60_000);
  const convWall = (performance.now() - t0) / 1000;
  const convCpu = cpuSeconds(c0);
  b.cluster.advance(60_000);
  const i = idle(b.cluster, minutes);
  console.log(
    `${String(n).padStart(5)} nodes ${pods} pods | boot ${b.wall.toFixed(2)} s | converge ${convWall.toFixed(2)} s wall ${convCpu.toFixed(2)} s CPU | idle ${minutes} sim-min ${i.cpu.toFixed(2)} s CPU (per sim-min median ${(i.medianCpu * 1000).toFixed(0)} ms, min ${(i.minCpu * 1000).toFixed(0)} ms; ${i.tasks} tasks, ${i.requests} API requests) | heap ${heapMiB()}`,
  );
  if (b.cluster.internalErrors.length) console.log(`  internal errors: ${b.cluster.internalErrors.length}, first: ${b.cluster.internalErrors[0]!.message}`);
}

const mode = process.argv[2] ?? "boot";
const args = process.argv.slice(3).map(Number);
const IDLE_MINUTES = Number(process.env.IDLE_MINUTES ?? 5);
if (mode === "boot") for (const n of args.length ? args : [100, 1_000, 5_000]) runBoot(n, IDLE_MINUTES);
else if (mode === "pods") runPods(args[0] ?? 300, args[1] ?? 30_000, args[2] ?? 10);
else console.log("usage: nodesBench.ts boot [nodes...] | pods NODES PODS MINUTES");
