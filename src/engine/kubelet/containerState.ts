// One container's state in a pod worker (podWorker.ts), and the parts of container statuses that
// thousands of pods have alike. Sized for 150,000 pods: a container that started and keeps running
// carries one fixed-size object; what only exited, failing or starting containers need lives in `rare`.
import type { Container, ContainerStatus, EnvVar } from "../api/types";
import type { ScheduledTask } from "../sim/eventQueue";
import type { BackoffEntry } from "./backoff";
import type { RunningContainer } from "./containerModel";
import type { ProbeWorker } from "./probeWorker";

export type CPhase = "idle" | "pulling" | "creating" | "running" | "exited" | "waitingBackoff" | "terminating";

/** Probe workers of a container that has none running (shared, never written to). */
export const NO_PROBES: readonly ProbeWorker[] = Object.freeze([]);

/** What a container has only once it exited, failed a pull or is being created (CState.rare). */
class RareCState {
  exitedAt = 0;
  crashBackoff: BackoffEntry | undefined = undefined;
  pullBackoff: BackoffEntry | undefined = undefined;
  pullFailedAt = 0;
  runEnv: EnvVar[] | undefined = undefined;
  exitedLogs: readonly string[] | undefined = undefined;
  previousLogs: readonly string[] | undefined = undefined;
}

/**
 * One container's state in the worker. A class with every field set in the constructor, so that each
 * instance is one fixed-size object; what a container that started and keeps running never needs lives
 * in `rare`, made when first set.
 */
export class CState {
  phase: CPhase = "idle";
  proc: RunningContainer | undefined = undefined;
  /** The pending step of this container (pull, create, start, back-off, exit); undefined once it ran. */
  task: ScheduledTask | undefined = undefined;
  probes: readonly ProbeWorker[] = NO_PROBES;
  startupDone: boolean;
  readyByProbe: boolean;
  /** An init container that finished with exit 0. */
  done = false;
  private rare: RareCState | undefined = undefined;

  constructor(
    readonly spec: Container,
    readonly init: boolean,
    public status: ContainerStatus,
  ) {
    this.startupDone = !spec.startupProbe;
    this.readyByProbe = !spec.readinessProbe;
  }

  private get r(): RareCState {
    return (this.rare ??= new RareCState());
  }
  get exitedAt(): number {
    return this.rare?.exitedAt ?? 0;
  }
  set exitedAt(v: number) {
    this.r.exitedAt = v;
  }
  get crashBackoff(): BackoffEntry | undefined {
    return this.rare?.crashBackoff;
  }
  set crashBackoff(v: BackoffEntry | undefined) {
    this.r.crashBackoff = v;
  }
  get pullBackoff(): BackoffEntry | undefined {
    return this.rare?.pullBackoff;
  }
  set pullBackoff(v: BackoffEntry | undefined) {
    this.r.pullBackoff = v;
  }
  get pullFailedAt(): number {
    return this.rare?.pullFailedAt ?? 0;
  }
  set pullFailedAt(v: number) {
    this.r.pullFailedAt = v;
  }
  /** The environment generateContainerConfig resolved for the current start (env, envFrom, valueFrom); dropped once started. */
  get runEnv(): EnvVar[] | undefined {
    return this.rare?.runEnv;
  }
  set runEnv(v: EnvVar[] | undefined) {
    if (v !== undefined || this.rare) this.r.runEnv = v;
  }
  /** The log of the instance that last exited (what `kubectl logs` shows until the next start), and of
   *  the one before the current start (`kubectl logs --previous`): the runtime keeps one terminated
   *  container's log per container, as CRI does. */
  get exitedLogs(): readonly string[] | undefined {
    return this.rare?.exitedLogs;
  }
  set exitedLogs(v: readonly string[] | undefined) {
    if (v !== undefined || this.rare) this.r.exitedLogs = v;
  }
  get previousLogs(): readonly string[] | undefined {
    return this.rare?.previousLogs;
  }
  set previousLogs(v: readonly string[] | undefined) {
    if (v !== undefined || this.rare) this.r.previousLogs = v;
  }
}

// Parts of container statuses that thousands of pods have alike, frozen and shared (the status goes to the
// store as it is): the empty lastState, the first waiting state, the running state of one second.
const NO_LAST_STATE: ContainerStatus["lastState"] = Object.freeze({});
const WAITING: Record<string, ContainerStatus["state"]> = {
  ContainerCreating: Object.freeze({ waiting: Object.freeze({ reason: "ContainerCreating" }) }),
  PodInitializing: Object.freeze({ waiting: Object.freeze({ reason: "PodInitializing" }) }),
};
const runningStates = new Map<string, ContainerStatus["state"]>();

export function runningState(startedAt: string): ContainerStatus["state"] {
  let s = runningStates.get(startedAt);
  if (!s) {
    if (runningStates.size >= 10_000) runningStates.clear();
    runningStates.set(startedAt, (s = Object.freeze({ running: Object.freeze({ startedAt }) })));
  }
  return s;
}

export function waitingStatus(spec: Container, reason: "ContainerCreating" | "PodInitializing"): ContainerStatus {
  return { name: spec.name, state: WAITING[reason]!, lastState: NO_LAST_STATE, ready: false, restartCount: 0, image: spec.image ?? "", imageID: "", started: false };
}
