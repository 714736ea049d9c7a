// The kubelet's container runtime: the behaviour model (kubelet/behaviour) behind the ContainerModel
// interface. Image pulls use the model's catalogue and error texts; a started container is a
// ContainerProcess whose effects (log lines, files, exit) the kubelet follows on the simulated clock.
import type { Container, Pod, Probe } from "../api/types";
import { fnv32a } from "../apimachinery/hash";
import type { SeededRandom } from "../sim/random";
import { pullImage as modelPull, lookupImage } from "./behaviour/images";
import { compileBehaviour, kubeletVarRefs } from "./behaviour/program";
import { runProbe } from "./behaviour/probes";
import { ContainerProcess, type ProcessOptions } from "./behaviour/runtime";
import { kubeletManagedFiles } from "./behaviour/kubeletFiles";
import { resolveMounts, type Mount, type VolumeStore } from "./behaviour/containerFs";
import { containerLimits } from "./behaviour/resources";
import type { Effect, ImageInfo, ProcessHost, Program } from "./behaviour/types";
import type { ContainerExit, ContainerModel, ProbeAnswer, PullOutcome, RunningContainer, StartOptions } from "./containerModel";

/** A stable sha256-looking digest for an image reference (the simulation has no registry to ask). */
function digestOf(ref: string): string {
  let hex = "";
  for (let i = 0; hex.length < 64; i++) hex += fnv32a(`${i}:${ref}`).toString(16).padStart(8, "0");
  return `sha256:${hex.slice(0, 64)}`;
}

/**
 * The environment the kubelet gives every container besides its own env: HOSTNAME and the `kubernetes`
 * Service's variables (kubelet_pods.go makeEnvironmentVariables; service links for other Services come
 * with the Services model).
 */
function kubeletEnv(pod: Pod): Record<string, string> {
  return kubeletEnvFor(pod.spec.hostname ?? pod.metadata.name);
}

function kubeletEnvFor(hostname: string): Record<string, string> {
  return {
    HOSTNAME: hostname,
    KUBERNETES_SERVICE_HOST: "10.96.0.1",
    KUBERNETES_SERVICE_PORT: "443",
    KUBERNETES_SERVICE_PORT_HTTPS: "443",
    KUBERNETES_PORT: "tcp://10.96.0.1:443",
    KUBERNETES_PORT_443_TCP: "tcp://10.96.0.1:443",
    KUBERNETES_PORT_443_TCP_PROTO: "tcp",
    KUBERNETES_PORT_443_TCP_PORT: "443",
    KUBERNETES_PORT_443_TCP_ADDR: "10.96.0.1",
  };
}

/** The start-up lines last kept (frozen): replicas started in the same second print the same ones (serve.ts shares them). */
let lastStartupLines: readonly string[] = Object.freeze([]);
const NO_LINES: readonly string[] = Object.freeze([]);

/** Whether two line arrays hold the same lines. */
function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether the process can reach out of its container: a script, or a server exec'd into by a probe. */
function usesHost(program: Program, c: Container): boolean {
  return program.main.kind === "script" || c.livenessProbe?.exec !== undefined || c.readinessProbe?.exec !== undefined || c.startupProbe?.exec !== undefined;
}

/** ModelContainer.rare. */
class RareContainerState {
  /** An exit that happened while starting (StartError): reported at the first advance. */
  startExit: { at: number; exit: ContainerExit } | undefined = undefined;
  /** Resolved volume mounts (null: not yet). */
  mounts: readonly Mount[] | undefined | null = null;
  files: ReadonlyMap<string, string> | undefined = undefined;
}

/**
 * A started container: the process, its log, and the process's options (it is its own ProcessOptions).
 * What a plain server never needs is derived on first use, from the pod's immutable fields kept here
 * (never the pod object itself: it is replaced at every status update): the volume mounts, /etc/hosts
 * and friends, the memory limit.
 */
