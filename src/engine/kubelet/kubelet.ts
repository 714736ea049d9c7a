// Kubelet is the node agent (pkg/kubelet): it registers its Node, renews its Lease every 10s, posts node
// status when it changes (or every 5 minutes), watches the pods bound to its node and runs each through a
// PodWorker, and reports pod status through a status manager that coalesces changes into one PATCH per
// pod per instant. `kill()` is the machine disappearing: no more heartbeats, every container gone.
import type { Lease, Node, Pod, PodStatus } from "../api/types";
import { Informer } from "../client/informer";
import type { ApiClient } from "../client/apiClient";
import type { EventRecorder } from "../client/eventRecorder";
import { ApiError } from "../apiserver/errors";
import type { Store } from "../apiserver/store";
import type { WatchHub } from "../apiserver/watch";
import type { SimClock } from "../sim/clock";
import { rfc3339, rfc3339Micro } from "../sim/clock";
import type { EventQueue, ScheduledTask } from "../sim/eventQueue";
import type { SeededRandom } from "../sim/random";
import type { ClusterTimings } from "../sim/timings";
import { KUBERNETES_VERSION, type NodeConfig } from "../sim/clusterConfig";
import { jsonEqual } from "../apiserver/strategy";
import type { ContainerModel } from "./containerModel";
import { ImageManager, type NodeImage } from "./imageManager";
import { initialNode, nodeAddress, nodeConditions, reportedConditionsChanged, type ConditionOverride } from "./nodeStatus";
import { generatePodStatus } from "./podStatus";
import { statusEqualIgnoringTimes } from "./statusEquality";
import { PodWorker, type PodWorkerHost } from "./podWorker";
import { KubeletVolumes } from "./volumes/kubeletVolumes";
import { ConfigVolumes } from "./config/configVolumes";
import { storeConfigSource, type ConfigSource } from "./config/configSources";
import { makeEnvironmentVariables } from "./config/envResolver";

export interface KubeletDeps {
  clock: SimClock;
  events: EventQueue;
  random: SeededRandom;
  store: Store;
  hub: WatchHub;
  timings: ClusterTimings;
  model: ContainerModel;
  client: ApiClient;
  recorder: EventRecorder;
}

