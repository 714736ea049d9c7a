// The nodes as metrics-server's scrape sees them: numbered (pods refer to their node by number), reachable
// or not this scrape (the kubelet's agent, looked up once per node and scrape), their pods' summed usage,
// their allocatable CPU (what a container without limits.cpu can use), and the NodeMetrics samples — which,
// like a pod's, need a node to have been reachable for two scrapes.
import type { Node } from "../api/types";
import { parseCpuMillis } from "../apimachinery/quantity";
import type { Informer } from "../client/informer";
import type { NodeMetrics } from "./metricsApi";
import { NODE_SYSTEM_USAGE } from "./systemUsage";

/** Usage is served in nanocores: CPU millicores rounded to 1e-6. */
export const nano = (milli: number): number => Math.round(milli * 1e6) / 1e6;

export class NodeState {
  /** The scrape `up`, `cpu` and `mem` belong to. */
  stamp = 0;
  up = false;
  /** Sum of the node's sampled pods this scrape. */
  cpu = 0;
  mem = 0;
  /** The scrape `allocatableCpu` was read in (0: not yet). */
  cpuStamp = 0;
  allocatableCpu = 0;

  constructor(
    readonly id: number,
    readonly name: string,
  ) {}
}

export class NodeTable {
  private readonly ids = new Map<string, number>();
  /** By id. */
  readonly states: NodeState[] = [];
  /** When each reachable node was first seen (a sample needs a second scrape). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly nodes: Informer<Node>,
    private readonly nodeUp: (node: string) => boolean,
    private readonly nodeAgent: ((node: string) => { readonly alive: boolean } | undefined) | undefined,
    private readonly resolutionMs: number,
  ) {}

  state(name: string): NodeState {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.states.length;
      this.ids.set(name, id);
      this.states.push(new NodeState(id, name));
    }
    return this.states[id]!;
  }

  /** The first pod of `ns` this scrape: is its kubelet reachable? Its sums start at zero. */
  visit(ns: NodeState, scrape: number): void {
    ns.stamp = scrape;
    ns.up = this.nodeAgent ? this.nodeAgent(ns.name)?.alive === true : this.nodeUp(ns.name);
    ns.cpu = 0;
    ns.mem = 0;
  }

  /** The node's allocatable CPU (what an unlimited container can use), parsed once per scrape. */
  allocatableCpu(ns: NodeState, scrape: number): number {
    if (ns.cpuStamp === scrape) return ns.allocatableCpu;
    const cpu = this.nodes.get(ns.name)?.status?.allocatable?.cpu;
    let v: number;
    try {
      v = cpu ? parseCpuMillis(cpu) : 1000;
    } catch {
      v = 1000;
    }
    ns.cpuStamp = scrape;
    ns.allocatableCpu = v;
    return v;
  }

  /** NodeMetrics after scrape `scrape`: a node's usage is its pods' plus its own processes. */
  samples(now: number, scrape: number): Map<string, NodeMetrics> {
    const out = new Map<string, NodeMetrics>();
    for (const n of this.nodes.list()) {
      const name = n.metadata.name;
      if (!this.nodeUp(name)) {
        this.seen.delete(name);
        continue;
      }
      if (this.seen.get(name) === undefined) {
        this.seen.set(name, now);
        continue;
      }
      const id = this.ids.get(name);
      const ns = id !== undefined ? this.states[id] : undefined;
      const visited = ns !== undefined && ns.stamp === scrape;
      out.set(name, {
        name,
        timestamp: now,
        windowMs: this.resolutionMs,
        cpuMilli: nano(NODE_SYSTEM_USAGE.cpuMilli + (visited ? ns.cpu : 0)),
        memoryBytes: NODE_SYSTEM_USAGE.memoryBytes + (visited ? ns.mem : 0),
      });
    }
    return out;
  }
}
