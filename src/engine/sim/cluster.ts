// Cluster wires one simulated Kubernetes cluster: etcd (Store) behind the kube-apiserver, the
// kube-controller-manager with its control loops, the kube-scheduler, one kubelet per node, and the
// simulated clock that drives them all. It is the engine's front door for the command language, the
// Web Worker, the headless runner and the tests. Nothing here reads the wall clock.
import type { KubeObject } from "../api/types";
import { ApiServer } from "../apiserver/apiServer";
import { ApiError } from "../apiserver/errors";
import { AuditLog } from "../apiserver/audit";
import { Store } from "../apiserver/store";
import { WatchHub } from "../apiserver/watch";
import { ApiClient } from "../client/apiClient";
import { EventNameClock, EventRecorder } from "../client/eventRecorder";
import { EVENT_TTL_SWEEP_MS, EventTTL } from "../apiserver/eventTTL";
import { SharedInformers } from "../client/sharedInformers";
import { WorkQueue } from "../client/workqueue";
import type { ControllerContext } from "../controllers/context";
import { Kubelet } from "../kubelet/kubelet";
import { createContainerModel } from "../kubelet/runtimeAdapter";
import type { ContainerModel } from "../kubelet/containerModel";
import { SimClock } from "./clock";
import { defaultClusterConfig, workerNode, type ClusterConfig, type NodeConfig } from "./clusterConfig";
import { EventQueue } from "./eventQueue";
import { SeededRandom } from "./random";
import { DEFAULT_TIMINGS, type ClusterTimings } from "./timings";
import { ControllerManager } from "./controllerManager";
import { installControllers } from "./installControllers";
import type { MetricsApi } from "../metrics/metricsApi";
import { systemPriorityClasses } from "../apiserver/admission/priorityClasses";
import { admissionHooks } from "./admissionHooks";
import { KubeScheduler } from "../scheduler/kubeScheduler";
import { ServiceAllocator } from "../apiserver/servicealloc/serviceAllocator";
import { kubeDNSService, kubernetesService } from "../apiserver/servicealloc/systemServices";
import { coreDNSDeployment, defaultStorageClass, kubeProxyDaemonSet, namespaceObject, staticPods, SYSTEM_NAMESPACES } from "./bootstrap";
import { ControlPlane, type ComponentStatus } from "./chaos/controlPlane";
import { UnknownStatusError } from "./chaos/errors";
import { ContainerChaos } from "./chaos/containerChaos";
import { NetworkStack } from "../proxy/networkStack";
import type { TrafficModel } from "../proxy/trafficModel";
import { MetricsServer } from "../metrics/metricsServer";
import { registerMetricsApi } from "../metrics/apiService";

export interface InternalError {
  t: number;
  where: string;
  message: string;
}

export class Cluster {
  readonly config: ClusterConfig;
  readonly timings: ClusterTimings;
  readonly clock = new SimClock();
  readonly events: EventQueue;
  readonly random: SeededRandom;
  readonly store: Store;
  readonly hub: WatchHub;
  readonly audit = new AuditLog();
  readonly api: ApiServer;
  readonly eventTTL: EventTTL;
  /** Replaced by a new process when kube-controller-manager restarts (chaos/controlPlane.ts). */
  controllerManager: ControllerManager;
  /** Replaced by a new process when kube-scheduler restarts. */
  scheduler: KubeScheduler;
  /** Control-plane processes, etcd members and leader election (the chaos verbs' state). */
  readonly controlPlane: ControlPlane;
  readonly kubelets = new Map<string, Kubelet>();
  readonly model: ContainerModel;
  /** The container model as chaos verbs reach it (readiness probes made to fail). */
  readonly containerChaos: ContainerChaos;
  /** kube-proxy on every node, CoreDNS, ingress-nginx and the traffic model (proxy/networkStack.ts). */
  readonly network: NetworkStack;
  /** metrics-server: metrics.k8s.io for `kubectl top` and the HPA (metrics/metricsServer.ts). */
  readonly metrics: MetricsServer;
  /** Failures inside components that are bugs, not cluster behaviour (tests assert this stays empty). */
  readonly internalErrors: InternalError[] = [];
  private readonly eventNames = new EventNameClock();
  private nodeIndex = 0;

