// NodeInfo: a node plus the aggregate of the pods on it (assumed or bound), updated incrementally.
// Mirrors framework.NodeInfo (pkg/scheduler/framework/types.go: AddPodInfo, RemovePod, SetNode,
// update).
//
// Invariant: requested / nonZeroRequested / usedPorts / counters always equal the sum over `pods`.

import type { Node, Taint } from "../../api/types";
import { HostPortInfo } from "./hostPortInfo";
import type { PodInfo } from "./podInfo";
import { Col, NO_DOMAIN, NodeColumns, ROW, UNKNOWN_DOMAIN } from "./nodeColumns";
import { allocatableOf, emptyResource, type Resource } from "./resources";
import { type TopologyDomain, topologyDomainAt } from "./topologyDomains";

export { DefaultBindAllHostIP, HostPortInfo } from "./hostPortInfo";
const NO_TAINTS: readonly Taint[] = [];

/** Shared per-image record kept by the cache: numNodes is live (upstream ImageStateSummary.NumNodes). */
export interface ImageState {
  readonly size: number;
  readonly nodes: Set<string>;
  /**
   * present[NodeInfo.index] = 1 for the nodes in `nodes`, indexed by rows of `columns` (the cache's):
   * ImageLocality reads it instead of a Map lookup per node.
   */
  present: Uint8Array;
  readonly columns: NodeColumns;
}

let generationCounter = 0;
/** nextGeneration: a monotonically increasing stamp; every NodeInfo change takes a new one. */
export function nextGeneration(): number {
  return ++generationCounter;
}

/**
 * Hot-path layout: Filter and Score visit hundreds of NodeInfos per pod, so what they read sits in the
 * NodeInfo itself (flattened copies of node.spec.unschedulable, taints, allocatable, requested, pod count)
 * or, for byte quantities, in its NodeColumns row, not behind node → spec → ... pointers that each cost a
 * cache miss. The Resource objects stay for everyone else; both are written together (invariant: they
 * agree). `index` is the NodeInfo's row, and its key in per-node bitmaps (ImageState.present).
 */
export class NodeInfo {
  readonly columns: NodeColumns;
  readonly index: number;
  /** node.spec.unschedulable. */
  unschedulable = false;
  /** pods.length. */
  podCount = 0;
  allowedPodNumber = 0;
  allocMilliCPU = 0;
  reqMilliCPU = 0;
  non0MilliCPU = 0;
  /** node.spec.taints (never undefined). */
  taintList: readonly Taint[] = NO_TAINTS;
  private nodeObj: Node | undefined = undefined;
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
  private gen = 0;
  /** Scratch for a walk over NodeInfos that must see each once (DomainCounter); meaningless otherwise. */
  visitStamp = 0;

  /** `columns`: the cache's shared NodeColumns; without it the NodeInfo gets a private one-row table. */
  constructor(
    readonly name: string,
    columns?: NodeColumns,
  ) {
    this.columns = columns ?? new NodeColumns(1);
    this.index = this.columns.alloc();
    this.generation = nextGeneration();
  }

  /** Changes with every change to the node or its pods (a new value from nextGeneration). Kept in the row too. */
  get generation(): number {
    return this.gen;
  }

  set generation(g: number) {
    this.gen = g;
    this.columns.data[this.index * ROW + Col.generation] = g;
  }

  get allocMemory(): number {
    return this.columns.data[this.index * ROW + Col.allocMemory]!;
  }

  get allocEphemeralStorage(): number {
    return this.columns.data[this.index * ROW + Col.allocEphemeralStorage]!;
  }

  get reqMemory(): number {
    return this.columns.data[this.index * ROW + Col.reqMemory]!;
  }

  get reqEphemeralStorage(): number {
    return this.columns.data[this.index * ROW + Col.reqEphemeralStorage]!;
  }

  get non0Memory(): number {
    return this.columns.data[this.index * ROW + Col.non0Memory]!;
  }

  get node(): Node | undefined {
    return this.nodeObj;
  }

  get labels(): Readonly<Record<string, string>> | undefined {
    return this.nodeObj?.metadata.labels;
  }

