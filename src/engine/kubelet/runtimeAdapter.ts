// The kubelet's container runtime: the behaviour model (kubelet/behaviour) behind the ContainerModel
// interface. Image pulls use the model's catalogue and error texts; a started container is a
// ContainerProcess whose effects (log lines, files, exit) the kubelet follows on the simulated clock.
import type { Container, Pod, Probe } from "../api/types";
import { fnv32a } from "../apimachinery/hash";
import type { SeededRandom } from "../sim/random";
import { pullImage as modelPull, lookupImage } from "./behaviour/images";
import { compileBehaviour, kubeletVarRefs } from "./behaviour/program";
import { runProbe } from "./behaviour/probes";
import { createContainerProcess, type ContainerProcess } from "./behaviour/runtime";
import { kubeletManagedFiles } from "./behaviour/kubeletFiles";
import type { Effect, ImageInfo, Program } from "./behaviour/types";
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
  return {
    HOSTNAME: pod.spec.hostname ?? pod.metadata.name,
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

class ModelContainer implements RunningContainer {
  private readonly logLines: string[] = [];
  /** An exit that happened while starting (StartError): reported at the first advance. */
  private startExit: { at: number; exit: ContainerExit } | undefined;

  constructor(
    private readonly proc: ContainerProcess,
    private readonly container: Container,
  ) {}

  /** Applies effects; returns the exit among them, if any. */
  take(effects: readonly Effect[]): ContainerExit | undefined {
    let exit: ContainerExit | undefined;
    for (const e of effects) {
      if (e.kind === "log") {
        this.logLines.push(e.line);
        if (this.logLines.length > 10_000) this.logLines.splice(0, 5_000);
      } else if (e.kind === "exit") {
        exit = { exitCode: e.exitCode, reason: e.reason, ...(e.signal !== undefined ? { signal: e.signal } : {}) };
      }
    }
    return exit;
  }

  started(now: number, effects: readonly Effect[]): void {
    const exit = this.take(effects);
    if (exit) this.startExit = { at: now, exit };
  }

  nextEventTime(): number | undefined {
    return this.startExit ? this.startExit.at : this.proc.nextEventTime();
  }

  advance(now: number): ContainerExit | undefined {
    if (this.startExit) {
      const e = this.startExit.exit;
      this.startExit = undefined;
      return e;
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
    return this.logLines;
  }
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

/**
 * What a compiled Program depends on besides the environment it carries: the template fields, and the
 * values of the variables command and args reference as $(VAR) (null when unset).
 */
function programKey(c: Container, env: Readonly<Record<string, string>>): string {
  // The common template (no command, no args): a two-element key cannot equal a five-element one.
  if (c.command === undefined && c.args === undefined) return JSON.stringify([c.image, c.workingDir]);
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
  const compile = (pod: Pod, c: Container, info: ImageInfo, podIP: string): Program => {
    const env = programEnv(c, { ...kubeletEnv(pod), ...resolvedEnv(pod, c, podIP) });
    const key = programKey(c, env);
    let p = programs.get(key);
    if (!p) {
      p = compileBehaviour(c, info, { env });
      if (programs.size > 5000) programs.clear();
      programs.set(key, p);
    }
    return { ...p, env };
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
      const program = compile(pod, container, info, opts.podIP);
      const kubeletFiles = kubeletManagedFiles({
        podIPs: [opts.podIP],
        hostname: pod.spec.hostname ?? pod.metadata.name,
        namespace: pod.metadata.namespace ?? "default",
        ...(pod.spec.subdomain ? { subdomain: pod.spec.subdomain } : {}),
      });
      const proc = createContainerProcess(container, program, { volumes: opts.volumes, kubeletFiles, ...(opts.host ? { host: opts.host } : {}) });
      const mc = new ModelContainer(proc, container);
      mc.started(opts.now, proc.start(opts.now));
      return mc;
    },
  };
}