  constructor(config: Partial<ClusterConfig> = {}, timings: Partial<ClusterTimings> = {}) {
    this.config = { ...defaultClusterConfig(), ...config };
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.events = new EventQueue(this.clock);
    this.random = new SeededRandom(this.config.seed);
    this.store = new Store();
    this.hub = new WatchHub(this.store);
    this.api = new ApiServer(this.store, this.clock, this.random, this.audit, { freezeStored: this.config.strict });
    this.api.hooks = admissionHooks(this.store, this.random);
    // Events live for --event-ttl (1h) after their last write, then etcd drops them (no API request).
    this.eventTTL = new EventTTL(this.store, this.clock);
    const expireEvents = (): void => {
      // A member without quorum expires nothing: etcd's lessor runs on the leader.
      if (this.controlPlane.etcd.hasQuorum) this.eventTTL.sweep();
      this.events.after(EVENT_TTL_SWEEP_MS, "etcd:lease-expiry", expireEvents);
    };
    this.events.after(EVENT_TTL_SWEEP_MS, "etcd:lease-expiry", expireEvents);
    // The Service registry allocates ClusterIPs (kubeadm's 10.96.0.0/12) and NodePorts; a deleted
    // Service gives them back.
    const services = new ServiceAllocator(this.random.fn);
    this.api.allocators.set("Service", services);
    this.store.onEvent((e) => {
      if (e.type === "DELETED" && e.resource === "services") services.release(e.object);
    });
    // The network models and metrics-server watch through their own informers (separate processes).
    const addonInformers = new SharedInformers(this.store, this.hub, this.events, this.timings.watchLatencyMs);
    const nodeUp = (node: string): boolean => this.kubelets.get(node)?.alive === true;
    this.network = new NetworkStack({ informers: addonInformers, events: this.events, nodeUp, nodeAgent: (node) => this.kubelets.get(node), ingressClient: new ApiClient(this.api, "ingress-nginx-controller"), seed: this.config.seed });
    this.metrics = new MetricsServer({ informers: addonInformers, events: this.events, usage: this.network.runtime, load: this.network.stats, nodeUp, nodeAgent: (node) => this.kubelets.get(node) });
    this.containerChaos = new ContainerChaos(this.network.runtime.wrap(createContainerModel(this.random)));
    this.model = this.containerChaos;
    this.network.start();
    this.metrics.start();
    addonInformers.startAll();
    registerMetricsApi(this.api, this.metrics);

    this.controllerManager = this.newControllerManager();
    this.scheduler = this.newScheduler();
    this.controlPlane = new ControlPlane(this);
    this.boot();
  }

  private newControllerManager(): ControllerManager {
    const informers = new SharedInformers(this.store, this.hub, this.events, this.timings.watchLatencyMs);
    const cm = new ControllerManager(this.controllerContext(informers), informers);
    // The HPA reads metrics.k8s.io from the cluster's metrics-server (a getter: it is built in the constructor).
    installControllers(cm, (): MetricsApi => this.metrics);
    return cm;
  }

  private newScheduler(): KubeScheduler {
    const informers = new SharedInformers(this.store, this.hub, this.events, this.timings.watchLatencyMs);
    this.schedulerInformers = informers;
    return new KubeScheduler(this.controllerContext(informers), informers);
  }

  private schedulerInformers: SharedInformers | undefined;

  /** kube-controller-manager's process exits: every loop stops, its caches go with it. */
  stopControllerManager(): void {
    this.controllerManager.stop();
    this.controllerManager.ctx.informers.stopAll();
  }

  /** A new kube-controller-manager process: fresh informers (a relist) and controllers with empty state. */
  replaceControllerManager(): void {
    this.stopControllerManager();
    this.controllerManager = this.newControllerManager();
    this.controllerManager.start();
  }

  stopScheduler(): void {
    this.scheduler.stop();
    this.schedulerInformers?.stopAll();
  }

  /** A new kube-scheduler process: empty cache and queue, rebuilt from a fresh list. */
  replaceScheduler(): void {
    const record = this.scheduler.recordDecisions;
    this.stopScheduler();
    this.scheduler = this.newScheduler();
    this.scheduler.recordDecisions = record;
    this.scheduler.start();
  }

  /** Whether each control-plane component is up, for the page's control-plane boxes (ComponentView.up). */
  componentStatus(): ComponentStatus[] {
    return this.controlPlane.status();
  }

  /** etcd serves requests (a quorum of its members runs). */
  get etcdUp(): boolean {
    return this.controlPlane.etcd.hasQuorum;
  }

  /** Requests flowing through Services (`sim traffic`, `sim curl`, wget inside containers). */
  get traffic(): TrafficModel {
    return this.network.traffic;
  }

  /** The clock, in ms since the cluster's epoch. */
  now(): number {
    return this.clock.now();
  }

