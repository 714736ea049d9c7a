// ChangeRecorder turns what the API server did into a stream of changes with the actor responsible:
// every store change (etcd write) is paired with the audit entry of the request that made it — the
// store emits its events inside the request, the audit log records the request right after — so a
// change "pod web-x got a deletionTimestamp" knows it was the taint-eviction-controller's DELETE.
// Changes made outside any request (an etcd snapshot restore) are flushed with the actor "etcd".
// Only what experiments look at is kept: pods, endpoint slices and events of the focus namespace,
// nodes, and node leases (heartbeats) as times only.
import type { KubeObject, Lease } from "../engine/api/types";
import type { AuditEntry } from "../engine/apiserver/audit";
import type { StoreEvent, WatchEventType } from "../engine/apiserver/store";
import type { Cluster } from "../engine/sim/cluster";

export interface Change {
  readonly seq: number;
  readonly t: number;
  readonly actor: string;
  readonly verb: string;
  readonly subresource?: string;
  readonly type: WatchEventType;
  readonly resource: string;
  readonly object: KubeObject;
  readonly prev?: KubeObject;
}

/** A kubelet's Lease renewal (a heartbeat). */
export interface Heartbeat {
  readonly t: number;
  readonly node: string;
}

export class ChangeRecorder {
  readonly changes: Change[] = [];
  readonly heartbeats: Heartbeat[] = [];
  private pending: StoreEvent[] = [];
  private active = true;
  private readonly unsubscribe: () => void;
  private seq = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly namespace: string,
    /** Called after each request that changed something recorded (the runner samples its measures). */
    private readonly onChange: () => void,
  ) {
    // Store listeners cannot be removed: a detached recorder ignores what it hears.
    cluster.store.onEvent((e) => {
      if (this.active && this.wanted(e)) this.pending.push(e);
    });
    this.unsubscribe = cluster.audit.subscribe((a) => this.paired(a));
    // Heartbeats from before the recorder started: each Lease's last renewTime.
    for (const l of cluster.store.list("leases", "kube-node-lease") as Lease[]) {
      const renew = l.spec?.renewTime ? Date.parse(l.spec.renewTime) : NaN;
      if (Number.isFinite(renew)) this.heartbeats.push({ t: renew - cluster.clock.absolute(0), node: l.metadata.name });
    }
    this.heartbeats.sort((a, b) => a.t - b.t);
  }

  private wanted(e: StoreEvent): boolean {
    switch (e.resource) {
      case "nodes":
      case "leases":
        return true;
      case "pods":
      case "endpointslices":
        return e.object.metadata.namespace === this.namespace;
      case "events":
        return e.object.metadata.namespace === this.namespace || e.object.metadata.namespace === "default";
      default:
        return false;
    }
  }

  private paired(a: AuditEntry): void {
    if (!this.active || this.pending.length === 0) return;
    this.take(a.actor, a.verb, a.subresource, a.t);
  }

  /** Changes made outside a request (etcd restore) get `actor`. */
  flush(actor: string): void {
    if (this.pending.length > 0) this.take(actor, "restore", undefined, this.cluster.now());
  }

  private take(actor: string, verb: string, subresource: string | undefined, t: number): void {
    const batch = this.pending;
    this.pending = [];
    let relevant = false;
    for (const e of batch) {
      if (e.resource === "leases") {
        if (e.object.metadata.namespace === "kube-node-lease" && actor.startsWith("kubelet/")) this.heartbeats.push({ t, node: e.object.metadata.name });
        continue;
      }
      relevant = true;
      this.changes.push({ seq: this.seq++, t, actor, verb, ...(subresource ? { subresource } : {}), type: e.type, resource: e.resource, object: e.object, ...(e.prev ? { prev: e.prev } : {}) });
    }
    if (relevant) this.onChange();
  }

  /** The last heartbeat of `node` at or before `t`. */
  lastHeartbeat(node: string, t: number): number | undefined {
    for (let i = this.heartbeats.length - 1; i >= 0; i--) {
      const h = this.heartbeats[i]!;
      if (h.node === node && h.t <= t) return h.t;
    }
    return undefined;
  }

  detach(): void {
    this.active = false;
    this.pending = [];
    this.unsubscribe();
  }
}
