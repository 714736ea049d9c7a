// `npm run bench:engine`: how fast the simulated control plane converges, at classroom size and at the
// upstream scalability envelope. Prints, per case: wall time from `apply` to every pod Running,
// scheduling throughput (pods bound per wall-clock second), simulated time taken, and peak heap.
// Not a test: it prints numbers (the README quotes them).
import type { Pod } from "../src/engine/api/types";
import { Cluster } from "../src/engine/sim/cluster";
import { defaultClusterConfig } from "../src/engine/sim/clusterConfig";
import { runTrafficBench } from "./trafficBench";
import { benchDeployment } from "./fixtures";

interface Case {
  name: string;
  nodes: number;
  pods: number;
}

const CASES: Case[] = [
  { name: "classroom", nodes: 100, pods: 3_000 },
  { name: "envelope", nodes: 5_000, pods: 150_000 },
];


let peakHeap = 0;
function sampleHeap(): void {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
}

function run(c: Case): void {
  global.gc?.();
  peakHeap = 0;
  const bootStart = performance.now();
  const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers: c.nodes }));
  cluster.scheduler.recordDecisions = false;
  const bootMs = performance.now() - bootStart;
  sampleHeap();

  let bound = 0;
  let running = 0;
  let firstBindWall = 0;
  let lastBindWall = 0;
  cluster.store.onEvent((e) => {
    if (e.resource !== "pods" || e.object.metadata.namespace !== "default") return;
    const p = e.object as Pod;
    const was = e.prev as Pod | undefined;
    if (p.spec.nodeName && !was?.spec.nodeName) {
      bound++;
      lastBindWall = performance.now();
      if (bound === 1) firstBindWall = lastBindWall;
    }
    if (p.status?.phase === "Running" && was?.status?.phase !== "Running") running++;
  });

  const simStart = cluster.now();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  cluster.api.create("kubectl", benchDeployment("bench", c.pods));
  let steps = 0;
  // A wall-clock budget (BENCH_BUDGET_S, default 600 s) so that a case far from its target still ends with
  // numbers (how far it got) instead of running for hours.
  const budgetMs = Number(process.env.BENCH_BUDGET_S ?? 600) * 1000;
  let outOfBudget = false;
  cluster.runUntil(
    () => running >= c.pods || (outOfBudget = performance.now() - t0 > budgetMs),
    60 * 60_000,
    () => {
      if (++steps % 20_000 === 0) sampleHeap();
    },
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  sampleHeap();
  const schedWall = (lastBindWall - firstBindWall) / 1000;
  const line = [
    `${c.name.padEnd(10)} ${String(c.nodes).padStart(5)} nodes ${String(c.pods).padStart(7)} pods`,
    `boot ${(bootMs / 1000).toFixed(2)} s`,
    `apply→all Running ${(wall / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (${((cluster.now() - simStart) / 1000).toFixed(1)} s simulated)`,
    `${cluster.events.executed} tasks, ${cluster.audit.lastSeq} API requests`,
    `scheduling ${schedWall > 0 ? Math.round(bound / schedWall) : "n/a"} pods/s`,
    `peak heap ${(peakHeap / 1024 / 1024).toFixed(0)} MiB`,
    running >= c.pods ? "" : `NOT CONVERGED (${running}/${c.pods} running${outOfBudget ? ` when the ${budgetMs / 1000} s budget ran out` : ""})`,
  ];
  console.log(line.filter(Boolean).join(" | "));
  if (cluster.internalErrors.length) console.log(`  internal errors: ${cluster.internalErrors.length}, first: ${cluster.internalErrors[0]!.message}`);
}

const only = process.argv[2];
for (const c of CASES) if (!only || c.name === only) run(c);
// Issue 3's case: 1,000 Services over 30,000 pods, 10,000 requests/s for 10 simulated minutes.
if (!only || only === "traffic") runTrafficBench();
