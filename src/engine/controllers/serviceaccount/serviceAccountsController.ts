// ServiceAccountsController makes sure every active namespace has a ServiceAccount named "default"
// (the account pods run as unless they name another): it is created when a namespace appears and
// re-created when someone deletes it.
// mirrors ServiceAccountsController (k/k pkg/controller/serviceaccount/serviceaccounts_controller.go):
// namespace add/update and service account delete enqueue the namespace; syncNamespace creates the
// missing accounts, ignoring AlreadyExists and a namespace that started terminating meanwhile.
import type { KubeObject, Namespace } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../context";

/** names.ServiceAccountController */
export const SERVICE_ACCOUNT_CONTROLLER = "serviceaccount-controller";
/** The identity it creates accounts as (ClientOrDie("service-account-controller")). */
export const SERVICE_ACCOUNT_CONTROLLER_ACTOR = "service-account-controller";
/** DefaultServiceAccountsControllerOptions().ServiceAccounts */
export const SERVICE_ACCOUNTS_TO_ENSURE = ["default"] as const;

export class ServiceAccountsController implements Controller {
  readonly name = SERVICE_ACCOUNT_CONTROLLER;
  private readonly client: ApiClient;
  private readonly namespaces: Informer<Namespace>;
  private readonly serviceAccounts: Informer<KubeObject>;
  private readonly queue: WorkQueue;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client(SERVICE_ACCOUNT_CONTROLLER_ACTOR);
    this.namespaces = ctx.informers.for<Namespace>("namespaces");
    this.serviceAccounts = ctx.informers.for<KubeObject>("serviceaccounts");
    this.queue = ctx.workqueue("serviceaccount", (key) => this.syncNamespace(key));
  }

  start(): void {
    this.namespaces.addEventHandler({
      add: (ns) => this.queue.add(ns.metadata.name),
      update: (_old, ns) => this.queue.add(ns.metadata.name),
    });
    this.serviceAccounts.addEventHandler({
      delete: (sa) => {
        if ((SERVICE_ACCOUNTS_TO_ENSURE as readonly string[]).includes(sa.metadata.name)) this.queue.add(sa.metadata.namespace ?? "");
      },
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
    // If the namespace is not active, nothing may be created in it.
    if (!ns || (ns.status?.phase ?? "Active") !== "Active" || ns.metadata.deletionTimestamp) return;
    for (const sa of SERVICE_ACCOUNTS_TO_ENSURE) {
      if (this.serviceAccounts.get(`${name}/${sa}`)) continue;
      try {
        this.client.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: sa, namespace: name } } as unknown as KubeObject);
      } catch (e) {
        // AlreadyExists: the cache was behind. Forbidden: the namespace began terminating (NamespaceTerminatingCause).
        if (e instanceof ApiError && (e.reason === "AlreadyExists" || (e.reason === "Forbidden" && e.message.includes("because it is being terminated")))) continue;
        throw e;
      }
    }
  }
}
