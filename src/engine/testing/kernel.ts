// A bare kernel for tests: store, watch hub, audit log, API server, informers and a ControllerContext,
// with no controllers running. Tests create objects through the API server and step the event queue.
import { ApiServer, type ApiServerHooks } from "../apiserver/apiServer";
import { AuditLog } from "../apiserver/audit";
import { Store } from "../apiserver/store";
import { WatchHub } from "../apiserver/watch";
import { ApiClient } from "../client/apiClient";
import { EventRecorder } from "../client/eventRecorder";
import { SharedInformers } from "../client/sharedInformers";
import { WorkQueue } from "../client/workqueue";
import type { ControllerContext } from "../controllers/context";
import { SimClock } from "../sim/clock";
import { EventQueue } from "../sim/eventQueue";
import { SeededRandom } from "../sim/random";
import { DEFAULT_TIMINGS } from "../sim/timings";

export interface Kernel {
  clock: SimClock;
  events: EventQueue;
  random: SeededRandom;
  store: Store;
  hub: WatchHub;
  audit: AuditLog;
  api: ApiServer;
  informers: SharedInformers;
  ctx: ControllerContext;
  errors: unknown[];
  /** Runs every event due within `ms` of simulated time. */
  advance(ms: number): void;
}

export function newKernel(opts: { seed?: number; hooks?: ApiServerHooks; freeze?: boolean } = {}): Kernel {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const random = new SeededRandom(opts.seed ?? 1);
  const store = new Store();
  const hub = new WatchHub(store);
  const audit = new AuditLog();
  const api = new ApiServer(store, clock, random, audit, { freezeStored: opts.freeze ?? true });
  if (opts.hooks) api.hooks = opts.hooks;
  const informers = new SharedInformers(store, hub, events, 1);
  const errors: unknown[] = [];
  const ctx: ControllerContext = {
    clock,
    events,
    random,
    informers,
    timings: DEFAULT_TIMINGS,
    client: (actor) => new ApiClient(api, actor),
    recorder: (component, host) => new EventRecorder(new ApiClient(api, component), clock, { component, host }),
    workqueue: (name, sync, o) => new WorkQueue(name, events, sync, { ...o, onError: (_q, _k, e) => errors.push(e) }),
  };
  return { clock, events, random, store, hub, audit, api, informers, ctx, errors, advance: (ms) => events.runUntil(clock.now() + ms) };
}