  get taints(): readonly Taint[] {
    return this.taintList;
  }

  setNode(node: Node): void {
    this.nodeObj = node;
    const a = allocatableOf(node);
    this.allocatable = a;
    this.syncAllocatable();
    this.unschedulable = !!node.spec?.unschedulable;
    this.taintList = node.spec?.taints ?? NO_TAINTS;
    let prefer = 0;
    for (const t of this.taintList) if (t.effect === "PreferNoSchedule") prefer++;
    this.columns.data[this.index * ROW + Col.preferNoScheduleTaints] = prefer;
    this.columns.forgetNode(this.index);
    this.generation = nextGeneration();
  }

  /** The Node object is gone (the NodeInfo may live on while pods still name it). */
  clearNode(): void {
    this.nodeObj = undefined;
    this.unschedulable = false;
    this.taintList = NO_TAINTS;
    this.columns.data[this.index * ROW + Col.preferNoScheduleTaints] = 0;
    this.columns.forgetNode(this.index);
    this.generation = nextGeneration();
  }

  /** The index of the node's TopologyDomain for a key (topologyKeyId), or NO_DOMAIN without that label. */
  topologyDomainIndex(keyId: number): number {
    const d = this.columns.domainIndex(keyId, this.index);
    return d !== UNKNOWN_DOMAIN ? d : this.columns.lookUpDomain(keyId, this.index, this.nodeObj?.metadata.labels);
  }

  /** The node's topology domain for a key (topologyKeyId), or null when the node lacks that label. */
  topologyDomain(keyId: number): TopologyDomain | null {
    const d = this.topologyDomainIndex(keyId);
    return d === NO_DOMAIN ? null : topologyDomainAt(keyId, d);
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
    const req = this.requested;
    req.milliCPU += sign * r.milliCPU;
    req.memory += sign * r.memory;
    req.ephemeralStorage += sign * r.ephemeralStorage;
    if (r.scalar) {
      const s = (req.scalar ??= {});
      for (const k of Object.keys(r.scalar)) s[k] = (s[k] ?? 0) + sign * r.scalar[k]!;
    }
    this.nonZeroRequested.milliCPU += sign * pi.non0CPU;
    this.nonZeroRequested.memory += sign * pi.non0Mem;
    this.syncRequested();
    this.columns.updateMatches(this.index, pi, sign);
    if (pi.hasAffinity) this.podsWithAffinity += sign;
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity += sign;
    // updateUsedPorts walks every container port; HostPortInfo ignores ports <= 0.
    for (const p of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(p.ip, p.protocol, p.port);
      else this.usedPorts.remove(p.ip, p.protocol, p.port);
    }
    this.generation = nextGeneration();
  }

  private syncAllocatable(): void {
    const a = this.allocatable;
    this.allocMilliCPU = a.milliCPU;
    this.allowedPodNumber = a.allowedPodNumber;
    const d = this.columns.data;
    const row = this.index * ROW;
    d[row + Col.allocMemory] = a.memory;
    d[row + Col.allocEphemeralStorage] = a.ephemeralStorage;
  }

  private syncRequested(): void {
    this.podCount = this.pods.length;
    this.reqMilliCPU = this.requested.milliCPU;
    this.non0MilliCPU = this.nonZeroRequested.milliCPU;
    const d = this.columns.data;
    const row = this.index * ROW;
    d[row + Col.reqMemory] = this.requested.memory;
    d[row + Col.reqEphemeralStorage] = this.requested.ephemeralStorage;
    d[row + Col.non0Memory] = this.nonZeroRequested.memory;
  }

  /** A deep-enough copy for preemption's dry runs: pods, aggregates and ports are independent. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.nodeObj = this.nodeObj;
    c.allocatable = this.allocatable;
    c.syncAllocatable();
    c.unschedulable = this.unschedulable;
    c.taintList = this.taintList;
    c.columns.data[c.index * ROW + Col.preferNoScheduleTaints] = this.columns.data[this.index * ROW + Col.preferNoScheduleTaints]!;
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
    c.syncRequested();
    c.usedPorts = this.usedPorts.clone();
    c.generation = this.generation;
    return c;
  }
}
