// The kube-scheduler alone: µs per pod for a plain Deployment's pods (requests set, default plugins, the
// default PodTopologySpread system constraints through the ReplicaSet's selector).
//
//   node --max-old-space-size=4096 --expose-gc --import tsx bench/schedulerBench.ts [nodes] [pods] [mode]
//
// mode `direct` (default): drives the scheduler's cache, queue and scheduleOne exactly in the order the
//   KubeScheduler component does (informer add → queue, pop → scheduleOne → assume, the Binding observed
//   → confirm, kubelet status updates → cache.updatePod, the node's image list after the first pull), with
//   no API server, controllers or kubelets around it. Everything timed is the scheduler's own work.
// mode `harness`: direct mode's object building alone (no scheduler code): the part of its numbers that
//   is the bench's, to subtract.
// mode `cluster`: a whole Cluster (defaultClusterConfig) with a Deployment; the scheduler's entry points
//   are timed (its informer handlers and scheduling cycles, minus its API calls).
// Without arguments: direct mode at 100 nodes / 3,000 pods and 5,000 nodes / 150,000 pods.
// `digest` (direct mode) prints a hash of every decision (node names, FailedScheduling messages) so that
// two versions of the scheduler can be compared on the same input.
import { readFileSync } from "node:fs";
import { PerformanceObserver } from "node:perf_hooks";
import type { Node, Pod } from "../src/engine/api/types";
import { SchedulerCache } from "../src/engine/scheduler/cache";
import { KubeScheduler } from "../src/engine/scheduler/kubeScheduler";
import { newDefaultFramework } from "../src/engine/scheduler/plugins/registry";
import { scheduleOne, type SchedulerState } from "../src/engine/scheduler/scheduleOne";
import { SchedulingQueue } from "../src/engine/scheduler/schedulingQueue";
import { ApiClient } from "../src/engine/client/apiClient";
import { EventRecorder } from "../src/engine/client/eventRecorder";
import { Cluster } from "../src/engine/sim/cluster";
import { defaultClusterConfig } from "../src/engine/sim/clusterConfig";
import { SeededRandom } from "../src/engine/sim/random";

const ZONES = ["zone-a", "zone-b", "zone-c"];
const PRELOADED = ["registry.k8s.io/pause:3.10", "registry.k8s.io/kube-proxy:v1.34.0", "registry.k8s.io/coredns/coredns:v1.12.1"];

function node(name: string, i: number, images: string[]): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      uid: `node-uid-${i}`,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "topology.kubernetes.io/zone": ZONES[i % ZONES.length]!,
      },
      annotations: { "node.alpha.kubernetes.io/ttl": "0" },
    },
    spec: { podCIDR: `10.244.${i}.0/24` },
    status: {
      capacity: { cpu: "4", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "8Gi", pods: "110" },
      allocatable: { cpu: "4", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "8Gi", pods: "110" },
      conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }],
      images: images.map((n) => ({ names: [n], sizeBytes: n.startsWith("nginx") ? 72_200_000 : 50_000_000 })),
    },
  } as unknown as Node;
}

const HASH = "5744fdf7d4";
const SELECTOR = { matchLabels: { app: "bench" } };

function pod(i: number): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `bench-${HASH}-`,
      namespace: "default",
      labels: { app: "bench", "pod-template-hash": HASH },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: `bench-${HASH}`, uid: "rs-uid", controller: true, blockOwnerDeletion: true }],
      name: `bench-${HASH}-${i.toString(36)}`,
      uid: `pod-uid-${i}`,
      resourceVersion: String(i),
    },
    spec: {
      containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { cpu: "10m", memory: "16Mi" } }, imagePullPolicy: "IfNotPresent" }],
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    },
    status: { phase: "Pending", qosClass: "Burstable" },
  } as unknown as Pod;
}

function withStatus(p: Pod, phase: string, step: number): Pod {
  return { ...p, metadata: { ...p.metadata, resourceVersion: `${p.metadata.resourceVersion}-${step}` }, status: { ...p.status, phase, conditions: [{ type: "PodScheduled", status: "True" }], podIP: `10.0.0.${step}` } } as Pod;
}

