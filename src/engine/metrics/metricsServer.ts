// MetricsServer: the simulated metrics-server (kubernetes-sigs/metrics-server) serving metrics.k8s.io.
// Every --metric-resolution (15 s) it scrapes each running node's kubelet for its pods' containers and
// the node itself, and serves the latest samples. Like upstream, a CPU rate needs two scrapes, so a new
// pod (or a rebooted node) has no metrics until its second scrape ("metrics not available yet"); pods on a
// node whose kubelet cannot be reached drop out of the answers, as does the node.
// The usage model is usageModel.ts: idle baseline (behaviour model, or SYSTEM_IMAGE_USAGE for the
// control-plane images) + CPU of the requests served in the window, throttled at limits.cpu.
// mirrors metrics-server pkg/scraper (scrape loop), pkg/storage (two-point rate, pod and node storage).
import type { Node, Pod } from "../api/types";
import { parseCpuMillis } from "../apimachinery/quantity";
import type { Informer } from "../client/informer";
import type { SharedInformers } from "../client/sharedInformers";
import type { ResourceUsage } from "../kubelet/behaviour/resources";
import type { EventQueue } from "../sim/eventQueue";
import type { ContainerMetrics, LoadSource, MetricsApi, NodeMetrics, PodMetrics } from "./metricsApi";
import { NODE_SYSTEM_USAGE, systemImageUsage } from "./systemUsage";
import { containerCpuMilli, cpuLimitMilli, cpuMsPerRequest } from "./usageModel";

/** metrics-server --metric-resolution default. */
export const METRIC_RESOLUTION_MS = 15_000;

/** What the kubelets report about containers (PodRuntime implements it). */
export interface PodUsageSource {
  usage(pod: Pod): readonly { name: string; usage: ResourceUsage }[];
  servingContainer(pod: Pod): { name: string; server: string | undefined } | undefined;
}

/** LoadSource with a cumulative counter, so a window's average rate is exact. */
export interface CumulativeLoadSource extends LoadSource {
  servedTotal(podUid: string): number;
  /** The pod's live counter record, if it has one, so a scrape can keep it instead of looking it up. */
  recordOf?(podUid: string): { readonly demand: number } | undefined;
}

/**
 * One pod's scrape state: its last cumulative point and, once it has two, its latest sample (kept compact:
 * the PodMetrics object is built when someone reads it). Reused across scrapes: no allocation per pod.
 */
interface Point {
  at: number;
  served: number;
  /** The scrape that last saw the pod (older points belong to pods that are gone). */
  scrape: number;
  /** The scrape the sample below belongs to (0: none yet). */
  sampled: number;
  pod: Pod;
  node: string;
  windowMs: number;
  rps: number;
  running: readonly { name: string; usage: ResourceUsage }[];
  built: PodMetrics | undefined;
  /** The sample's CPU and memory summed over containers (for the node), reused while nothing changed. */
  cpu: number;
  mem: number;
  /** The pod's spec-derived data and its node's CPU, valid while `pod` is the same object. */
  st: PodStatic | undefined;
  nodeCpu: number;
  /** The pod's traffic counters (LoadSource.recordOf) once it has any. */
  load: { readonly demand: number } | undefined;
}

/** What a pod's spec says, computed once per pod object: limits, system-image overrides, the server. */
interface PodStatic {
  readonly limits: ReadonlyMap<string, number | undefined>;
  readonly overrides: ReadonlyMap<string, ResourceUsage | undefined>;
  readonly serving: string | undefined;
  readonly cpuMs: number;
}

const NONE: readonly { name: string; usage: ResourceUsage }[] = [];

export interface MetricsServerDeps {
  readonly informers: SharedInformers;
  readonly events: EventQueue;
  readonly usage: PodUsageSource;
  readonly load: CumulativeLoadSource;
  readonly nodeUp: (node: string) => boolean;
  /** The node's kubelet (its `alive` flag), kept per pod instead of looked up on every scrape. */
  readonly nodeAgent?: (node: string) => { readonly alive: boolean } | undefined;
}

const nano = (milli: number): number => Math.round(milli * 1e6) / 1e6;

