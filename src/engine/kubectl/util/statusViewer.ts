// What `kubectl rollout status` prints for each state of a workload. mirrors kubectl
// pkg/polymorphichelpers/rollout_status.go (DeploymentStatusViewer, DaemonSetStatusViewer,
// StatefulSetStatusViewer) as of v1.34.
import type { KubeObject } from "../../api/types";
import { revision } from "../../controllers/deployment/util/annotations";
import { getDeploymentCondition } from "../../controllers/deployment/util/conditions";

export interface RolloutStatus {
  message: string;
  done: boolean;
  /** Set when the viewer fails (a CheckErr error). */
  error?: string;
}

/** deploymentutil.TimedOutReason */
const TIMED_OUT_REASON = "ProgressDeadlineExceeded";

function n(v: unknown): number {
  return typeof v === "number" ? v : 0;
}

// mirrors DeploymentStatusViewer.Status
export function deploymentStatus(d: KubeObject, wantRevision: number): RolloutStatus {
  const name = d.metadata.name;
  if (wantRevision > 0) {
    const rev = revision(d);
    if (Number.isNaN(rev)) {
      const raw = d.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? "";
      return { message: "", done: false, error: `cannot get the revision of deployment ${JSON.stringify(name)}: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax` };
    }
    if (rev !== wantRevision) return { message: "", done: false, error: `desired revision (${wantRevision}) is different from the running revision (${rev})` };
  }
  const status = d.status ?? {};
  if (n(d.metadata.generation) <= n(status.observedGeneration)) {
    const cond = getDeploymentCondition(status, "Progressing");
    if (cond?.reason === TIMED_OUT_REASON) return { message: "", done: false, error: `deployment ${JSON.stringify(name)} exceeded its progress deadline` };
    const replicas = d.spec?.replicas;
    if (typeof replicas === "number" && n(status.updatedReplicas) < replicas) {
      return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${n(status.updatedReplicas)} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if (n(status.replicas) > n(status.updatedReplicas)) {
      return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${n(status.replicas) - n(status.updatedReplicas)} old replicas are pending termination...\n`, done: false };
    }
    if (n(status.availableReplicas) < n(status.updatedReplicas)) {
      return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${n(status.availableReplicas)} of ${n(status.updatedReplicas)} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
  }
  return { message: "Waiting for deployment spec update to be observed...\n", done: false };
}

// mirrors DaemonSetStatusViewer.Status
export function daemonSetStatus(ds: KubeObject): RolloutStatus {
  const name = ds.metadata.name;
  if ((ds.spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") {
    return { message: "", done: true, error: "rollout status is only available for RollingUpdate strategy type" };
  }
  const status = ds.status ?? {};
  if (n(ds.metadata.generation) <= n(status.observedGeneration)) {
    if (n(status.updatedNumberScheduled) < n(status.desiredNumberScheduled)) {
      return { message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${n(status.updatedNumberScheduled)} out of ${n(status.desiredNumberScheduled)} new pods have been updated...\n`, done: false };
    }
    if (n(status.numberAvailable) < n(status.desiredNumberScheduled)) {
      return { message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${n(status.numberAvailable)} of ${n(status.desiredNumberScheduled)} updated pods are available...\n`, done: false };
    }
    return { message: `daemon set ${JSON.stringify(name)} successfully rolled out\n`, done: true };
  }
  return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
}

// mirrors StatefulSetStatusViewer.Status
export function statefulSetStatus(sts: KubeObject): RolloutStatus {
  const strategy = sts.spec?.updateStrategy ?? { type: "RollingUpdate" };
  if ((strategy.type ?? "RollingUpdate") !== "RollingUpdate") {
    return { message: "", done: true, error: "rollout status is only available for RollingUpdate strategy type" };
  }
  const status = sts.status ?? {};
  if (n(status.observedGeneration) === 0 || n(sts.metadata.generation) > n(status.observedGeneration)) {
    return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  }
  const replicas = sts.spec?.replicas;
  if (typeof replicas === "number" && n(status.readyReplicas) < replicas) {
    return { message: `Waiting for ${replicas - n(status.readyReplicas)} pods to be ready...\n`, done: false };
  }
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (typeof replicas === "number" && typeof partition === "number" && n(status.updatedReplicas) < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${n(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${n(status.updatedReplicas)} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${n(status.updatedReplicas)} pods at revision ${status.updateRevision ?? ""}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${n(status.currentReplicas)} pods at revision ${status.currentRevision ?? ""}...\n`, done: true };
}

/** StatusViewerFor: the viewer of a kind, or the error kubectl gives for others. */
export function statusViewerFor(kind: string, group: string): ((o: KubeObject, rev: number) => RolloutStatus) | string {
  if (group === "apps" && kind === "Deployment") return deploymentStatus;
  if (group === "apps" && kind === "DaemonSet") return (o) => daemonSetStatus(o);
  if (group === "apps" && kind === "StatefulSet") return (o) => statefulSetStatus(o);
  return `no status viewer has been implemented for ${group ? `${kind}.${group}` : kind}`;
}
