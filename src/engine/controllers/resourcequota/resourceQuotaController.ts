// ResourceQuotaController keeps every ResourceQuota's status current: status.hard mirrors spec.hard and
// status.used is recomputed from the namespace's objects. Admission (the ResourceQuota plugin) charges
// usage the moment an object is created; this loop is the reconciliation that gives usage back when
// objects go away and catches up on everything else. It also gives a new quota its first usage, which
// admission waits for ("status unknown for quota").
// mirrors pkg/controller/resourcequota/resource_quota_controller.go (addQuota, updateQuota,
// replenishQuota, syncResourceQuota, --resource-quota-sync-period 5m) and the replenishment filters of
// resource_quota_monitor.go (pods: only when they stop being charged; others: deletions).
import type { KubeObject, Pod } from "../../api/types";
import { resolveResource } from "../../api/registry";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import type { ScheduledTask } from "../../sim/eventQueue";
import type { Controller, ControllerContext } from "../context";
import { calculateUsage, parseObjectCountName, REGISTRY_RESOURCES } from "./calculateUsage";
import { quotaV1Pod } from "./evaluators";
import { equals, fromObject, mask, toObject } from "./resources";

/** names.ResourceQuotaController */
export const RESOURCE_QUOTA_CONTROLLER = "resourcequota-controller";
/** --resource-quota-sync-period default. */
export const RESOURCE_QUOTA_SYNC_PERIOD_MS = 5 * 60_000;

export class ResourceQuotaController implements Controller {
  readonly name = RESOURCE_QUOTA_CONTROLLER;
  private readonly quotas: Informer;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly watched = new Set<string>();
  private resync: ScheduledTask | undefined;
  private paused = false;

  constructor(private readonly ctx: ControllerContext) {
    this.quotas = ctx.informers.for("resourcequotas");
    this.queue = ctx.workqueue("resourcequota_primary", (k) => this.syncResourceQuotaFromKey(k));
    this.client = ctx.client(RESOURCE_QUOTA_CONTROLLER);
  }

  start(): void {
    this.quotas.addIndexer("namespace", (q) => [q.metadata.namespace ?? ""]);
    this.quotas.addEventHandler({
      add: (q) => this.queue.add(keyOf(q)),
      // Only a change of spec.hard drives a status update (updateQuota).
      update: (o, q) => {
        if (!equals(fromObject(o.spec?.hard), fromObject(q.spec?.hard)) || !q.status?.used) this.queue.add(keyOf(q));
        this.watchCountResources(q);
      },
      delete: () => undefined,
    });
    for (const [resource] of REGISTRY_RESOURCES) this.watch(resource);
    this.scheduleResync();
  }

  stop(): void {
    this.paused = true;
    this.queue.paused = true;
    if (this.resync) this.resync.cancelled = true;
    this.resync = undefined;
  }

  resume(): void {
    this.paused = false;
    this.queue.resume();
    this.scheduleResync();
  }

  // The full resync: every quota is recalculated each sync period.
  private scheduleResync(): void {
    if (this.paused || this.resync) return;
    this.resync = this.ctx.events.after(RESOURCE_QUOTA_SYNC_PERIOD_MS, "resourcequota:resync", () => {
      this.resync = undefined;
      for (const q of this.quotas.list()) this.queue.add(keyOf(q));
      this.scheduleResync();
    });
  }

  /** A quota on count/<resource>.<group> makes the controller watch that resource for deletions. */
  private watchCountResources(q: KubeObject): void {
    for (const name of Object.keys(q.spec?.hard ?? {})) {
      const rg = parseObjectCountName(name);
      if (!rg) continue;
      const t = resolveResource(rg[1] ? `${rg[0]}.${rg[1]}` : rg[0]);
      if (t) this.watch(t.resource);
    }
  }

  private watch(resource: string): void {
    if (this.watched.has(resource)) return;
    this.watched.add(resource);
    const inf = this.ctx.informers.for(resource);
    inf.addIndexer("namespace", (o) => [o.metadata.namespace ?? ""]);
    inf.addEventHandler({
      update: (o, n) => {
        // Pods give usage back when they stop being charged (terminal, or past their grace period).
        if (resource === "pods" && quotaV1Pod(o as Pod, this.ctx.clock.absolute()) && !quotaV1Pod(n as Pod, this.ctx.clock.absolute())) this.replenish(n);
      },
      delete: (o) => this.replenish(o),
    });
    // An informer created after the controller manager started its informers starts here.
    if (this.quotas.synced) inf.start();
  }

  // mirrors replenishQuota: every quota of the object's namespace is recalculated.
  private replenish(obj: KubeObject): void {
    for (const q of this.quotas.byIndex("namespace", obj.metadata.namespace ?? "")) this.queue.add(keyOf(q));
  }

  private list(resource: string, namespace: string): readonly KubeObject[] {
    this.watch(resource);
    return this.ctx.informers.for(resource).byIndex("namespace", namespace);
  }

  private syncResourceQuotaFromKey(key: string): void {
    const q = this.quotas.get(key);
    if (!q) return;
    this.watchCountResources(q);
    this.syncResourceQuota(q);
  }

  // mirrors syncResourceQuota
  private syncResourceQuota(q: KubeObject): void {
    const hard = fromObject(q.spec?.hard);
    const statusHard = fromObject(q.status?.hard);
    const oldUsed = fromObject(q.status?.used);
    let dirty = !equals(hard, statusHard) || q.status?.hard == null || q.status?.used == null;
    const hardNames = [...hard.keys()];
    const ns = q.metadata.namespace ?? "default";
    const newUsage = calculateUsage(q, hardNames, (resource) => this.list(resource, ns), this.ctx.clock.absolute());
    const used = new Map(oldUsed);
    for (const [k, v] of newUsage) used.set(k, v);
    const masked = mask(used, hardNames);
    dirty = dirty || !equals(masked, oldUsed);
    if (!dirty) return;
    const next = deepCopy(q);
    next.status = { hard: toObject(hard), used: toObject(masked) };
    try {
      this.client.updateStatus(next);
    } catch (e) {
      // A conflict: the informer brings the newer object, whose update event queues it again.
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 409) this.queue.addRateLimited(keyOf(q));
    }
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}
