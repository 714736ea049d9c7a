// Node failures beyond power-off (Cluster.killNode): a network partition between a node and the API
// server, a graceful shutdown, deleting the Node object, the out-of-service taint, and whole zones.
// Each returns the sentence the `sim` verb prints; errors are thrown as ChaosError (printed as `error: …`).
import type { Node, Taint } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { ApiClient } from "../../client/apiClient";
import type { Cluster } from "../cluster";

export class ChaosError extends Error {}

/** topology.kubernetes.io/zone (api core/v1 well_known_labels.go LabelTopologyZone). */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
/** The taint that lets pods of a dead node go (api core/v1 well_known_taints.go TaintNodeOutOfService). */
export const OUT_OF_SERVICE_TAINT: Taint = { key: "node.kubernetes.io/out-of-service", value: "nodeshutdown", effect: "NoExecute" };

function kubelet(cluster: Cluster, name: string) {
  const k = cluster.kubelets.get(name);
  if (!k) throw new ChaosError(`node "${name}" not found`);
  return k;
}

function isControlPlane(cluster: Cluster, name: string): boolean {
  return cluster.config.nodes.some((n) => n.name === name && n.role === "control-plane");
}

export function partitionNode(cluster: Cluster, name: string): string {
  const k = kubelet(cluster, name);
  if (isControlPlane(cluster, name)) {
    throw new ChaosError(`node "${name}" runs the control plane: partitioning it is not simulated; use 'sim etcd member stop ${name}' or 'sim node kill ${name}'`);
  }
  if (!k.alive) throw new ChaosError(`node "${name}" is down`);
  if (!k.connected) throw new ChaosError(`node "${name}" is already partitioned`);
  k.partition();
  cluster.controlPlane.record("partition", `node/${name}`, `network partition: node ${name} cannot reach the API server`);
  return `node/${name} partitioned (its kubelet cannot reach the API server; its containers keep running)\n`;
}

export function healNode(cluster: Cluster, name: string): string {
  const k = kubelet(cluster, name);
  if (k.connected) throw new ChaosError(`node "${name}" is not partitioned`);
  cluster.controlPlane.record("heal", `node/${name}`, `partition healed: node ${name} reaches the API server again`);
  k.heal();
  return `node/${name} healed (its kubelet reaches the API server again and relists its pods)\n`;
}

/** Graceful node shutdown with the docs' example settings: shutdownGracePeriod 30s, critical pods 10s. */
export function shutdownNode(cluster: Cluster, name: string, graceMs = 30_000, criticalMs = 10_000): string {
  const k = kubelet(cluster, name);
  if (!k.alive) throw new ChaosError(`node "${name}" is already down`);
  if (k.shuttingDown) throw new ChaosError(`node "${name}" is already shutting down`);
  if (criticalMs > graceMs) throw new ChaosError("the critical pods' grace period cannot exceed the shutdown grace period");
  cluster.controlPlane.record("shutdown", `node/${name}`, `graceful shutdown of ${name} (shutdownGracePeriod ${graceMs / 1000}s, critical pods ${criticalMs / 1000}s)`);
  k.shutdown(graceMs, criticalMs);
  // The machine powers off at the end of the grace period: the control plane must notice (HA, leaders).
  cluster.events.after(graceMs, "chaos:shutdown-poweroff", () => {
    cluster.controlPlane.record("poweroff", `kubelet/${name}`, `${name} powered off at the end of its shutdown grace period`);
    cluster.controlPlane.reconcile();
  });
  return `node/${name} shutting down (pods are terminated within ${graceMs / 1000}s, then the machine powers off)\n`;
}

/** `kubectl delete node NAME`: the Node object goes; a live kubelet registers it again. */
export function deleteNodeObject(cluster: Cluster, name: string): string {
  kubelet(cluster, name);
  try {
    new ApiClient(cluster.api, "kubectl").delete("Node", undefined, name);
  } catch (e) {
    if (e instanceof ApiError) throw new ChaosError(e.toKubectl());
    throw e;
  }
  cluster.controlPlane.record("delete", `node/${name}`, `Node object ${name} deleted`);
  return `node "${name}" deleted\n`;
}

/**
 * `kubectl taint nodes NAME node.kubernetes.io/out-of-service=nodeshutdown:NoExecute` (web
 * concepts/cluster-administration/node-shutdown.md, non-graceful node shutdown): pods on the node that
 * do not tolerate it are deleted, and the pod GC force-deletes the terminating ones (NotReady node).
 */
export function markOutOfService(cluster: Cluster, name: string, on = true): string {
  kubelet(cluster, name);
  const client = new ApiClient(cluster.api, "kubectl");
  try {
    client.patch<Node>("Node", undefined, name, (n) => {
      const others = (n.spec.taints ?? []).filter((t) => t.key !== OUT_OF_SERVICE_TAINT.key);
      n.spec = { ...n.spec, taints: on ? [...others, { ...OUT_OF_SERVICE_TAINT }] : others };
    });
  } catch (e) {
    if (e instanceof ApiError) throw new ChaosError(e.toKubectl());
    throw e;
  }
  cluster.controlPlane.record("out-of-service", `node/${name}`, on ? `node ${name} tainted ${OUT_OF_SERVICE_TAINT.key}=${OUT_OF_SERVICE_TAINT.value}:NoExecute` : `out-of-service taint removed from ${name}`);
  return on ? `node/${name} tainted\n` : `node/${name} untainted\n`;
}

/** Nodes labelled with the zone, in name order. */
export function zoneNodes(cluster: Cluster, zone: string): string[] {
  const out = cluster.config.nodes.filter((n) => n.labels?.[ZONE_LABEL] === zone).map((n) => n.name);
  for (const [name, k] of cluster.kubelets) if (k.config.labels?.[ZONE_LABEL] === zone && !out.includes(name)) out.push(name);
  return out.sort();
}

/** Power off (or on) every node of a zone. Control-plane nodes are left alone unless asked for. */
export function zoneAction(cluster: Cluster, zone: string, action: "kill" | "restore", includeControlPlane: boolean): string {
  const names = zoneNodes(cluster, zone).filter((n) => includeControlPlane || !isControlPlane(cluster, n));
  if (names.length === 0) throw new ChaosError(`no ${includeControlPlane ? "" : "worker "}nodes in zone "${zone}"`);
  let out = "";
  for (const n of names) {
    const k = kubelet(cluster, n);
    if (action === "kill" && k.alive) {
      cluster.killNode(n);
      out += `node/${n} killed\n`;
    } else if (action === "restore" && !k.alive) {
      cluster.restoreNode(n);
      out += `node/${n} restored\n`;
    }
  }
  cluster.controlPlane.record(`zone-${action}`, `zone/${zone}`, `zone ${zone} ${action === "kill" ? "lost" : "restored"}: ${names.join(", ")}`);
  return out || `nothing to do: every node of zone ${zone} is already ${action === "kill" ? "down" : "up"}\n`;
}