class ModelContainer implements RunningContainer, ProcessOptions {
  /** The log; a frozen array is shared with other replicas and copied before this container adds a line. */
  private lines: readonly string[] = NO_LINES;
  /** What a plain server never gets: an exit at start, its mounts and kubelet files once resolved. */
  private rare: RareContainerState | undefined;
  /**
   * The network as the process sees it. Only a process that can reach out keeps it (usesHost); the host
   * holds the pod object the container started with. Anything that adds a way into a server's process
   * (an exec other than a probe's) must keep it for every container.
   */
  host: ProcessHost | undefined;
  proc!: ContainerProcess;
  /**
   * The environment the process sees: built at start for a container with env entries of its own; for
   * the others (only the kubelet's variables: HOSTNAME and the `kubernetes` Service) on first use.
   */
  private envCache: Readonly<Record<string, string>> | undefined;
  /** The pod's hostname, metadata.namespace and spec.subdomain (for env and the kubelet's files). */
  private readonly podHostname: string;
  private readonly namespace: string;
  private readonly subdomain: string | undefined;

  constructor(
    pod: Pod,
    readonly container: Container,
    private readonly podIP: string,
    private readonly volumes: VolumeStore,
    host: ProcessHost | undefined,
  ) {
    this.host = host;
    this.podHostname = pod.spec.hostname ?? pod.metadata.name;
    this.namespace = pod.metadata.namespace ?? "default";
    this.subdomain = pod.spec.subdomain || undefined;
    // Volumes whose handle depends on when it is asked for (emptyDir and hostPath on the node's disk, claims)
    // are resolved now, as the runtime mounts them at start; the rest (configMap, secret, projected,
    // downwardAPI: per-pod maps) when the process first touches its filesystem.
    if (container.volumeMounts?.length && !lazyMountable(pod, container)) this.r.mounts = resolveMounts(container.volumeMounts, volumes);
  }

  // ---- ProcessOptions (createContainerProcess's, derived on demand) ----

  private get r(): RareContainerState {
    return (this.rare ??= new RareContainerState());
  }

  get mounts(): readonly Mount[] | undefined {
    const r = this.r;
    if (r.mounts === null) r.mounts = this.container.volumeMounts?.length ? resolveMounts(this.container.volumeMounts, this.volumes) : undefined;
    return r.mounts;
  }

  get kubeletFiles(): ReadonlyMap<string, string> {
    const r = this.r;
    r.files ??= kubeletManagedFiles({
      podIPs: [this.podIP],
      hostname: this.podHostname,
      namespace: this.namespace,
      ...(this.subdomain ? { subdomain: this.subdomain } : {}),
    });
    return r.files;
  }

  get env(): Readonly<Record<string, string>> {
    this.envCache ??= kubeletEnvFor(this.podHostname);
    return this.envCache;
  }

  /** env.HOSTNAME, without building env for a container that has none of its own. */
  get hostname(): string | undefined {
    return this.envCache === undefined ? this.podHostname : this.envCache.HOSTNAME;
  }

  /** Sets the environment resolved at start (a container with env entries of its own). */
  setEnv(env: Readonly<Record<string, string>> | undefined): void {
    this.envCache = env;
  }

  get memoryLimitBytes(): number | undefined {
    return this.container.resources?.limits?.memory !== undefined ? containerLimits(this.container).memoryBytes : undefined;
  }

  get stdinOpen(): boolean {
    return this.container.stdin === true;
  }

  // ---- RunningContainer ----

  private pushLine(line: string): void {
    if (Object.isFrozen(this.lines)) this.lines = [...this.lines];
    const lines = this.lines as string[];
    lines.push(line);
    if (lines.length > 10_000) lines.splice(0, 5_000);
  }

  /** Applies effects; returns the exit among them, if any. */
  take(effects: readonly Effect[]): ContainerExit | undefined {
    let exit: ContainerExit | undefined;
    for (const e of effects) {
      if (e.kind === "log") this.pushLine(e.line);
      else if (e.kind === "exit") {
        exit = { exitCode: e.exitCode, reason: e.reason, ...(e.signal !== undefined ? { signal: e.signal } : {}) };
      }
    }
    return exit;
  }

