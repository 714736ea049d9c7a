// A small real cluster for kubectl's tests: the engine's kernel (clock, event queue, store, watch hub,
// audit log, API server with upstream defaulting), optionally the Deployment and ReplicaSet controllers,
// and a stand-in node agent that binds new pods to a node, reports them Running and Ready after a
// delay, and removes terminating pods when their grace period ends (what the scheduler and kubelets do
// in the full cluster). `waitFor` steps the event queue, as the cluster's own does.
import type { KubeObject, Pod } from "../../api/types";
import { resolveResource, type ResourceType } from "../../api/registry";
import { ApiServer, NO_HOOKS } from "../../apiserver/apiServer";
import { AuditLog } from "../../apiserver/audit";
import { applyDefaults } from "../../apiserver/defaults";
import { Store } from "../../apiserver/store";
import { WatchHub } from "../../apiserver/watch";
import { ApiClient } from "../../client/apiClient";
import { EventRecorder } from "../../client/eventRecorder";
import { SharedInformers } from "../../client/sharedInformers";
import { WorkQueue } from "../../client/workqueue";
import type { ControllerContext } from "../../controllers/context";
import { DeploymentController } from "../../controllers/deployment/deploymentController";
import { ReplicaSetController } from "../../controllers/replicaset/replicaSetController";
import { rfc3339, SimClock } from "../../sim/clock";
import { deepCopy } from "../../sim/clone";
import { EventQueue } from "../../sim/eventQueue";
import { SeededRandom } from "../../sim/random";
import { DEFAULT_TIMINGS } from "../../sim/timings";
import type { CommandResult, KubectlEnv } from "../env";
import { runKubectl } from "../kubectl";
import { tokenize } from "../tokenize";

export interface TestClusterOptions {
  /** Run the Deployment and ReplicaSet controllers. */
  controllers?: boolean;
  /** Bind new pods, make them Running/Ready and finish graceful deletions (default true). */
  nodeAgent?: boolean;
  /** How long a bound pod takes to become Ready (default 2s). */
  podStartMs?: number;
  namespace?: string;
  stdin?: string;
}

export class TestCluster {
  readonly clock = new SimClock();
  readonly events = new EventQueue(this.clock);
  readonly random = new SeededRandom(42);
  readonly store = new Store();
  readonly hub = new WatchHub(this.store);
  readonly audit = new AuditLog();
  readonly api: ApiServer;
  readonly files = new Map<string, string>();
  readonly env: KubectlEnv;
  stdin: string | undefined;

