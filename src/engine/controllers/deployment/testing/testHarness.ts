// A tiny cluster for Deployment controller tests: the real kernel (clock, event queue, store, watch,
// API server, shared informers, workqueues) with only the deployment controller running, plus helpers
// to create and edit Deployments the way `kubectl` would and to read what the controller did.
import type { Deployment, KubeEvent, KubeObject, ReplicaSet } from "../../../api/types";
import { ApiServer, NO_HOOKS } from "../../../apiserver/apiServer";
import { AuditLog } from "../../../apiserver/audit";
import { ApiError } from "../../../apiserver/errors";
import { Store, type StoreEvent } from "../../../apiserver/store";
import { WatchHub } from "../../../apiserver/watch";
import { ApiClient } from "../../../client/apiClient";
import { EventRecorder } from "../../../client/eventRecorder";
import { SharedInformers } from "../../../client/sharedInformers";
import { WorkQueue } from "../../../client/workqueue";
import { deepCopy, deepFreeze } from "../../../sim/clone";
import { SimClock } from "../../../sim/clock";
import { EventQueue } from "../../../sim/eventQueue";
import { SeededRandom } from "../../../sim/random";
import { DEFAULT_TIMINGS } from "../../../sim/timings";
import type { ControllerContext } from "../../context";
import { DeploymentController } from "../deploymentController";

/**
 * ApiServer whose Deployment status updates keep metadata.annotations from the request, as upstream's
 * deploymentStatusStrategy.PrepareForUpdate does (it only resets spec and labels). The kernel's generic
 * prepareForStatusUpdate drops every metadata change, which would lose the deployment.kubernetes.io/revision
 * annotation the controller writes through /status. Test-only workaround; reported to the lead.
 */
class DeploymentStatusApiServer extends ApiServer {
  override updateStatus(actor: string, input: KubeObject): KubeObject {
    if (input.kind !== "Deployment") return super.updateStatus(actor, input);
    type WriteExisting = (
      actor: string,
      verb: "update",
      input: KubeObject,
      subresource: string,
      prepare: (obj: KubeObject, old: KubeObject) => KubeObject,
    ) => KubeObject;
    const writeExisting = (this as unknown as { writeExisting: WriteExisting }).writeExisting.bind(this);
    return writeExisting(actor, "update", input, "status", (obj, old) => ({
      ...old,
      metadata: { ...old.metadata, annotations: obj.metadata.annotations },
      status: obj.status,
    }));
  }
}

/**
 * A store whose objects are deep-frozen as they are written, so a controller mutating cached objects
 * throws. ApiServer's own `freezeStored` option cannot be used: it freezes the object before
 * Store.put stamps metadata.resourceVersion, so every write fails ("object is not extensible").
 * Freezing from the first store listener (before the WatchHub's) happens right after the stamp.
 */
function freezingStore(): Store {
  const store = new Store();
  store.onEvent((e) => {
    if (e.type !== "DELETED") deepFreeze(e.object);
  });
  return store;
}

/**
 * Test-only workaround for EventRecorder's event names: "<object>.<hex nanoseconds>" where nanoseconds
 * (~1.7e18) exceed 2^53, so its `lastNanos + 1` uniquifier is a no-op and a second event for the same
 * object in the same millisecond gets 409 AlreadyExists and is dropped. This client retries the create
 * with the next name, as distinct real timestamps would give. Reported to the lead.
 */
class UniqueEventNameClient extends ApiClient {
  override create<T extends KubeObject>(obj: T, namespace?: string): T {
    if (obj.kind !== "Event") return super.create(obj, namespace);
    for (let attempt = 0; ; attempt++) {
      try {
        return super.create(obj, namespace);
      } catch (e) {
        if (!(e instanceof ApiError) || e.reason !== "AlreadyExists" || attempt > 100) throw e;
        const name = obj.metadata.name;
        const dot = name.lastIndexOf(".");
        const next = (BigInt(`0x${name.slice(dot + 1)}`) + 1n).toString(16);
        obj = { ...obj, metadata: { ...obj.metadata, name: `${name.slice(0, dot)}.${next}` } };
      }
    }
  }
}

export interface HarnessOptions {
  seed?: number;
  /** Start the controller (default true). */
  start?: boolean;
}

export class TestHarness {
  readonly clock = new SimClock();
  readonly events = new EventQueue(this.clock);
  readonly random: SeededRandom;
  readonly store = freezingStore();
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
    this.api = new DeploymentStatusApiServer(this.store, this.clock, this.random, this.audit);
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
        if (!r) this.recorders.set(key, (r = new EventRecorder(new UniqueEventNameClient(api, component), this.clock, { component, host })));
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
