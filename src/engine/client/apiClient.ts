// ApiClient is a component's authenticated connection to the API server: every call is recorded in the
// audit log under the component's name ("kube-scheduler", "kubelet/node-1", "replicaset-controller").
import type { KubeObject } from "../api/types";
import { RESOURCE_TYPES, type ResourceType } from "../api/registry";
import type { ApiServer, DeleteOptions } from "../apiserver/apiServer";

const byKind = new Map<string, ResourceType>();
for (const t of RESOURCE_TYPES) if (!byKind.has(t.kind)) byKind.set(t.kind, t);

/** The preferred resource type of a kind (first registered version wins: autoscaling/v2 over v1). */
export function typeOfKind(kind: string): ResourceType {
  const t = byKind.get(kind);
  if (!t) throw new Error(`unknown kind ${kind}`);
  return t;
}

export class ApiClient {
  constructor(
    readonly api: ApiServer,
    readonly actor: string,
  ) {}

  create<T extends KubeObject>(obj: T, namespace?: string): T {
    return this.api.create(this.actor, obj, namespace) as T;
  }

  /**
   * POST an object the caller built for this request alone and gives up: the API server stores it without
   * copying it first. The caller must not touch `obj` (or anything reachable from it) afterwards.
   */
  createOwned<T extends KubeObject>(obj: T, namespace?: string): T {
    return this.api.create(this.actor, obj, namespace, true) as T;
  }

  update<T extends KubeObject>(obj: T): T {
    return this.api.update(this.actor, obj) as T;
  }

  updateStatus<T extends KubeObject>(obj: T): T {
    return this.api.updateStatus(this.actor, obj) as T;
  }

  delete(kind: string, namespace: string | undefined, name: string, opts?: DeleteOptions): KubeObject {
    return this.api.delete(this.actor, typeOfKind(kind), namespace, name, opts);
  }

  /** PATCH with a mutation of the latest stored object (merge-patch semantics: no 409 on a stale cache). */
  patch<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, mutate: (obj: T) => void, subresource?: "status"): T {
    return this.api.patch(this.actor, typeOfKind(kind), namespace, name, mutate as (o: KubeObject) => void, subresource) as T;
  }

  /**
   * PATCH of /status with the new status computed from the latest stored object, which `next` must only
   * read (it is shared): no copy of the old status is made. Same request and result as
   * `patch(kind, ns, name, (o) => { o.status = next(o) }, "status")`.
   */
  patchStatus<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, next: (current: T) => T["status"]): T {
    return this.api.patchStatus(this.actor, typeOfKind(kind), namespace, name, next as (o: KubeObject) => KubeObject["status"]) as T;
  }

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T {
    return this.api.get(this.actor, typeOfKind(kind), namespace, name) as T;
  }

  bind(namespace: string, name: string, nodeName: string): KubeObject {
    return this.api.bind(this.actor, namespace, name, nodeName);
  }
}