  started(now: number, effects: readonly Effect[]): void {
    const exit = this.take(effects);
    if (exit) this.r.startExit = { at: now, exit };
    // Replicas started in the same second print the same start-up lines: keep one array for all of them.
    else if (!Object.isFrozen(this.lines)) {
      if (sameLines(this.lines, lastStartupLines)) this.lines = lastStartupLines;
      else this.lines = lastStartupLines = Object.freeze(this.lines);
    }
  }

  nextEventTime(): number | undefined {
    const startExit = this.rare?.startExit;
    return startExit ? startExit.at : this.proc.nextEventTime();
  }

  advance(now: number): ContainerExit | undefined {
    const startExit = this.rare?.startExit;
    if (startExit) {
      this.rare!.startExit = undefined;
      return startExit.exit;
    }
    return this.take(this.proc.advance(now));
  }

  terminate(now: number): { at: number; exit: ContainerExit } | undefined {
    const exit = this.take(this.proc.signal("TERM", now));
    return exit ? { at: now, exit } : undefined;
  }

  probe(probe: Probe, now: number, podIP: string): ProbeAnswer {
    const r = runProbe(probe, { process: this.proc, container: this.container, podIP, nowMs: now, kubeVersion: "1.34" });
    this.take(r.effects);
    return { ok: r.result === "Success", output: r.output.replace(/\n$/, ""), ...(r.errored ? { errored: true } : {}) };
  }

  logs(): readonly string[] {
    return this.lines;
  }
}

/** Sources whose VolumeHandle is a per-pod map, the same whenever it is first asked for (podVolumes.ts). */
function lazyMountable(pod: Pod, c: Container): boolean {
  for (const vm of c.volumeMounts ?? []) {
    const vol = pod.spec.volumes?.find((v) => v.name === vm.name);
    if (vol && ("emptyDir" in vol || "hostPath" in vol || "persistentVolumeClaim" in vol || "ephemeral" in vol)) return false;
  }
  return true;
}

/**
 * The container's env as the kubelet resolves it: literal values and downward-API fieldRefs
 * (metadata.name/namespace/uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName,
 * spec.serviceAccountName, status.hostIP, status.podIP). ConfigMap and Secret sources come with those
 * objects' simulation.
 */
function resolvedEnv(pod: Pod, c: Container, podIP: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of c.env ?? []) {
    if (e.value !== undefined) out[e.name] = e.value;
    const path = (e.valueFrom?.fieldRef as { fieldPath?: string } | undefined)?.fieldPath;
    if (path === undefined) continue;
    const v = downwardField(pod, path, podIP);
    if (v !== undefined) out[e.name] = v;
  }
  return out;
}

function downwardField(pod: Pod, path: string, podIP: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!];
  switch (path) {
    case "metadata.name":
      return pod.metadata.name;
    case "metadata.namespace":
      return pod.metadata.namespace;
    case "metadata.uid":
      return pod.metadata.uid;
    case "spec.nodeName":
      return pod.spec.nodeName;
    case "spec.serviceAccountName":
      return pod.spec.serviceAccountName;
    case "status.hostIP":
      return pod.status?.hostIP;
    case "status.podIP":
      return podIP;
    default:
      return undefined;
  }
}

/** compileBehaviour's environment: the literal env values under the resolved ones. */
function programEnv(c: Container, env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of c.env ?? []) if (e.value !== undefined) out[e.name] = e.value ?? "";
  return Object.assign(out, env);
}

/** The environment the container's process sees: the kubelet's, the resolved env, the literal values under them. */
function containerProgramEnv(pod: Pod, c: Container, podIP: string): Record<string, string> {
  return programEnv(c, { ...kubeletEnv(pod), ...resolvedEnv(pod, c, podIP) });
}

