// The common case of aggregate traffic, without per-request objects: a generator's requests to a cluster IP
// without session affinity. Same semantics as ClusterNetwork.deliver + TrafficAccounting (the statistic
// chain over the node's usable endpoints, then machine, NetworkPolicy and listening checks, capacity,
// status and latency), but everything an endpoint needs is kept in a BackendTable beside the rules, built
// when kube-proxy's rules change and refreshed per endpoint only when its pod object changes. A landing
// reads one table row and one counter row (TrafficStats.line) and allocates nothing.
// Anything else takes the general path.
import type { Pod } from "../api/types";
import { fail, TRAFFIC_TICK_MS, type PodCache, type TrafficAccounting } from "./accounting";
import type { ProxyEndpoint } from "./endpointsCache";
import type { Generator } from "./generator";
import { isIngressControllerPod } from "./ingress/ingressHop";
import type { ClusterNetwork, Landing, Target } from "./network";
import { internalVerdict, portByNumber } from "./rules";
import { serverLatencyMs, NETWORK_LATENCY_MS } from "../metrics/usageModel";
import { NodeIndex } from "./nodeIndex";
import { splitStatistic } from "./statistic";
import { BackendTable, PodWatchers, B_CAPACITY_RPS, B_CAP_PER_TICK, B_CPU_MS, B_NODE, B_PATH, B_SLOT, B_STATE, B_STATUS, BACKEND_ROW, S_INGRESS, S_MISSING, S_OK, S_REFUSES, S_STALE } from "./backendTable";
import { L_RPS, L_TICK, L_TICK_SERVED, POD_LINE, type ServiceTraffic } from "./trafficStats";

interface FastCache {
  readonly rules: unknown;
  readonly target: Target;
  readonly serviceKey: string;
  /** null: this target takes the general path (REJECT/DROP, affinity, endpoints without pods). */
  readonly table: BackendTable | null;
  readonly service: ServiceTraffic | undefined;
  /** The client's node (NodeIndex), -1 outside the cluster. */
  readonly clientNode: number;
}

export type GeneralAccount = (g: Generator, t: Target, path: string, l: Landing, count: number) => void;

export class ClusterIPFastPath {
  /** Per usable-endpoints list (one per rules snapshot and node): its table. */
  private readonly tables = new WeakMap<readonly ProxyEndpoint[], BackendTable | null>();
  private split = new Int32Array(64);
  /** Endpoints drawn ahead of landing (see deliver). */
  private picks = new Int32Array(64);
  /** Sum of the values read to bring rows into cache (kept so the reads are not optimised away). */
  touched = 0;
  /** Rows by the pod they read, marked stale when it changes. */
  private readonly watchers = new PodWatchers();
  /** Nodes as numbers, and whether their machines run this tick. */
  private readonly nodes: NodeIndex;
  /** Paths ↔ small integers (a row remembers the path its status answers). */
  private readonly pathIndex = new Map<string, number>();
  /** Per-deliver accumulators (fields, so landing needs no closure or result object). */
  private errors = 0;
  private latencySum = 0;
  private handedOver = 0;
  private ok = 0;
  private readonly byStatus = [0, 0, 0, 0];
  private overload = 0;
  private http = 0;
  private refused = 0;

  constructor(
    private readonly net: ClusterNetwork,
    private readonly acct: TrafficAccounting,
    private readonly general: GeneralAccount,
  ) {
    const changed = (p: Pod): void => this.watchers.changed(`${p.metadata.namespace}/${p.metadata.name}`);
    net.book.pods.addEventHandler({ add: changed, update: (_o, p) => changed(p), delete: changed });
    this.nodes = new NodeIndex((node) => net.nodeIsUp(node));
  }

  /** A new traffic tick: node states are read again. */
  beginTick(): void {
    this.nodes.nextTick();
  }

