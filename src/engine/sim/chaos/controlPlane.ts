// ControlPlane tracks the control-plane processes the chaos verbs stop and start: kube-apiserver and an
// etcd member on every control-plane node, and kube-controller-manager and kube-scheduler, of which one
// instance — the leader — acts at a time.
//
// Leader election (client-go tools/leaderelection, kube-controller-manager's and kube-scheduler's
// defaults in component-base config v1alpha1: lease 15s, renew deadline 10s, retry 2s):
//   - a leader that cannot renew its lease for 10s (API server down, etcd without quorum) gives up and
//     exits ("leaderelection lost"); the kubelet restarts the static pod;
//   - a leader whose machine dies holds its lease until it expires, 15s after its last renewal, then a
//     standby on another control-plane node takes over;
//   - a new leader is a new process: fresh informers and controllers with empty in-memory state (the
//     node lifecycle controller gives every node a fresh grace period, taint-eviction timers restart).
// The API server is "available" while at least one instance runs (kubectl goes through the control-plane
// endpoint); etcd serves only with a quorum of members (etcd.ts).
import type { ComponentName } from "../../protocol";
import { ApiClient } from "../../client/apiClient";
import type { ScheduledTask } from "../eventQueue";
import type { Cluster } from "../cluster";
import { staticPods } from "../bootstrap";
import { EtcdCluster } from "./etcd";
import { etcdUnavailable, NetworkError } from "./errors";

/** RecommendedDefaultLeaderElectionConfiguration (k8s.io/component-base/config/v1alpha1/defaults.go). */
export const LEADER_ELECTION = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 } as const;

export const COMPONENT_NAMES: readonly ComponentName[] = ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"];

type LeaderComponent = "kube-controller-manager" | "kube-scheduler";
const LEADER_COMPONENTS: readonly LeaderComponent[] = ["kube-controller-manager", "kube-scheduler"];

export interface ComponentStatus {
  readonly name: ComponentName;
  /** Serving: the API server answers, etcd has quorum, the scheduler/controller manager has a leader. */
  readonly up: boolean;
  /** Stopped with `sim control-plane stop` (etcd: every member stopped). */
  readonly stopped: boolean;
  /** One instance per control-plane node. */
  readonly instances: readonly { readonly node: string; readonly running: boolean }[];
  /** kube-scheduler / kube-controller-manager: the node of the acting leader. */
  readonly leader?: string;
  /** A sentence for the page and `sim control-plane status`. */
  readonly message: string;
}

/** What a chaos verb did, for experiment timelines (actor "sim"). */
export interface ChaosRecord {
  readonly t: number;
  readonly verb: string;
  readonly target: string;
  readonly text: string;
}

interface Leadership {
  active: boolean;
  node: string | undefined;
  /** Until when the departed leader's lease blocks a new one (sim ms). */
  heldUntil: number;
  pending: ScheduledTask | undefined;
  pendingAt: number;
  message: string;
}

export class ControlPlane {
  readonly etcd: EtcdCluster;
  readonly log: ChaosRecord[] = [];
  private readonly stopped = new Set<ComponentName>();
  private apiDownSince: number | undefined;
  /** etcd has quorum, as of the last reconcile() (every change of a member or a machine reconciles). */
  private quorum = true;
  private readonly leaders = new Map<LeaderComponent, Leadership>();

  constructor(private readonly cluster: Cluster) {
    this.etcd = new EtcdCluster(this.nodes(), (n) => this.machineUp(n));
    const first = this.nodes()[0];
    for (const c of LEADER_COMPONENTS) {
      this.leaders.set(c, { active: true, node: first, heldUntil: 0, pending: undefined, pendingAt: Infinity, message: "" });
    }
    cluster.api.faults = {
      unreachable: (actor) => {
        if (!actor.startsWith("kubelet/")) return undefined;
        const k = cluster.kubelets.get(actor.slice("kubelet/".length));
        return k && k.alive && !k.connected ? new NetworkError(this.apiHost()) : undefined;
      },
      // Every API request asks: answer from a flag that reconcile() keeps current (hot path).
      storage: (_actor, verb, rt, namespace, name, subresource) => (this.quorum ? undefined : etcdUnavailable(verb, rt, namespace, name, subresource)),
    };
  }