/** Images baked into a v1.34 kind node (`crictl images` on a fresh node). */
export const PRELOADED_IMAGES = [
  `registry.k8s.io/etcd:3.6.4-0`,
  `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  "registry.k8s.io/coredns/coredns:v1.12.1",
  "registry.k8s.io/pause:3.10",
];

/** How long the CNI takes to come up on a fresh node before the kubelet reports Ready. */
const NETWORK_READY_DELAY_MS = 4_000;

/** The final status the kubelet gives a pod it killed itself (node-pressure eviction, node shutdown). */
export interface KubeletKill {
  /** status.reason ("Evicted", "Terminated"). */
  readonly reason: string;
  readonly message: string;
}

/** nodeshutdown_manager_linux.go: the status of pods killed by a graceful node shutdown. */
export const NODE_SHUTDOWN_KILL: KubeletKill = { reason: "Terminated", message: "Pod was terminated in response to imminent node shutdown." };

/** scheduling.SystemCriticalPriority: pods at or above it are "critical" (kubetypes.IsCriticalPod). */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

export class Kubelet {
  readonly nodeName: string;
  /** The Node's storage key (read every status tick). */
  private readonly nodeKey: string;
  readonly hostIP: string;
  /** The machine is up. */
  alive = false;
  /** The kubelet can reach the API server (false during a network partition). */
  connected = true;
  networkReady = false;
  readonly images: ImageManager;
  private readonly workers = new Map<string, PodWorker>();
  private readonly dirty = new Set<PodWorker>();
  private flushTask: ScheduledTask | undefined;
  private pods: Informer<Pod> | undefined;
  private loops: ScheduledTask[] = [];
  private lastNodeReport = -Infinity;
  /** The last (posted, ours) pair of image lists found equal: the status loop need not compare them again. */
  private imagesSeen: { posted: Node["status"]["images"]; ours: readonly NodeImage[] | undefined } = { posted: undefined, ours: undefined };
  /** A graceful node shutdown is under way (nodeshutdown manager). */
  shuttingDown = false;
  /** Conditions reported instead of the defaults (the shutdown manager's Ready=False, memory pressure). */
  readonly conditionOverrides = new Map<string, ConditionOverride>();
  /** Pods the kubelet killed itself, by uid: they end Failed with this reason instead of being deleted. */
  private readonly kills = new Map<string, KubeletKill>();
  private nextPodIP = 2;
  private readonly host: PodWorkerHost;
  /** The volume manager: mounts wait for bound claims; volume files live on this node's disk or the network. */
  readonly volumes: KubeletVolumes;
  /** configMap, secret and projected volumes, and the ConfigMaps/Secrets env vars read (kubelet/config). */
  readonly configVolumes: ConfigVolumes;
  private readonly configSource: ConfigSource;

  constructor(
    private readonly deps: KubeletDeps,
    readonly config: NodeConfig,
    readonly index: number,
  ) {
    this.nodeName = config.name;
    this.nodeKey = `nodes/${config.name}`;
    this.hostIP = nodeAddress(index);
    this.images = new ImageManager(deps.model);
    // A kind node image ships the control plane, kube-proxy and CoreDNS images: no pull on first boot.
    for (const image of PRELOADED_IMAGES) this.images.preload(image);
    this.volumes = new KubeletVolumes(deps.store, config.name, {
      event: (pod, type, reason, message) => deps.recorder.event(pod, type, reason, message),
      after: (ms, label, fn) => {
        deps.events.after(ms, label, fn);
      },
    });
    this.configSource = storeConfigSource(deps.store);
    this.configVolumes = new ConfigVolumes(this.configSource, {
      now: () => deps.clock.now(),
      event: (pod, type, reason, message) => deps.recorder.event(pod, type, reason, message),
      after: (ms, label, fn) => {
        deps.events.after(ms, label, fn);
      },
    });
    this.host = {
      now: () => deps.clock.now(),
      iso: (t?: number) => rfc3339(deps.clock.absolute(t ?? deps.clock.now())),
      after: (ms, label, fn) => deps.events.after(ms, label, fn),
      recorder: deps.recorder,
      images: this.images,
      model: deps.model,
      random: deps.random,
      timings: deps.timings,
      allocatePodIP: () => this.allocatePodIP(),
      statusChanged: (w) => this.markDirty(w),
      terminated: (w) => this.podTerminated(w),
      volumeHandle: (pod, name) => this.volumes.handle(pod, name),
      // configMap/secret volumes are set up first (kubelet/config), then claims are attached and mounted.
      waitForVolumes: (w, then) => this.configVolumes.waitForConfigVolumes(w, () => this.volumes.waitForAttachAndMount(w, then)),
      containerEnv: (w, c) => makeEnvironmentVariables({ pod: w.pod, container: c, podIP: w.podIP ?? "", hostIP: this.hostIP, sources: this.configSource, nodeAllocatable: { cpu: this.config.cpu, memory: this.config.memory } }),
    };
  }

  /** The next free address of the node's /24 pod CIDR (host-local IPAM hands them out in order). */
  private allocatePodIP(): string {
    const n = this.nextPodIP;
    this.nextPodIP = n >= 254 ? 2 : n + 1;
    return `10.244.${this.index}.${n}`;
  }

  get workerCount(): number {
    return this.workers.size;
  }

  worker(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values()) if (w.pod.metadata.namespace === namespace && w.pod.metadata.name === name) return w;
    return undefined;
  }

  /** Boot: register (or re-register) the Node, start the lease and status loops, watch our pods. */
  start(): void {
    if (this.alive) return;
    this.alive = true;
    this.networkReady = false;
    this.register();
    this.deps.recorder.record(this.nodeRef(), "Normal", "Starting", "Starting kubelet.");
    this.deps.recorder.record(this.nodeRef(), "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
    this.renewLease();
    this.loops.push(this.every(this.deps.timings.nodeLeaseRenewIntervalMs, "kubelet:lease", () => this.renewLease()));
    this.loops.push(this.every(this.deps.timings.nodeStatusUpdateFrequencyMs, "kubelet:node-status", () => this.syncNodeStatus(false)));
    this.deps.events.after(NETWORK_READY_DELAY_MS, "kubelet:cni-ready", () => {
      if (!this.alive) return;
      this.networkReady = true;
      this.syncNodeStatus(true);
    });
    this.watchPods();
  }

  /** List-then-watch the pods bound to this node (a fresh list after a partition heals). */
  private watchPods(): void {
    this.pods?.stop();
    this.pods = new Informer<Pod>("pods", this.deps.store, this.deps.hub, this.deps.events, {
      nodeName: this.nodeName,
      latencyMs: this.deps.timings.watchLatencyMs,
    });
    this.pods.addEventHandler({
      add: (p) => this.podAdded(p),
      update: (_o, p) => this.podUpdated(p),
      delete: (p) => this.podRemoved(p),
    });
    this.pods.start();
  }

  /**
   * Network partition: the kubelet cannot reach the API server. Its watch breaks, its lease and status
   * stop, but the machine and its containers keep running (and keep serving whoever can reach them).
   */
  partition(): void {
    if (!this.alive || !this.connected) return;
    this.connected = false;
    this.pods?.stop();
  }

  /**
   * The partition heals: the kubelet relists its pods. Pods deleted meanwhile (evicted by the taint
   * manager, force-deleted) are killed: a pod still there with a deletionTimestamp is terminated and its
   * deletion finished; a pod already gone from the API (HandlePodRemoves) is killed with its grace period.
   */
  heal(): void {
    if (!this.alive || this.connected) return;
    this.connected = true;
    this.watchPods();
    const live = new Set(this.pods!.list().map((p) => p.metadata.uid));
    for (const w of [...this.workers.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      if (live.has(w.pod.metadata.uid)) {
        if (w.finished) this.podTerminated(w);
        continue;
      }
      if (!w.terminating) w.terminate(w.pod.spec.terminationGracePeriodSeconds ?? 30);
      else if (w.finished) this.podTerminated(w);
    }
    this.renewLease();
    this.syncNodeStatus(true);
    this.flush();
  }

  /**
   * Graceful node shutdown (GracefulNodeShutdown, nodeshutdown_manager_linux.go) with shutdownGracePeriod
   * `graceMs` and shutdownGracePeriodCriticalPods `criticalMs`: Ready=False "node is shutting down";
   * regular pods are killed with min(their grace, grace − critical), critical pods in the last `criticalMs`;
   * each ends Failed, reason Terminated, with a DisruptionTarget condition; then the machine powers off.
   * Pods are not deleted: their controllers replace them at once (a Failed pod is not active).
   */
  shutdown(graceMs: number, criticalMs: number): void {
    if (!this.alive || this.shuttingDown) return;
    this.shuttingDown = true;
    this.conditionOverrides.set("Ready", { status: "False", reason: "KubeletNotReady", message: "node is shutting down" });
    this.syncNodeStatus(true);
    const regularMs = Math.max(0, graceMs - criticalMs);
    const byName = [...this.workers.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const killGroup = (critical: boolean, budgetMs: number) => {
      for (const w of byName) {
        if (w.terminating || isCriticalPod(w.pod) !== critical) continue;
        const own = w.pod.spec.terminationGracePeriodSeconds ?? 30;
        this.killPod(w, Math.min(own, Math.floor(budgetMs / 1000)), NODE_SHUTDOWN_KILL);
      }
    };
    killGroup(false, regularMs);
    this.deps.events.after(regularMs, "kubelet:shutdown-critical", () => {
      if (this.alive) killGroup(true, criticalMs);
    });
    this.deps.events.after(graceMs, "kubelet:shutdown-poweroff", () => this.kill());
  }

  /** killPodNow: stop a pod's containers within `graceSeconds`; it ends Failed with `outcome`. */
  killPod(w: PodWorker, graceSeconds: number, outcome: KubeletKill): void {
    if (w.terminating) return;
    this.kills.set(w.pod.metadata.uid, outcome);
    w.terminate(graceSeconds);
  }

  /** Records an event about the node, as the kubelet (e.g. the eviction manager's EvictionThresholdMet). */
  recordNodeEvent(type: "Normal" | "Warning", reason: string, message: string): void {
    this.deps.recorder.record(this.nodeRef(), type, reason, message);
  }

  recordPodEvent(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void {
    this.deps.recorder.event(pod, type, reason, message);
  }

  /** Posts the node's status now (after a condition override changed). */
  postNodeStatus(): void {
    this.syncNodeStatus(true);
  }

  /** Pods this kubelet runs (not terminating), sorted by namespace/name. */
  activePods(): PodWorker[] {
    return [...this.workers.values()].filter((w) => !w.terminating).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The machine stops: kubelet silent, containers gone, nothing reported. */
  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    this.connected = true;
    this.shuttingDown = false;
    this.conditionOverrides.clear();
    this.kills.clear();
    for (const l of this.loops) l.cancelled = true;
    this.loops = [];
    this.volumes.powerOff();
    this.pods?.stop();
    this.pods = undefined;
    for (const w of this.workers.values()) w.abandon();
    this.workers.clear();
    this.dirty.clear();
    if (this.flushTask) this.flushTask.cancelled = true;
    this.flushTask = undefined;
  }

  /** The machine boots again. */
  restore(): void {
    this.start();
  }

  /**
   * A loop every `periodMs`. Its slot in `loops` always holds the pending tick (the ticks that ran need no
   * cancelling): the list stays as long as the number of loops, however long the node runs.
   */
  private every(periodMs: number, label: string, fn: () => void): ScheduledTask {
    const slot = this.loops.length;
    const loops = this.loops;
    const tick = () => {
      if (!this.alive) return;
      fn();
      const next = this.deps.events.after(periodMs, label, tick);
      if (this.loops === loops) loops[slot] = next;
      else this.loops.push(next); // fn powered the machine off: the tick goes with the new list, as before
    };
    return this.deps.events.after(periodMs, label, tick);
  }

  private nodeRef() {
    return { kind: "Node", name: this.nodeName, uid: this.nodeName, apiVersion: "v1" };
  }

  private register(): void {
    const node = initialNode(this.config, this.index);
    const now = rfc3339(this.deps.clock.absolute());
    node.status.conditions = nodeConditions(false, [], now);
    try {
      this.deps.client.create(node);
      this.deps.recorder.record(this.nodeRef(), "Normal", "NodeHasSufficientMemory", `Node ${this.nodeName} status is now: NodeHasSufficientMemory`);
      this.deps.recorder.record(this.nodeRef(), "Normal", "NodeHasNoDiskPressure", `Node ${this.nodeName} status is now: NodeHasNoDiskPressure`);
      this.deps.recorder.record(this.nodeRef(), "Normal", "NodeHasSufficientPID", `Node ${this.nodeName} status is now: NodeHasSufficientPID`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // The API server is unreachable: the next status tick registers again.
      if (e.code !== 409) return;
      // Already registered (a reboot): report fresh status.
      this.syncNodeStatus(true);
    }
    this.lastNodeReport = this.deps.clock.now();
  }

  private renewLease(): void {
    if (!this.alive || !this.connected) return;
    const renewTime = leaseTime(this.deps.clock.absolute());
    try {
      this.deps.client.patch<Lease>("Lease", "kube-node-lease", this.nodeName, (l) => {
        l.spec = { ...l.spec, renewTime };
      });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) return;
      const lease: Lease = {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: {
          name: this.nodeName,
          namespace: "kube-node-lease",
          ownerReferences: [{ apiVersion: "v1", kind: "Node", name: this.nodeName, uid: this.nodeUid() }],
        } as unknown as Lease["metadata"],
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: this.deps.timings.nodeLeaseDurationSeconds, renewTime },
      };
      try {
        this.deps.client.create(lease);
      } catch {
        // The API server may be unreachable; the next renewal tries again.
      }
    }
  }

  private nodeUid(): string {
    return this.deps.store.get("nodes", this.nodeKey)?.metadata.uid ?? "";
  }

  /** setNodeStatus + the report-frequency rule: post when something changed or 5 minutes passed. */
  private syncNodeStatus(force: boolean): void {
    if (!this.alive || !this.connected) return;
    const node = this.deps.store.get("nodes", this.nodeKey) as Node | undefined;
    if (!node) {
      this.register();
      return;
    }
    const now = this.deps.clock.now();
    const prev = node.status.conditions ?? [];
    const images = this.images.list();
    const changed = reportedConditionsChanged(this.networkReady, this.conditionOverrides, prev) || this.imagesChanged(images, node.status.images);
    // The common tick (nothing changed, report not due) ends here without building anything.
    if (!force && !changed && now - this.lastNodeReport < this.deps.timings.nodeStatusReportFrequencyMs) return;
    const ts = rfc3339(this.deps.clock.absolute());
    const next = nodeConditions(this.networkReady, prev, ts);
    for (let i = 0; i < next.length; i++) {
      const o = this.conditionOverrides.get(next[i]!.type);
      if (!o) continue;
      const p = prev.find((c) => c.type === next[i]!.type);
      next[i] = { ...next[i]!, ...o, lastTransitionTime: p && p.status === o.status ? p.lastTransitionTime : ts };
    }
    const becameReady = prev.find((c) => c.type === "Ready")?.status !== "True" && this.networkReady;
    try {
      this.deps.client.patch<Node>("Node", undefined, this.nodeName, (n) => {
        // The image list is shared with the ImageManager's cache and the store: never mutated.
        n.status = { ...n.status, conditions: next, images: images as NonNullable<Node["status"]["images"]> };
      }, "status");
      this.lastNodeReport = now;
      if (becameReady) this.deps.recorder.record(this.nodeRef(), "Normal", "NodeReady", `Node ${this.nodeName} status is now: NodeReady`);
    } catch {
      // Unreachable API server: retried at the next status tick.
    }
  }

  /** Whether the node's posted images differ from ours (remembering the last pair found equal). */
  private imagesChanged(ours: readonly NodeImage[], posted: Node["status"]["images"]): boolean {
    if (posted === ours || (posted === this.imagesSeen.posted && ours === this.imagesSeen.ours)) return false;
    if (!jsonEqual(ours, posted ?? [])) return true;
    this.imagesSeen = { posted, ours };
    return false;
  }

  // ---- pods ----

  private podAdded(pod: Pod): void {
    if (this.workers.has(pod.metadata.uid)) return this.podUpdated(pod);
    const w = new PodWorker(pod, this.host);
    this.workers.set(pod.metadata.uid, w);
    if (pod.metadata.deletionTimestamp) {
      // Deleted while we were away (or before we started it): nothing runs, finish the deletion.
      w.terminating = true;
      this.podTerminated(w);
      return;
    }
    if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") return;
    w.start();
  }

  private podUpdated(pod: Pod): void {
    const w = this.workers.get(pod.metadata.uid);
    if (!w) return this.podAdded(pod);
    w.pod = pod;
    if (pod.metadata.deletionTimestamp && !w.terminating) w.terminate(pod.metadata.deletionGracePeriodSeconds ?? 30);
  }

  private podRemoved(pod: Pod): void {
    this.volumes.podRemoved(pod.metadata.uid);
    const w = this.workers.get(pod.metadata.uid);
    if (!w) return;
    w.abandon();
    this.workers.delete(pod.metadata.uid);
    this.dirty.delete(w);
  }

  private podTerminated(w: PodWorker): void {
    this.flush();
    // A pod the kubelet killed itself (eviction, shutdown) stays as a Failed object; only deleted pods go.
    if (this.kills.has(w.pod.metadata.uid) && !w.pod.metadata.deletionTimestamp) return;
    if (!this.connected) return; // finished after the partition heals (heal())
    try {
      this.deps.client.delete("Pod", w.pod.metadata.namespace, w.pod.metadata.name, { gracePeriodSeconds: 0, uid: w.pod.metadata.uid });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 404 || e.code === 409) {
        // Already gone (deleted while the node was cut off): forget the worker, no watch event will come.
        if (e.code === 404) this.podRemoved(w.pod);
        return;
      }
      // The API server cannot answer: the status manager tries again.
      this.deps.events.after(10_000, "kubelet:delete-retry", () => {
        if (this.alive && this.workers.get(w.pod.metadata.uid) === w) this.podTerminated(w);
      });
    }
  }

  private markDirty(w: PodWorker): void {
    if (!this.alive) return;
    this.dirty.add(w);
    if (!this.flushTask) this.flushTask = this.deps.events.after(0, "kubelet:status", () => this.flush());
  }

  /** The status manager's syncBatch: one status PATCH per changed pod. */
  private flush(): void {
    this.flushTask = undefined;
    if (!this.connected) return;
    const batch = [...this.dirty];
    this.dirty.clear();
    for (const w of batch) {
      if (!this.workers.has(w.pod.metadata.uid)) continue;
      const status = this.statusOf(w);
      const prevPosted = w.pod.status;
      if (prevPosted && statusEqualIgnoringTimes(status, prevPosted)) continue;
      try {
        w.pod = this.deps.client.patch<Pod>("Pod", w.pod.metadata.namespace, w.pod.metadata.name, (p) => {
          p.status = { ...status, conditions: mergeConditions(p.status?.conditions, status.conditions) };
        }, "status");
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) {
          this.podRemoved(w.pod);
        } else if (!(e instanceof ApiError)) throw e;
      }
    }
  }

  private statusOf(w: PodWorker): PodStatus {
    const status = this.generatedStatusOf(w);
    const kill = w.finished ? this.kills.get(w.pod.metadata.uid) : undefined;
    if (!kill) return status;
    // The kill's status function: phase Failed, the reason and message, DisruptionTarget (TerminationByKubelet).
    const others = (status.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
    const prev = w.pod.status?.conditions?.find((c) => c.type === "DisruptionTarget" && c.status === "True");
    const disruption = { type: "DisruptionTarget", status: "True" as const, lastProbeTime: null, lastTransitionTime: prev?.lastTransitionTime ?? rfc3339(this.deps.clock.absolute()), reason: "TerminationByKubelet", message: kill.message };
    return { ...status, phase: "Failed", reason: kill.reason, message: kill.message, conditions: [...others, disruption] };
  }

  private generatedStatusOf(w: PodWorker): PodStatus {
    return generatePodStatus({
      pod: w.pod,
      init: w.initStatuses(),
      regular: w.regularStatuses(),
      sandboxReady: w.sandboxReady && !w.finished,
      podIsTerminal: w.finished,
      hostIP: this.hostIP,
      podIP: w.pod.spec.hostNetwork ? this.hostIP : w.podIP,
      startTime: w.startTime,
      now: rfc3339(this.deps.clock.absolute()),
    });
  }
}

/**
 * rfc3339Micro, remembered for the last instant: kubelets booted together renew their leases at the
 * same simulated millisecond, 5,000 of them every 10s.
 */
function leaseTime(absMs: number): string {
  if (absMs !== lastLeaseAbs) {
    lastLeaseAbs = absMs;
    lastLeaseText = rfc3339Micro(absMs);
  }
  return lastLeaseText;
}
let lastLeaseAbs = Number.NaN;
let lastLeaseText = "";

/** Conditions owned by others (PodScheduled, DisruptionTarget) are kept as the server has them. */
function mergeConditions(server: PodStatus["conditions"], ours: PodStatus["conditions"]): PodStatus["conditions"] {
  const out = [...(ours ?? [])];
  const own = out.length;
  // A handful of conditions: a scan, no set.
  for (const c of server ?? []) {
    let mine = false;
    for (let i = 0; i < own; i++) if (out[i]!.type === c.type) mine = true;
    if (!mine) out.push(c);
  }
  return out;
}

/** kubetypes.IsCriticalPod: static and mirror pods, and pods at system-critical priority. */
function isCriticalPod(pod: Pod): boolean {
  if (pod.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) return true;
  return (pod.spec.priority ?? 0) >= SYSTEM_CRITICAL_PRIORITY;
}
