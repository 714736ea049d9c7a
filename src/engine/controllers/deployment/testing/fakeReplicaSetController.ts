// A stand-in for the ReplicaSet controller and the kubelets behind it, for Deployment tests: it keeps
// each ReplicaSet's pods at spec.replicas (after a creation delay), makes them Ready (= available,
// minReadySeconds 0) after a start delay — or never, for a "broken image" — and writes status.replicas,
// readyReplicas, availableReplicas and observedGeneration. Optionally it creates real Pod objects bound
// to a node, whose deletion is graceful (the pod lingers, terminating, for deleteDelayMs).
import type { Pod, ReplicaSet } from "../../../api/types";
import { ApiError } from "../../../apiserver/errors";
import { ApiClient } from "../../../client/apiClient";
import { deepCopy } from "../../../sim/clone";
import { rfc3339 } from "../../../sim/clock";
import type { TestHarness } from "./testHarness";

export interface FakeReplicaSetOptions {
  /** From a ReplicaSet change to its pods existing. */
  createDelayMs?: number;
  /** From pod creation to Ready. */
  readyDelayMs?: number;
  /** ReplicaSets whose pods never become Ready. */
  neverReady?: (rs: ReplicaSet) => boolean;
  /** Create Pod objects (bound to "node-1") instead of only counting pods. */
  createPods?: boolean;
  /** How long a deleted pod stays Terminating before it is gone. */
  deleteDelayMs?: number;
}

interface FakePod {
  name: string;
  createdAt: number;
  readyAt: number;
  markedReady: boolean;
  deleting: boolean;
}

export class FakeReplicaSetController {
  private readonly client: ApiClient;
  private readonly pods = new Map<string, FakePod[]>();
  private readonly opts: Required<Omit<FakeReplicaSetOptions, "neverReady">> & Pick<FakeReplicaSetOptions, "neverReady">;
  private seq = 0;

  constructor(private readonly h: TestHarness, opts: FakeReplicaSetOptions = {}) {
    this.client = new ApiClient(h.api, "replicaset-controller");
    this.opts = { createDelayMs: 100, readyDelayMs: 2_000, createPods: false, deleteDelayMs: 3_000, ...opts };
    const inf = h.informers.for<ReplicaSet>("replicasets");
    inf.addEventHandler({
      add: (rs) => this.schedule(rs, this.opts.createDelayMs),
      update: (_o, rs) => this.schedule(rs, this.opts.createDelayMs),
    });
  }

  private schedule(rs: ReplicaSet, delay: number): void {
    const key = `${rs.metadata.namespace}/${rs.metadata.name}`;
    this.h.events.after(delay, "fake-rs", () => this.reconcile(key));
  }

  private reconcile(key: string): void {
    const [ns, name] = key.split("/") as [string, string];
    const rs = this.h.replicaSet(name, ns);
    if (!rs) return;
    const now = this.h.clock.now();
    const uid = rs.metadata.uid;
    let pods = this.pods.get(uid);
    if (!pods) this.pods.set(uid, (pods = []));
    const target = rs.spec.replicas ?? 1;
    const live = pods.filter((p) => !p.deleting);
    const never = this.opts.neverReady?.(rs) ?? false;
    for (let i = live.length; i < target; i++) {
      const p: FakePod = { name: `${rs.metadata.name}-${(this.seq++).toString(36).padStart(5, "0")}`, createdAt: now, readyAt: never ? Infinity : now + this.opts.readyDelayMs, markedReady: false, deleting: false };
      pods.push(p);
      live.push(p);
      if (this.opts.createPods) this.createPod(rs, p);
    }
    if (live.length > target) {
      // Like ActivePodsWithRanks: not-ready pods first, then the newest.
      const victims = [...live].sort((a, b) => Number(a.readyAt <= now) - Number(b.readyAt <= now) || b.createdAt - a.createdAt).slice(0, live.length - target);
      for (const v of victims) this.deletePod(ns, uid, v);
    }
    if (this.opts.createPods) for (const p of pods) if (!p.deleting && !p.markedReady && p.readyAt <= now) this.markReady(ns, p);
    const active = pods.filter((p) => !p.deleting);
    const ready = active.filter((p) => p.readyAt <= now).length;
    const status = {
      replicas: active.length,
      ...(active.length ? { fullyLabeledReplicas: active.length } : {}),
      ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const cur = rs.status ?? { replicas: 0 };
    const changed =
      cur.replicas !== status.replicas ||
      (cur.readyReplicas ?? 0) !== ready ||
      (cur.availableReplicas ?? 0) !== ready ||
      cur.observedGeneration !== status.observedGeneration;
    if (changed) {
      const copy = deepCopy(rs);
      copy.status = status;
      try {
        this.client.updateStatus(copy);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.schedule(rs, 5);
        return;
      }
    }
    const next = Math.min(...active.map((p) => (p.readyAt > now ? p.readyAt : Infinity)));
    if (next !== Infinity) this.h.events.at(next, "fake-rs:ready", () => this.reconcile(key));
  }

  private createPod(rs: ReplicaSet, p: FakePod): void {
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: p.name,
        namespace: rs.metadata.namespace,
        labels: { ...(rs.spec.template.metadata?.labels ?? {}) },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
      } as Pod["metadata"],
      spec: { ...deepCopy(rs.spec.template.spec), nodeName: "node-1" },
    };
    this.client.create(pod);
  }

  private markReady(ns: string, p: FakePod): void {
    const pod = this.h.store.get("pods", `pods/${ns}/${p.name}`) as Pod | undefined;
    if (!pod) return;
    const copy = deepCopy(pod);
    const t = rfc3339(this.h.clock.absolute(p.readyAt));
    copy.status = { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: t }] };
    this.client.updateStatus(copy);
    p.markedReady = true;
  }

  private deletePod(ns: string, uid: string, p: FakePod): void {
    p.deleting = true;
    if (!this.opts.createPods) {
      this.forget(uid, p);
      return;
    }
    this.client.delete("Pod", ns, p.name); // graceful: the pod is bound, it lingers as Terminating
    this.h.events.after(this.opts.deleteDelayMs, "fake-kubelet:kill", () => {
      // The kubelet confirms the kill: grace 0 removes the object.
      try {
        this.client.delete("Pod", ns, p.name, { gracePeriodSeconds: 0 });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      this.forget(uid, p);
    });
  }

  private forget(uid: string, p: FakePod): void {
    const pods = this.pods.get(uid);
    if (pods) pods.splice(pods.indexOf(p), 1);
  }
}
