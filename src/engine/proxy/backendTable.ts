// What the traffic fast path (fastPath.ts) knows about each endpoint of one usable-endpoints list — one
// list per rules snapshot (and node, for Local policy) — as rows of numbers: built when kube-proxy's rules
// change, a row refreshed only when its pod object changes. Rows are 64 bytes, so a request landing on an
// endpoint reads one cache line, not a chain of objects.
import type { Pod } from "../api/types";
import type { PodCache } from "./accounting";
import type { ProxyEndpoint } from "./endpointsCache";

/** Numbers per row. */
export const BACKEND_ROW = 8;
/** S_* below. */
export const B_STATE = 0;
/** The pod's row in TrafficStats.line. */
export const B_SLOT = 1;
/** The pod's node, as ClusterIPFastPath numbers nodes. */
export const B_NODE = 2;
/** Requests the pod can complete in one traffic tick. */
export const B_CAP_PER_TICK = 3;
/** CPU one request costs the server (core-ms). */
export const B_CPU_MS = 4;
export const B_CAPACITY_RPS = 5;
/** The HTTP status the pod answers path B_PATH with (0: connection closed without one). */
export const B_STATUS = 6;
/** The path B_STATUS is for, as ClusterIPFastPath numbers paths (-1: none yet). */
export const B_PATH = 7;

/** The row must read its pod again (new row, or the pod object changed). */
export const S_STALE = -1;
/** Serving: requests reach the server. */
export const S_OK = 0;
/** The pod is gone or no longer has the endpoint's address. */
export const S_MISSING = 1;
/** An ingress-nginx pod: requests go on through the ingress hop (general path). */
export const S_INGRESS = 2;
/** Nothing listens on the endpoint's port: connection refused. */
export const S_REFUSES = 3;

export class BackendTable {
  readonly n: number;
  readonly row: Float64Array;
  /** The pod each row read at its last refresh (NetworkPolicy checks, failures, ingress hand-over). */
  readonly pods: (Pod | undefined)[];
  readonly pcs: (PodCache | undefined)[];
  /**
   * Rows that are stale or ingress pods. While there are none, landing on a row runs no other model
   * (no refresh, no ingress hop drawing random numbers), so a generator may draw all its endpoints first.
   */
  unsettled = 0;

  constructor(readonly eps: readonly ProxyEndpoint[]) {
    this.n = eps.length;
    this.row = new Float64Array(this.n * BACKEND_ROW);
    this.pods = new Array<Pod | undefined>(this.n).fill(undefined);
    this.pcs = new Array<PodCache | undefined>(this.n).fill(undefined);
    for (let i = 0; i < this.n; i++) this.row[i * BACKEND_ROW + B_STATE] = S_STALE;
    this.unsettled = this.n;
  }

  markStale(i: number): void {
    const o = i * BACKEND_ROW + B_STATE;
    if (!unsettled(this.row[o]!)) this.unsettled++;
    this.row[o] = S_STALE;
  }

  /** Row `i` was refreshed into `state`. */
  settle(i: number, state: number): void {
    const o = i * BACKEND_ROW + B_STATE;
    this.unsettled += (unsettled(state) ? 1 : 0) - (unsettled(this.row[o]!) ? 1 : 0);
    this.row[o] = state;
  }
}

function unsettled(state: number): boolean {
  return state === S_STALE || state === S_INGRESS;
}

/** A table row that read a pod, in a list per pod key (usually of one). */
interface Watch {
  readonly table: BackendTable;
  readonly row: number;
  readonly next: Watch | undefined;
}

/** Rows listed under one pod before the list is dropped (see PodWatchers.watch). */
const MAX_WATCHES = 16;

/** Which rows read which pod, so that a change to the pod marks them stale. */
export class PodWatchers {
  private readonly byPod = new Map<string, Watch>();

  /**
   * Lists row `row` of `table` under pod `key`. Rows of tables built for older rules stay listed until
   * the pod changes; past MAX_WATCHES the whole list is dropped and its rows marked stale (a row still in
   * use reads its pod again on its next landing), so a pod that never changes holds no old tables.
   */
  watch(key: string, table: BackendTable, row: number): void {
    let first = this.byPod.get(key);
    let n = 0;
    for (let w = first; w !== undefined; w = w.next) n++;
    if (n >= MAX_WATCHES) {
      for (let w = first; w !== undefined; w = w.next) w.table.markStale(w.row);
      first = undefined;
    }
    this.byPod.set(key, { table, row, next: first });
  }

  /** Pod `key` was added, changed or deleted: its rows read it again when next used. */
  changed(key: string): void {
    const first = this.byPod.get(key);
    if (!first) return;
    for (let w: Watch | undefined = first; w !== undefined; w = w.next) w.table.markStale(w.row);
    this.byPod.delete(key);
  }
}
