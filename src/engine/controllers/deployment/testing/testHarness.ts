// A tiny cluster for Deployment controller tests: the real kernel (clock, event queue, store, watch,
// API server, shared informers, workqueues) with only the deployment controller running, plus helpers
// to create and edit Deployments the way `kubectl` would and to read what the controller did.
import type { Deployment, KubeEvent, KubeObject, ReplicaSet } from "../../../api/types";
import { ApiServer, NO_HOOKS } from "../../../apiserver/apiServer";
import { AuditLog } from "../../../apiserver/audit";
import { Store, type StoreEvent } from "../../../apiserver/store";
import { WatchHub } from "../../../apiserver/watch";
import { ApiClient } from "../../../client/apiClient";
import { EventRecorder } from "../../../client/eventRecorder";
import { SharedInformers } from "../../../client/sharedInformers";
import { WorkQueue } from "../../../client/workqueue";
import { deepCopy } from "../../../sim/clone";
import { SimClock } from "../../../sim/clock";
import { EventQueue } from "../../../sim/eventQueue";
import { SeededRandom } from "../../../sim/random";
import { DEFAULT_TIMINGS } from "../../../sim/timings";
import type { ControllerContext } from "../../context";
import { DeploymentController } from "../deploymentController";

export interface HarnessOptions {
  seed?: number;
  /** Start the controller (default true). */
  start?: boolean;
}

export class TestHarness {
  readonly clock = new SimClock();
  readonly events = new EventQueue(this.clock);
  readonly random: SeededRandom;
  readonly store = new Store();
  readonly hub = new WatchHub(this.store);
  readonly audit = new AuditLog(100_000);
  readonly api: ApiServer;
  readonly informers: SharedInformers;
  readonly ctx: ControllerContext;
  readonly controller: DeploymentController;
  readonly kubectl: ApiClient;
  /** Errors thrown by syncs that are not API errors (bugs), and all sync errors. */
  readonly syncErrors: { queue: string; key: string; err: unknown }[] = [];
  /** Every event recorded (new or aggregated), in order: [simulated ms, reason, message]. */
  readonly eventLog: { t: number; reason: string; message: string }[] = [];
  private readonly recorders = new Map<string, EventRecorder>();

  constructor(opts: HarnessOptions = {}) {
    this.random = new SeededRandom(opts.seed ?? 1);
    this.api = new ApiServer(this.store, this.clock, this.random, this.audit, { freezeStored: true });
    this.api.hooks = NO_HOOKS;
    this.informers = new SharedInformers(this.store, this.hub, this.events, 1);
    const api = this.api;
    this.ctx = {
      clock: this.clock,
      events: this.events,
      random: this.random,
      informers: this.informers,
      timings: DEFAULT_TIMINGS,
      client: (actor) => new ApiClient(api, actor),
      recorder: (component, host) => {
        const key = `${component}/${host ?? ""}`;
        let r = this.recorders.get(key);
        if (!r) this.recorders.set(key, (r = new EventRecorder(new ApiClient(api, component), this.clock, { component, host })));
        return r;
      },
      workqueue: (name, sync, wopts) =>
        new WorkQueue(name, this.events, sync, { ...wopts, onError: (queue, key, err) => this.syncErrors.push({ queue, key, err }) }),
    };
    this.kubectl = new ApiClient(api, "kubectl");
    this.store.onEvent((e) => {
      if (e.resource !== "events" || e.type === "DELETED") return;
      const ev = e.object as KubeEvent;
      this.eventLog.push({ t: this.clock.now(), reason: ev.reason, message: ev.message });
    });
    this.controller = new DeploymentController(this.ctx);
    if (opts.start ?? true) this.start();
  }

  start(): void {
    this.controller.start();
    this.informers.startAll();
  }

  /** Runs the simulation for `ms` of simulated time. */
  run(ms: number): void {
    this.events.runUntil(this.clock.now() + ms);
  }

  /** Runs until `pred` holds (checked after every task) or `maxMs` passes; returns whether it held. */
  runUntil(pred: () => boolean, maxMs = 60_000): boolean {
    const end = this.clock.now() + maxMs;
    if (pred()) return true;
    for (;;) {
      const next = this.events.nextTime();
      if (next === undefined || next > end) {
        this.events.runUntil(end);
        return pred();
      }
      this.events.step();
      if (pred()) return true;
    }
  }

  onStoreEvent(fn: (e: StoreEvent) => void): void {
    this.store.onEvent(fn);
  }

  create<T extends KubeObject>(obj: T): T {
    return this.kubectl.create(obj);
  }

  deployment(name: string, namespace = "default"): Deployment {
    return this.store.get("deployments", `deployments/${namespace}/${name}`) as Deployment;
  }

  /** kubectl edit: read the stored object, change a copy, PUT it. */
  editDeployment(name: string, mutate: (d: Deployment) => void, namespace = "default"): Deployment {
    const d = deepCopy(this.deployment(name, namespace));
    mutate(d);
    return this.kubectl.update(d);
  }

  replicaSets(namespace = "default"): ReplicaSet[] {
    return this.store.list("replicasets", namespace) as ReplicaSet[];
  }

  replicaSet(name: string, namespace = "default"): ReplicaSet | undefined {
    return this.store.get("replicasets", `replicasets/${namespace}/${name}`) as ReplicaSet | undefined;
  }

  /** Messages of the events with the given reason, in the order they were recorded. */
  eventMessages(reason: string): string[] {
    return this.eventLog.filter((e) => e.reason === reason).map((e) => e.message);
  }

  /** Sync errors that are not ApiErrors (409 conflicts and the like are routine). */
  bugs(): unknown[] {
    return this.syncErrors.filter((e) => (e.err as Error)?.name !== "ApiError").map((e) => e.err);
  }
}
