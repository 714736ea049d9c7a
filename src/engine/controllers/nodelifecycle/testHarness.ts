// A small real kernel for the node controllers' tests: clock, event queue, store, watch hub, audit log,
// API server (no admission hooks; stored objects are frozen so a controller mutating shared state throws),
// shared informers and a ControllerContext — plus fake kubelets that post heartbeats (the Ready
// condition's lastHeartbeatTime and the kube-node-lease Lease) until they are "killed".
// Test-only: nothing in the engine imports it.
import type { KubeObject, Lease, Node, NodeCondition, Pod, Toleration } from "../../api/types";
import { ApiServer, NO_HOOKS } from "../../apiserver/apiServer";
import { AuditLog, type AuditEntry } from "../../apiserver/audit";
import { ApiError } from "../../apiserver/errors";
import { Store } from "../../apiserver/store";
import { WatchHub } from "../../apiserver/watch";
import { ApiClient } from "../../client/apiClient";
import { EventRecorder } from "../../client/eventRecorder";
import { SharedInformers } from "../../client/sharedInformers";
import { WorkQueue } from "../../client/workqueue";
import { rfc3339, rfc3339Micro, SimClock } from "../../sim/clock";
import { deepFreeze } from "../../sim/clone";
import { EventQueue, type ScheduledTask } from "../../sim/eventQueue";
import { SeededRandom } from "../../sim/random";
import { DEFAULT_TIMINGS, type ClusterTimings } from "../../sim/timings";
import type { Controller, ControllerContext } from "../context";

/** The kubelet's healthy pressure conditions (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY: Record<string, [reason: string, message: string]> = {
  MemoryPressure: ["KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
  DiskPressure: ["KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
  PIDPressure: ["KubeletHasSufficientPID", "kubelet has sufficient PID available"],
};

const READY: [string, string] = ["KubeletReady", "kubelet is posting ready status"];
const NOT_READY: [string, string] = ["KubeletNotReady", "container runtime is down"];

export class TestCluster {
  readonly clock = new SimClock();
  readonly events = new EventQueue(this.clock);
  readonly random = new SeededRandom(42);
  readonly store = new Store();
  readonly hub = new WatchHub(this.store);
  readonly audit = new AuditLog(1_000_000);
  // ApiServerOptions.freezeStored freezes before Store.put stamps resourceVersion (every write then
  // fails), so the harness freezes each stored object right after the store has written it instead.
  readonly api = new ApiServer(this.store, this.clock, this.random, this.audit);
  readonly informers: SharedInformers;
  readonly timings: ClusterTimings;
  readonly ctx: ControllerContext;
  /** Sync failures that are not API errors: bugs. Tests assert this stays empty. */
  readonly bugs: unknown[] = [];
  readonly kubelets = new Map<string, FakeKubelet>();
  private readonly recorders = new Map<string, EventRecorder>();

  /** `freeze: false` for benchmarks: frozen objects built by spreads are much slower to read in V8. */
  constructor(timings: Partial<ClusterTimings> = {}, opts: { freeze?: boolean } = {}) {
    this.api.hooks = NO_HOOKS;
    if (opts.freeze !== false) {
      this.store.onEvent((e) => {
        if (e.type !== "DELETED") deepFreeze(e.object);
      });
    }
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.informers = new SharedInformers(this.store, this.hub, this.events, this.timings.watchLatencyMs);
    this.ctx = {
      clock: this.clock,
      events: this.events,
      random: this.random,
      informers: this.informers,
      timings: this.timings,
      client: (actor) => new ApiClient(this.api, actor),
      recorder: (component, host) => {
        const key = `${component}\u0000${host ?? ""}`;
        let r = this.recorders.get(key);
        if (!r) this.recorders.set(key, (r = new EventRecorder(new ApiClient(this.api, component), this.clock, { component, host })));
        return r;
      },
      workqueue: (name, sync, opts) =>
        new WorkQueue(name, this.events, sync, {
          ...opts,
          onError: (_q, _k, err) => {
            if (!(err instanceof ApiError)) this.bugs.push(err);
          },
        }),
    };
  }

  client(actor = "kubectl"): ApiClient {
    return new ApiClient(this.api, actor);
  }

  /** Starts the controllers, then the informers (the order kube-controller-manager uses). */
  start(...controllers: Controller[]): void {
    for (const c of controllers) c.start();
    this.informers.startAll();
  }

  /** Advances simulated time to `t` ms (running everything due). */
  runUntil(t: number): void {
    this.events.runUntil(t);
  }

  /** A Node with Ready=True (heartbeat now) and its Lease, as a kubelet registers it. */
  addNode(name: string, labels: Record<string, string> = {}): Node {
    const now = rfc3339(this.clock.absolute());
    const ready: NodeCondition = { type: "Ready", status: "True", lastHeartbeatTime: now, lastTransitionTime: now, reason: "KubeletReady", message: "kubelet is posting ready status" };
    const conds: NodeCondition[] = Object.entries(HEALTHY).map(([type, [reason, message]]) => ({
      type,
      status: "False",
      lastHeartbeatTime: now,
      lastTransitionTime: now,
      reason,
      message,
    }));
    const node = this.client(`kubelet/${name}`).create<Node>({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } } as unknown as Node["metadata"],
      spec: {},
      status: { conditions: [...conds, ready] },
    });
    this.client(`kubelet/${name}`).create<Lease>({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name, namespace: "kube-node-lease" } as Lease["metadata"],
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(this.clock.absolute()) },
    });
    return node;
  }

  /** A Node as registered by a kubelet that never posted its status. */
  addNodeWithoutStatus(name: string): Node {
    return this.client(`kubelet/${name}`).create<Node>({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { "kubernetes.io/hostname": name } } as unknown as Node["metadata"],
      spec: {},
      status: {},
    });
  }

  /** Changes a node's spec as `kubectl` would (taint, cordon). */
  patchNode(name: string, mutate: (n: Node) => void): Node {
    return this.client().patch<Node>("Node", undefined, name, mutate);
  }

  /** A running, Ready pod bound to `nodeName`. */
  addPod(name: string, nodeName: string | undefined, tolerations?: Toleration[], namespace = "default"): Pod {
    const c = this.client();
    c.create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace } as Pod["metadata"],
      spec: { containers: [{ name: "c", image: "nginx" }], ...(nodeName ? { nodeName } : {}), ...(tolerations ? { tolerations } : {}) },
    });
    const now = rfc3339(this.clock.absolute());
    return c.patch<Pod>("Pod", namespace, name, (p) => {
      p.status = {
        phase: nodeName ? "Running" : "Pending",
        conditions: nodeName ? [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: now }] : [],
      };
    }, "status");
  }

  node(name: string): Node | undefined {
    return this.store.get("nodes", `nodes/${name}`) as Node | undefined;
  }

  pod(name: string, namespace = "default"): Pod | undefined {
    return this.store.get("pods", `pods/${namespace}/${name}`) as Pod | undefined;
  }

  /** Events (core/v1) as stored, oldest first. */
  eventsList(): KubeObject[] {
    return this.store.list("events");
  }

  auditWhere(pred: (e: AuditEntry) => boolean): AuditEntry[] {
    return this.audit.since(0).filter(pred);
  }

  /** Starts a fake kubelet on `node`: a heartbeat every 10s from `firstAt` (sim ms). */
  startKubelet(node: string, firstAt: number): FakeKubelet {
    let k = this.kubelets.get(node);
    if (!k) this.kubelets.set(node, (k = new FakeKubelet(this, node)));
    k.start(firstAt);
    return k;
  }
}