  /** Delivers `n` requests of `g` to `t`; false when the general path must handle this target. */
  deliver(g: Generator, t: Target, n: number): boolean {
    const e = t.entry;
    if (e.kind !== "clusterIP") return false;
    const node = t.client.node;
    const rules = node !== undefined ? this.net.proxy.nodeProxy(node).snapshot : this.net.proxy.latest;
    // What the rules say for this generator's target, kept until the node's rules change.
    let hit = g.fastCache as FastCache | undefined;
    if (!hit || hit.rules !== rules || hit.target !== t) {
      const svc = rules.services.get(e.serviceKey);
      const port = svc ? portByNumber(svc, e.port) : undefined;
      const v = port && port.info.stickyMaxAgeSeconds === 0 ? internalVerdict(port, node) : undefined;
      const table = v?.kind === "endpoints" ? this.tableFor(v.endpoints) : null;
      const serviceKey = port?.info.serviceKey ?? "";
      hit = { rules, target: t, serviceKey, table, service: table ? this.acct.stats.service(serviceKey) : undefined, clientNode: node !== undefined ? this.nodes.id(node) : -1 };
      g.fastCache = hit;
    }
    const table = hit.table;
    if (!table) return false;
    const count = table.n;
    const policies = this.net.book.policies().length > 0;
    const pathId = this.pathId(g.spec.path);
    this.errors = 0;
    this.latencySum = 0;
    this.handedOver = 0;
    this.ok = 0;
    this.overload = 0;
    this.http = 0;
    this.refused = 0;
    const byStatus = this.byStatus;
    byStatus[0] = byStatus[1] = byStatus[2] = byStatus[3] = 0;
    if (n < count) {
      // Fewer requests than endpoints: each walks the chain on its own (splitStatistic's small-count
      // branch, without visiting every endpoint).
      const random = this.net.random;
      if (table.unsettled === 0) {
        // Nothing a landing does draws a random number: draw every endpoint first and touch its two
        // rows, so that the processor fetches them all at once instead of one cache miss at a time.
        if (this.picks.length < n) this.picks = new Int32Array(n * 2);
        const picks = this.picks;
        const row = table.row;
        const line = this.acct.stats.line;
        let touch = 0;
        for (let r = 0; r < n; r++) {
          const i = Math.min(count - 1, Math.floor(random() * count));
          picks[r] = i;
          touch = (touch + touchRows(row, line, i)) | 0;
        }
        this.touched = touch;
        for (let r = 0; r < n; r++) this.land(g, t, table, picks[r]!, 1, hit.clientNode, policies, hit.serviceKey, pathId);
      } else {
        for (let r = 0; r < n; r++) {
          const i = Math.min(count - 1, Math.floor(random() * count));
          this.land(g, t, table, i, 1, hit.clientNode, policies, hit.serviceKey, pathId);
        }
      }
    } else {
      if (this.split.length < count) this.split = new Int32Array(count * 2);
      const shares = this.split;
      splitStatistic(n, count, this.net.random, shares);
      if (table.unsettled === 0) {
        const row = table.row;
        const line = this.acct.stats.line;
        let touch = 0;
        for (let i = 0; i < count; i++) if (shares[i]! > 0) touch = (touch + touchRows(row, line, i)) | 0;
        this.touched = touch;
      }
      for (let i = 0; i < count; i++) {
        const c = shares[i]!;
        if (c > 0) this.land(g, t, table, i, c, hit.clientNode, policies, hit.serviceKey, pathId);
      }
    }
    // Integer counts: their order of addition does not matter (latency sums are added per landing).
    g.ok += this.ok;
    if (this.overload > 0) fail(g, "overload", this.overload);
    if (this.http > 0) fail(g, "http", this.http);
    if (this.refused > 0) fail(g, "refused", this.refused);
    const bs = g.byStatus;
    bs["2xx"] += byStatus[0]!;
    bs["3xx"] += byStatus[1]!;
    bs["4xx"] += byStatus[2]!;
    bs["5xx"] += byStatus[3]!;
    if (n > this.handedOver) this.acct.stats.serviceResultTo(hit.service!, n - this.handedOver, this.errors, this.latencySum);
    return true;
  }