  constructor(opts: TestClusterOptions = {}) {
    this.api = new ApiServer(this.store, this.clock, this.random, this.audit);
    this.api.hooks = { ...NO_HOOKS, defaults: applyDefaults };
    this.stdin = opts.stdin;
    const stdin = (): string | undefined => this.stdin;
    this.env = {
      api: this.api,
      clock: this.clock,
      fs: {
        readFile: (p) => this.files.get(p),
        readDir: (p) => {
          const prefix = p.endsWith("/") ? p : p + "/";
          const names = new Set<string>();
          for (const k of this.files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split("/")[0] as string);
          return names.size > 0 ? [...names].sort() : undefined;
        },
      },
      get stdin() {
        return stdin();
      },
      namespace: opts.namespace ?? "default",
      user: "kubectl",
      random: this.random.fn,
      waitFor: (done, timeoutMs, onTick) => this.waitFor(done, timeoutMs, onTick),
    };
    this.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } } as unknown as KubeObject);
    this.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" } } as unknown as KubeObject);
    if (opts.nodeAgent !== false) this.startNodeAgent(opts.podStartMs ?? 2000);
    if (opts.controllers) this.startControllers();
  }

  /** Lets simulated time pass until `done()` or the timeout, one event at a time. */
  waitFor(done: () => boolean, timeoutMs: number, onTick?: () => void): boolean {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      if (done()) return true;
      const next = this.events.nextTime();
      if (next === undefined || next > deadline) {
        this.events.runUntil(deadline);
        onTick?.();
        return done();
      }
      this.events.step();
      onTick?.();
    }
  }

  /** Advances simulated time by `ms`, running everything due. */
  advance(ms: number): void {
    this.events.runUntil(this.clock.now() + ms);
  }

  run(line: string): CommandResult {
    const argv = tokenize(line);
    if (argv[0] === "kubectl") argv.shift();
    return runKubectl(this.env, argv);
  }

  create<T extends KubeObject>(obj: T, actor = "test"): T {
    return this.api.create(actor, obj) as T;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const t = typeOf(resource);
    try {
      return this.api.get("test", t, namespace, name);
    } catch {
      return undefined;
    }
  }

  list(resource: string, namespace?: string): KubeObject[] {
    return this.api.list("test", typeOf(resource), namespace);
  }

  patch(resource: string, namespace: string | undefined, name: string, mutate: (o: KubeObject) => void, status = false): KubeObject {
    return this.api.patch("test", typeOf(resource), namespace, name, mutate, status ? "status" : undefined);
  }

  private startNodeAgent(podStartMs: number): void {
    this.store.onEvent((e) => {
      if (e.resource !== "pods" || e.type === "DELETED") return;
      const pod = e.object as Pod;
      const { namespace, name, uid } = pod.metadata;
      if (pod.metadata.deletionTimestamp && !e.prev?.metadata.deletionTimestamp) {
        const at = Date.parse(pod.metadata.deletionTimestamp) - this.clock.absolute(0);
        this.events.at(at, `kubelet: kill ${name}`, () => {
          const cur = this.get("pods", namespace, name);
          if (cur?.metadata.uid === uid) this.api.delete("kubelet/node-1", typeOf("pods"), namespace, name, { gracePeriodSeconds: 0 });
        });
        return;
      }
      if (e.type === "ADDED" && !pod.spec.nodeName) {
        this.events.after(100, `scheduler: bind ${name}`, () => {
          const cur = this.get("pods", namespace, name);
          if (cur?.metadata.uid === uid && !cur.spec?.nodeName && !cur.metadata.deletionTimestamp) this.api.bind("kube-scheduler", namespace!, name, "node-1");
        });
        this.events.after(100 + podStartMs, `kubelet: start ${name}`, () => this.markRunning(namespace!, name, uid));
      }
    });
  }

  private markRunning(namespace: string, name: string, uid: string): void {
    const cur = this.get("pods", namespace, name) as Pod | undefined;
    if (!cur || cur.metadata.uid !== uid || cur.metadata.deletionTimestamp) return;
    const now = rfc3339(this.clock.absolute());
    this.api.patch("kubelet/node-1", typeOf("pods"), namespace, name, (o) => {
      const p = o as Pod;
      p.status = {
        ...deepCopy(p.status ?? {}),
        phase: "Running",
        conditions: [
          { type: "PodScheduled", status: "True", lastTransitionTime: now },
          { type: "Initialized", status: "True", lastTransitionTime: now },
          { type: "ContainersReady", status: "True", lastTransitionTime: now },
          { type: "Ready", status: "True", lastTransitionTime: now },
        ],
        containerStatuses: p.spec.containers.map((c) => ({
          name: c.name,
          state: { running: { startedAt: now } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: c.image ?? "",
          imageID: "",
          started: true,
        })),
      };
    }, "status");
  }

  private startControllers(): void {
    const informers = new SharedInformers(this.store, this.hub, this.events, DEFAULT_TIMINGS.watchLatencyMs);
    const ctx: ControllerContext = {
      clock: this.clock,
      events: this.events,
      random: this.random,
      informers,
      timings: DEFAULT_TIMINGS,
      client: (actor) => new ApiClient(this.api, actor),
      recorder: (component, host) => new EventRecorder(new ApiClient(this.api, component), this.clock, { component, host }),
      workqueue: (name, sync, opts) => new WorkQueue(name, this.events, sync, opts),
    };
    new DeploymentController(ctx).start();
    new ReplicaSetController(ctx).start();
    informers.startAll();
  }
}

function typeOf(resource: string): ResourceType {
  const t = resolveResource(resource);
  if (!t) throw new Error(`unknown resource ${resource}`);
  return t;
}
