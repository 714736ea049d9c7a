// PodWorker is one pod's life on a node, after pkg/kubelet/pod_workers.go and kuberuntime SyncPod:
// sandbox → init containers one by one → regular containers in order (each: pull, create, start), restarts
// by restartPolicy with CrashLoopBackOff, probes, and graceful termination when the pod is deleted.
// Every change marks the pod's status dirty; the kubelet's status manager posts it.
import type { Container, ContainerStatus, EnvVar, Pod } from "../api/types";
import type { ScheduledTask } from "../sim/eventQueue";
import type { SeededRandom } from "../sim/random";
import type { EventRecorder } from "../client/eventRecorder";
import type { ClusterTimings } from "../sim/timings";
import type { ContainerExit, ContainerModel } from "./containerModel";
import type { ImageManager } from "./imageManager";
import { isInBackOffSince, nextBackoff } from "./backoff";
import { goDuration } from "./goDuration";
import { ProbeWorker, probeFailedMessage, type ProbeType } from "./probeWorker";
import { isSidecar } from "./podStatus";
import { PodVolumes } from "./podVolumes";
import type { VolumeHandle, VolumeStore } from "./behaviour/containerFs";
import { CState, NO_PROBES, runningState, waitingStatus } from "./containerState";

export interface PodWorkerHost {
  now(): number;
  iso(t?: number): string;
  after(ms: number, label: string, fn: () => void): ScheduledTask;
  readonly recorder: EventRecorder;
  readonly images: ImageManager;
  readonly model: ContainerModel;
  readonly random: SeededRandom;
  readonly timings: ClusterTimings;
  allocatePodIP(): string;
  statusChanged(w: PodWorker): void;
  /** Every container has stopped after a deletion: the kubelet may remove the pod object. */
  terminated(w: PodWorker): void;
  /** The files behind a volume that outlives containers (volumes/kubeletVolumes.ts); absent: per-pod maps. */
  volumeHandle?(pod: Pod, volumeName: string): VolumeHandle | undefined;
  /** WaitForAttachAndMount: calls `then` once the pod's volumes can be mounted. */
  waitForVolumes?(w: PodWorker, then: () => void): void;
  /** generateContainerConfig's environment (kubelet/config): resolved env vars, or why it cannot be built. */
  containerEnv?(w: PodWorker, container: Container): { env: EnvVar[] } | { error: string };
}

const PLEG_RELIST_MS = 1000;
/** The pod worker's back-off after a failed sync (kubelet.go backOffPeriod). */
const CONFIG_ERROR_RETRY_MS = 10_000;

export class PodWorker implements VolumeStore {
  pod: Pod;
  sandboxReady = false;
  podIP: string | undefined;
  startTime: string | undefined;
  terminating = false;
  /** All containers stopped after deletion; status is final. */
  finished = false;
  readonly containers: CState[];
  private busy = false;
  /** The pod's volume files, made when a container first asks for one (see get()). */
  private podVolumes: PodVolumes | undefined;

  constructor(
    pod: Pod,
    private readonly host: PodWorkerHost,
  ) {
    this.pod = pod;
    // Containers wait with PodInitializing while the pod has init containers, ContainerCreating otherwise.
    const inits = pod.spec.initContainers ?? [];
    const reason = inits.length > 0 ? "PodInitializing" : "ContainerCreating";
    const regular = pod.spec.containers.map((c) => new CState(c, false, waitingStatus(c, reason)));
    this.containers = inits.length > 0 ? inits.map((c) => new CState(c, true, waitingStatus(c, reason))).concat(regular) : regular;
  }

  /** The pod's volumes (a VolumeStore: the worker itself, see get()). */
  get volumes(): VolumeStore {
    return this;
  }

  /**
   * VolumeStore.get: the files behind one of the pod's volumes. They read the worker's current pod (the
   * first object would otherwise be kept for the pod's life; the fields read never change).
   */
  get(volumeName: string): VolumeHandle | undefined {
    this.podVolumes ??= new PodVolumes(this, this.host);
    return this.podVolumes.get(volumeName);
  }

