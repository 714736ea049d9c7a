// NodeInfo: a node plus the aggregate of the pods on it (assumed or bound), updated incrementally.
// Mirrors framework.NodeInfo (pkg/scheduler/framework/types.go: AddPodInfo, RemovePod, SetNode,
// update) and fwk.HostPortInfo (k8s.io/kube-scheduler/framework types.go).
//
// Invariant: requested / nonZeroRequested / usedPorts / counters always equal the sum over `pods`.

import type { Node, Taint } from "../../api/types";
import type { PodInfo } from "./podInfo";
import { allocatableOf, emptyResource, type Resource } from "./resources";

export const DefaultBindAllHostIP = "0.0.0.0";

/** Shared per-image record kept by the cache: numNodes is live (upstream ImageStateSummary.NumNodes). */
export interface ImageState {
  readonly size: number;
  readonly nodes: Set<string>;
}

/**
 * HostPortInfo: ip → "protocol/port" → use count. Upstream keeps a set; a count keeps the index right even
 * when two pods bound with spec.nodeName (bypassing NodePorts) share a port.
 */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  private static key(protocol: string, port: number): string {
    return `${protocol === "" ? "TCP" : protocol}/${port}`;
  }

  add(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const host = ip === "" ? DefaultBindAllHostIP : ip;
    let m = this.byIP.get(host);
    if (!m) this.byIP.set(host, (m = new Map()));
    const k = HostPortInfo.key(protocol, port);
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const host = ip === "" ? DefaultBindAllHostIP : ip;
    const m = this.byIP.get(host);
    if (!m) return;
    const k = HostPortInfo.key(protocol, port);
    const n = (m.get(k) ?? 0) - 1;
    if (n > 0) m.set(k, n);
    else m.delete(k);
    if (m.size === 0) this.byIP.delete(host);
  }

  /** CheckConflict: 0.0.0.0 conflicts with every IP; a specific IP conflicts with itself and 0.0.0.0. */
  checkConflict(ip: string, protocol: string, port: number): boolean {
    if (port <= 0) return false;
    const host = ip === "" ? DefaultBindAllHostIP : ip;
    const k = HostPortInfo.key(protocol, port);
    if (host === DefaultBindAllHostIP) {
      for (const m of this.byIP.values()) if (m.has(k)) return true;
      return false;
    }
    return (this.byIP.get(DefaultBindAllHostIP)?.has(k) ?? false) || (this.byIP.get(host)?.has(k) ?? false);
  }

  get size(): number {
    return this.byIP.size;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIP) c.byIP.set(ip, new Map(m));
    return c;
  }
}

let generationCounter = 0;
/** nextGeneration: a monotonically increasing stamp; every NodeInfo change takes a new one. */
export function nextGeneration(): number {
  return ++generationCounter;
}

export class NodeInfo {
  node: Node | undefined = undefined;
  readonly pods: PodInfo[] = [];
  /** uid → index into pods, for O(1) swap-removal (upstream removes by swapping with the last pod too). */
  private readonly indexOf = new Map<string, number>();
  /** Pods with any pod (anti-)affinity (upstream PodsWithAffinity, kept as a count). */
  podsWithAffinity = 0;
  /** Pods with required anti-affinity terms (upstream PodsWithRequiredAntiAffinity). */
  podsWithRequiredAntiAffinity = 0;
  readonly requested: Resource = emptyResource();
  /** Only milliCPU and memory are tracked (upstream NonZeroRequested). */
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resource = emptyResource();
  usedPorts = new HostPortInfo();
  /** Image name → shared state; set by the cache from node.status.images. */
  imageStates: Map<string, ImageState> = new Map();
  generation = nextGeneration();
  /**
   * A small per-generation memo of "pods matching selector S in namespace N" (PodTopologySpread counts
   * every node for every pod; most cycles reuse the previous workload's selector).
   */
  readonly countMemo = { generation: 0, keys: ["", "", "", ""], counts: [0, 0, 0, 0], next: 0 };

  constructor(readonly name: string) {}

  get labels(): Readonly<Record<string, string>> | undefined {
    return this.node?.metadata.labels;
  }

  get taints(): readonly Taint[] {
    return this.node?.spec?.taints ?? [];
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = allocatableOf(node);
    this.generation = nextGeneration();
  }

  hasPod(uid: string): boolean {
    return this.indexOf.has(uid);
  }

  getPod(uid: string): PodInfo | undefined {
    const i = this.indexOf.get(uid);
    return i === undefined ? undefined : this.pods[i];
  }

  addPod(pi: PodInfo): void {
    this.indexOf.set(pi.uid, this.pods.length);
    this.pods.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod with this uid; returns it, or undefined when it is not on this node. */
  removePod(uid: string): PodInfo | undefined {
    const i = this.indexOf.get(uid);
    if (i === undefined) return undefined;
    const pi = this.pods[i]!;
    const last = this.pods.pop()!;
    if (last !== pi) {
      this.pods[i] = last;
      this.indexOf.set(last.uid, i);
    }
    this.indexOf.delete(uid);
    this.update(pi, -1);
    return pi;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const r = pi.requests;
    this.requested.milliCPU += sign * r.milliCPU;
    this.requested.memory += sign * r.memory;
    this.requested.ephemeralStorage += sign * r.ephemeralStorage;
    if (r.scalar) {
      const s = (this.requested.scalar ??= {});
      for (const k of Object.keys(r.scalar)) s[k] = (s[k] ?? 0) + sign * r.scalar[k]!;
    }
    this.nonZeroRequested.milliCPU += sign * pi.non0CPU;
    this.nonZeroRequested.memory += sign * pi.non0Mem;
    if (pi.hasAffinity) this.podsWithAffinity += sign;
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity += sign;
    // updateUsedPorts walks every container port; HostPortInfo ignores ports <= 0.
    for (const p of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(p.ip, p.protocol, p.port);
      else this.usedPorts.remove(p.ip, p.protocol, p.port);
    }
    this.generation = nextGeneration();
  }

  /** A deep-enough copy for preemption's dry runs: pods, aggregates and ports are independent. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.allocatable = this.allocatable;
    c.imageStates = this.imageStates;
    for (const pi of this.pods) {
      c.indexOf.set(pi.uid, c.pods.length);
      c.pods.push(pi);
    }
    c.podsWithAffinity = this.podsWithAffinity;
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity;
    Object.assign(c.requested, this.requested);
    if (this.requested.scalar) c.requested.scalar = { ...this.requested.scalar };
    Object.assign(c.nonZeroRequested, this.nonZeroRequested);
    c.usedPorts = this.usedPorts.clone();
    c.generation = this.generation;
    return c;
  }
}
