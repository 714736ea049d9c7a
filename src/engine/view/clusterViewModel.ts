// ClusterViewModel is the worker's picture of the cluster as the page draws it: ViewItems keyed by id,
// kept current by watching the API server (WatchHub: synchronous, and unlike informers it schedules
// nothing on the event queue, so watching never changes what the simulation does) and by subscribing to
// the audit log. `flush` turns what changed since the last flush into one ordered Batch.
//
// Cost invariant: work is proportional to changes. A watch event only marks its store key dirty (plus
// O(1) bookkeeping: pods per node, slices per Service); a flush rebuilds only dirty items, and skips those
// that would draw the same. Nothing rescans all pods: a 3,000-pod rollout costs what its writes cost.
import type { KubeEvent, KubeObject, Node, Pod } from "../api/types";
import type { AuditEntry } from "../apiserver/audit";
import type { StoreEvent } from "../apiserver/store";
import type { WatchHandle } from "../apiserver/watch";
import type { Cluster } from "../sim/cluster";
import { MAX_ITEMS_PER_BATCH, MAX_MESSAGES_PER_BATCH, type Batch, type ClockState, type ComponentView, type EventRow, type FlowMessage, type Snapshot, type ViewItem } from "../protocol";
import { controlPlaneViews } from "./controlPlane";
import { byTime, itemOrder, objectKey } from "./order";
import { eventRow } from "./eventRows";
import { flowMessage } from "./flowMessages";
import { endpointPods, ingressView, nodeView, podView, sameItem, serviceView, workloadView, WORKLOAD_RESOURCES } from "./viewItems";

/** The most recent events a snapshot carries (protocol: up to 500); also the most a batch carries. */
export const SNAPSHOT_EVENTS = 500;

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

/** Resources whose objects become ViewItems (endpointslices and events feed Services and EventRows). */
const ITEM_RESOURCES = ["nodes", "pods", "services", "ingresses", ...Object.keys(WORKLOAD_RESOURCES)];

export interface ClusterViewModelOptions {
  /** Audit actors whose requests are not animated (the page's own inspector reads). */
  ignoreActors?: readonly string[];
}

export class ClusterViewModel {
  private readonly items = new Map<string, ViewItem>();
  private readonly idByKey = new Map<string, string>();
  private readonly keyById = new Map<string, string>();
  /** Store keys changed since the last flush, in the order they changed. */
  private readonly dirty = new Set<string>();
  private readonly podNode = new Map<string, string>();
  private readonly podsOnNode = new Map<string, number>();
  private readonly sliceService = new Map<string, string>();
  private readonly slicesOfService = new Map<string, Set<string>>();
  private readonly machineUp = new Map<string, boolean>();
  private readonly recentEvents = new Map<string, EventRow>();
  private pendingEvents = new Map<string, EventRow>();
  private changedComponents: ComponentView[] = [];
  /** Rebuilt items and removed ids waiting for the next batch (see collect). */
  private upserts = new Map<string, ViewItem>();
  private removals: string[] = [];
  private messages: FlowMessage[] = [];
  private dropped = 0;
  private seq = 0;
  private readonly ignore: ReadonlySet<string>;
  private readonly handles: WatchHandle[] = [];
  private readonly unsubscribeAudit: () => void;

  constructor(
    private readonly cluster: Cluster,
    opts: ClusterViewModelOptions = {},
  ) {
    this.ignore = new Set(opts.ignoreActors ?? []);
    const store = cluster.store;
    for (const c of controlPlaneViews(this.cluster)) this.put(c.id, c.id, c);
    for (const s of store.list("endpointslices")) this.trackSlice(objectKey("endpointslices", s), s);
    for (const p of store.list("pods")) this.trackPod(objectKey("pods", p), p);
    for (const resource of ITEM_RESOURCES) {
      for (const obj of store.list(resource)) {
        const key = objectKey(resource, obj);
        const item = this.build(resource, key, obj, undefined);
        if (item) this.put(key, item.id, item);
      }
    }
    const events = (store.list("events") as KubeEvent[]).map(eventRow).sort(byTime);
    for (const row of events.slice(-SNAPSHOT_EVENTS)) this.recentEvents.set(row.id, row);
    // The scan above is the starting picture, not a change.
    this.dirty.clear();

    const hub = cluster.hub;
    for (const resource of [...ITEM_RESOURCES, "endpointslices", "events"]) {
      this.handles.push(hub.add({ resource, deliver: (e) => this.onStoreEvent(e) }));
    }
    this.unsubscribeAudit = cluster.audit.subscribe((e) => this.onAudit(e));
  }

  /** Stops watching (the cluster is being replaced). */
  dispose(): void {
    for (const h of this.handles) h.stop();
    this.unsubscribeAudit();
  }

