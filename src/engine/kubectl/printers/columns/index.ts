// The registry of `kubectl get` column printers, keyed by resource (plural) name.
// mirrors AddHandlers (k/k pkg/printers/internalversion/printers.go): every kind the Kubelab API server
// serves is listed; a kind without an upstream printer gets the default NAME / CREATED AT table.
import { resolveResource } from "../../../api/registry";
import { controllerRevisionPrinter, podTemplatePrinter } from "./appsMisc";
import { webhookConfigurationPrinter, validatingAdmissionPolicyBindingPrinter, validatingAdmissionPolicyPrinter } from "./admission";
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from "./config";
import { cronJobPrinter } from "./cronjobs";
import { daemonSetPrinter } from "./daemonsets";
import { defaultPrinter } from "./defaultTable";
import { deploymentPrinter } from "./deployments";
import { eventPrinter } from "./events";
import { hpaPrinter } from "./hpa";
import { jobPrinter } from "./jobs";
import { leasePrinter } from "./leases";
import { namespacePrinter } from "./namespaces";
import { endpointSlicePrinter, endpointsPrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from "./networking";
import { nodePrinter } from "./nodes";
import { podPrinter } from "./pods";
import { podDisruptionBudgetPrinter, priorityClassPrinter, runtimeClassPrinter } from "./policy";
import { roleBindingPrinter } from "./rbac";
import { replicaSetPrinter, replicationControllerPrinter } from "./replicasets";
import { servicePrinter } from "./services";
import { statefulSetPrinter } from "./statefulsets";
import {
  csiDriverPrinter,
  csiNodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from "./storage";
import type { KindPrinter } from "./types";

export type { Cell, ColumnDefinition, KindPrinter } from "./types";

const PRINTERS: ReadonlyMap<string, KindPrinter> = new Map<string, KindPrinter>([
  ["pods", podPrinter],
  ["podtemplates", podTemplatePrinter],
  ["nodes", nodePrinter],
  ["namespaces", namespacePrinter],
  ["events", eventPrinter],
  ["services", servicePrinter],
  ["endpoints", endpointsPrinter],
  ["configmaps", configMapPrinter],
  ["secrets", secretPrinter],
  ["serviceaccounts", serviceAccountPrinter],
  ["resourcequotas", resourceQuotaPrinter],
  ["replicationcontrollers", replicationControllerPrinter],
  ["persistentvolumes", persistentVolumePrinter],
  ["persistentvolumeclaims", persistentVolumeClaimPrinter],
  ["deployments", deploymentPrinter],
  ["replicasets", replicaSetPrinter],
  ["statefulsets", statefulSetPrinter],
  ["daemonsets", daemonSetPrinter],
  ["controllerrevisions", controllerRevisionPrinter],
  ["jobs", jobPrinter],
  ["cronjobs", cronJobPrinter],
  ["horizontalpodautoscalers", hpaPrinter],
  ["leases", leasePrinter],
  ["endpointslices", endpointSlicePrinter],
  ["ingresses", ingressPrinter],
  ["ingressclasses", ingressClassPrinter],
  ["networkpolicies", networkPolicyPrinter],
  ["poddisruptionbudgets", podDisruptionBudgetPrinter],
  ["priorityclasses", priorityClassPrinter],
  ["runtimeclasses", runtimeClassPrinter],
  ["rolebindings", roleBindingPrinter],
  ["clusterrolebindings", roleBindingPrinter],
  ["storageclasses", storageClassPrinter],
  ["csidrivers", csiDriverPrinter],
  ["csinodes", csiNodePrinter],
  ["volumeattachments", volumeAttachmentPrinter],
  ["mutatingwebhookconfigurations", webhookConfigurationPrinter],
  ["validatingwebhookconfigurations", webhookConfigurationPrinter],
  ["validatingadmissionpolicies", validatingAdmissionPolicyPrinter],
  ["validatingadmissionpolicybindings", validatingAdmissionPolicyBindingPrinter],
]);

/**
 * The printer for a resource as a user may type it: plural, singular or short name, optionally
 * group-qualified ("pods", "po", "deployments.apps", "deploy"). Kinds without an upstream printer
 * (roles, clusterroles, limitranges, customresourcedefinitions, unknown) get the API server's default
 * NAME / CREATED AT table.
 */
export function columnsFor(resource: string): KindPrinter {
  const plural = resolveResource(resource)?.resource ?? resource.toLowerCase().split(".")[0] ?? "";
  return PRINTERS.get(plural) ?? defaultPrinter;
}
