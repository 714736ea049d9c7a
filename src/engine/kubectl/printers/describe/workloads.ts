// `kubectl describe deployment` and `kubectl describe replicaset`.
// mirrors describeDeployment, printReplicaSetsByLabels, describeReplicaSet and getPodStatusForController
// (kubectl pkg/describe/describe.go).
import type { Deployment, KubeEvent, KubeObject, Pod, ReplicaSet } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { intOrString } from "../columns/types";
import { selectorString } from "../columns/deployments";
import { describePodTemplate } from "./containers";
import { describeEvents } from "./events";
import { formatRFC1123Z, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printController, printLabelsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";

// mirrors printReplicaSetsByLabels: "name (current/desired replicas created)", or "<none>".
function printReplicaSets(list: readonly ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(", ");
  return s === "" ? "<none>" : s;
}

function describeConditions(w: PrefixWriter, conditions: readonly { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

// (*IntOrString).String(): "<nil>" for an unset pointer.
const ioS = (v: unknown) => (v === undefined || v === null ? "<nil>" : intOrString(v));

export interface DeploymentReplicaSets {
  /** deploymentutil.GetAllReplicaSets' old ReplicaSets. */
  oldReplicaSets: readonly ReplicaSet[];
  /** The ReplicaSet whose template matches the Deployment's, if any. */
  newReplicaSet?: ReplicaSet;
}

/** The text of `kubectl describe deployment`. */
export function describeDeployment(d: Deployment, replicaSets: DeploymentReplicaSets, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = d.spec;
    const status = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", d.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    // The API server's SetDefaults_Deployment fills strategy in; an undefaulted object prints as stored.
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ""}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
    const ru = spec?.strategy?.rollingUpdate;
    if (ru) {
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${ioS(ru.maxUnavailable)} max unavailable, ${ioS(ru.maxSurge)} max surge\n`);
    }
    describePodTemplate(spec?.template, w);
    describeConditions(w, status.conditions);
    const newRSs = replicaSets.newReplicaSet ? [replicaSets.newReplicaSet] : [];
    if (replicaSets.oldReplicaSets.length > 0 || newRSs.length > 0) {
      w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(replicaSets.oldReplicaSets)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRSs)}\n`);
    }
    describeEvents(events, w, now);
  });
}

export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

// mirrors getPodStatusForController: only pods whose controller reference is this owner count.
export function podStatusForController(owner: KubeObject, pods: readonly Pod[]): PodPhaseCounts {
  const counts: PodPhaseCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    switch (p.status?.phase) {
      case "Running":
        counts.running++;
        break;
      case "Pending":
        counts.waiting++;
        break;
      case "Succeeded":
        counts.succeeded++;
        break;
      case "Failed":
        counts.failed++;
        break;
    }
  }
  return counts;
}

/** The text of `kubectl describe replicaset`; `pods` are the namespace's pods (filtered by owner here). */
export function describeReplicaSet(rs: ReplicaSet, pods: readonly Pod[], events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const c = podStatusForController(rs, pods);
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rs.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
    const controlledBy = printController(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, "Pods Status:\t");
    w.write(LEVEL_0, `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
    describePodTemplate(rs.spec?.template, w);
    describeConditions(w, rs.status?.conditions);
    describeEvents(events, w, now);
  });
}
