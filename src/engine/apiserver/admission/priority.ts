// Priority: a pod's spec.priority is computed from its priorityClassName, never supplied by the user.
// mirrors Plugin.admitPod / getDefaultPriority (k/k plugin/pkg/admission/priority/admission.go)
// and the built-in classes of SystemPriorityClasses (k/k pkg/apis/scheduling/types.go).
import type { KubeObject } from "../../api/types";
import { admissionForbidden, type AdmissionContext } from "./context";

type Obj = Record<string, any>;

/** The two classes the API server bootstraps (scheduling.SystemCriticalPriority = 2e9). */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ["system-node-critical", 2000001000],
  ["system-cluster-critical", 2000000000],
]);
/** scheduling.DefaultPriorityWhenNoDefaultClassExists */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS = 0;
const PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";

/** Resolves a class name to its value, falling back to the bootstrapped system classes. */
function lookupClass(name: string, ctx: AdmissionContext): number | undefined {
  return ctx.priorityClassValue(name) ?? SYSTEM_PRIORITY_CLASSES.get(name);
}

/** Mutates `pod` (a private copy); throws the plugin's refusal. */
export function priorityAdmit(pod: KubeObject, ctx: AdmissionContext): void {
  if (pod.kind !== "Pod" || !pod.spec || typeof pod.spec !== "object") return;
  const spec = pod.spec as Obj;

  if (ctx.operation === "UPDATE") {
    // The priority was set on create; an update that drops it keeps the stored one.
    const old = ctx.oldObject?.spec as Obj | undefined;
    if (spec.priority == null && old?.priority != null) spec.priority = old.priority;
    if (spec.preemptionPolicy == null && old?.preemptionPolicy != null) spec.preemptionPolicy = old.preemptionPolicy;
    return;
  }

  let priority: number;
  let preemptionPolicy: string | undefined;
  if (!spec.priorityClassName) {
    const dflt = ctx.defaultPriorityClass?.();
    if (dflt) {
      spec.priorityClassName = dflt.name;
      priority = dflt.value;
      preemptionPolicy = dflt.preemptionPolicy ?? PREEMPT_LOWER_PRIORITY;
    } else {
      priority = DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS;
      preemptionPolicy = PREEMPT_LOWER_PRIORITY;
    }
  } else {
    const name: string = spec.priorityClassName;
    const value = lookupClass(name, ctx);
    if (value === undefined) throw admissionForbidden(pod, `no PriorityClass with name ${name} was found`);
    priority = value;
    // A PriorityClass's own preemptionPolicy defaults to PreemptLowerPriority.
    preemptionPolicy = ctx.priorityClassPreemptionPolicy?.(name) ?? PREEMPT_LOWER_PRIORITY;
  }

  if (spec.priority != null && spec.priority !== priority) {
    throw admissionForbidden(pod,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (preemptionPolicy !== undefined) {
    if (spec.preemptionPolicy != null && spec.preemptionPolicy !== preemptionPolicy) {
      throw admissionForbidden(pod,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = preemptionPolicy;
  }
}
