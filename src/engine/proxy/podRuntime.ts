// PodRuntime is how the network models reach the processes inside pods: which ports a pod's containers
// listen on, what their servers answer to an HTTP GET, and what they use (for metrics-server).
//
// Containers are the kubelet's: PodRuntime wraps the cluster's ContainerModel so that every container the
// kubelets start is registered here by pod UID. When the running container exposes the optional
// LiveContainerView methods, answers come from the live process (its files, its uptime, its access log);
// otherwise they are derived from the same behaviour model statically (image files, the server the image
// runs, its idle usage) — identical for every server that does not write its own files.
import type { Container, Pod } from "../api/types";
import type { ContainerModel, RunningContainer, StartOptions } from "../kubelet/containerModel";
import { ContainerFs } from "../kubelet/behaviour/containerFs";
import { respondHttp, type HttpResponse } from "../kubelet/behaviour/http";
import { lookupImage } from "../kubelet/behaviour/images";
import { compileBehaviour } from "../kubelet/behaviour/program";
import { createContainerProcess, type ContainerProcess } from "../kubelet/behaviour/runtime";
import { containerUsage, type ResourceUsage } from "../kubelet/behaviour/resources";
import type { DaemonSpec, HostHttpResult, ProcessHost } from "../kubelet/behaviour/types";
import { parseTime, SIM_EPOCH_MS } from "../sim/clock";

/** What a running container may offer beyond RunningContainer (see the report: runtimeAdapter's ModelContainer). */
export interface LiveContainerView {
  /** ContainerProcess.usage(): CPU and memory now. */
  usage?(): ResourceUsage;
  /** ContainerProcess.isListening */
  isListening?(port: number, nowMs: number): boolean;
  /** ContainerProcess.httpGet, keeping the access-log effects: the response, or why there is none. */
  serveHttp?(port: number, path: string, nowMs: number, clientIP: string, userAgent: string): HttpResponse | "refused" | "eof";
}

type Live = RunningContainer & LiveContainerView;

/** A server the behaviour model says a container runs, derived from its spec (the static view). */
interface StaticContainer {
  readonly name: string;
  readonly daemon: DaemonSpec | undefined;
  /** Image not in the catalogue: presumed to serve 200 on the ports the spec declares. */
  readonly unknownServer: boolean;
  readonly declaredPorts: readonly number[];
  readonly files: Readonly<Record<string, string>> | undefined;
  readonly idle: ResourceUsage;
  /** A copy of a script container's process, run ahead to see what it serves and uses. */
  readonly shadow?: ContainerProcess;
  fs?: ContainerFs;
  statuses?: Map<string, number | "eof">;
}

export type ServeResult = HttpResponse | "refused" | "eof";

/** The static view of a pod's containers, possibly shared by many pods (PodRuntime.staticView). */
interface Statics {
  readonly containers: readonly StaticContainer[];
  /** usage() of a pod without live processes, by its running-containers mask (the same for every such pod). */
  usageByMask: Map<number, readonly { name: string; usage: ResourceUsage }[]> | undefined;
}

/** What PodRuntime knows about one pod object (see PodRuntime.views). */
interface PodView {
  readonly epoch: number;
  /** Its containers its status reports running: bit i for containers[i] (a set of names past 30). */
  readonly running: number | ReadonlySet<string>;
  readonly statics: Statics;
  readonly containers: readonly StaticContainer[];
  /** Its containers as the kubelet started them, by name (undefined until the first starts). */
  live: Map<string, Live> | undefined;
  /** usage(), kept when no live process reports it. */
  usage: readonly { name: string; usage: ResourceUsage }[] | undefined;
}

/** Containers a mask can hold (bit 31 would make the number negative under `|`; keep clear of it). */
const MASK_CONTAINERS = 30;

function runningOf(pod: Pod, containers: readonly StaticContainer[]): number | ReadonlySet<string> {
  const statuses = pod.status?.containerStatuses;
  if (containers.length > MASK_CONTAINERS) {
    const running = new Set<string>();
    for (const s of statuses ?? []) if (s.state?.running) running.add(s.name);
    return running;
  }
  let mask = 0;
  if (statuses) {
    for (const s of statuses) {
      if (!s.state?.running) continue;
      for (let i = 0; i < containers.length; i++) if (containers[i]!.name === s.name) mask |= 1 << i;
    }
  }
  return mask;
}

function isRunning(v: PodView, i: number): boolean {
  const r = v.running;
  return typeof r === "number" ? ((r >>> i) & 1) === 1 : r.has(v.containers[i]!.name);
}

/**
 * The key of a pod's static view when pods may share it: every container without command and args, with
 * numeric ports (length-prefixed fields, so no two lists of containers make the same key). Undefined: not
 * shareable.
 */
