// admit: the mutating admission chain, in kube-apiserver's plugin order (AllOrderedPlugins,
// k/k pkg/kubeapiserver/options/plugins.go), restricted to the default-on plugins the engine models:
//
//   NamespaceLifecycle → LimitRanger → ServiceAccount → TaintNodesByCondition → [PodSecurity]
//   → Priority → DefaultTolerationSeconds → DefaultStorageClass → StorageObjectInUseProtection → …
//   → validating, after object validation: LimitRanger → ResourceQuota
//
// LimitRanger mutates here and validates, with ResourceQuota, in validatingAdmit (after object
// validation). [PodSecurity]'s default "privileged" level admits everything. The first refusal wins and
// is thrown as an ApiError.
import type { KubeObject } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import type { AdmissionContext } from "./context";
import { prepareNamespaceForCreate } from "./createStrategy";
import { limitRangerAdmit, limitRangerValidate } from "./limitRanger";
import { namespaceLifecycle } from "./namespaceLifecycle";
import { priorityAdmit } from "./priority";
import { priorityClassValidate } from "./priorityClasses";
import { computeQOSClass } from "./qos";
import { resourceQuotaValidate } from "./resourceQuota";
import { mergeSecretStringData } from "./secretStringData";
import { serviceAccountAdmit } from "./serviceAccount";
import { sharePodParts } from "./sharedPodParts";
import { defaultStorageClassAdmit, storageObjectInUseProtectionAdmit } from "./storage";
import { defaultTolerationSeconds, taintNodesByCondition } from "./tolerations";

export type AdmissionPluginName =
  | "NamespaceLifecycle"
  | "LimitRanger"
  | "ServiceAccount"
  | "TaintNodesByCondition"
  | "Priority"
  | "DefaultTolerationSeconds"
  | "DefaultStorageClass"
  | "StorageObjectInUseProtection"
  | "ResourceQuota";

type Plugin = (obj: KubeObject, ctx: AdmissionContext) => void;

/** The modelled plugins in execution order. */
export const ADMISSION_PLUGINS: ReadonlyArray<readonly [AdmissionPluginName, Plugin]> = [
  ["NamespaceLifecycle", namespaceLifecycle],
  ["LimitRanger", limitRangerAdmit],
  ["ServiceAccount", serviceAccountAdmit],
  ["TaintNodesByCondition", taintNodesByCondition],
  ["Priority", priorityAdmit],
  ["DefaultTolerationSeconds", defaultTolerationSeconds],
  ["DefaultStorageClass", defaultStorageClassAdmit],
  ["StorageObjectInUseProtection", storageObjectInUseProtectionAdmit],
];

/**
 * The kinds some step of admitInPlace other than NamespaceLifecycle acts on: Secret (stringData),
 * Pod (LimitRanger, ServiceAccount, Priority, DefaultTolerationSeconds, qosClass), Node
 * (TaintNodesByCondition), PersistentVolumeClaim (LimitRanger, DefaultStorageClass,
 * StorageObjectInUseProtection), PersistentVolume (StorageObjectInUseProtection), Namespace (finalizer).
 */
const MUTATED_KINDS: ReadonlySet<string> = new Set(["Secret", "Pod", "Node", "PersistentVolumeClaim", "PersistentVolume", "Namespace"]);

export interface AdmitOptions {
  /** Plugins switched off, as with kube-apiserver --disable-admission-plugins. */
  disabledPlugins?: Iterable<AdmissionPluginName>;
}

/**
 * Runs the chain on a copy of `obj` and returns the admitted object; `obj` is never mutated.
 * Throws an ApiError ({code, reason, message}) when a plugin refuses.
 *
 * On CREATE it also applies the registry-strategy steps that belong to this stage of the request: a
 * pod's status.qosClass (podStrategy.PrepareForCreate computes it from the admitted spec) and a
 * namespace's `kubernetes` finalizer.
 */
export function admit(obj: KubeObject, ctx: AdmissionContext, opts: AdmitOptions = {}): KubeObject {
  return admitInPlace(deepCopy(obj), ctx, opts);
}

/**
 * As `admit`, but mutates and returns `obj` itself, for callers that already own a private copy (e.g.
 * the output of applyDefaults) and want to skip the second deep copy. Nothing from `ctx` is aliased
 * into the object; constant parts (default tolerations, the token projection, and on CREATE the
 * template-constant parts of sharedPodParts.ts) may be deep-frozen instances shared with other pods.
 * On refusal `obj` may be partly mutated — discard it.
 */
export function admitInPlace(obj: KubeObject, ctx: AdmissionContext, opts?: AdmitOptions): KubeObject {
  const disabled = opts?.disabledPlugins ? new Set(opts.disabledPlugins) : undefined;
  // Most writes (events, leases, endpoint slices, workloads) are of kinds only NamespaceLifecycle looks
  // at: run just that one (the others would each check the kind and return).
  if (!MUTATED_KINDS.has(obj.kind)) {
    if (!disabled?.has("NamespaceLifecycle")) namespaceLifecycle(obj, ctx);
    return obj;
  }
  // v1 → internal conversion: Secret.stringData is merged into data before anything looks at it.
  mergeSecretStringData(obj);
  for (const [name, plugin] of ADMISSION_PLUGINS) {
    if (!disabled?.has(name)) plugin(obj, ctx);
  }
  if (ctx.operation === "CREATE") {
    if (obj.kind === "Pod" && obj.apiVersion === "v1") {
      obj.status = { ...(obj.status && typeof obj.status === "object" ? obj.status : {}), qosClass: computeQOSClass(obj) };
      sharePodParts(obj);
    }
    if (obj.kind === "Namespace" && obj.apiVersion === "v1") prepareNamespaceForCreate(obj);
  }
  return obj;
}

/** The validating plugins, in order, after object validation: they refuse but never change the object. */
export const VALIDATING_ADMISSION_PLUGINS: ReadonlyArray<readonly [AdmissionPluginName, Plugin]> = [
  ["LimitRanger", limitRangerValidate],
  ["Priority", priorityClassValidate],
  // ResourceQuota goes last: it charges quota for an object every other plugin accepted.
  ["ResourceQuota", resourceQuotaValidate],
];

/** Runs the validating phase; throws the first refusal as an ApiError. */
export function validatingAdmit(obj: KubeObject, ctx: AdmissionContext, opts: AdmitOptions = {}): void {
  const disabled = opts.disabledPlugins ? new Set(opts.disabledPlugins) : undefined;
  for (const [name, plugin] of VALIDATING_ADMISSION_PLUGINS) {
    if (!disabled?.has(name)) plugin(obj, ctx);
  }
}

export type { AdmissionContext, PriorityClassInfo, ServiceAccountInfo, AdmissionOperation } from "./context";
export { admissionForbidden } from "./context";
export { computeQOSClass, type QOSClass } from "./qos";
export { generateJobSelector, prepareNamespaceForCreate, JobLabels } from "./createStrategy";
export { SYSTEM_PRIORITY_CLASSES } from "./priority";
export { DEFAULT_TOLERATION_SECONDS, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from "./tolerations";
export { DEFAULT_API_TOKEN_MOUNT_PATH, SERVICE_ACCOUNT_VOLUME_PREFIX } from "./serviceAccount";
