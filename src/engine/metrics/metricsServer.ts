// MetricsServer: the simulated metrics-server (kubernetes-sigs/metrics-server) serving metrics.k8s.io.
// Every --metric-resolution (15 s) it scrapes each running node's kubelet for its pods' containers and
// the node itself, and serves the latest samples. Like upstream, a CPU rate needs two scrapes, so a new
// pod (or a rebooted node) has no metrics until its second scrape ("metrics not available yet"); pods on a
// node whose kubelet cannot be reached drop out of the answers, as does the node.
// The usage model is usageModel.ts: idle baseline (behaviour model, or SYSTEM_IMAGE_USAGE for the
// control-plane images) + CPU of the requests served in the window, throttled at limits.cpu.
// mirrors metrics-server pkg/scraper (scrape loop), pkg/storage (two-point rate, pod and node storage).
import type { Node, Pod } from "../api/types";
import type { Informer } from "../client/informer";
import type { SharedInformers } from "../client/sharedInformers";
import type { EventQueue } from "../sim/eventQueue";
import type { ContainerMetrics, LoadRecord, LoadSource, MetricsApi, NodeMetrics, PodMetrics } from "./metricsApi";
import { NOT_RUNNING, NO_USAGE, TrackTable, type PodStatic, type RunningUsage } from "./scrapeState";
import { nano, NodeTable } from "./nodeTable";
import { systemImageUsage } from "./systemUsage";
import { containerCpuMilli, cpuLimitMilli, cpuMsPerRequest } from "./usageModel";

/** metrics-server --metric-resolution default. */
export const METRIC_RESOLUTION_MS = 15_000;

/** What the kubelets report about containers (PodRuntime implements it). */
export interface PodUsageSource {
  usage(pod: Pod): RunningUsage;
  servingContainer(pod: Pod): { name: string; server: string | undefined } | undefined;
  /** Whether usage(pod) gives the same answer for as long as `pod` is the current object (no live process). */
  usageStable?(pod: Pod): boolean;
}

/** LoadSource with a cumulative counter, so a window's average rate is exact. */
export interface CumulativeLoadSource extends LoadSource {
  servedTotal(podUid: string): number;
  /** The pod's live counter record, if it has one, so a scrape can keep it instead of looking it up. */
  recordOf?(podUid: string): LoadRecord | undefined;
  /** How many records recordOf has ever handed out (a pod without one need not be looked up again until it grows). */
  readonly records?: number;
  /** A record's `demand` by its `slot`, without going through the record (one array read per pod and scrape). */
  demandOf?(slot: number): number;
}

export interface MetricsServerDeps {
  readonly informers: SharedInformers;
  readonly events: EventQueue;
  readonly usage: PodUsageSource;
  readonly load: CumulativeLoadSource;
  readonly nodeUp: (node: string) => boolean;
  /** The node's kubelet (its `alive` flag), looked up once per node and scrape instead of per pod. */
  readonly nodeAgent?: (node: string) => { readonly alive: boolean } | undefined;
}


export class MetricsServer implements MetricsApi {
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  /** Every pod the informer holds, in its order (the order a scrape visits them and sums nodes in). */
  private readonly t = new TrackTable();
  /** Pod key → its index in `t`. */
  private readonly byKey = new Map<string, number>();
  /** metrics-server's storage: pods seen by the last scrape, by UID (a deleted pod stays until the next). */
  private readonly points = new Map<string, number>();
  private readonly nodeTable: NodeTable;
  /** The scrape whose samples are being served. */
  private current = 0;
  private nodeSamples = new Map<string, NodeMetrics>();
  private sortedPods: PodMetrics[] | undefined;
  private readonly statics = new WeakMap<Pod, PodStatic>();
  private running = false;
  /** Scrapes done (tests, the page). */
  scrapes = 0;

