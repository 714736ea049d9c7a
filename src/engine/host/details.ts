// The inspector's view of one object: `kubectl describe`, `kubectl get -o yaml`, its events, its owners and
// dependents, and for a pod the scheduler's reasoning. Reads go through kubectl as a separate audit actor
// (INSPECTOR_ACTOR) that the view model does not animate: looking at a pod is not cluster traffic.
import type { KubeEvent } from "../api/types";
import type { KubectlEnv } from "../kubectl/env";
import { runKubectl } from "../kubectl/kubectl";
import type { Cluster } from "../sim/cluster";
import type { ObjectDetails } from "../protocol";
import type { ClusterViewModel } from "../view/clusterViewModel";
import { eventRow } from "../view/eventRows";
import { schedulingExplanation } from "./schedulingExplanation";

export const INSPECTOR_ACTOR = "kubelab-inspector";

/** Where an object lives in the store, from its key ("pods/default/web-1", "nodes/node-1"). */
function parseKey(key: string): { resource: string; namespace?: string; name: string } | undefined {
  const parts = key.split("/");
  if (parts.length === 3) return { resource: parts[0]!, namespace: parts[1]!, name: parts[2]! };
  if (parts.length === 2) return { resource: parts[0]!, name: parts[1]! };
  return undefined;
}

/** Control-plane boxes are described through their static (mirror) pods on the control-plane node. */
function componentKey(cluster: Cluster, component: string): string | undefined {
  const cp = cluster.config.nodes.find((n) => n.role === "control-plane");
  return cp ? `pods/kube-system/${component}-${cp.name}` : undefined;
}

function text(r: { out: string; err: string }): string {
  return r.out !== "" ? r.out : r.err;
}

export function objectDetails(cluster: Cluster, view: ClusterViewModel, env: KubectlEnv, id: string): ObjectDetails | null {
  const item = view.item(id);
  if (!item) return null;
  const key = item.kind === "Component" ? componentKey(cluster, item.name) : view.storeKeyOf(id);
  const where = key ? parseKey(key) : undefined;
  const obj = where ? cluster.store.get(where.resource, key!) : undefined;
  if (!where || !obj) {
    return { describe: `${item.kind} ${item.name} has no API object to describe.\n`, yaml: "", events: [], owners: [], dependents: [] };
  }
  const nsArgs = where.namespace ? ["-n", where.namespace] : [];
  const describe = text(runKubectl(env, ["describe", where.resource, where.name, ...nsArgs]));
  const yaml = text(runKubectl(env, ["get", where.resource, where.name, ...nsArgs, "-o", "yaml"]));
  const uid = obj.metadata.uid;
  const events = (cluster.store.list("events", where.namespace ?? "default") as KubeEvent[])
    .filter((e) => e.involvedObject?.uid === uid || (!e.involvedObject?.uid && e.involvedObject?.name === where.name && e.involvedObject?.kind === obj.kind))
    .map(eventRow)
    .sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
  const owners = (obj.metadata.ownerReferences ?? []).map((r) => ({ kind: r.kind, name: r.name, id: r.uid }));
  const dependents: { kind: string; name: string; id: string }[] = [];
  for (const it of view.allItems()) {
    if ("ownerId" in it && it.ownerId === uid) dependents.push({ kind: it.kind, name: it.name, id: it.id });
  }
  dependents.sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const details: { -readonly [K in keyof ObjectDetails]: ObjectDetails[K] } = { describe, yaml, events, owners, dependents };
  if (obj.kind === "Pod") {
    const record = cluster.scheduler.decisionFor(uid);
    if (record) details.scheduling = schedulingExplanation(record);
  }
  return details;
}