/** The part of the kubelet the node controller watches: the node status heartbeat and the lease. */
export class FakeKubelet {
  /** Simulated ms of the last heartbeat posted. */
  lastHeartbeat = -1;
  /** What the kubelet reports in its Ready condition ("False": e.g. the container runtime is down). */
  ready: "True" | "False" = "True";
  private task: ScheduledTask | undefined;

  constructor(
    private readonly cluster: TestCluster,
    readonly nodeName: string,
  ) {}

  start(firstAt: number): void {
    this.stop();
    this.task = this.cluster.events.at(firstAt, `kubelet/${this.nodeName}:heartbeat`, () => this.beat());
  }

  /** "Kills" the node: no more heartbeats. */
  stop(): void {
    if (this.task) this.task.cancelled = true;
    this.task = undefined;
  }

  private beat(): void {
    const c = this.cluster;
    const client = c.client(`kubelet/${this.nodeName}`);
    const abs = c.clock.absolute();
    const now = rfc3339(abs);
    client.patch<Node>("Node", undefined, this.nodeName, (n) => {
      const conds = n.status.conditions ?? [];
      n.status.conditions = conds.map((cond) => {
        const healthy = cond.type === "Ready" ? this.ready : "False";
        const changed = cond.status !== healthy;
        const readyWords = this.ready === "True" ? READY : NOT_READY;
        return {
          ...cond,
          status: healthy,
          lastHeartbeatTime: now,
          ...(changed ? { lastTransitionTime: now } : {}),
          ...(cond.type === "Ready" ? { reason: readyWords[0], message: readyWords[1] } : {}),
          ...(HEALTHY[cond.type] ? { reason: HEALTHY[cond.type]![0], message: HEALTHY[cond.type]![1] } : {}),
        };
      });
    }, "status");
    client.patch<Lease>("Lease", "kube-node-lease", this.nodeName, (l) => {
      l.spec = { ...l.spec, renewTime: rfc3339Micro(abs) };
    });
    this.lastHeartbeat = c.clock.now();
    this.task = c.events.after(c.timings.nodeStatusUpdateFrequencyMs, `kubelet/${this.nodeName}:heartbeat`, () => this.beat());
  }
}
