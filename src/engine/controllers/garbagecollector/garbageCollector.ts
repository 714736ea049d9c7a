// GarbageCollector mirrors pkg/controller/garbagecollector: it watches every resource, indexes objects by
// the uids in their ownerReferences, and
//  - background deletion: deletes dependents whose owners are all gone (attemptToDeleteItem);
//  - foreground deletion: deletes the dependents of an owner marked `foregroundDeletion`, and removes that
//    finalizer once no dependent with blockOwnerDeletion=true remains (the owner then disappears);
//  - orphan deletion: strips the owner's reference from its dependents, then removes the `orphan` finalizer.
// Like upstream it confirms an owner's absence with a live GET before deleting a dependent.
import type { KubeObject, OwnerReference } from "../../api/types";
import { RESOURCE_TYPES, resourceTypeForKind } from "../../api/registry";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";

export const FOREGROUND = "foregroundDeletion";
export const ORPHAN = "orphan";

/** A queue item: "<resource>|<namespace>|<name>". */
function itemKey(resource: string, obj: KubeObject): string {
  return `${resource}|${obj.metadata.namespace ?? ""}|${obj.metadata.name}`;
}

export class GarbageCollector implements Controller {
  readonly name = "garbage-collector-controller";
  private readonly informers = new Map<string, Informer>();
  private readonly attemptToDelete: WorkQueue;
  private readonly owners: WorkQueue;
  private readonly client: ApiClient;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client("generic-garbage-collector");
    this.attemptToDelete = ctx.workqueue("garbage_collector_attempt_to_delete", (k) => this.attemptToDeleteItem(k));
    this.owners = ctx.workqueue("garbage_collector_owner", (k) => this.processDeletingOwner(k));
  }

  start(): void {
    const seen = new Set<string>();
    for (const t of RESOURCE_TYPES) {
      if (seen.has(t.resource) || t.resource === "events" || t.resource === "bindings") continue;
      seen.add(t.resource);
      const inf = this.ctx.informers.for(t.resource);
      this.informers.set(t.resource, inf);
      inf.addIndexer("ownerUID", (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid));
      inf.addIndexer("uid", (o) => [o.metadata.uid]);
      const resource = t.resource;
      inf.addEventHandler({
        add: (o) => this.observe(resource, o),
        update: (_old, o) => this.observe(resource, o),
        delete: (o) => this.ownerGone(o),
      });
    }
  }

  stop(): void {
    this.attemptToDelete.paused = true;
    this.owners.paused = true;
  }

  resume(): void {
    this.attemptToDelete.resume();
    this.owners.resume();
  }

  private observe(resource: string, o: KubeObject): void {
    if (o.metadata.deletionTimestamp) {
      const fins = o.metadata.finalizers ?? [];
      if (fins.includes(FOREGROUND) || fins.includes(ORPHAN)) this.owners.add(itemKey(resource, o));
      // A dependent that finished deleting may unblock its foreground-deleting owners.
      for (const ref of o.metadata.ownerReferences ?? []) this.requeueOwner(ref, o.metadata.namespace);
    }
    // A dependent whose owner is already missing (or being deleted in the foreground) needs a look.
    for (const ref of o.metadata.ownerReferences ?? []) {
      const owner = this.findOwner(ref, o.metadata.namespace);
      if (!owner || owner.metadata.deletionTimestamp) {
        this.attemptToDelete.add(itemKey(resource, o));
        break;
      }
    }
  }

  private ownerGone(o: KubeObject): void {
    for (const [resource, inf] of this.informers) {
      for (const dep of inf.byIndex("ownerUID", o.metadata.uid)) this.attemptToDelete.add(itemKey(resource, dep));
    }
    for (const ref of o.metadata.ownerReferences ?? []) this.requeueOwner(ref, o.metadata.namespace);
  }

  private requeueOwner(ref: OwnerReference, namespace: string | undefined): void {
    const owner = this.findOwner(ref, namespace);
    const rt = resourceTypeForKind(ref.apiVersion, ref.kind);
    if (owner && rt && owner.metadata.deletionTimestamp) this.owners.add(itemKey(rt.resource, owner));
  }

  private findOwner(ref: OwnerReference, namespace: string | undefined): KubeObject | undefined {
    const rt = resourceTypeForKind(ref.apiVersion, ref.kind);
    if (!rt) return undefined;
    const inf = this.informers.get(rt.resource);
    const key = rt.namespaced ? `${namespace}/${ref.name}` : ref.name;
    const o = inf?.get(key);
    return o && o.metadata.uid === ref.uid ? o : undefined;
  }

  /** Live lookup (audited GET), as upstream's isDangling does before acting on a cache miss. */
  private ownerExists(ref: OwnerReference, namespace: string | undefined): KubeObject | undefined {
    const rt = resourceTypeForKind(ref.apiVersion, ref.kind);
    if (!rt) return undefined;
    try {
      const o = this.client.api.get(this.client.actor, rt, rt.namespaced ? namespace : undefined, ref.name);
      return o.metadata.uid === ref.uid ? o : undefined;
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return undefined;
      throw e;
    }
  }

  private lookup(key: string): { resource: string; obj: KubeObject } | undefined {
    const [resource, ns, name] = key.split("|") as [string, string, string];
    const obj = this.informers.get(resource)?.get(ns ? `${ns}/${name}` : name);
    return obj ? { resource, obj } : undefined;
  }

  private attemptToDeleteItem(key: string): void {
    const item = this.lookup(key);
    if (!item || item.obj.metadata.deletionTimestamp) return;
    const { obj } = item;
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.ownerExists(ref, obj.metadata.namespace);
      if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Other owners remain: only drop the references to owners that are gone or going.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.client.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
        o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
      });
      return;
    }
    const fins = obj.metadata.finalizers ?? [];
    const policy = waiting.length > 0 || fins.includes(FOREGROUND) ? "Foreground" : fins.includes(ORPHAN) ? "Orphan" : "Background";
    try {
      this.client.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, { uid: obj.metadata.uid, propagationPolicy: policy });
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }

  /** Foreground and orphan finalizers of an owner being deleted. */
  private processDeletingOwner(key: string): void {
    const item = this.lookup(key);
    if (!item || !item.obj.metadata.deletionTimestamp) return;
    const { obj } = item;
    const fins = obj.metadata.finalizers ?? [];
    const dependents: { resource: string; obj: KubeObject }[] = [];
    for (const [resource, inf] of this.informers) for (const d of inf.byIndex("ownerUID", obj.metadata.uid)) dependents.push({ resource, obj: d });
    if (fins.includes(ORPHAN)) {
      for (const d of dependents) {
        this.client.patch(d.obj.kind, d.obj.metadata.namespace, d.obj.metadata.name, (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid);
          if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
        });
      }
      this.removeFinalizer(obj, ORPHAN);
      return;
    }
    if (fins.includes(FOREGROUND)) {
      const blocking = dependents.filter((d) =>
        (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === obj.metadata.uid && r.blockOwnerDeletion),
      );
      for (const d of dependents) if (!d.obj.metadata.deletionTimestamp) this.attemptToDelete.add(itemKey(d.resource, d.obj));
      if (blocking.length === 0) this.removeFinalizer(obj, FOREGROUND);
    }
  }

  private removeFinalizer(obj: KubeObject, finalizer: string): void {
    try {
      this.client.patch(obj.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
        o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }
}