  private controllerContext(informers: SharedInformers): ControllerContext {
    return {
      clock: this.clock,
      events: this.events,
      random: this.random,
      informers,
      timings: this.timings,
      client: (actor) => new ApiClient(this.api, actor),
      recorder: (component, host) =>
        new EventRecorder(new ApiClient(this.api, host ? `${component}/${host}` : component), this.clock, { component, host }, this.eventNames),
      workqueue: (name, sync, opts) =>
        new WorkQueue(name, this.events, sync, {
          ...opts,
          onError: (queue, key, err) => this.reportError(`${queue}:${key}`, err),
        }),
    };
  }

  /**
   * A component's failed sync. API refusals (409 races, 403 quota or admission, 422 from bad user input
   * the component copied, 404 races, 503 while the API server is down) are cluster behaviour, visible as
   * events and conditions. Anything else — a thrown TypeError, a 500 — is a bug tests must see.
   */
  reportError(where: string, err: unknown): void {
    if (err instanceof ApiError && err.code !== 500) return;
    // etcd without quorum answers 500 too: that is the cluster's state, not a component's bug.
    if (err instanceof UnknownStatusError) return;
    this.internalErrors.push({ t: this.clock.now(), where, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }

  private boot(): void {
    const sys = new ApiClient(this.api, "system:apiserver");
    for (const ns of SYSTEM_NAMESPACES) sys.create(namespaceObject(ns));
    // The scheduling/bootstrap-system-priority-classes post-start hook.
    for (const pc of systemPriorityClasses()) sys.create(pc);
    // kube-apiserver's own Service (10.96.0.1) and kubeadm's CoreDNS Service (10.96.0.10).
    sys.create(kubernetesService());
    this.controllerManager.start();
    this.scheduler.start();
    sys.create(kubeProxyDaemonSet());
    for (const n of this.config.nodes) this.addNode(n);
    if (this.config.coreDNS) {
      const kubeadm = new ApiClient(this.api, "kubeadm");
      kubeadm.create(kubeDNSService());
      kubeadm.create(coreDNSDeployment());
    }
    // kind installs rancher's local-path-provisioner with the default StorageClass `standard`.
    new ApiClient(this.api, "kind").create(defaultStorageClass());
    this.advance(this.config.bootSettleMs);
  }

  /** A machine joins: its kubelet registers the Node (the DaemonSet controller then gives it kube-proxy). */
  addNode(cfg: NodeConfig): Kubelet {
    if (this.kubelets.has(cfg.name)) throw new Error(`node "${cfg.name}" already exists`);
    const index = this.nodeIndex++;
    const client = new ApiClient(this.api, `kubelet/${cfg.name}`);
    const kubelet = new Kubelet(
      {
        clock: this.clock,
        events: this.events,
        random: this.random,
        store: this.store,
        hub: this.hub,
        timings: this.timings,
        model: this.model,
        client,
        recorder: new EventRecorder(client, this.clock, { component: "kubelet", host: cfg.name }, this.eventNames),
      },
      cfg,
      index,
    );
    this.kubelets.set(cfg.name, kubelet);
    kubelet.start();
    const nodeUid = this.store.get("nodes", `nodes/${cfg.name}`)?.metadata.uid ?? "";
    if (cfg.role === "control-plane") for (const p of staticPods(cfg.name, nodeUid)) client.create(p);
    return kubelet;
  }

  /** A worker named like the defaults (node-N, 4 CPU, 8Gi) unless told otherwise. */
  addWorker(name: string, cpu?: string, memory?: string, pods?: number): Kubelet {
    return this.addNode(workerNode(name, this.nodeIndex, cpu, memory, pods));
  }

  killNode(name: string): void {
    this.kubeletOf(name).kill();
    this.controlPlane.reconcile();
  }

  restoreNode(name: string): void {
    this.kubeletOf(name).restore();
    this.controlPlane.reconcile();
  }

  kubeletOf(name: string): Kubelet {
    const k = this.kubelets.get(name);
    if (!k) throw new Error(`node "${name}" not found`);
    return k;
  }

  /** Lets `ms` of simulated time pass, running everything due. */
  advance(ms: number): void {
    this.events.runUntil(this.clock.now() + Math.max(0, ms));
  }

  /** Runs until `done()` holds (checked after every event) or `timeoutMs` passed. */
  runUntil(done: () => boolean, timeoutMs: number, onTick?: () => void): boolean {
    const deadline = this.clock.now() + timeoutMs;
    if (done()) return true;
    for (;;) {
      const next = this.events.nextTime();
      if (next === undefined || next > deadline) {
        this.events.runUntil(deadline);
        return done();
      }
      this.events.step();
      onTick?.();
      if (done()) return true;
    }
  }

  /** Objects of a resource as stored (sorted by namespace/name). */
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[] {
    return this.store.list(resource, namespace) as T[];
  }
}