export class MetricsServer implements MetricsApi {
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly points = new Map<string, Point>();
  private readonly nodeSeen = new Map<string, number>();
  /** The scrape whose samples are being served. */
  private current = 0;
  private nodeSamples = new Map<string, NodeMetrics>();
  private sortedPods: PodMetrics[] | undefined;
  private readonly statics = new WeakMap<Pod, PodStatic>();
  private nodeCpu = new Map<string, number>();
  private running = false;
  /** Scrapes done (tests, the page). */
  scrapes = 0;

  constructor(private readonly deps: MetricsServerDeps) {
    this.pods = deps.informers.for<Pod>("pods");
    this.nodes = deps.informers.for<Node>("nodes");
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = (): void => {
      if (!this.running) return;
      this.scrape();
      this.deps.events.after(METRIC_RESOLUTION_MS, "metrics-server:scrape", loop);
    };
    this.deps.events.after(METRIC_RESOLUTION_MS, "metrics-server:scrape", loop);
  }

  stop(): void {
    this.running = false;
  }

  /** One scrape of every reachable kubelet. */
  scrape(): void {
    const now = this.deps.events.now();
    const scrape = ++this.scrapes;
    const perNode = new Map<string, { cpu: number; mem: number }>();
    this.nodeCpu = new Map();
    const agents = new Map<string, { readonly alive: boolean } | undefined>();
    const up = (node: string): boolean => {
      if (!this.deps.nodeAgent) return this.deps.nodeUp(node);
      let a = agents.get(node);
      if (a === undefined && !agents.has(node)) agents.set(node, (a = this.deps.nodeAgent(node)));
      return a !== undefined && a.alive;
    };
    const load = this.deps.load;
    for (const pod of this.pods.list()) {
      const node = pod.spec.nodeName;
      if (!node || pod.status?.phase !== "Running" || !up(node)) continue;
      const uid = pod.metadata.uid;
      const p = this.points.get(uid);
      let served: number;
      if (p?.load) served = p.load.demand;
      else if (load.recordOf) {
        const rec = load.recordOf(uid);
        if (p) p.load = rec;
        served = rec?.demand ?? 0;
      } else served = load.servedTotal(uid);
      if (!p) {
        this.points.set(uid, { at: now, served, scrape, sampled: 0, pod, node, windowMs: 0, rps: 0, running: NONE, built: undefined, cpu: 0, mem: 0, st: undefined, nodeCpu: 0, load: undefined });
        continue;
      }
      const prevAt = p.at;
      const prevServed = p.served;
      p.at = now;
      p.served = served;
      p.scrape = scrape;
      if (now <= prevAt) continue;
      const running = this.deps.usage.usage(pod);
      if (running.length === 0) continue;
      const rps = ((served - prevServed) * 1000) / (now - prevAt);
      // Same pod object, same usage, same load as last time: the same sums (the common idle case).
      const samePod = p.st !== undefined && p.pod === pod && p.node === node;
      const same = samePod && p.sampled > 0 && p.running === running && p.rps === rps;
      if (!samePod) {
        p.st = this.podStatic(pod);
        p.nodeCpu = this.nodeCpuMilli(node);
      }
      p.sampled = scrape;
      p.pod = pod;
      p.node = node;
      p.windowMs = now - prevAt;
      p.rps = rps;
      p.running = running;
      p.built = undefined;
      if (!same) {
        const st = p.st!;
        const nodeCpu = p.nodeCpu;
        let cpu = 0;
        let mem = 0;
        for (const { name, usage } of running) {
          const base = st.overrides.get(name) ?? usage;
          cpu += nano(containerCpuMilli(base.cpuMilli, st.serving === name ? rps : 0, st.cpuMs, st.limits.get(name), nodeCpu));
          mem += Math.round(base.memoryBytes);
        }
        p.cpu = cpu;
        p.mem = mem;
      }
      let acc = perNode.get(node);
      if (!acc) perNode.set(node, (acc = { cpu: 0, mem: 0 }));
      acc.cpu += p.cpu;
      acc.mem += p.mem;
    }
    // Pods not running (or unreachable) this time start over: their next sample needs two scrapes again.
    for (const [uid, p] of this.points) if (p.scrape !== scrape) this.points.delete(uid);
    this.current = scrape;
    this.sortedPods = undefined;
    this.nodeSamples = this.nodeSamplesAt(now, perNode);
  }