  /** `c` requests reach row `i` of `table` (accumulates the Service's errors and latency in the fields above). */
  private land(g: Generator, t: Target, table: BackendTable, i: number, c: number, clientNode: number, policies: boolean, serviceKey: string, pathId: number): void {
    const row = table.row;
    const o = i * BACKEND_ROW;
    let state = row[o + B_STATE]!;
    if (state === S_STALE) {
      this.refresh(table, i);
      state = row[o + B_STATE]!;
    }
    if (state === S_MISSING) {
      this.acct.failed(g, "timeout", c, undefined);
      this.errors += c;
      return;
    }
    if (state === S_INGRESS) {
      const pod = table.pods[i]!;
      // Handed over with the Service counted by the general path.
      this.general(g, t, g.spec.path, { ok: true, pod, port: table.eps[i]!.port, serviceKey }, c);
      this.handedOver += c;
      return;
    }
    const nodeId = row[o + B_NODE]!;
    if (!this.nodes.isUp(nodeId) || (policies && !this.net.allowed(t.client, table.pods[i]!, table.eps[i]!.port))) {
      this.acct.failed(g, "timeout", c, undefined, table.pods[i]);
      this.errors += c;
      return;
    }
    if (state === S_REFUSES) {
      this.acct.failed(g, "refused", c, undefined, table.pods[i]);
      this.errors += c;
      return;
    }
    // TrafficAccounting.reached, with the row's cached values.
    const stats = this.acct.stats;
    const slot = row[o + B_SLOT]!;
    const line = stats.line;
    const p = slot * POD_LINE;
    if (line[p + L_TICK] !== stats.tick) stats.rollSlot(slot);
    const left = row[o + B_CAP_PER_TICK]! - line[p + L_TICK_SERVED]!;
    const served = c < left ? c : left > 0 ? Math.floor(left) : 0;
    const shed = c - served;
    if (shed > 0) {
      stats.shedSlot(slot, shed);
      this.overload += shed;
      this.errors += shed;
    }
    if (served === 0) return;
    if (row[o + B_PATH] !== pathId) {
      row[o + B_PATH] = pathId;
      row[o + B_STATUS] = this.acct.statusOf(table.pcs[i]!, table.pods[i]!, table.eps[i]!.port, g.spec.path);
    }
    const status = row[o + B_STATUS]!;
    const bad = status === 0 || status >= 400;
    const latency = (clientNode === nodeId ? NETWORK_LATENCY_MS.sameNode : NETWORK_LATENCY_MS.crossNode) + serverLatencyMs(row[o + B_CPU_MS]!, line[p + L_RPS]! / row[o + B_CAPACITY_RPS]!);
    stats.servedSlot(slot, served, latency, bad);
    if (bad) {
      if (status === 0) this.refused += served;
      else this.http += served;
      this.errors += served;
    } else this.ok += served;
    if (status > 0) {
      const k = status >= 500 ? 3 : status >= 400 ? 2 : status >= 300 ? 1 : 0;
      this.byStatus[k] = this.byStatus[k]! + served;
    }
    g.latencySumMs += latency * served;
    this.latencySum += latency * served;
  }

  private tableFor(eps: readonly ProxyEndpoint[]): BackendTable | null {
    let table = this.tables.get(eps);
    if (table === undefined) {
      // Endpoints without a pod (a selector-less Service's manual addresses) take the general path.
      table = eps.every((ep) => ep.podKey !== undefined) ? new BackendTable(eps) : null;
      this.tables.set(eps, table);
    }
    return table;
  }

  private pathId(path: string): number {
    let id = this.pathIndex.get(path);
    if (id === undefined) this.pathIndex.set(path, (id = this.pathIndex.size));
    return id;
  }

  /** Row `i` reads its pod again (its object changed, or the row is new). */
  private refresh(table: BackendTable, i: number): void {
    const ep = table.eps[i]!;
    const row = table.row;
    const o = i * BACKEND_ROW;
    const pod = this.net.book.pods.get(ep.podKey!);
    this.watchers.watch(ep.podKey!, table, i);
    table.pods[i] = pod;
    row[o + B_PATH] = -1;
    if (!pod || pod.status?.podIP !== ep.ip) {
      // The pod is gone or no longer has the endpoint's address.
      table.settle(i, S_MISSING);
      table.pcs[i] = undefined;
      return;
    }
    const pc: PodCache = this.acct.podCache(pod);
    table.pcs[i] = pc;
    const nodeName = pod.spec.nodeName ?? "";
    const nodeId = this.nodes.id(nodeName);
    // The node's agent as of this refresh (a pod does not change nodes; its kubelet object is kept).
    this.nodes.setAgent(nodeId, this.net.nodeAgent(nodeName));
    const accepts = this.net.accepts(pod, ep.port);
    const prof = this.acct.profiles.get(pod, ep.port);
    table.settle(i, isIngressControllerPod(pod) ? S_INGRESS : accepts ? S_OK : S_REFUSES);
    row[o + B_SLOT] = pc.rec.slot;
    row[o + B_NODE] = nodeId;
    row[o + B_CPU_MS] = prof.cpuMs;
    row[o + B_CAPACITY_RPS] = prof.capacityRps;
    row[o + B_CAP_PER_TICK] = (prof.capacityRps * TRAFFIC_TICK_MS) / 1000;
  }
}

/**
 * Reads the first and last number of endpoint `i`'s table row and of its pod's counter row: 64-byte rows
 * need not start on a cache line, so this brings in every line landing will use.
 */
function touchRows(row: Float64Array, line: Float64Array, i: number): number {
  const o = i * BACKEND_ROW;
  const p = row[o + B_SLOT]! * POD_LINE;
  // An int32 (a small integer is returned without allocating a number on the heap).
  return (row[o + BACKEND_ROW - 1]! + line[p]! + line[p + POD_LINE - 1]!) | 0;
}
