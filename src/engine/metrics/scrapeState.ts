// What metrics-server keeps between scrapes, laid out so that a scrape of 30,000 pods walks arrays in
// order instead of chasing one object per pod (a scrape runs every 15 s over every pod: it is memory-bound).
//
// TrackTable holds one index per pod the informer has shown, in the informer's order (the informer's
// handlers keep `latest` and `runningOn` current), and doubles as metrics-server's storage: the pod's last
// cumulative request count and, once there are two, its latest sample. A deleted pod's index lives on as a
// point until the next scrape forgets it, then becomes a hole; holes are squeezed out now and then.
import type { Pod } from "../api/types";
import type { ResourceUsage } from "../kubelet/behaviour/resources";
import type { LoadRecord, PodMetrics } from "./metricsApi";

export type RunningUsage = readonly { name: string; usage: ResourceUsage }[];

export const NO_USAGE: RunningUsage = [];

/** What a pod's spec says, computed once per pod object: limits, system-image overrides, the server. */
export interface PodStatic {
  readonly limits: ReadonlyMap<string, number | undefined>;
  readonly overrides: ReadonlyMap<string, ResourceUsage | undefined>;
  readonly serving: string | undefined;
  readonly cpuMs: number;
}

/** No node: the pod is not Running (or the index is not a live pod). */
export const NOT_RUNNING = -1;

export class TrackTable {
  /** Indices handed out (live pods, points of deleted pods, holes), in order. */
  size = 0;
  /** Live pods among them. */
  live = 0;

  // Numbers, per index. `runningOn` is what a scrape reads first.
  /** Node id while the pod is Running with a node, else NOT_RUNNING (also for deleted pods). */
  runningOn: Int32Array = new Int32Array(0);
  /** 1 while the pod is in `points` (seen by the last scrape). */
  stored: Uint8Array = new Uint8Array(0);
  /** The scrape that last saw the pod, and the one its sample belongs to (0: none yet). */
  scrape: Int32Array = new Int32Array(0);
  sampled: Int32Array = new Int32Array(0);
  /** The sample's node id. */
  node: Int32Array = new Int32Array(0);
  /** Where LoadSource.demandOf finds the pod's count (-1: use `load` or servedTotal). */
  loadSlot: Int32Array = new Int32Array(0);
  /** LoadSource.records when the pod's record was last looked for (-1: never). */
  loadChecked: Int32Array = new Int32Array(0);
  at: Float64Array = new Float64Array(0);
  served: Float64Array = new Float64Array(0);
  windowMs: Float64Array = new Float64Array(0);
  rps: Float64Array = new Float64Array(0);
  /** The sample's CPU and memory summed over containers (for the node), reused while nothing changed. */
  cpu: Float64Array = new Float64Array(0);
  mem: Float64Array = new Float64Array(0);
  /** The node's allocatable CPU and the server's CPU per request when `st` was read. */
  nodeCpu: Float64Array = new Float64Array(0);
  cpuMs: Float64Array = new Float64Array(0);
  /** stableUsage's length (a scrape need not open the array to skip a pod without running containers). */
  stableCount: Int32Array = new Int32Array(0);
  /** One running container (the common case): what its CPU needs besides the load, read once. */
  planOne: Uint8Array = new Uint8Array(0);
  oneServing: Uint8Array = new Uint8Array(0);
  oneBaseCpu: Float64Array = new Float64Array(0);
  /** limits.cpu, NaN without one. */
  oneLimit: Float64Array = new Float64Array(0);
  oneMem: Float64Array = new Float64Array(0);

  // Objects, per index.
  key: string[] = [];
  uid: string[] = [];
  /** The pod object the informer holds now. */
  latest: Pod[] = [];
  /** The pod object of the sample. */
  pod: Pod[] = [];
  running: RunningUsage[] = [];
  /** The usage read from `runningPod`, which does not change while that object is current (no live process). */
  runningPod: (Pod | undefined)[] = [];
  stableUsage: RunningUsage[] = [];
  /** The pod's spec-derived data, valid while `pod` is the same object. */
  st: (PodStatic | undefined)[] = [];
  /** What the one-container plan was read from. */
  planSt: (PodStatic | undefined)[] = [];
  planRunning: (RunningUsage | undefined)[] = [];
  load: (LoadRecord | undefined)[] = [];
  built: (PodMetrics | undefined)[] = [];

