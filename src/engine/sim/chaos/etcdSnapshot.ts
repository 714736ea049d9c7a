// etcd backup and restore (web tasks/administer-cluster/configure-upgrade-etcd.md): `etcdctl snapshot
// save NAME` copies the keyspace; restoring it brings the cluster's state back as it was — objects
// created since are gone, deleted ones are back — and the docs advise restarting kube-controller-manager
// and kube-scheduler so they do not act on stale caches. Controllers then reconcile the restored state
// with reality: kubelets kill containers of pods that no longer exist and start pods bound to them.
import { ServiceAllocator } from "../../apiserver/servicealloc/serviceAllocator";
import type { KubeObject } from "../../api/types";
import { deepCopy } from "../clone";
import { formatSimDuration } from "../duration";
import type { Cluster } from "../cluster";
import { ChaosError } from "./nodeChaos";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function saveSnapshot(cluster: Cluster, name: string): string {
  if (!NAME.test(name)) throw new ChaosError(`invalid snapshot name "${name}": use letters, digits, '.', '_' or '-'`);
  const etcd = cluster.controlPlane.etcd;
  if (etcd.runningCount === 0) throw new ChaosError("context deadline exceeded: no etcd member is running");
  const s = etcd.saveSnapshot(name, cluster.now(), cluster.store.snapshot());
  cluster.controlPlane.record("etcd-snapshot", `snapshot/${name}`, `etcd snapshot ${name} saved (revision ${s.snapshot.revision}, ${s.keys} keys)`);
  return `Snapshot saved at ${name} (revision ${s.snapshot.revision}, ${s.keys} keys)\n`;
}

export function restoreSnapshot(cluster: Cluster, name: string): string {
  const etcd = cluster.controlPlane.etcd;
  const s = etcd.snapshot(name);
  if (!s) throw new ChaosError(`snapshot "${name}" not found (saved: ${etcd.snapshotNames().join(", ") || "none"})`);
  const changed = cluster.store.restore(s.snapshot, (o) => deepCopy(o) as KubeObject);
  // The Service IP/port repair loops re-mark what the restored Services hold.
  const alloc = cluster.api.allocators.get("Service");
  if (alloc instanceof ServiceAllocator) alloc.restore(cluster.store.list("services"));
  cluster.controlPlane.record("etcd-restore", `snapshot/${name}`, `etcd restored from snapshot ${name} taken at t=${formatSimDuration(s.t)}: ${changed} keys changed`);
  cluster.controlPlane.restartLeaders("restarted after the etcd restore");
  return `restored snapshot ${name} (taken at t=${formatSimDuration(s.t)}): ${changed} keys changed; kube-controller-manager and kube-scheduler restarted\n`;
}
