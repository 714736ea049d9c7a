// ControllerContext is what kube-controller-manager hands each controller: shared informers, a client
// (whose requests are audited under the controller's name), an event recorder, the simulated clock and
// event queue, and the timing configuration.
import type { SimClock } from "../sim/clock";
import type { EventQueue } from "../sim/eventQueue";
import type { SeededRandom } from "../sim/random";
import type { SharedInformers } from "../client/sharedInformers";
import type { ApiClient } from "../client/apiClient";
import type { EventRecorder } from "../client/eventRecorder";
import type { WorkQueue, WorkQueueOptions } from "../client/workqueue";
import type { ClusterTimings } from "../sim/timings";

export interface ControllerContext {
  readonly clock: SimClock;
  readonly events: EventQueue;
  readonly random: SeededRandom;
  readonly informers: SharedInformers;
  readonly timings: ClusterTimings;
  /** An API client whose requests carry `actor` (e.g. "replicaset-controller") in the audit log. */
  client(actor: string): ApiClient;
  /** An event recorder with source.component = `component` (and `host` for kubelets). */
  recorder(component: string, host?: string): EventRecorder;
  /** A rate-limited workqueue that calls `sync(key)`; failures are reported to the cluster's error log. */
  workqueue(name: string, sync: (key: string) => void, opts?: WorkQueueOptions): WorkQueue;
}

/** A control loop. `start` registers handlers and starts informers; `stop` pauses its queue (component down). */
export interface Controller {
  readonly name: string;
  start(): void;
  stop?(): void;
}