  /** The control-plane nodes, in configuration order. */
  nodes(): string[] {
    return this.cluster.config.nodes.filter((n) => n.role === "control-plane").map((n) => n.name);
  }

  private machineUp(node: string): boolean {
    const k = this.cluster.kubelets.get(node);
    // Before the kubelet registered (during construction) the machine is booting: count it as up.
    return k === undefined || k.alive;
  }

  private apiHost(): string {
    const first = this.nodes()[0];
    return (first && this.cluster.kubelets.get(first)?.hostIP) || "172.18.0.2";
  }

  record(verb: string, target: string, text: string): void {
    this.log.push({ t: this.cluster.now(), verb, target, text });
  }

  isStopped(c: ComponentName): boolean {
    return this.stopped.has(c);
  }

  apiServerUp(): boolean {
    return !this.stopped.has("kube-apiserver") && this.nodes().some((n) => this.machineUp(n));
  }

  /** The API answers requests: an API server is up and etcd has quorum. */
  apiHealthy(): boolean {
    return this.apiServerUp() && this.etcd.hasQuorum;
  }

  /** `sim control-plane stop COMPONENT`. Returns false if it was already stopped. */
  stop(c: ComponentName): boolean {
    if (this.stopped.has(c)) return false;
    this.stopped.add(c);
    if (c === "etcd") for (const m of this.etcd.members) m.stopped = true;
    if (c === "kube-scheduler" || c === "kube-controller-manager") this.mirrorPods(c, false);
    this.reconcile();
    return true;
  }

  /** `sim control-plane start COMPONENT`. Returns false if it was running. */
  start(c: ComponentName): boolean {
    const wasStopped = this.stopped.delete(c) || (c === "etcd" && this.etcd.members.some((m) => m.stopped));
    if (!wasStopped) return false;
    if (c === "etcd") for (const m of this.etcd.members) m.stopped = false;
    if (c === "kube-scheduler" || c === "kube-controller-manager") this.mirrorPods(c, true);
    this.reconcile();
    return true;
  }

  /** Re-evaluates who can run after any change (a node killed or restored, a component stopped...). */
  reconcile(): void {
    const api = this.cluster.api;
    api.available = this.apiServerUp();
    this.quorum = this.etcd.hasQuorum;
    const healthy = this.apiHealthy();
    const now = this.cluster.now();
    if (!healthy) this.apiDownSince ??= now;
    else this.apiDownSince = undefined;
    for (const c of LEADER_COMPONENTS) this.reconcileLeader(c, healthy, now);
  }

  private reconcileLeader(c: LeaderComponent, healthy: boolean, now: number): void {
    const l = this.leaders.get(c)!;
    if (l.active) {
      if (this.stopped.has(c)) {
        // The process was stopped on purpose: it releases its lease (ReleaseOnCancel).
        this.deactivate(c, l, now, `${c} is stopped`);
      } else if (!l.node || !this.machineUp(l.node)) {
        this.deactivate(c, l, now + LEADER_ELECTION.leaseDurationMs, `the leader on ${l.node} is gone; a standby takes over when its lease expires`);
      } else if (!healthy) {
        const since = this.apiDownSince ?? now;
        const deadline = since + LEADER_ELECTION.renewDeadlineMs;
        if (now >= deadline) {
          this.deactivate(c, l, since + LEADER_ELECTION.leaseDurationMs, "leaderelection lost: the lease could not be renewed; restarting");
        } else {
          this.schedule(l, deadline, () => this.reconcile());
        }
      } else {
        this.cancel(l);
      }
      return;
    }
    const candidate = this.stopped.has(c) ? undefined : this.nodes().find((n) => this.machineUp(n));
    if (!candidate) {
      this.cancel(l);
      l.message = this.stopped.has(c) ? `${c} is stopped` : `no control-plane node can run ${c}`;
      return;
    }
    if (!healthy) {
      this.cancel(l);
      l.message = `${c} is waiting for the API server to acquire its lease`;
      return;
    }
    const at = Math.max(l.heldUntil, now + LEADER_ELECTION.retryPeriodMs);
    if (l.pending && !l.pending.cancelled && l.pendingAt <= at) return;
    l.message = `${c} is acquiring the leader lease`;
    this.schedule(l, at, () => {
      if (l.active || !this.apiHealthy() || this.stopped.has(c)) return this.reconcile();
      const node = this.nodes().find((n) => this.machineUp(n));
      if (!node) return this.reconcile();
      l.active = true;
      l.node = node;
      l.message = "";
      if (c === "kube-controller-manager") this.cluster.replaceControllerManager();
      else this.cluster.replaceScheduler();
      this.record("leader", c, `${c} on ${node} became the leader`);
      this.reconcile();
    });
  }