/** FNV-1a over the decisions, to compare two versions of the scheduler on the same input. */
class Digest {
  private h = 0x811c9dc5;
  add(s: string): void {
    for (let i = 0; i < s.length; i++) this.h = Math.imul(this.h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    this.h = Math.imul(this.h ^ 10, 0x01000193) >>> 0;
  }
  get hex(): string {
    return this.h.toString(16).padStart(8, "0");
  }
}

/**
 * CPU time of the main thread in µs: /proc/<pid>/task/<pid>/schedstat (Linux) counts only the thread that
 * runs the scheduler, not V8's compiler and GC helper threads, which process.cpuUsage() adds in.
 */
function mainThreadCpuUs(): number {
  try {
    return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1000;
  } catch {
    const u = process.cpuUsage();
    return u.user + u.system;
  }
}

/**
 * GC pauses, as [start, duration] (ms): the observer hears of them asynchronously, so a run records its
 * window and sums them afterwards. The bench's own objects (the pods, as the API server keeps them) are
 * in the heap too: GC is not all the scheduler's.
 */
const gcPauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push([e.startTime, e.duration]);
}).observe({ entryTypes: ["gc"] });

async function gcMsBetween(from: number, to: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  let ms = 0;
  for (const [start, duration] of gcPauses) if (start >= from && start < to) ms += duration;
  return ms;
}

interface Result {
  usPerPod: number;
  cpuUsPerPod: number;
  /** Main-thread CPU (µs per pod): the scheduler's own, plus GC pauses and the bench's object building. */
  mainUsPerPod: number;
  /** The run's window (performance.now ms), for gcMsBetween. */
  from: number;
  to: number;
  heapMiB: number;
  digest: string;
  scheduled: number;
}

/**
 * Mirrors KubeScheduler's sequence for one Deployment of `pods` replicas on `nodes` workers. `harnessOnly`:
 * the same objects are built but no scheduler code runs (pods go round-robin): the bench's own cost.
 */