  private podStatic(pod: Pod): PodStatic {
    let st = this.statics.get(pod);
    if (!st) {
      const serving = this.deps.usage.servingContainer(pod);
      st = {
        limits: new Map(pod.spec.containers.map((c) => [c.name, cpuLimitMilli(c)])),
        overrides: new Map(pod.spec.containers.map((c) => [c.name, systemImageUsage(c.image)])),
        serving: serving?.name,
        cpuMs: cpuMsPerRequest(serving?.server),
      };
      this.statics.set(pod, st);
    }
    return st;
  }

  /** PodMetrics of a point's sample, built on first read (containers in the pod's status order). */
  private build(p: Point): PodMetrics {
    if (p.built) return p.built;
    const st = this.podStatic(p.pod);
    const nodeCpu = this.nodeCpuMilli(p.node);
    const containers: ContainerMetrics[] = p.running.map(({ name, usage }) => {
      const base = st.overrides.get(name) ?? usage;
      const cpu = containerCpuMilli(base.cpuMilli, st.serving === name ? p.rps : 0, st.cpuMs, st.limits.get(name), nodeCpu);
      return { name, cpuMilli: nano(cpu), memoryBytes: Math.round(base.memoryBytes) };
    });
    p.built = { namespace: p.pod.metadata.namespace ?? "default", name: p.pod.metadata.name, timestamp: p.at, windowMs: p.windowMs, containers };
    return p.built;
  }

  /** The point of a pod that has a sample from the latest scrape. */
  private sampledPoint(uid: string): Point | undefined {
    const p = this.points.get(uid);
    return p && p.sampled === this.current && this.current > 0 ? p : undefined;
  }

  /** Nodes need two scrapes too; a node's usage is its pods' plus its own processes. */
  private nodeSamplesAt(now: number, perNode: Map<string, { cpu: number; mem: number }>): Map<string, NodeMetrics> {
    const out = new Map<string, NodeMetrics>();
    for (const n of this.nodes.list()) {
      const name = n.metadata.name;
      if (!this.deps.nodeUp(name)) {
        this.nodeSeen.delete(name);
        continue;
      }
      const first = this.nodeSeen.get(name);
      if (first === undefined) {
        this.nodeSeen.set(name, now);
        continue;
      }
      const acc = perNode.get(name) ?? { cpu: 0, mem: 0 };
      out.set(name, {
        name,
        timestamp: now,
        windowMs: METRIC_RESOLUTION_MS,
        cpuMilli: nano(NODE_SYSTEM_USAGE.cpuMilli + acc.cpu),
        memoryBytes: NODE_SYSTEM_USAGE.memoryBytes + acc.mem,
      });
    }
    return out;
  }

  /** The node's allocatable CPU (what an unlimited container can use), parsed once per scrape. */
  private nodeCpuMilli(node: string): number {
    let v = this.nodeCpu.get(node);
    if (v === undefined) {
      const cpu = this.nodes.get(node)?.status?.allocatable?.cpu;
      try {
        v = cpu ? parseCpuMillis(cpu) : 1000;
      } catch {
        v = 1000;
      }
      this.nodeCpu.set(node, v);
    }
    return v;
  }

  // ---- MetricsApi ----

  podMetrics(namespace: string, name: string): PodMetrics | undefined {
    const pod = this.pods.get(`${namespace}/${name}`);
    const p = pod ? this.sampledPoint(pod.metadata.uid) : undefined;
    return p ? this.build(p) : undefined;
  }

  listPodMetrics(namespace?: string): readonly PodMetrics[] {
    if (namespace !== undefined) {
      const out: PodMetrics[] = [];
      for (const p of this.points.values()) if (p.sampled === this.current && p.pod.metadata.namespace === namespace) out.push(this.build(p));
      return out.sort((a, b) => cmp(a.name, b.name));
    }
    if (!this.sortedPods) {
      const out: PodMetrics[] = [];
      for (const p of this.points.values()) if (p.sampled === this.current) out.push(this.build(p));
      this.sortedPods = out.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
    }
    return this.sortedPods;
  }

  nodeMetrics(name: string): NodeMetrics | undefined {
    return this.nodeSamples.get(name);
  }

  listNodeMetrics(): readonly NodeMetrics[] {
    return [...this.nodeSamples.values()].sort((a, b) => cmp(a.name, b.name));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
