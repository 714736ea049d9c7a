// EtcdCluster models the etcd members behind the API server: one member per control-plane node (kubeadm's
// stacked etcd, each member named after its node), each running or not, and raft's rule that the cluster
// serves reads and writes only while a majority of members — the quorum, ⌊n/2⌋+1 — is running
// (etcd docs "FAQ: What is failure tolerance?": 3 members tolerate 1 failure). Snapshots are named
// copies of the keyspace, as `etcdctl snapshot save NAME` writes them.
import type { StoreSnapshot } from "../../apiserver/store";

export interface EtcdMember {
  /** The member name: its control-plane node's name. */
  readonly name: string;
  /** Stopped on purpose (`sim etcd member stop`, `sim control-plane stop etcd`). */
  stopped: boolean;
}

export interface SavedSnapshot {
  readonly name: string;
  /** Simulated ms when it was taken. */
  readonly t: number;
  readonly snapshot: StoreSnapshot;
  readonly keys: number;
}

export class EtcdCluster {
  readonly members: EtcdMember[];
  private readonly snapshots = new Map<string, SavedSnapshot>();

  constructor(
    names: readonly string[],
    /** Whether the machine hosting a member is up (a killed control-plane node takes its member down). */
    private readonly machineUp: (node: string) => boolean,
  ) {
    this.members = names.map((name) => ({ name, stopped: false }));
  }

  member(name: string): EtcdMember | undefined {
    return this.members.find((m) => m.name === name);
  }

  running(m: EtcdMember): boolean {
    return !m.stopped && this.machineUp(m.name);
  }

  get runningCount(): number {
    let n = 0;
    for (const m of this.members) if (this.running(m)) n++;
    return n;
  }

  /** Raft quorum: a majority of the members. */
  get quorum(): number {
    return Math.floor(this.members.length / 2) + 1;
  }

  get hasQuorum(): boolean {
    return this.runningCount >= this.quorum;
  }

  /** `etcdctl member list -w table`-like rows: name, status. */
  describe(): string {
    const rows = this.members.map((m) => [m.name, this.running(m) ? "started" : m.stopped ? "stopped" : "unreachable"]);
    const w = Math.max(4, ...rows.map((r) => r[0]!.length));
    let out = `${"NAME".padEnd(w)}   STATUS\n`;
    for (const [n, s] of rows) out += `${n!.padEnd(w)}   ${s}\n`;
    out += `quorum: ${this.runningCount}/${this.members.length} members running, ${this.quorum} needed (${this.hasQuorum ? "the cluster serves reads and writes" : "NO QUORUM: every request fails"})\n`;
    return out;
  }

  saveSnapshot(name: string, t: number, snapshot: StoreSnapshot): SavedSnapshot {
    let keys = 0;
    for (const m of snapshot.data.values()) keys += m.size;
    const s = { name, t, snapshot, keys };
    this.snapshots.set(name, s);
    return s;
  }

  snapshot(name: string): SavedSnapshot | undefined {
    return this.snapshots.get(name);
  }

  snapshotNames(): string[] {
    return [...this.snapshots.keys()].sort();
  }
}
