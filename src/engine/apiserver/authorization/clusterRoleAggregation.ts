// ClusterRoleAggregationController (a kube-controller-manager loop): a ClusterRole with an
// aggregationRule gets, as its rules, the union of the rules of every ClusterRole its selectors match
// — which is how admin, edit and view grow when a CRD's author labels a role
// "rbac.authorization.k8s.io/aggregate-to-view: true". Any ClusterRole change re-syncs every
// aggregated role, so chains (view → edit → admin) converge.
// mirrors ClusterRoleAggregationController.syncClusterRole / enqueue / ruleExists
// (k/k pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go). Kept beside the
// authorizer because it only moves RBAC data; upstream it lives under pkg/controller.
import type { KubeObject, LabelSelector } from "../../api/types";
import { labelSelectorAsSelector } from "../../apimachinery/labels";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import type { Controller, ControllerContext } from "../../controllers/context";
import { jsonEqual } from "../strategy";
import type { PolicyRule } from "./types";

export const CLUSTER_ROLE_AGGREGATION_CONTROLLER = "clusterrole-aggregation-controller";

interface ClusterRole extends KubeObject {
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
  rules?: PolicyRule[] | null;
}

const byName = (a: KubeObject, b: KubeObject): number => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/** The rules an aggregated role should have, given every ClusterRole there is. */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const sel = labelSelectorAsSelector(selector);
    const matching = all.filter((r) => sel.matches(r.metadata.labels)).sort(byName);
    for (const r of matching) {
      if (r.metadata.name === role.metadata.name) continue;
      for (const rule of r.rules ?? []) if (!out.some((have) => jsonEqual(have, rule))) out.push(rule);
    }
  }
  return out;
}

export class ClusterRoleAggregationController implements Controller {
  readonly name = CLUSTER_ROLE_AGGREGATION_CONTROLLER;
  private readonly client: ApiClient;
  private readonly roles: Informer<ClusterRole>;
  private readonly queue: WorkQueue;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client(CLUSTER_ROLE_AGGREGATION_CONTROLLER);
    this.roles = ctx.informers.for<ClusterRole>("clusterroles");
    this.queue = ctx.workqueue("ClusterRoleAggregator", (key) => this.syncClusterRole(key));
  }

  start(): void {
    const enqueue = (): void => this.enqueue();
    this.roles.addEventHandler({ add: enqueue, update: enqueue, delete: enqueue });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  // mirrors enqueue: every role with an aggregation rule, whatever changed.
  private enqueue(): void {
    for (const r of this.roles.list().sort(byName)) if (r.aggregationRule) this.queue.add(r.metadata.name);
  }

  private syncClusterRole(name: string): void {
    const role = this.roles.get(name);
    if (!role?.aggregationRule) return;
    const rules = aggregatedRules(role, this.roles.list());
    if (jsonEqual(rules, role.rules ?? null)) return;
    this.client.patch<ClusterRole>("ClusterRole", undefined, name, (r) => {
      r.rules = rules;
    });
  }
}