  constructor(private readonly deps: MetricsServerDeps) {
    this.pods = deps.informers.for<Pod>("pods");
    this.nodes = deps.informers.for<Node>("nodes");
    this.nodeTable = new NodeTable(this.nodes, deps.nodeUp, deps.nodeAgent, METRIC_RESOLUTION_MS);
    const key = (p: Pod): string => `${p.metadata.namespace ?? ""}/${p.metadata.name}`;
    const add = (k: string, p: Pod): void => {
      this.byKey.set(k, this.t.add(k, p.metadata.uid, p, this.runningOn(p)));
    };
    this.pods.addEventHandler({
      add: (p) => add(key(p), p),
      update: (_o, p) => {
        const k = key(p);
        const i = this.byKey.get(k);
        if (i !== undefined && this.t.uid[i] === p.metadata.uid) {
          this.t.latest[i] = p;
          this.t.runningOn[i] = this.runningOn(p);
          return;
        }
        // A new UID under the same name is another pod: a new index (the old point ages out).
        if (i !== undefined) {
          this.t.remove(i);
          this.sortedPods = undefined;
        }
        add(k, p);
      },
      delete: (p) => {
        const k = key(p);
        const i = this.byKey.get(k);
        if (i === undefined) return;
        this.byKey.delete(k);
        this.t.remove(i);
        // Its point stays in storage until the next scrape, but the API lists pods first (below).
        this.sortedPods = undefined;
      },
    });
  }

  /** The id of the node a Running pod runs on, else NOT_RUNNING. */
  private runningOn(pod: Pod): number {
    const node = pod.spec.nodeName;
    return node && pod.status?.phase === "Running" ? this.nodeTable.state(node).id : NOT_RUNNING;
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
    const load = this.deps.load;
    const usage = this.deps.usage;
    const t = this.t;
    const nodes = this.nodeTable.states;
    let seen = 0;
    for (let k = 0; k < t.size; k++) {
      const nodeId = t.runningOn[k]!;
      if (nodeId === NOT_RUNNING) continue;
      const ns = nodes[nodeId]!;
      if (ns.stamp !== scrape) this.nodeTable.visit(ns, scrape);
      if (!ns.up) continue;
      let served: number;
      const slot = t.loadSlot[k]!;
      if (slot >= 0) served = load.demandOf!(slot);
      else {
        let rec = t.load[k];
        if (rec === undefined && load.recordOf && t.loadChecked[k] !== load.records) {
          rec = t.load[k] = load.recordOf(t.uid[k]!);
          t.loadChecked[k] = load.records ?? -1;
          if (rec?.slot !== undefined && load.demandOf) t.loadSlot[k] = rec.slot;
        }
        served = rec !== undefined ? rec.demand : load.recordOf ? 0 : load.servedTotal(t.uid[k]!);
      }
      seen++;
      const pod = t.latest[k]!;
      if (t.stored[k] === 0) {
        t.stored[k] = 1;
        t.at[k] = now;
        t.served[k] = served;
        t.scrape[k] = scrape;
        t.sampled[k] = 0;
        t.pod[k] = pod;
        t.node[k] = nodeId;
        t.windowMs[k] = 0;
        t.rps[k] = 0;
        t.running[k] = NO_USAGE;
        t.built[k] = undefined;
        t.st[k] = undefined;
        this.points.set(t.uid[k]!, k);
        continue;
      }
      const prevAt = t.at[k]!;
      const prevServed = t.served[k]!;
      t.at[k] = now;
      t.served[k] = served;
      t.scrape[k] = scrape;
      if (now <= prevAt) continue;
      let running: RunningUsage;
      if (t.runningPod[k] === pod) {
        if (t.stableCount[k] === 0) continue;
        running = t.stableUsage[k]!;
      } else {
        running = usage.usage(pod);
        if (usage.usageStable?.(pod)) {
          t.runningPod[k] = pod;
          t.stableUsage[k] = running;
          t.stableCount[k] = running.length;
        }
        if (running.length === 0) continue;
      }
      const rps = ((served - prevServed) * 1000) / (now - prevAt);
      // Same pod object, same usage, same load as last time: the same sums (the common idle case).
      let st = t.st[k];
      const samePod = st !== undefined && t.pod[k] === pod && t.node[k] === nodeId;
      const same = samePod && t.sampled[k]! > 0 && t.running[k] === running && t.rps[k] === rps;
      if (!samePod) {
        t.st[k] = st = this.podStatic(pod);
        t.cpuMs[k] = st.cpuMs;
        t.nodeCpu[k] = this.nodeTable.allocatableCpu(ns, scrape);
      }
      t.sampled[k] = scrape;
      t.pod[k] = pod;
      t.node[k] = nodeId;
      t.windowMs[k] = now - prevAt;
      t.rps[k] = rps;
      t.running[k] = running;
      t.built[k] = undefined;
      if (!same) {
        const nodeCpu = t.nodeCpu[k]!;
        if (t.planSt[k] !== st || t.planRunning[k] !== running) t.plan(k, st!, running);
        if (t.planOne[k] === 1) {
          // The loop below for one container (0 + x is x: the same sums).
          const limit = t.oneLimit[k]!;
          t.cpu[k] = nano(containerCpuMilli(t.oneBaseCpu[k]!, t.oneServing[k] === 1 ? rps : 0, t.cpuMs[k]!, Number.isNaN(limit) ? undefined : limit, nodeCpu));
          t.mem[k] = t.oneMem[k]!;
        } else {
          let cpu = 0;
          let mem = 0;
          for (const { name, usage } of running) {
            const base = st!.overrides.get(name) ?? usage;
            cpu += nano(containerCpuMilli(base.cpuMilli, st!.serving === name ? rps : 0, st!.cpuMs, st!.limits.get(name), nodeCpu));
            mem += Math.round(base.memoryBytes);
          }
          t.cpu[k] = cpu;
          t.mem[k] = mem;
        }
      }
      ns.cpu += t.cpu[k]!;
      ns.mem += t.mem[k]!;
    }
    // Pods not running (or unreachable, or gone) this time start over: their next sample needs two scrapes.
    if (this.points.size !== seen) {
      for (const [uid, k] of this.points) {
        if (t.scrape[k] === scrape) continue;
        t.stored[k] = 0;
        this.points.delete(uid);
      }
    }
    // Indices of deleted pods that no point refers to any more: squeeze them out once they are most.
    if (t.size > 64 && t.live * 2 < t.size) this.compact();
    this.current = scrape;
    this.sortedPods = undefined;
    this.nodeSamples = this.nodeTable.samples(now, scrape);
  }