  get lastSeq(): number {
    return this.seq;
  }

  item(id: string): ViewItem | undefined {
    return this.items.get(id);
  }

  /** The store key ("pods/default/web-1") of an item, or the component name for control-plane boxes. */
  storeKeyOf(id: string): string | undefined {
    return this.keyById.get(id);
  }

  allItems(): IterableIterator<ViewItem> {
    return this.items.values();
  }

  /**
   * Rebuilds the items whose objects changed (without sending them yet); returns how many items will be
   * in the next batch's upserts and removals. "Skip ahead" uses it to tell a visible change from a
   * heartbeat that changed nothing drawn.
   */
  collect(): number {
    this.checkMachines();
    this.checkComponents();
    for (const c of this.changedComponents) this.upserts.set(c.id, c);
    this.changedComponents = [];
    for (const key of this.dirty) this.rebuild(key, this.upserts, this.removals);
    this.dirty.clear();
    return this.upserts.size + this.removals.length;
  }

  /**
   * What changed since the previous flush, as the next Batch: every message and event, and up to
   * MAX_ITEMS_PER_BATCH changed items (a bigger burst continues in the next batches). Undefined when
   * nothing changed and `force` (the clock moved) is not set. Seq numbers only advance for batches
   * actually returned.
   */
  flush(clock: ClockState, force = false): Batch | undefined {
    this.collect();
    const nothing = this.upserts.size === 0 && this.removals.length === 0 && this.messages.length === 0 && this.dropped === 0 && this.pendingEvents.size === 0;
    if (nothing && !force) return undefined;
    let events: EventRow[] = [...this.pendingEvents.values()];
    if (events.length > SNAPSHOT_EVENTS) events = events.slice(-SNAPSHOT_EVENTS);
    const { upserts, removals } = this.takeItems(MAX_ITEMS_PER_BATCH);
    const batch: Batch = {
      type: "batch",
      seq: ++this.seq,
      clock,
      upserts,
      removals,
      messages: this.messages,
      droppedMessages: this.dropped,
      events,
    };
    this.pendingEvents = new Map();
    this.messages = [];
    this.dropped = 0;
    return batch;
  }

  /** Up to `max` collected changes, oldest first (removals, then upserts in the order they changed);
   *  the rest stay collected for the next batch. */
  private takeItems(max: number): { upserts: ViewItem[]; removals: string[] } {
    if (this.upserts.size + this.removals.length <= max) {
      const out = { upserts: [...this.upserts.values()], removals: this.removals };
      this.upserts = new Map();
      this.removals = [];
      return out;
    }
    const removals = this.removals.slice(0, max);
    this.removals = this.removals.slice(removals.length);
    const upserts: ViewItem[] = [];
    for (const [id, item] of this.upserts) {
      if (removals.length + upserts.length >= max) break;
      upserts.push(item);
      this.upserts.delete(id);
    }
    return { upserts, removals };
  }

  /** The whole view, in a defined order (kind, namespace, name), for a page that starts or fell behind. */
  snapshot(clock: ClockState): Snapshot {
    // Pending changes are folded into the items, so the snapshot is current and the next batch follows it.
    this.collect();
    this.upserts = new Map();
    this.removals = [];
    this.pendingEvents = new Map();
    this.messages = [];
    this.dropped = 0;
    const items = [...this.items.values()].sort(itemOrder);
    const events = [...this.recentEvents.values()].sort(byTime).slice(-SNAPSHOT_EVENTS);
    return { type: "snapshot", seq: this.seq, clock, items, events };
  }

  // ─── watch and audit ───────────────────────────────────────────────────────────────────────────

  private onStoreEvent(e: StoreEvent): void {
    switch (e.resource) {
      case "pods": {
        this.trackPod(e.key, e.type === "DELETED" ? undefined : e.object);
        break;
      }
      case "endpointslices": {
        const svc = this.trackSlice(e.key, e.type === "DELETED" ? undefined : e.object);
        if (svc) this.dirty.add(svc);
        return;
      }
      case "events": {
        if (e.type === "DELETED") return;
        const row = eventRow(e.object as KubeEvent);
        this.pendingEvents.delete(row.id);
        this.pendingEvents.set(row.id, row);
        this.recentEvents.delete(row.id);
        this.recentEvents.set(row.id, row);
        // Trim in one go once twice as many are kept: V8's Map iterator walks deleted slots, so popping
        // the oldest one per event would cost O(kept) each time.
        if (this.recentEvents.size > 2 * SNAPSHOT_EVENTS) {
          const keep = [...this.recentEvents].slice(-SNAPSHOT_EVENTS);
          this.recentEvents.clear();
          for (const [id, r] of keep) this.recentEvents.set(id, r);
        }
        return;
      }
    }
    this.dirty.add(e.key);
  }