function sharedKey(containers: readonly Container[]): string | undefined {
  let key = "";
  for (const c of containers) {
    if (c.command !== undefined || c.args !== undefined) return undefined;
    const image = c.image ?? "";
    key += `${c.name.length}:${c.name}${image.length}:${image}`;
    for (const p of c.ports ?? []) {
      if (typeof p.containerPort !== "number") return undefined;
      key += `,${p.containerPort}`;
    }
    key += ";";
  }
  return key;
}

/** How long a script's shadow copy runs before it is asked what it serves (servers listen within it). */
const SHADOW_RUN_MS = 60_000;

export class PodRuntime {
  /** pod UID → container name → the running container the kubelet started last. */
  private readonly live = new Map<string, Map<string, Live>>();
  /** Each pod's static view (shared by pods of one template when possible), by pod UID. */
  private readonly statics = new Map<string, Statics>();
  /** Static views shared by pods of one template (sharedKey). */
  private readonly sharedStatics = new Map<string, Statics>();
  /**
   * Per pod object (objects are replaced on every update): what every question about it starts from, so
   * that answering one is a single lookup. Rebuilt after any pod is forgotten (`epoch`).
   */
  private readonly views = new WeakMap<Pod, PodView>();
  private epoch = 0;
  /** Static-files answers by image files and server settings (staticFilesStatus). */
  private readonly staticAnswers = new WeakMap<object, Map<string, number>>();
  /** Gives each started container its ProcessHost (wget/curl/nslookup inside it). */
  hostFor: ((pod: Pod) => ProcessHost | undefined) | undefined;

  /** Decorates the kubelets' ContainerModel: containers are registered as they start. */
  wrap(model: ContainerModel): ContainerModel {
    return {
      pullImage: (image) => model.pullImage(image),
      start: (pod: Pod, container: Container, opts: StartOptions): RunningContainer => {
        const hostFor = this.hostFor;
        // The host's closures are made when the process first reaches out (most never do).
        const rc = model.start(pod, container, hostFor ? ({ ...opts, host: new LazyProcessHost(hostFor, pod) } as StartOptions) : opts) as Live;
        const uid = pod.metadata.uid;
        if (rc.usage || rc.isListening || rc.serveHttp) {
          let byName = this.live.get(uid);
          if (!byName) this.live.set(uid, (byName = new Map()));
          byName.set(container.name, rc);
        } else {
          // A container without a live view answers like no container at all: forget the one it replaces.
          this.live.get(uid)?.delete(container.name);
        }
        return rc;
      },
    };
  }

  /** Whether any of the pod's running containers answers from a live process (its answers may change). */
  hasLiveView(pod: Pod): boolean {
    const live = this.view(pod).live;
    if (!live) return false;
    for (const rc of live.values()) if (rc.isListening || rc.serveHttp) return true;
    return false;
  }

  /** The pod is gone: forget its containers. */
  forget(uid: string): void {
    this.live.delete(uid);
    this.statics.delete(uid);
    this.epoch++;
  }

  private view(pod: Pod): PodView {
    let v = this.views.get(pod);
    if (v === undefined || v.epoch !== this.epoch) {
      const statics = this.staticView(pod);
      v = { epoch: this.epoch, running: runningOf(pod, statics.containers), statics, containers: statics.containers, live: this.live.get(pod.metadata.uid), usage: undefined };
      this.views.set(pod, v);
    } else if (v.live === undefined) {
      // The map is created when the pod's first container starts, then filled in place.
      v.live = this.live.get(pod.metadata.uid);
    }
    return v;
  }

  /**
   * The static view of the pod's containers, as first seen. Shared by every pod whose containers have the same name,
   * image and ports and no command or args (their programs cannot depend on the pod), unless one runs a
   * script (its shadow copy sees the pod's HOSTNAME): 30,000 replicas of one template share one.
   */
  private staticView(pod: Pod): Statics {
    const own = this.statics.get(pod.metadata.uid);
    if (own) return own;
    const key = sharedKey(pod.spec.containers);
    let v = key !== undefined ? this.sharedStatics.get(key) : undefined;
    if (!v) {
      const containers = pod.spec.containers.map((c) => staticContainer(pod, c));
      v = { containers, usageByMask: undefined };
      if (key !== undefined && !containers.some((c) => c.shadow)) {
        if (this.sharedStatics.size > 5000) this.sharedStatics.clear();
        this.sharedStatics.set(key, v);
      }
    }
    // A pod keeps the view it was first seen with (an image changed in place does not restart anything).
    this.statics.set(pod.metadata.uid, v);
    return v;
  }

