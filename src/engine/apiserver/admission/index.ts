// admit: the mutating admission chain, in kube-apiserver's plugin order (AllOrderedPlugins,
// k/k pkg/kubeapiserver/options/plugins.go), restricted to the default-on plugins the engine models:
//
//   NamespaceLifecycle → [LimitRanger] → ServiceAccount → TaintNodesByCondition → [PodSecurity]
//   → Priority → DefaultTolerationSeconds → … → [ResourceQuota, validating, after validation]
//
// Bracketed plugins are not modelled here (LimitRanger and ResourceQuota are separate work; PodSecurity's
// default "privileged" level admits everything). The first refusal wins and is thrown as an ApiError.
import type { KubeObject } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import type { AdmissionContext } from "./context";
import { prepareNamespaceForCreate } from "./createStrategy";
import { namespaceLifecycle } from "./namespaceLifecycle";
import { priorityAdmit } from "./priority";
import { computeQOSClass } from "./qos";
import { serviceAccountAdmit } from "./serviceAccount";
import { defaultTolerationSeconds, taintNodesByCondition } from "./tolerations";

export type AdmissionPluginName =
  | "NamespaceLifecycle"
  | "ServiceAccount"
  | "TaintNodesByCondition"
  | "Priority"
  | "DefaultTolerationSeconds";

type Plugin = (obj: KubeObject, ctx: AdmissionContext) => void;

/** The modelled plugins in execution order. */
export const ADMISSION_PLUGINS: ReadonlyArray<readonly [AdmissionPluginName, Plugin]> = [
  ["NamespaceLifecycle", namespaceLifecycle],
  ["ServiceAccount", serviceAccountAdmit],
  ["TaintNodesByCondition", taintNodesByCondition],
  ["Priority", priorityAdmit],
  ["DefaultTolerationSeconds", defaultTolerationSeconds],
];

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
  const out = deepCopy(obj);
  const disabled = new Set(opts.disabledPlugins ?? []);
  for (const [name, plugin] of ADMISSION_PLUGINS) {
    if (!disabled.has(name)) plugin(out, ctx);
  }
  if (ctx.operation === "CREATE") {
    if (out.kind === "Pod" && out.apiVersion === "v1") {
      out.status = { ...(out.status && typeof out.status === "object" ? out.status : {}), qosClass: computeQOSClass(out) };
    }
    if (out.kind === "Namespace" && out.apiVersion === "v1") prepareNamespaceForCreate(out);
  }
  return out;
}

export type { AdmissionContext, PriorityClassInfo, ServiceAccountInfo, AdmissionOperation } from "./context";
export { admissionForbidden } from "./context";
export { computeQOSClass, type QOSClass } from "./qos";
export { generateJobSelector, prepareNamespaceForCreate, JobLabels } from "./createStrategy";
export { SYSTEM_PRIORITY_CLASSES } from "./priority";
export { DEFAULT_TOLERATION_SECONDS, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from "./tolerations";
export { DEFAULT_API_TOKEN_MOUNT_PATH, SERVICE_ACCOUNT_VOLUME_PREFIX } from "./serviceAccount";