/**
 * What a compiled Program depends on besides the environment it carries, for a container with command
 * or args: the template fields, and the values of the variables they reference as $(VAR) (null when unset).
 */
function programKey(c: Container, env: Readonly<Record<string, string>>): string {
  const refs: string[] = [];
  for (const s of c.command ?? []) kubeletVarRefs(s, refs);
  for (const s of c.args ?? []) kubeletVarRefs(s, refs);
  const values = refs.map((name) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : null));
  return JSON.stringify([c.image, c.command, c.args, c.workingDir, values]);
}

export function createContainerModel(_random: SeededRandom): ContainerModel {
  // Compiling a container's behaviour is pure, and apart from the environment the process sees (every
  // pod has its own HOSTNAME) it depends only on the template and on the variables command and args
  // expand: 150,000 pods of one template compile once and differ only in `env`.
  const programs = new Map<string, Program>();
  /** The common template (no command, no args): by image, then workingDir. No environment needed to find it. */
  const plain = new Map<string, Map<string | undefined, Program>>();
  const compile = (pod: Pod, c: Container, podIP: string, info: ImageInfo, mc: ModelContainer): Program => {
    if (c.command === undefined && c.args === undefined) {
      const image = c.image ?? "";
      let byDir = plain.get(image);
      let p = byDir?.get(c.workingDir);
      if (p) {
        mc.setEnv(c.env?.length ? containerProgramEnv(pod, c, podIP) : undefined);
        return p;
      }
      const env = containerProgramEnv(pod, c, podIP);
      p = compileBehaviour(c, info, { env });
      if (!byDir) {
        if (plain.size > 5000) plain.clear();
        plain.set(image, (byDir = new Map()));
      }
      byDir.set(c.workingDir, p);
      mc.setEnv(env);
      return p;
    }
    const env = containerProgramEnv(pod, c, podIP);
    const key = programKey(c, env);
    let p = programs.get(key);
    if (!p) {
      p = compileBehaviour(c, info, { env });
      if (programs.size > 5000) programs.clear();
      programs.set(key, p);
    }
    mc.setEnv(env);
    return p;
  };
  // lookupImage parses the reference and searches the catalogue: the same few images start again and again.
  const images = new Map<string, ImageInfo | undefined>();
  const imageInfo = (image: string): ImageInfo | undefined => {
    if (images.has(image)) return images.get(image);
    const info = lookupImage(image);
    if (images.size > 5000) images.clear();
    images.set(image, info);
    return info;
  };
  const pulls = new Map<string, PullOutcome>();
  return {
    pullImage(image: string | undefined): PullOutcome {
      const name = image ?? "";
      let out = pulls.get(name);
      if (out) return out;
      const o = modelPull(name);
      out = o.ok
        ? { ok: true, sizeBytes: o.info.sizeBytes, imageRef: o.image.includes("/") ? o.image : `docker.io/library/${o.image}`, digest: `${o.info.repository}@${digestOf(o.image)}`, durationMs: o.durationMs }
        : o.reason === "InvalidImageName"
          ? { ok: false, reason: o.reason, message: o.message, eventMessage: o.message, durationMs: 0 }
          : { ok: false, reason: o.reason, message: o.message, eventMessage: o.eventMessage, durationMs: o.durationMs };
      pulls.set(name, out);
      return out;
    },
    start(pod: Pod, container: Container, opts: StartOptions): RunningContainer {
      const info = imageInfo(container.image ?? "");
      if (!info) throw new Error(`image ${container.image} was never pulled`);
      const mc = new ModelContainer(pod, container, opts.podIP, opts.volumes, opts.host);
      const program = compile(pod, container, opts.podIP, info, mc);
      if (!usesHost(program, container)) mc.host = undefined;
      const proc = new ContainerProcess(program, mc);
      mc.proc = proc;
      mc.started(opts.now, proc.start(opts.now));
      return mc;
    },
  };
}