  /** An HTTP GET to `port` of the pod, answered by whichever running container listens there. */
  httpGet(pod: Pod, port: number, path: string, nowMs: number, clientIP: string, userAgent: string): ServeResult {
    const v = this.view(pod);
    for (let i = 0; i < v.containers.length; i++) {
      const c = v.containers[i]!;
      if (!isRunning(v, i)) continue;
      const rc = v.live?.get(c.name);
      if (rc?.serveHttp) {
        const r = rc.serveHttp(port, path, nowMs, clientIP, userAgent);
        if (r !== "refused") return r;
        continue;
      }
      const r = serveStatic(c, pod, port, path, nowMs);
      if (r !== "refused") return r;
    }
    return "refused";
  }

  /** Whether something in the pod accepts connections on `port` (no request is made). */
  listening(pod: Pod, port: number, nowMs: number): boolean {
    const v = this.view(pod);
    for (let i = 0; i < v.containers.length; i++) {
      const c = v.containers[i]!;
      if (!isRunning(v, i)) continue;
      const rc = v.live?.get(c.name);
      if (rc?.isListening) {
        if (rc.isListening(port, nowMs)) return true;
        continue;
      }
      if (c.shadow?.isListening(port, SHADOW_RUN_MS)) return true;
      if (c.daemon?.ports.includes(port) || (c.unknownServer && (c.declaredPorts.length === 0 || c.declaredPorts.includes(port)))) return true;
    }
    return false;
  }

  /**
   * The HTTP status the pod would answer `path` on `port` with, without making a request (aggregate traffic
   * writes no access-log lines). From the static view; cached except for servers whose answer changes with
   * uptime (agnhost liveness).
   */
  statusFor(pod: Pod, port: number, path: string, nowMs: number): number | "refused" | "eof" {
    const v = this.view(pod);
    for (let i = 0; i < v.containers.length; i++) {
      const c = v.containers[i]!;
      if (!isRunning(v, i)) continue;
      // A static-files server answers from the shared cache (never "refused": it listens on the port).
      const shared = this.staticFilesStatus(c, port, path);
      if (shared !== undefined) return shared;
      const key = `${port} ${path}`;
      const cached = c.statuses?.get(key);
      if (cached !== undefined) return cached;
      const status = statusOf(serveStatic(c, pod, port, path, nowMs));
      if (status === "refused") continue;
      if (c.daemon?.http?.kind !== "liveness") (c.statuses ??= new Map()).set(key, status);
      return status;
    }
    return "refused";
  }

  /**
   * A static-files server's status for `path`, shared by every container serving the same image files the
   * same way: it depends on nothing else (the static view mounts no volumes), and 30,000 nginx pods should
   * not each walk their files to find index.html. Undefined for every other kind of container, and for a
   * port the container does not serve.
   */
  private staticFilesStatus(c: StaticContainer, port: number, path: string): number | undefined {
    const http = c.daemon?.http;
    if (http?.kind !== "static" || c.shadow || !c.daemon!.ports.includes(port)) return undefined;
    const files = c.files ?? NO_FILES;
    let byKey = this.staticAnswers.get(files);
    if (!byKey) this.staticAnswers.set(files, (byKey = new Map()));
    const key = `${http.server} ${http.docRoot} ${http.dirStatus} ${path}`;
    let status = byKey.get(key);
    if (status === undefined) {
      c.fs ??= new ContainerFs([], c.files);
      status = respondHttp(http, { path, fs: c.fs, sinceStartMs: 0, hostname: "", wallMs: 0 }).status;
      byKey.set(key, status);
    }
    return status;
  }

  /** Whether the pod's answer on `port` does not change with time (everything but agnhost liveness). */
  stableAnswers(pod: Pod, port: number): boolean {
    for (const c of this.view(pod).containers) if (c.daemon?.ports.includes(port)) return c.daemon.http?.kind !== "liveness";
    return true;
  }

  /** The name of the server program answering on `port` (for CPU-per-request): "apache2", "nginx", ... */
  serverName(pod: Pod, port: number): string | undefined {
    for (const c of this.view(pod).containers) if (c.daemon?.ports.includes(port)) return c.daemon.name;
    return undefined;
  }

  /** The container that serves requests (the first running an HTTP server, else the first) and its server. */
  servingContainer(pod: Pod): { name: string; server: string | undefined } | undefined {
    const view = this.view(pod).containers;
    const c = view.find((x) => x.daemon?.http !== undefined) ?? view.find((x) => x.daemon !== undefined && x.daemon.ports.length > 0) ?? view[0];
    return c ? { name: c.name, server: c.daemon?.name } : undefined;
  }

  /** Whether usage(pod) was kept for this pod object: no live process, so it cannot change while it is current. */
  usageStable(pod: Pod): boolean {
    return this.view(pod).usage !== undefined;
  }

