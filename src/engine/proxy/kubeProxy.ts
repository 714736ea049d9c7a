// KubeProxyModel: kube-proxy in iptables mode on every node. Each node's agent watches Services and
// EndpointSlices and, at most once per minSyncPeriod (1 s), rewrites its rules from them
// (BoundedFrequencyRunner). The agents share one watch and compute one RulesSnapshot per sync — every live
// kube-proxy would compute the same rules — but each node keeps the snapshot it last applied: a node
// whose machine is down stops syncing and keeps stale rules until it boots again (then a full sync).
// Affinity tables (xt_recent) are per node and lost when the machine goes down.
// mirrors Proxier.syncProxyRules' inputs and cadence (k/k pkg/proxy/iptables/proxier.go,
// pkg/proxy/config/config.go, pkg/util/async/bounded_frequency_runner.go); KubeProxyConfiguration defaults
// iptables.minSyncPeriod 1s and syncPeriod 30s (pkg/proxy/apis/config/v1alpha1/defaults.go).
import { LABEL_SERVICE_NAME, type EndpointSlice, type Service } from "../controllers/endpointslice/types";
import type { SharedInformers } from "../client/sharedInformers";
import type { Informer } from "../client/informer";
import type { EventQueue, ScheduledTask } from "../sim/eventQueue";
import { AffinityTable } from "./affinity";
import { endpointsByServicePort } from "./endpointsCache";
import { indexSlicesByService, SLICES_BY_SERVICE } from "./indexes";
import { PortRules, RulesSnapshot, type ServiceRules } from "./rules";
import { servicePortInfos } from "./serviceInfo";

export const KUBE_PROXY_TIMINGS = {
  /** iptables.minSyncPeriod */
  minSyncPeriodMs: 1_000,
  /** iptables.syncPeriod: a full resync even without changes (keeps the model honest after restarts). */
  syncPeriodMs: 30_000,
} as const;

export interface KubeProxyDeps {
  readonly informers: SharedInformers;
  readonly events: EventQueue;
  /** Whether the node's machine (and so its kube-proxy) is running. */
  readonly nodeUp: (node: string) => boolean;
}

/** One node's kube-proxy: the rules it last programmed and its affinity state. */
export class NodeProxy {
  snapshot: RulesSnapshot;
  readonly affinity = new AffinityTable();
  /** Simulated time of the last sync this node applied. */
  syncedAt = 0;
  wasUp = true;

  constructor(
    readonly node: string,
    initial: RulesSnapshot,
  ) {
    this.snapshot = initial;
  }
}

export class KubeProxyModel {
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly dirty = new Set<string>();
  private current = RulesSnapshot.empty();
  private readonly nodes = new Map<string, NodeProxy>();
  private task: ScheduledTask | undefined;
  private lastSync = -Infinity;
  /** Number of syncs run (tests, the page). */
  syncs = 0;

  constructor(private readonly deps: KubeProxyDeps) {
    this.services = deps.informers.for<Service>("services");
    this.slices = deps.informers.for<EndpointSlice>("endpointslices");
    indexSlicesByService(this.slices);
  }

  start(): void {
    const mark = (key: string): void => {
      this.dirty.add(key);
      this.requestSync();
    };
    const svcKey = (s: Service): string => `${s.metadata.namespace}/${s.metadata.name}`;
    this.services.addEventHandler({ add: (s) => mark(svcKey(s)), update: (_o, s) => mark(svcKey(s)), delete: (s) => mark(svcKey(s)) });
    const sliceKey = (s: EndpointSlice): string | undefined => {
      const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
      return svc ? `${s.metadata.namespace}/${svc}` : undefined;
    };
    const onSlice = (s: EndpointSlice): void => {
      const k = sliceKey(s);
      if (k) mark(k);
    };
    this.slices.addEventHandler({
      add: onSlice,
      update: (o, s) => {
        onSlice(o);
        onSlice(s);
      },
      delete: onSlice,
    });
    const periodic = (): void => {
      this.requestSync();
      this.deps.events.after(KUBE_PROXY_TIMINGS.syncPeriodMs, "kube-proxy:resync", periodic);
    };
    this.deps.events.after(KUBE_PROXY_TIMINGS.syncPeriodMs, "kube-proxy:resync", periodic);
  }

  /** Simulated time now (affinity timestamps). */
  now(): number {
    return this.deps.events.now();
  }

  /** The rules the most recent sync computed (what every live node runs). */
  get latest(): RulesSnapshot {
    return this.current;
  }

  /** The node's kube-proxy (created on first use, already synced if the node is up). */
  nodeProxy(node: string): NodeProxy {
    let p = this.nodes.get(node);
    if (!p) {
      p = new NodeProxy(node, this.current);
      p.syncedAt = this.deps.events.now();
      this.nodes.set(node, p);
    }
    this.refreshNode(p);
    return p;
  }

  /** BoundedFrequencyRunner.Run: sync now, or as soon as minSyncPeriod has passed since the last one. */
  private requestSync(): void {
    if (this.task) return;
    const at = Math.max(this.deps.events.now(), this.lastSync + KUBE_PROXY_TIMINGS.minSyncPeriodMs);
    this.task = this.deps.events.at(at, "kube-proxy:sync", () => this.sync());
  }

  /** syncProxyRules: rebuild the rules of every changed Service, then let live nodes apply them. */
  sync(): void {
    this.task = undefined;
    this.lastSync = this.deps.events.now();
    this.syncs++;
    if (this.dirty.size > 0) {
      const changed = new Map<string, ServiceRules | undefined>();
      for (const key of [...this.dirty].sort()) changed.set(key, this.buildService(key));
      this.dirty.clear();
      this.current = this.current.next(changed);
    }
    for (const p of this.nodes.values()) this.refreshNode(p);
  }

  private refreshNode(p: NodeProxy): void {
    const up = this.deps.nodeUp(p.node);
    if (!up) {
      // The machine is off: no more syncs, and its kernel state (affinity lists) is gone.
      if (p.wasUp) p.affinity.clear();
      p.wasUp = false;
      return;
    }
    p.wasUp = true;
    if (p.snapshot !== this.current) {
      p.snapshot = this.current;
      p.syncedAt = this.deps.events.now();
    }
  }

  private buildService(key: string): ServiceRules | undefined {
    const svc = this.services.get(key);
    if (!svc) return undefined;
    const infos = servicePortInfos(svc);
    if (infos.length === 0) return undefined;
    const slash = key.indexOf("/");
    const eps = endpointsByServicePort(key.slice(0, slash), key.slice(slash + 1), this.slices.byIndex(SLICES_BY_SERVICE, key));
    return { key, ports: infos.map((info) => new PortRules(info, eps.get(info.key) ?? [])) };
  }
}