  private compact(): void {
    const t = this.t;
    const byKey = this.byKey;
    t.compact(
      (k) => t.stored[k] === 1 || byKey.get(t.key[k]!) === k,
      (from, to) => {
        if (from === to) return;
        if (byKey.get(t.key[from]!) === from) byKey.set(t.key[from]!, to);
        if (t.stored[to] === 1) this.points.set(t.uid[to]!, to);
      },
    );
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

  /** PodMetrics of index `k`'s sample, built on first read (containers in the pod's status order). */
  private build(k: number): PodMetrics {
    const t = this.t;
    const built = t.built[k];
    if (built) return built;
    const pod = t.pod[k]!;
    const st = this.podStatic(pod);
    const nodeCpu = this.nodeTable.allocatableCpu(this.nodeTable.states[t.node[k]!]!, this.scrapes);
    const rps = t.rps[k]!;
    const containers: ContainerMetrics[] = t.running[k]!.map(({ name, usage }) => {
      const base = st.overrides.get(name) ?? usage;
      const cpu = containerCpuMilli(base.cpuMilli, st.serving === name ? rps : 0, st.cpuMs, st.limits.get(name), nodeCpu);
      return { name, cpuMilli: nano(cpu), memoryBytes: Math.round(base.memoryBytes) };
    });
    return (t.built[k] = { namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name, timestamp: t.at[k]!, windowMs: t.windowMs[k]!, containers });
  }

  /** The index of a pod that has a sample from the latest scrape. */
  private sampledPoint(uid: string): number | undefined {
    const k = this.points.get(uid);
    return k !== undefined && this.t.sampled[k] === this.current && this.current > 0 ? k : undefined;
  }

  // ---- MetricsApi ----

  podMetrics(namespace: string, name: string): PodMetrics | undefined {
    const pod = this.pods.get(`${namespace}/${name}`);
    const k = pod ? this.sampledPoint(pod.metadata.uid) : undefined;
    return k !== undefined ? this.build(k) : undefined;
  }

  /**
   * Mirrors podMetrics.List (metrics-server pkg/api/pod.go): the pods come from the pod lister, their
   * metrics from the last scrape's storage. A pod deleted since that scrape is no longer listed, although
   * its point is still stored; a pod created since has no point yet.
   */
  listPodMetrics(namespace?: string): readonly PodMetrics[] {
    const t = this.t;
    // The index is the lister's pod of that name (and UID) now.
    const listed = (k: number): boolean => t.sampled[k] === this.current && this.byKey.get(t.key[k]!) === k;
    if (namespace !== undefined) {
      const out: PodMetrics[] = [];
      for (const k of this.points.values()) if (listed(k) && t.pod[k]!.metadata.namespace === namespace) out.push(this.build(k));
      return out.sort((a, b) => cmp(a.name, b.name));
    }
    if (!this.sortedPods) {
      const out: PodMetrics[] = [];
      for (const k of this.points.values()) if (listed(k)) out.push(this.build(k));
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