  /** A new index for a pod the informer added, running on node `nodeId` (or NOT_RUNNING). */
  add(key: string, uid: string, pod: Pod, nodeId: number): number {
    if (this.size === this.runningOn.length) this.grow(Math.max(64, this.size * 2));
    const k = this.size++;
    this.live++;
    this.runningOn[k] = nodeId;
    this.stored[k] = 0;
    this.scrape[k] = 0;
    this.sampled[k] = 0;
    this.node[k] = NOT_RUNNING;
    this.loadSlot[k] = -1;
    this.loadChecked[k] = -1;
    this.at[k] = this.served[k] = this.windowMs[k] = this.rps[k] = this.cpu[k] = this.mem[k] = this.nodeCpu[k] = this.cpuMs[k] = 0;
    this.stableCount[k] = 0;
    this.planOne[k] = this.oneServing[k] = 0;
    this.oneBaseCpu[k] = this.oneMem[k] = 0;
    this.oneLimit[k] = NaN;
    this.key[k] = key;
    this.uid[k] = uid;
    this.latest[k] = pod;
    this.pod[k] = pod;
    this.running[k] = NO_USAGE;
    this.runningPod[k] = undefined;
    this.stableUsage[k] = NO_USAGE;
    this.st[k] = undefined;
    this.planSt[k] = undefined;
    this.planRunning[k] = undefined;
    this.load[k] = undefined;
    this.built[k] = undefined;
    return k;
  }

  /** The pod left the informer: no longer scraped (its point stays readable until the next scrape). */
  remove(k: number): void {
    this.runningOn[k] = NOT_RUNNING;
    this.live--;
  }

  /** Reads the one-container plan of index `k` for `st` and `running`. */
  plan(k: number, st: PodStatic, running: RunningUsage): void {
    this.planSt[k] = st;
    this.planRunning[k] = running;
    const one = running.length === 1;
    this.planOne[k] = one ? 1 : 0;
    if (!one) return;
    const { name, usage } = running[0]!;
    const base = st.overrides.get(name) ?? usage;
    this.oneBaseCpu[k] = base.cpuMilli;
    this.oneLimit[k] = st.limits.get(name) ?? NaN;
    this.oneServing[k] = st.serving === name ? 1 : 0;
    this.oneMem[k] = Math.round(base.memoryBytes);
  }

  /**
   * Moves the indices for which `keep` holds to the front, in order, dropping the rest (call when no point
   * refers to a dropped index). `moved(from, to)` is told about every kept index.
   */
  compact(keep: (k: number) => boolean, moved: (from: number, to: number) => void): void {
    const numbers = this.numberColumns();
    const objects = this.objectColumns();
    let j = 0;
    for (let k = 0; k < this.size; k++) {
      if (!keep(k)) continue;
      if (j !== k) {
        for (const c of numbers) c[j] = c[k]!;
        for (const c of objects) c[j] = c[k];
      }
      moved(k, j);
      j++;
    }
    for (const c of objects) c.length = j;
    this.size = j;
  }

  private numberColumns(): (Int32Array | Uint8Array | Float64Array)[] {
    return [this.runningOn, this.stored, this.scrape, this.sampled, this.node, this.loadSlot, this.loadChecked, this.at, this.served, this.windowMs, this.rps, this.cpu, this.mem, this.nodeCpu, this.cpuMs, this.stableCount, this.planOne, this.oneServing, this.oneBaseCpu, this.oneLimit, this.oneMem];
  }

  private objectColumns(): unknown[][] {
    return [this.key, this.uid, this.latest, this.pod, this.running, this.runningPod, this.stableUsage, this.st, this.planSt, this.planRunning, this.load, this.built];
  }

  private grow(cap: number): void {
    this.runningOn = widenI32(this.runningOn, cap);
    this.stored = widenU8(this.stored, cap);
    this.scrape = widenI32(this.scrape, cap);
    this.sampled = widenI32(this.sampled, cap);
    this.node = widenI32(this.node, cap);
    this.loadSlot = widenI32(this.loadSlot, cap);
    this.loadChecked = widenI32(this.loadChecked, cap);
    this.at = widenF64(this.at, cap);
    this.served = widenF64(this.served, cap);
    this.windowMs = widenF64(this.windowMs, cap);
    this.rps = widenF64(this.rps, cap);
    this.cpu = widenF64(this.cpu, cap);
    this.mem = widenF64(this.mem, cap);
    this.nodeCpu = widenF64(this.nodeCpu, cap);
    this.cpuMs = widenF64(this.cpuMs, cap);
    this.stableCount = widenI32(this.stableCount, cap);
    this.planOne = widenU8(this.planOne, cap);
    this.oneServing = widenU8(this.oneServing, cap);
    this.oneBaseCpu = widenF64(this.oneBaseCpu, cap);
    this.oneLimit = widenF64(this.oneLimit, cap);
    this.oneMem = widenF64(this.oneMem, cap);
  }
}

function widenI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function widenU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}

function widenF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
