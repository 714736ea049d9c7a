// Traffic benchmark (issue 3): 1,000 Services over 30,000 pods, 10,000 requests/s of simulated traffic for
// 10 simulated minutes. Prints the wall time of those 10 minutes with and without traffic, the speed-up over
// real time and the cost per request. Target: at least 100× faster than real time.
// Pods are created already bound to nodes (100 per node on 300 workers) so that the set-up measures the
// kubelets and endpoint controllers, not the scheduler (which bench/engine.bench.ts measures).
// Run alone: node --max-old-space-size=4096 --expose-gc --import tsx bench/trafficBench.ts
import { pathToFileURL } from "node:url";
import type { KubeObject, Pod } from "../src/engine/api/types";
import { Cluster } from "../src/engine/sim/cluster";
import { defaultClusterConfig } from "../src/engine/sim/clusterConfig";

const SERVICES = 1_000;
const PODS_PER_SERVICE = 30;
const NODES = 300;
const RATE_PER_SERVICE = 10;
const SIM_MS = 10 * 60_000;

function pod(svc: number, i: number, node: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `svc-${svc}-${i}`, namespace: "default", labels: { app: `svc-${svc}` } },
    spec: { nodeName: node, containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: { requests: { cpu: "10m", memory: "16Mi" } } }] },
  } as unknown as KubeObject;
}

function service(svc: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: `svc-${svc}`, namespace: "default" },
    spec: { selector: { app: `svc-${svc}` }, ports: [{ port: 80, targetPort: 80 }] },
  } as unknown as KubeObject;
}

function build(): Cluster {
  const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers: NODES }));
  cluster.scheduler.recordDecisions = false;
  for (let s = 0; s < SERVICES; s++) cluster.api.create("kubectl", service(s), "default");
  let n = 0;
  for (let s = 0; s < SERVICES; s++) {
    for (let i = 0; i < PODS_PER_SERVICE; i++) cluster.api.create("kubectl", pod(s, i, `node-${(n++ % NODES) + 1}`), "default");
  }
  let running = 0;
  cluster.store.onEvent((e) => {
    if (e.resource === "pods" && (e.object as Pod).status?.phase === "Running" && (e.prev as Pod | undefined)?.status?.phase !== "Running") running++;
  });
  cluster.runUntil(() => running >= SERVICES * PODS_PER_SERVICE, 10 * 60_000);
  // Let endpoint controllers and kube-proxy catch up.
  cluster.advance(30_000);
  return cluster;
}

export interface TrafficBenchResult {
  setupWallMs: number;
  baselineWallMs: number;
  trafficWallMs: number;
  requests: number;
  ok: number;
  speedup: number;
  /** CPU time of this process (less sensitive than wall time to other work on the machine). */
  nsPerRequest: number;
  baselineCpuMs: number;
  trafficCpuMs: number;
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

export function runTrafficBench(): TrafficBenchResult {
  globalThis.gc?.();
  const t0 = performance.now();
  const cluster = build();
  const setupWallMs = performance.now() - t0;

  // Each measured window starts from a collected heap, so neither pays for the other's (or the set-up's)
  // garbage; what a window allocates is still collected, and counted, within it.
  globalThis.gc?.();
  const b0 = performance.now();
  const bc = process.cpuUsage();
  cluster.advance(SIM_MS);
  const baselineWallMs = performance.now() - b0;
  const baselineCpuMs = cpuMs(process.cpuUsage(bc));

  for (let s = 0; s < SERVICES; s++) {
    const r = cluster.network.traffic;
    r.start({ name: `load-${s}`, namespace: "default", to: `svc-${s}`, host: `svc-${s}`, port: 80, path: "/", rate: RATE_PER_SERVICE, burst: false, clients: 1, url: false });
  }
  globalThis.gc?.();
  const w0 = performance.now();
  const wc = process.cpuUsage();
  cluster.advance(SIM_MS);
  const trafficWallMs = performance.now() - w0;
  const trafficCpuMs = cpuMs(process.cpuUsage(wc));

  let requests = 0;
  let ok = 0;
  for (const g of cluster.network.traffic.list()) {
    requests += g.sent;
    ok += g.ok;
  }
  const extra = Math.max(0, trafficCpuMs - baselineCpuMs);
  const result: TrafficBenchResult = {
    setupWallMs,
    baselineWallMs,
    trafficWallMs,
    requests,
    ok,
    speedup: SIM_MS / trafficWallMs,
    nsPerRequest: (extra * 1e6) / Math.max(1, requests),
    baselineCpuMs,
    trafficCpuMs,
  };
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`traffic: ${SERVICES} Services over ${SERVICES * PODS_PER_SERVICE} pods on ${NODES} nodes, ${SERVICES * RATE_PER_SERVICE} req/s for ${SIM_MS / 60_000} simulated minutes`);
  console.log(`  set-up (pods Running, endpoints synced): ${s(setupWallMs)} wall`);
  console.log(`  10 min without traffic: ${s(baselineWallMs)} wall, ${s(baselineCpuMs)} CPU`);
  console.log(`  10 min with traffic:    ${s(trafficWallMs)} wall, ${s(trafficCpuMs)} CPU → ${result.speedup.toFixed(0)}× real time (target ≥ 100×)`);
  console.log(`  requests: ${requests.toLocaleString("en-US")} (${ok.toLocaleString("en-US")} ok), ${result.nsPerRequest.toFixed(0)} ns of CPU per request over the baseline`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runTrafficBench();
