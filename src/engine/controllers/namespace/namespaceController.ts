// NamespaceController mirrors pkg/controller/namespace: a namespace being deleted has its content
// deleted (every namespaced resource), and once nothing is left its `kubernetes` finalizer is removed,
// which lets the API server remove the namespace. Until then it shows STATUS Terminating.
import type { KubeObject } from "../../api/types";
import { RESOURCE_TYPES } from "../../api/registry";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";

/** How soon a namespace with content left is looked at again (upstream re-queues with a short delay). */
const RECHECK_MS = 5_000;

export class NamespaceController implements Controller {
  readonly name = "namespace-controller";
  private readonly namespaces: Informer;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;

  constructor(private readonly ctx: ControllerContext) {
    this.namespaces = ctx.informers.for("namespaces");
    this.client = ctx.client("namespace-controller");
    this.queue = ctx.workqueue("namespace", (k) => this.syncNamespace(k));
  }

  start(): void {
    this.namespaces.addEventHandler({
      add: (ns) => ns.metadata.deletionTimestamp && this.queue.add(ns.metadata.name),
      update: (_o, ns) => ns.metadata.deletionTimestamp && this.queue.add(ns.metadata.name),
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  private syncNamespace(name: string): void {
    const ns = this.namespaces.get(name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    let remaining = 0;
    const seen = new Set<string>();
    for (const t of RESOURCE_TYPES) {
      if (!t.namespaced || seen.has(t.resource) || t.resource === "bindings") continue;
      seen.add(t.resource);
      for (const o of this.client.api.list(this.client.actor, t, name) as KubeObject[]) {
        remaining++;
        if (o.metadata.deletionTimestamp) continue;
        try {
          this.client.api.delete(this.client.actor, t, name, o.metadata.name);
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
      }
    }
    if (remaining > 0) {
      this.queue.addAfter(name, RECHECK_MS);
      return;
    }
    this.client.patch("Namespace", undefined, name, (o) => {
      o.spec = { ...(o.spec ?? {}), finalizers: [] };
    });
  }
}