function runDirect(nodes: number, pods: number, harnessOnly = false): Result {
  global.gc?.();
  const cache = new SchedulerCache();
  const random = new SeededRandom(1);
  const fwk = newDefaultFramework(cache, {
    defaultSelectorInputs: () => ({ serviceSelectors: [], ownerSelector: SELECTOR }),
    namespaceLabels: () => undefined,
  });
  const queue = new SchedulingQueue(fwk, { startTime: 0 });
  const nominated = (n: string) => queue.nominator.nominatedPodsForNode(n);
  const state: SchedulerState = { nextStartNodeIndex: 0 };
  const digest = new Digest();
  const nodeObjs: Node[] = [];
  const pulled = new Set<string>();
  let timed = 0;
  let now = 0;

  for (let i = 0; i < nodes; i++) {
    const n = node(`node-${i + 1}`, i, PRELOADED);
    nodeObjs.push(n);
    if (harnessOnly) continue;
    cache.addNode(n);
    queue.nodeAdded(n, now);
  }
  const pending: Pod[] = [];
  const hasPodsToPop = () => (harnessOnly ? pending.length > 0 : queue.hasPodsToPop());
  let t = 0;

  const byUid = new Map<string, Pod>();
  // Bound pods not yet confirmed (the Binding's watch event) and not yet updated by their kubelet.
  const bound: Pod[] = [];
  let boundTotal = 0;
  let created = 0;
  let burst = 1;
  let confirmed = 0;
  let scheduled = 0;
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuUs();
  const from = performance.now();
  while (scheduled < pods) {
    // ReplicaSet slow start: 1, 2, 4, ... 500 creations, each seen by the scheduler's informer.
    if (!hasPodsToPop() && created < pods) {
      const n = Math.min(burst, pods - created, 500);
      t = performance.now();
      for (let k = 0; k < n; k++) {
        const p = pod(created++);
        byUid.set(p.metadata.uid, p);
        if (harnessOnly) pending.push(p);
        else queue.add(p, now);
      }
      timed += performance.now() - t;
      burst *= 2;
    }
    now += 1;
    t = performance.now();
    let nodeName: string;
    let latest: Pod;
    if (harnessOnly) {
      latest = pending.shift()!;
      nodeName = nodeObjs[scheduled % nodes]!.metadata.name;
    } else {
      const qp = queue.pop();
      if (!qp) throw new Error("queue empty");
      latest = byUid.get(qp.podInfo.uid)!;
      const out = scheduleOne(qp.podInfo, cache, {
        framework: fwk,
        random: random.fn,
        state,
        nominatedPodsForNode: queue.nominator.hasNominatedPods() ? nominated : undefined,
        recordDecision: false,
      });
      if (out.kind !== "scheduled") {
        const msg = out.kind === "unschedulable" ? out.fitError.error() : out.message;
        throw new Error(`unexpected: ${msg}`);
      }
      nodeName = out.nodeName;
      cache.assumePod(latest, nodeName, qp.podInfo);
      queue.done(latest.metadata.uid);
    }
    timed += performance.now() - t;
    digest.add(nodeName);
    scheduled++;
    bound.push({ ...latest, spec: { ...latest.spec, nodeName } });
    boundTotal++;

    // The Binding comes back through the pod informer one cycle later: podUpdated(unbound → bound).
    while (confirmed < boundTotal - 1) {
      confirmed++;
      const b = bound[bound.length - (boundTotal - confirmed) - 1]!;
      const old = byUid.get(b.metadata.uid)!;
      byUid.set(b.metadata.uid, b);
      // The kubelet pulls nginx once per node: its Node status gains the image.
      const nodeName = b.spec.nodeName!;
      let nodeUpdate: [Node, Node] | undefined;
      if (!pulled.has(nodeName)) {
        pulled.add(nodeName);
        const idx = Number(nodeName.slice(5)) - 1;
        nodeUpdate = [nodeObjs[idx]!, node(nodeName, idx, [...PRELOADED, "nginx:1.27"])];
        nodeObjs[idx] = nodeUpdate[1];
      }
      if (harnessOnly) continue;
      t = performance.now();
      queue.delete(old);
      cache.addPod(b);
      queue.assignedPodAdded(b, now);
      if (nodeUpdate) {
        cache.updateNode(nodeUpdate[0], nodeUpdate[1]);
        queue.nodeUpdated(nodeUpdate[0], nodeUpdate[1], now);
      }
      timed += performance.now() - t;
    }
    // The kubelet's status updates (Pending with conditions, Running, Ready) a few cycles later.
    if (bound.length >= 6) {
      const p0 = byUid.get(bound.shift()!.metadata.uid)!;
      const p1 = withStatus(p0, "Pending", 1);
      const p2 = withStatus(p1, "Running", 2);
      const p3 = withStatus(p2, "Running", 3);
      byUid.set(p3.metadata.uid, p3);
      if (harnessOnly) continue;
      t = performance.now();
      cache.updatePod(p0, p1);
      queue.assignedPodUpdated(p0, p1, now);
      cache.updatePod(p1, p2);
      queue.assignedPodUpdated(p1, p2, now);
      cache.updatePod(p2, p3);
      queue.assignedPodUpdated(p2, p3, now);
      timed += performance.now() - t;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const main = mainThreadCpuUs() - main0;
  const to = performance.now();
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;
  return { from, to, mainUsPerPod: main / pods, usPerPod: (timed * 1000) / pods, cpuUsPerPod: (cpu.user + cpu.system) / pods, heapMiB: heap, digest: digest.hex, scheduled };
}

/** Times the KubeScheduler's entry points inside a whole Cluster; its API calls are not counted. */
function runCluster(nodes: number, pods: number): Result {
  global.gc?.();
  let depth = 0;
  let start = 0;
  let total = 0;
  const inside = (proto: Record<string, unknown>, name: string) => {
    const f = proto[name] as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...a: unknown[]) {
      if (depth++ === 0) start = performance.now();
      try {
        return f.apply(this, a);
      } finally {
        if (--depth === 0) total += performance.now() - start;
      }
    };
  };
  const outside = (proto: Record<string, unknown>, name: string) => {
    const f = proto[name] as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...a: unknown[]) {
      if (depth === 0) return f.apply(this, a);
      const saved = depth;
      total += performance.now() - start;
      depth = 0;
      try {
        return f.apply(this, a);
      } finally {
        depth = saved;
        start = performance.now();
      }
    };
  };
  const ks = KubeScheduler.prototype as unknown as Record<string, unknown>;
  for (const m of ["podAdded", "podUpdated", "podDeleted", "scheduleNext"]) inside(ks, m);
  const sc = SchedulerCache.prototype as unknown as Record<string, unknown>;
  for (const m of ["addNode", "updateNode", "removeNode"]) inside(sc, m);
  const sq = SchedulingQueue.prototype as unknown as Record<string, unknown>;
  for (const m of ["nodeAdded", "nodeUpdated", "nodeDeleted", "tick"]) inside(sq, m);
  const api = ApiClient.prototype as unknown as Record<string, unknown>;
  for (const m of Object.getOwnPropertyNames(ApiClient.prototype)) if (m !== "constructor" && typeof api[m] === "function") outside(api, m);
  outside(EventRecorder.prototype as unknown as Record<string, unknown>, "event");

  const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers: nodes }));
  cluster.scheduler.recordDecisions = false;
  total = 0;
  let running = 0;
  cluster.store.onEvent((e) => {
    if (e.resource !== "pods" || e.object.metadata.namespace !== "default") return;
    const p = e.object as Pod;
    if (p.status?.phase === "Running" && (e.prev as Pod | undefined)?.status?.phase !== "Running") running++;
  });
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuUs();
  const wall0 = performance.now();
  cluster.api.create("kubectl", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "bench", namespace: "default" },
    spec: { replicas: pods, selector: SELECTOR, template: { metadata: { labels: { app: "bench" } }, spec: pod(0).spec } },
  } as never);
  const ok = cluster.runUntil(() => running >= pods, 60 * 60_000);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  if (!ok) console.log(`NOT CONVERGED (${running}/${pods})`);
  console.log(`  whole cluster: ${(wall / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  return { from: wall0, to: wall0 + wall, mainUsPerPod: (mainThreadCpuUs() - main0) / pods, usPerPod: (total * 1000) / pods, cpuUsPerPod: (cpu.user + cpu.system) / pods, heapMiB: process.memoryUsage().heapUsed / 1024 / 1024, digest: "-", scheduled: running };
}

async function report(mode: string, nodes: number, pods: number): Promise<void> {
  const r = mode === "cluster" ? runCluster(nodes, pods) : runDirect(nodes, pods, mode === "harness");
  const gc = ((await gcMsBetween(r.from, r.to)) * 1000) / pods;
  const what = mode === "cluster" ? "whole cluster" : "loop";
  console.log(
    `${mode.padEnd(7)} ${String(nodes).padStart(5)} nodes ${String(pods).padStart(7)} pods | ${what}: main thread ${r.mainUsPerPod.toFixed(1)} µs/pod CPU ` +
      `(GC pauses ${gc.toFixed(1)}), all threads ${r.cpuUsPerPod.toFixed(1)} | scheduler calls ${r.usPerPod.toFixed(1)} µs/pod wall | heap ${r.heapMiB.toFixed(0)} MiB | digest ${r.digest}`,
  );
}

const [nodesArg, podsArg, modeArg] = process.argv.slice(2);
const mode = modeArg ?? "direct";
// A short run first, so that the numbers are the JIT-compiled scheduler's (as it is a few seconds into a run).
if (mode !== "cluster") runDirect(50, 1_000, mode === "harness");
if (nodesArg) await report(mode, Number(nodesArg), Number(podsArg ?? Number(nodesArg) * 30));
else {
  await report("direct", 100, 3_000);
  await report("direct", 5_000, 150_000);
}
