// The controller finders of the disruption controller: from a pod's controllerRef to the workload whose
// replica count is the "expected" number of pods. A ReplicaSet owned by a Deployment counts as that
// Deployment. Owners of other kinds are asked for their scale subresource; the kinds Kubelab serves
// have none (Jobs, DaemonSets), which upstream reports as "<resource>.<group> does not implement the
// scale subresource".
// mirrors finders(), getPodReplicationController, getPodDeployment, getPodReplicaSet,
// getPodStatefulSet, getScaleController and verifyGroupKind (k/k pkg/controller/disruption/disruption.go).
import { resourceTypeForKind, RESOURCE_TYPES } from "../../api/registry";
import type { Deployment, KubeObject, ReplicaSet, ReplicationController } from "../../api/types";
import type { Informer } from "../../client/informer";
import { ExpectedCountError, type ControllerFinder } from "./expectedCount";

export interface FinderInformers {
  rcs: Informer<ReplicationController>;
  rss: Informer<ReplicaSet>;
  deployments: Informer<Deployment>;
  statefulSets: Informer<KubeObject>;
}

type Ref = Parameters<ControllerFinder>[0];

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

// mirrors verifyGroupKind
function verifyGroupKind(ref: Ref, kind: string, groups: readonly string[]): boolean {
  return ref.kind === kind && groups.includes(groupOf(ref.apiVersion));
}

function controllerOf(obj: KubeObject) {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

const replicas = (o: KubeObject): number => (typeof o.spec?.replicas === "number" ? o.spec.replicas : 1);

export function scaleFinders(inf: FinderInformers): ControllerFinder {
  const rc: ControllerFinder = (ref, ns) => {
    if (!verifyGroupKind(ref, "ReplicationController", [""])) return undefined;
    const o = inf.rcs.get(`${ns}/${ref.name}`);
    return o && o.metadata.uid === ref.uid ? { uid: o.metadata.uid, scale: replicas(o) } : undefined;
  };
  const deployment: ControllerFinder = (ref, ns) => {
    if (!verifyGroupKind(ref, "ReplicaSet", ["apps", "extensions"])) return undefined;
    const rs = inf.rss.get(`${ns}/${ref.name}`);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const owner = controllerOf(rs);
    if (!owner || !verifyGroupKind(owner, "Deployment", ["apps", "extensions"])) return undefined;
    const d = inf.deployments.get(`${ns}/${owner.name}`);
    return d && d.metadata.uid === owner.uid ? { uid: d.metadata.uid, scale: replicas(d) } : undefined;
  };
  const replicaSet: ControllerFinder = (ref, ns) => {
    if (!verifyGroupKind(ref, "ReplicaSet", ["apps", "extensions"])) return undefined;
    const rs = inf.rss.get(`${ns}/${ref.name}`);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    if (controllerOf(rs)?.kind === "Deployment") return undefined; // counted as its Deployment
    return { uid: rs.metadata.uid, scale: replicas(rs) };
  };
  const statefulSet: ControllerFinder = (ref, ns) => {
    if (!verifyGroupKind(ref, "StatefulSet", ["apps"])) return undefined;
    const ss = inf.statefulSets.get(`${ns}/${ref.name}`);
    return ss && ss.metadata.uid === ref.uid ? { uid: ss.metadata.uid, scale: replicas(ss) } : undefined;
  };
  // The workload kinds with a scale subresource; the scale of one is its spec.replicas.
  const scalable: Readonly<Record<string, Informer<KubeObject>>> = {
    ReplicationController: inf.rcs as Informer<KubeObject>,
    ReplicaSet: inf.rss as Informer<KubeObject>,
    Deployment: inf.deployments as Informer<KubeObject>,
    StatefulSet: inf.statefulSets,
  };
  const scale: ControllerFinder = (ref, ns) => {
    const group = groupOf(ref.apiVersion);
    const rt = resourceTypeForKind(ref.apiVersion, ref.kind) ?? RESOURCE_TYPES.find((t) => t.kind === ref.kind && t.group === group);
    if (!rt) throw new ExpectedCountError(`no matches for kind ${JSON.stringify(ref.kind)} in group ${JSON.stringify(group)}`);
    const informer = scalable[rt.kind];
    if (!informer) throw new ExpectedCountError(`${rt.group ? `${rt.resource}.${rt.group}` : rt.resource} does not implement the scale subresource`);
    const o = informer.get(`${ns}/${ref.name}`);
    return o && o.metadata.uid === ref.uid ? { uid: o.metadata.uid, scale: replicas(o) } : undefined;
  };
  const finders = [rc, deployment, replicaSet, statefulSet, scale];
  return (ref, ns) => {
    for (const f of finders) {
      const found = f(ref, ns);
      if (found) return found;
    }
    return undefined;
  };
}