  /** Restarts the acting kube-controller-manager and kube-scheduler (new processes, fresh caches). */
  restartLeaders(reason: string): void {
    for (const c of LEADER_COMPONENTS) {
      const l = this.leaders.get(c)!;
      if (!l.active) continue;
      if (c === "kube-controller-manager") this.cluster.replaceControllerManager();
      else this.cluster.replaceScheduler();
      this.record("leader", c, `${c} ${reason}`);
    }
  }

  private deactivate(c: LeaderComponent, l: Leadership, heldUntil: number, message: string): void {
    this.cancel(l);
    l.active = false;
    l.heldUntil = heldUntil;
    l.message = message;
    if (c === "kube-controller-manager") this.cluster.stopControllerManager();
    else this.cluster.stopScheduler();
    this.record("leader", c, message);
    // Look for a successor at once (it waits for the lease to expire).
    this.reconcileLeader(c, this.apiHealthy(), this.cluster.now());
  }

  private schedule(l: Leadership, at: number, fn: () => void): void {
    if (l.pending && !l.pending.cancelled && l.pendingAt === at) return;
    this.cancel(l);
    l.pendingAt = at;
    l.pending = this.cluster.events.at(at, "control-plane:leader-election", () => {
      l.pending = undefined;
      l.pendingAt = Infinity;
      fn();
    });
  }

  private cancel(l: Leadership): void {
    if (l.pending) l.pending.cancelled = true;
    l.pending = undefined;
    l.pendingAt = Infinity;
  }

  /**
   * Stopping a component the kubeadm way (its manifest moved out of /etc/kubernetes/manifests) makes each
   * control-plane kubelet delete the component's mirror pod; starting it posts the mirror pod again.
   * Best effort: with the API down the kubelet would retry later; here it is skipped.
   */
  private mirrorPods(c: ComponentName, present: boolean): void {
    for (const node of this.nodes()) {
      if (!this.machineUp(node)) continue;
      const client = new ApiClient(this.cluster.api, `kubelet/${node}`);
      try {
        if (present) {
          const uid = this.cluster.store.get("nodes", `nodes/${node}`)?.metadata.uid ?? "";
          const pod = staticPods(node, uid).find((p) => p.metadata.labels?.component === c);
          if (pod) client.create(pod);
        } else {
          client.delete("Pod", "kube-system", `${c}-${node}`, { gracePeriodSeconds: 0 });
        }
      } catch {
        // 404 (already gone), 409 (already there) or the API is down: nothing more to do.
      }
    }
  }

  status(): ComponentStatus[] {
    const nodes = this.nodes();
    return COMPONENT_NAMES.map((name): ComponentStatus => {
      const stopped = name === "etcd" ? this.etcd.members.every((m) => m.stopped) : this.stopped.has(name);
      if (name === "etcd") {
        const instances = this.etcd.members.map((m) => ({ node: m.name, running: this.etcd.running(m) }));
        const up = this.etcd.hasQuorum;
        const msg = up ? `${this.etcd.runningCount}/${this.etcd.members.length} members running` : `no quorum: ${this.etcd.runningCount}/${this.etcd.members.length} members running, ${this.etcd.quorum} needed`;
        return { name, up, stopped, instances, message: msg };
      }
      const instances = nodes.map((node) => ({ node, running: !stopped && this.machineUp(node) }));
      if (name === "kube-apiserver") {
        const up = this.apiServerUp();
        return { name, up, stopped, instances, message: up ? (this.etcd.hasQuorum ? "serving" : "serving, but etcd has no quorum") : stopped ? "stopped" : "no instance running" };
      }
      const l = this.leaders.get(name)!;
      return { name, up: l.active, stopped, instances, ...(l.active && l.node ? { leader: l.node } : {}), message: l.active ? `leader on ${l.node}` : l.message };
    });
  }
}
