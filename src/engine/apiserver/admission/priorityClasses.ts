// The PriorityClasses a cluster starts with, and the Priority plugin's validation of PriorityClass writes.
// mirrors SystemPriorityClasses (k/k pkg/apis/scheduling/types.go, created by the API server's
// scheduling/bootstrap-system-priority-classes post-start hook) and Plugin.validatePriorityClass
// (plugin/pkg/admission/priority/admission.go): only one class may be the global default.
import type { KubeObject } from "../../api/types";
import { admissionForbidden, type AdmissionContext } from "./context";

const DESCRIPTIONS: Record<string, string> = {
  "system-node-critical": "Used for system critical pods that must not be moved from their current node.",
  "system-cluster-critical": "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
};

/** system-node-critical (2000001000) and system-cluster-critical (2000000000), as the API server creates them. */
export function systemPriorityClasses(): KubeObject[] {
  return [
    ["system-node-critical", 2000001000],
    ["system-cluster-critical", 2000000000],
  ].map(([name, value]) => ({
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: name as string },
    value: value as number,
    description: DESCRIPTIONS[name as string],
    preemptionPolicy: "PreemptLowerPriority",
  })) as unknown as KubeObject[];
}

/** Validating phase: a second global default (created, or an existing class marked default) is refused. */
export function priorityClassValidate(obj: KubeObject, ctx: AdmissionContext): void {
  if (obj.kind !== "PriorityClass" || obj.apiVersion !== "scheduling.k8s.io/v1" || obj.globalDefault !== true) return;
  const dpc = ctx.defaultPriorityClass?.();
  if (!dpc) return;
  if (ctx.operation === "CREATE" || dpc.name !== obj.metadata.name) {
    throw admissionForbidden(obj, `PriorityClass ${dpc.name} is already marked as default. Only one default can exist`);
  }
}