  get key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  /** format.Pod: name_namespace(uid), as kubelet messages print a pod. */
  get formatted(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`;
  }

  initStatuses(): ContainerStatus[] {
    return this.statuses(true);
  }

  regularStatuses(): ContainerStatus[] {
    return this.statuses(false);
  }

  /** A fresh array (it goes into the posted status) of the init or regular containers' statuses. */
  private statuses(init: boolean): ContainerStatus[] {
    const out: ContainerStatus[] = [];
    for (const c of this.containers) if (c.init === init) out.push(c.status);
    return out;
  }

  /** Begins: the sandbox (pause container + network) takes sandboxSetupMs. */
  start(): void {
    this.startTime = this.host.iso();
    this.host.statusChanged(this);
    // SyncPod waits for the pod's volumes to attach and mount before it creates the sandbox.
    if (this.host.waitForVolumes) this.host.waitForVolumes(this, () => this.createSandbox());
    else this.createSandbox();
  }

  private createSandbox(): void {
    this.host.after(this.host.timings.sandboxSetupMs, "kubelet:sandbox", () => {
      if (this.terminating) return;
      this.sandboxReady = true;
      this.podIP = this.host.allocatePodIP();
      this.host.statusChanged(this);
      this.sync();
    });
  }

  /** computePodActions + SyncPod: start what should run next. */
  sync(): void {
    if (this.terminating || !this.sandboxReady || this.busy) return;
    for (const c of this.containers) {
      if (!c.init) continue;
      if (isSidecar(c.spec)) {
        if (c.phase === "idle") return this.startContainer(c);
        if (c.phase === "exited") {
          this.restart(c);
          return;
        }
        if (c.phase !== "running" || !c.startupDone) return;
        continue;
      }
      if (c.done) continue;
      if (c.phase === "idle") return this.startContainer(c);
      if (c.phase === "exited") {
        if ((this.pod.spec.restartPolicy ?? "Always") === "Never") return; // pod Failed (getPhase)
        this.restart(c);
      }
      return;
    }
    for (const c of this.containers) {
      if (c.init) continue;
      if (c.phase === "idle") return this.startContainer(c);
    }
    for (const c of this.containers) {
      if (c.init || c.phase !== "exited") continue;
      const policy = this.pod.spec.restartPolicy ?? "Always";
      const code = c.status.state.terminated?.exitCode ?? 0;
      if (policy === "Always" || (policy === "OnFailure" && code !== 0)) {
        if (this.restart(c)) return;
      }
    }
  }

  /** doBackOff: restart now, or wait out the CrashLoopBackOff. Returns true when it started. */
  private restart(c: CState): boolean {
    const now = this.host.now();
    if (isInBackOffSince(c.crashBackoff, c.exitedAt, now)) {
      const wait = c.crashBackoff!.ms;
      const last = c.status.state.terminated;
      c.status = {
        ...c.status,
        state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${goDuration(wait)} restarting failed container=${c.spec.name} pod=${this.formatted}` } },
        lastState: last ? { terminated: last } : c.status.lastState,
      };
      c.phase = "waitingBackoff";
      this.event(c, "Warning", "BackOff", `Back-off restarting failed container ${c.spec.name} in pod ${this.formatted}`);
      this.host.statusChanged(this);
      this.schedule(c, c.exitedAt + wait - now, "kubelet:backoff", () => {
        c.phase = "exited";
        this.sync();
      });
      return false;
    }
    c.crashBackoff = nextBackoff(c.crashBackoff, c.exitedAt);
    const last = c.status.state.terminated;
    if (last) c.status = { ...c.status, lastState: { terminated: last } };
    c.status = { ...c.status, restartCount: c.status.restartCount + 1 };
    this.startContainer(c);
    return true;
  }

  private startContainer(c: CState): void {
    const now = this.host.now();
    const image = c.spec.image ?? "";
    if (isInBackOffSince(c.pullBackoff, c.pullFailedAt, now)) {
      c.status = { ...c.status, state: { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"` } } };
      this.event(c, "Normal", "BackOff", `Back-off pulling image "${image}"`);
      this.event(c, "Warning", "Failed", "Error: ImagePullBackOff");
      this.host.statusChanged(this);
      c.phase = "waitingBackoff";
      this.schedule(c, c.pullFailedAt + c.pullBackoff!.ms - now, "kubelet:pull-backoff", () => {
        c.phase = "idle";
        this.sync();
      });
      return;
    }
    this.busy = true;
    c.phase = "pulling";
    const policy = c.spec.imagePullPolicy ?? "IfNotPresent";
    const present = this.host.images.isPresent(image, now);
    if (policy === "Never" && !present) {
      return this.pullFailed(c, "ErrImageNeverPull", `Container image "${image}" is not present with pull policy of Never`, false);
    }
    if (present && policy !== "Always") {
      this.event(c, "Normal", "Pulled", `Container image "${image}" already present on machine`);
      return this.createContainer(c, image);
    }
    this.event(c, "Normal", "Pulling", `Pulling image "${image}"`);
    const { doneAt, result } = this.host.images.pull(image, now);
    this.schedule(c, doneAt - now, "kubelet:pulled", () => {
      if (this.terminating) return this.stopStarting(c);
      const o = result.outcome;
      if (!o.ok) return this.pullFailed(c, o.reason, o.message, true, o.eventMessage);
      this.event(c, "Normal", "Pulled", `Successfully pulled image "${image}" in ${goDuration(result.pullMs)} (${goDuration(result.totalMs)} including waiting). Image size: ${o.sizeBytes} bytes.`);
      this.createContainer(c, image);
    });
  }

  /** A step of container `c` after `ms`: cancellable through c.task until it runs, then forgotten. */
  private schedule(c: CState, ms: number, label: string, fn: () => void): void {
    const task = this.host.after(ms, label, () => {
      if (c.task === task) c.task = undefined;
      fn();
    });
    c.task = task;
  }

  private pullFailed(c: CState, reason: string, message: string, backoff: boolean, eventMessage = message): void {
    const now = this.host.now();
    this.busy = false;
    if (reason === "InvalidImageName") {
      this.event(c, "Warning", "InspectFailed", message);
      this.event(c, "Warning", "Failed", `Error: ${reason}`);
    } else {
      this.event(c, "Warning", "Failed", eventMessage);
      this.event(c, "Warning", "Failed", `Error: ${reason}`);
    }
    c.status = { ...c.status, state: { waiting: { reason, message } } };
    c.phase = "waitingBackoff";
    if (backoff) {
      c.pullBackoff = nextBackoff(c.pullBackoff, now);
      c.pullFailedAt = now;
    }
    this.host.statusChanged(this);
    // The pod worker resyncs periodically; the next attempt finds the pull in backoff (ImagePullBackOff).
    this.schedule(c, PLEG_RELIST_MS, "kubelet:pull-retry", () => {
      c.phase = "idle";
      this.sync();
    });
  }

  private createContainer(c: CState, image: string): void {
    // generateContainerConfig: a missing ConfigMap/Secret (key) fails here, after the image pull.
    const env = this.host.containerEnv?.(this, c.spec);
    if (env && "error" in env) return this.createConfigFailed(c, env.error);
    // An empty resolved env adds nothing to a spec without env: the container starts with the spec itself.
    const runEnv = env?.env;
    c.runEnv = runEnv && (runEnv.length > 0 || (c.spec.env?.length ?? 0) > 0) ? runEnv : undefined;
    c.phase = "creating";
    const t = this.host.timings;
    this.schedule(c, t.containerCreateMs, "kubelet:created", () => {
      if (this.terminating) return this.stopStarting(c);
      this.event(c, "Normal", "Created", `Created container: ${c.spec.name}`);
      this.schedule(c, t.containerStartMs, "kubelet:started", () => {
        if (this.terminating) return this.stopStarting(c);
        this.event(c, "Normal", "Started", `Started container ${c.spec.name}`);
        this.running(c, image);
      });
    });
  }

  private running(c: CState, image: string): void {
    const now = this.host.now();
    this.busy = false;
    const o = this.host.model.pullImage(image);
    const runEnv = c.runEnv;
    c.runEnv = undefined;
    const spec = runEnv ? { ...c.spec, env: runEnv } : c.spec;
    if (c.exitedLogs) {
      c.previousLogs = c.exitedLogs;
      c.exitedLogs = undefined;
    }
    c.proc = this.host.model.start(this.pod, spec, { now, podIP: this.podIP ?? "", volumes: this.volumes });
    c.phase = "running";
    c.startupDone = !c.spec.startupProbe;
    c.readyByProbe = !c.spec.readinessProbe;
    c.status = {
      ...c.status,
      state: runningState(this.host.iso()),
      ready: false,
      started: c.startupDone,
      image: o.ok ? o.imageRef : image,
      imageID: o.ok ? o.digest : "",
      containerID: `containerd://${hex64(this.host.random)}`,
    };
    this.updateReady(c);
    this.startProbes(c, now);
    this.scheduleProcess(c);
    this.host.statusChanged(this);
    this.sync();
  }

  /**
   * CreateContainerConfigError: the container waits with the error; the pod worker retries the sync after
   * its 10s back-off (kubelet.go backOffPeriod), pulling (or finding the image) again.
   */
  private createConfigFailed(c: CState, message: string): void {
    this.busy = false;
    this.event(c, "Warning", "Failed", `Error: ${message}`);
    c.status = { ...c.status, state: { waiting: { reason: "CreateContainerConfigError", message } } };
    c.phase = "waitingBackoff";
    this.host.statusChanged(this);
    this.schedule(c, CONFIG_ERROR_RETRY_MS, "kubelet:config-retry", () => {
      c.phase = "idle";
      this.sync();
    });
  }

  private stopStarting(c: CState): void {
    this.busy = false;
    c.phase = "idle";
    this.maybeFinished();
  }

  /** Follows the process model: file changes and its own exit. */
  private scheduleProcess(c: CState): void {
    const proc = c.proc;
    if (!proc) return;
    const next = proc.nextEventTime();
    if (next === undefined) return;
    this.schedule(c, next - this.host.now(), "container:step", () => {
      if (c.proc !== proc) return;
      const exit = proc.advance(this.host.now());
      if (exit) this.exited(c, exit);
      else this.scheduleProcess(c);
    });
  }

  private exited(c: CState, exit: ContainerExit): void {
    const now = this.host.now();
    for (const p of c.probes) p.stop();
    c.probes = NO_PROBES;
    c.exitedLogs = c.proc?.logs();
    c.proc = undefined;
    c.exitedAt = now;
    const startedAt = c.status.state.running?.startedAt;
    c.status = {
      ...c.status,
      ready: false,
      started: false,
      state: {
        terminated: {
          exitCode: exit.exitCode,
          ...(exit.signal ? { signal: exit.signal } : {}),
          reason: exit.reason,
          ...(exit.message ? { message: exit.message } : {}),
          ...(startedAt ? { startedAt } : {}),
          finishedAt: this.host.iso(),
          ...(c.status.containerID ? { containerID: c.status.containerID } : {}),
        },
      },
    };
    if (c.init && !isSidecar(c.spec) && exit.exitCode === 0) c.done = true;
    c.phase = "exited";
    this.host.statusChanged(this);
    if (this.terminating) return this.maybeFinished();
    // PLEG notices the exit at its next relist (every second), then the pod worker syncs.
    this.host.after(PLEG_RELIST_MS - (now % PLEG_RELIST_MS), "kubelet:pleg", () => this.sync());
  }

  private startProbes(c: CState, startedAt: number): void {
    const mk = (type: ProbeType) => {
      const spec = type === "liveness" ? c.spec.livenessProbe : type === "readiness" ? c.spec.readinessProbe : c.spec.startupProbe;
      if (!spec) return;
      const w = new ProbeWorker(type, spec, startedAt, {
        now: () => this.host.now(),
        after: (ms, label, fn) => this.host.after(ms, label, fn),
        run: (probe, now) => (c.proc && this.podIP ? c.proc.probe(probe, now, this.podIP) : undefined),
        startupDone: () => c.startupDone,
        unhealthy: (t, output, errored) => this.event(c, "Warning", "Unhealthy", probeFailedMessage(t, output, errored)),
        changed: (t, ok) => this.probeChanged(c, t, ok),
      });
      c.probes = [...c.probes, w];
    };
    mk("startup");
    mk("liveness");
    mk("readiness");
  }

  private probeChanged(c: CState, type: ProbeType, ok: boolean): void {
    if (type === "startup" && ok) {
      c.startupDone = true;
      c.status = { ...c.status, started: true };
      this.updateReady(c);
      this.host.statusChanged(this);
      this.sync();
      return;
    }
    if (type === "readiness") {
      c.readyByProbe = ok;
      this.updateReady(c);
      this.host.statusChanged(this);
      return;
    }
    if (!ok) {
      // Liveness or startup failed: the kubelet kills the container and restarts it by policy.
      const what = type === "liveness" ? "liveness" : "startup";
      this.event(c, "Normal", "Killing", `Container ${c.spec.name} failed ${what} probe, will be restarted`);
      const probeGrace = (type === "liveness" ? c.spec.livenessProbe : c.spec.startupProbe)?.terminationGracePeriodSeconds;
      this.kill(c, (probeGrace ?? this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
    }
  }

  private updateReady(c: CState): void {
    const ready = c.phase === "running" && c.startupDone && c.readyByProbe;
    c.status = { ...c.status, ready, started: c.phase === "running" ? c.startupDone : c.status.started };
  }

  /** SIGTERM now; SIGKILL (exit 137) when the grace period runs out. */
  private kill(c: CState, graceMs: number): void {
    const proc = c.proc;
    if (!proc) return;
    if (c.task) c.task.cancelled = true;
    for (const p of c.probes) p.stop();
    c.probes = NO_PROBES;
    c.phase = "terminating";
    const now = this.host.now();
    const own = proc.terminate(now);
    const at = own && own.at - now <= graceMs ? own.at : now + graceMs;
    const exit: ContainerExit = own && own.at - now <= graceMs ? own.exit : { exitCode: 137, reason: "Error", signal: 9 };
    this.schedule(c, at - now, "container:killed", () => {
      if (c.proc === proc) this.exited(c, exit);
    });
  }

  /** The pod was deleted: stop every container within the grace period, then report. */
  terminate(gracePeriodSeconds: number): void {
    if (this.terminating) return;
    this.terminating = true;
    const graceMs = gracePeriodSeconds * 1000;
    for (const c of this.containers) {
      if (c.phase === "running" && c.proc) {
        this.event(c, "Normal", "Killing", `Stopping container ${c.spec.name}`);
        this.kill(c, graceMs);
      } else if (c.phase === "waitingBackoff" || c.phase === "idle" || c.phase === "exited") {
        if (c.task) c.task.cancelled = true;
        c.phase = "exited";
      }
    }
    this.maybeFinished();
  }

  /**
   * Chaos (sim pod crash / OOM): the container's process dies now with `exit`; the kubelet notices at the
   * next PLEG relist and restarts it by restartPolicy, with CrashLoopBackOff as for any exit.
   */
  crash(containerName: string, exit: ContainerExit): boolean {
    const c = this.containers.find((x) => !x.init && x.spec.name === containerName);
    if (!c || this.terminating || c.phase !== "running" || !c.proc) return false;
    if (c.task) c.task.cancelled = true;
    this.exited(c, exit);
    return true;
  }

  /** The node died: every process is gone at once, nothing is reported. */
  abandon(): void {
    this.terminating = true;
    for (const c of this.containers) {
      if (c.task) c.task.cancelled = true;
      for (const p of c.probes) p.stop();
      c.proc = undefined;
    }
  }

  private maybeFinished(): void {
    if (this.finished || !this.terminating) return;
    if (this.containers.some((c) => c.phase === "terminating" || c.phase === "pulling" || c.phase === "creating")) return;
    this.finished = true;
    this.host.statusChanged(this);
    this.host.terminated(this);
  }

  private event(c: CState, type: "Normal" | "Warning", reason: string, message: string): void {
    const field = c.init ? `spec.initContainers{${c.spec.name}}` : `spec.containers{${c.spec.name}}`;
    this.host.recorder.event(this.pod, type, reason, message, field);
  }

  logs(container: string): readonly string[] | undefined {
    const c = this.containers.find((x) => x.spec.name === container);
    return c?.proc?.logs() ?? c?.exitedLogs;
  }

  /** `--previous` reads status.lastTerminationState (kubelet validateContainerLogStatus): while a new
   *  instance runs, the one before it; while the container waits to restart (CrashLoopBackOff), the
   *  instance that just exited. */
  previousLogs(container: string): readonly string[] | undefined {
    const c = this.containers.find((x) => x.spec.name === container);
    if (!c) return undefined;
    if (c.proc || c.status.state.terminated) return c.previousLogs;
    return c.exitedLogs;
  }
}

const HEX_DIGITS = "0123456789abcdef";

/**
 * A container ID. Built with join, not `+=`: 64 appends would leave a rope of 64 string pieces behind
 * (about 2 KB per container, kept by the pod's status) where one flat 64-byte string will do.
 */
function hex64(random: SeededRandom): string {
  const digits: string[] = new Array<string>(64);
  for (let i = 0; i < 64; i++) digits[i] = HEX_DIGITS[random.int(16)]!;
  return digits.join("");
}