  /** CPU and memory of each running container, before request load (live process when available). */
  usage(pod: Pod): readonly { name: string; usage: ResourceUsage }[] {
    const v = this.view(pod);
    if (v.usage) return v.usage;
    const out: { name: string; usage: ResourceUsage }[] = [];
    let dynamic = false;
    for (let i = 0; i < v.containers.length; i++) {
      const c = v.containers[i]!;
      if (!isRunning(v, i)) continue;
      const rc = v.live?.get(c.name);
      if (rc?.usage) dynamic = true;
      out.push({ name: c.name, usage: rc?.usage ? rc.usage() : c.idle });
    }
    // Without a live process the answer only changes with the pod object: keep it, one per static view
    // and running set.
    if (!dynamic) {
      if (typeof v.running !== "number") v.usage = out;
      else {
        const byMask = (v.statics.usageByMask ??= new Map());
        let kept = byMask.get(v.running);
        if (!kept) byMask.set(v.running, (kept = Object.freeze(out.map((u) => Object.freeze(u)))));
        v.usage = kept;
      }
    }
    return v.usage ?? out;
  }
}

function staticContainer(pod: Pod, c: Container): StaticContainer {
  const info = lookupImage(c.image ?? "");
  const declaredPorts = Object.freeze((c.ports ?? []).map((p) => p.containerPort));
  if (!info) return { name: c.name, daemon: undefined, unknownServer: false, declaredPorts, files: undefined, idle: Object.freeze(containerUsage([], { cpuMilli: 0, memoryBytes: 0 })) };
  const env = { HOSTNAME: pod.spec.hostname ?? pod.metadata.name };
  const program = compileBehaviour(c, info, { env });
  const daemon = program.main.kind === "serve" ? program.main.daemon : undefined;
  let shadow: ContainerProcess | undefined;
  if (program.main.kind === "script") {
    // A script (`sh -c "… && node server.js"`) shows what it serves only by running: run a copy of it
    // (the behaviour model is pure) long enough for its servers to listen.
    shadow = createContainerProcess(c, program, {});
    shadow.start(0);
    shadow.advance(SHADOW_RUN_MS);
  }
  const unknownServer = !info.known && daemon !== undefined && daemon.ports.length === 0;
  return {
    name: c.name,
    daemon: unknownServer ? undefined : daemon,
    unknownServer,
    declaredPorts,
    files: info.files,
    idle: Object.freeze(shadow ? shadow.usage() : containerUsage(daemon ? [daemon] : [], { cpuMilli: 0, memoryBytes: 0 })),
    ...(shadow ? { shadow } : {}),
  };
}

const NO_FILES = {};

/**
 * The ProcessHost of a started container, made by `hostFor` on the process's first outbound call (the
 * same host, from the same pod object, as making it at start: hostFor only builds closures). Every method
 * is an optional call on the real host: missing there, missing here (the process code calls them as
 * `host?.m?.(...)`).
 */
class LazyProcessHost implements ProcessHost {
  private real: ProcessHost | undefined | null = null;
  constructor(
    private readonly hostFor: (pod: Pod) => ProcessHost | undefined,
    private readonly pod: Pod,
  ) {}
  private host(): ProcessHost | undefined {
    if (this.real === null) this.real = this.hostFor(this.pod);
    return this.real;
  }
  httpGet(url: string, nowMs: number): HostHttpResult {
    return this.host()?.httpGet?.(url, nowMs) as HostHttpResult;
  }
  lookup(name: string, nowMs: number): readonly string[] | undefined {
    return this.host()?.lookup?.(name, nowMs);
  }
  podPortOpen(port: number, nowMs: number): boolean {
    return this.host()?.podPortOpen?.(port, nowMs) as boolean;
  }
}

function statusOf(r: ServeResult): number | "refused" | "eof" {
  return typeof r === "string" ? r : r.status;
}

function serveStatic(c: StaticContainer, pod: Pod, port: number, path: string, nowMs: number): ServeResult {
  if (c.shadow) {
    const r = c.shadow.httpGet(port, path, SHADOW_RUN_MS, "10.244.0.1", "curl");
    return "response" in r ? r.response : r.error;
  }
  if (c.unknownServer) return c.declaredPorts.length === 0 || c.declaredPorts.includes(port) ? { status: 200, body: "" } : "refused";
  const d = c.daemon;
  if (!d || !d.ports.includes(port)) return "refused";
  if (!d.http) return "eof";
  const started = parseTime(pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running?.startedAt);
  const sinceStartMs = Number.isNaN(started) ? 0 : Math.max(0, SIM_EPOCH_MS + nowMs - started);
  c.fs ??= new ContainerFs([], c.files);
  return respondHttp(d.http, { path, fs: c.fs, sinceStartMs, hostname: pod.spec.hostname ?? pod.metadata.name, wallMs: SIM_EPOCH_MS + nowMs });
}