  private onAudit(e: AuditEntry): void {
    if (this.ignore.has(e.actor)) return;
    if (this.messages.length < MAX_MESSAGES_PER_BATCH) this.messages.push(flowMessage(e, this.cluster.store));
    else this.dropped++;
  }

  /** Keeps pods-per-node counts current; a pod moving (bound, deleted) marks the nodes involved. */
  private trackPod(key: string, pod: KubeObject | undefined): void {
    const before = this.podNode.get(key);
    const after = (pod?.spec?.nodeName as string | undefined) || undefined;
    if (before === after) return;
    if (before !== undefined) {
      this.podsOnNode.set(before, (this.podsOnNode.get(before) ?? 1) - 1);
      this.dirty.add(`nodes/${before}`);
      this.podNode.delete(key);
    }
    if (after !== undefined) {
      this.podsOnNode.set(after, (this.podsOnNode.get(after) ?? 0) + 1);
      this.dirty.add(`nodes/${after}`);
      this.podNode.set(key, after);
    }
  }

  /** Files a slice under its Service; returns the Service's store key (to rebuild it). */
  private trackSlice(key: string, slice: KubeObject | undefined): string | undefined {
    const old = this.sliceService.get(key);
    const name = slice?.metadata.labels?.[SERVICE_NAME_LABEL];
    const svc = slice && name ? `services/${slice.metadata.namespace}/${name}` : undefined;
    if (old !== undefined && old !== svc) {
      this.slicesOfService.get(old)?.delete(key);
      if (this.slicesOfService.get(old)?.size === 0) this.slicesOfService.delete(old);
      this.sliceService.delete(key);
      this.dirty.add(old);
    }
    if (svc !== undefined) {
      this.sliceService.set(key, svc);
      let set = this.slicesOfService.get(svc);
      if (!set) this.slicesOfService.set(svc, (set = new Set()));
      set.add(key);
    }
    return svc ?? old;
  }

  // ─── building items ───────────────────────────────────────────────────────────────────────────

  private rebuild(key: string, upserts: Map<string, ViewItem>, removals: string[]): void {
    const resource = key.slice(0, key.indexOf("/"));
    const obj = this.cluster.store.get(resource, key);
    const oldId = this.idByKey.get(key);
    const id = obj?.metadata.uid;
    if (oldId !== undefined && oldId !== id) {
      // Gone, or deleted and created again under the same name (a new uid is a new object).
      this.items.delete(oldId);
      this.keyById.delete(oldId);
      this.idByKey.delete(key);
      upserts.delete(oldId);
      removals.push(oldId);
    }
    if (!obj) return;
    const prev = this.items.get(obj.metadata.uid);
    const item = this.build(resource, key, obj, prev);
    if (!item || (prev && sameItem(prev, item))) return;
    this.put(key, item.id, item);
    upserts.set(item.id, item);
  }

  private build(resource: string, key: string, obj: KubeObject, prev: ViewItem | undefined): ViewItem | undefined {
    switch (resource) {
      case "pods":
        return podView(obj as Pod, prev?.kind === "Pod" ? prev : undefined);
      case "nodes": {
        const name = obj.metadata.name;
        const up = this.cluster.kubelets.get(name)?.alive ?? false;
        this.machineUp.set(name, up);
        return nodeView(obj as Node, up, this.podsOnNode.get(name) ?? 0);
      }
      case "services": {
        const slices: KubeObject[] = [];
        for (const k of this.slicesOfService.get(key) ?? []) {
          const s = this.cluster.store.get("endpointslices", k);
          if (s) slices.push(s);
        }
        return serviceView(obj, endpointPods(slices));
      }
      case "ingresses":
        return ingressView(obj);
      default: {
        const kind = WORKLOAD_RESOURCES[resource];
        return kind ? workloadView(obj, kind) : undefined;
      }
    }
  }

  private put(key: string, id: string, item: ViewItem): void {
    this.items.set(id, item);
    this.idByKey.set(key, id);
    this.keyById.set(id, key);
  }

  /** A killed or restored machine changes no API object at once: compare with the simulator (O(nodes)). */
  private checkMachines(): void {
    for (const [name, kubelet] of this.cluster.kubelets) {
      const seen = this.machineUp.get(name);
      if (seen !== undefined && seen !== kubelet.alive) this.dirty.add(`nodes/${name}`);
    }
  }

  private checkComponents(): void {
    for (const comp of controlPlaneViews(this.cluster)) {
      const prev = this.items.get(comp.id);
      if (prev && sameItem(prev, comp)) continue;
      // Components have no store object (rebuild() would find none): they go straight to the next batch.
      this.put(comp.id, comp.id, comp);
      this.changedComponents.push(comp);
    }
  }
}
