// apps/v1 workload validation: Deployment, ReplicaSet, StatefulSet, DaemonSet.
// mirrors k/k pkg/apis/apps/validation/validation.go, plus the selector-immutability check the
// deployment/replicaset/daemonset strategies add on update (pkg/registry/apps/*/strategy.go ValidateUpdate).
import { isValidPercent } from "../../apimachinery/validation";
import { child, forbidden, invalid, notSupported, required, type FieldError } from "./field";
import { goLabelSelector, goStruct } from "./goFormat";
import { selectorOrUndefined, selectorTermCount, validateLabelSelector } from "./labelSelector";
import {
  nameIsDNSLabel, nameIsDNSSubdomain, semanticEqual, validateAnnotations, validateImmutableField, validateLabels,
  validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate,
} from "./objectMeta";
import { validatePodTemplateSpec } from "./podSpec";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const labelsOf = (template: unknown): Record<string, string> | undefined =>
  isObj(template) && isObj(template.metadata) && isObj(template.metadata.labels) ? template.metadata.labels : undefined;

const SELECTOR_MISMATCH = "`selector` does not match template `labels`";

/** The template labels as the error prints them (a Go map: JSON with sorted keys, null when unset). */
const labelsValue = (template: unknown): unknown => labelsOf(template) ?? null;

// An IntOrString as json.Marshal writes it: a bare number or a quoted string.
const intOrStringValue = (v: unknown): unknown => (typeof v === "number" || typeof v === "string" ? v : 0);

// mirrors ValidatePositiveIntOrPercent
function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((msg) => invalid(path, v, msg));
  return validateNonnegativeField(typeof v === "number" ? v : 0, path);
}

// mirrors getPercentValue / getIntOrPercentValue (a malformed string counts as its Atoi, i.e. usually 0)
function percentValue(v: unknown): number | undefined {
  return typeof v === "string" && isValidPercent(v).length === 0 ? parseInt(v.slice(0, -1), 10) : undefined;
}
function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === "number") return v;
  const n = typeof v === "string" && /^[+-]?\d+$/.test(v) ? parseInt(v, 10) : 0;
  return n;
}

// mirrors IsNotMoreThan100Percent
function isNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(path, intOrStringValue(v), "must not be greater than 100%")] : [];
}

/** Selector against template labels, then the template itself, then the restart policy. */
// mirrors ValidatePodTemplateSpecForReplicaSet
function validatePodTemplateSpecForReplicaSet(template: unknown, selector: Obj | undefined, path: string, what: string): FieldError[] {
  if (!isObj(template)) return [required(path)];
  const errs: FieldError[] = [];
  const sel = selectorOrUndefined(selector);
  if (sel && !sel.empty() && !sel.matches(labelsOf(template) ?? {})) {
    errs.push(invalid(child(path, "metadata", "labels"), labelsValue(template), SELECTOR_MISMATCH));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const spec: Obj = isObj(template.spec) ? template.spec : {};
  if (spec.restartPolicy !== "Always") errs.push(notSupported(child(path, "spec", "restartPolicy"), spec.restartPolicy ?? "", ["Always"]));
  if (spec.activeDeadlineSeconds != null) {
    errs.push(forbidden(child(path, "spec", "activeDeadlineSeconds"), `activeDeadlineSeconds in ${what} is not Supported`));
  }
  return errs;
}

/** spec.selector: required, well-formed, and not empty; then matched against the template. */
function validateSelectorAndTemplate(spec: Obj, path: string, emptyMsg: string, what: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.selector == null) errs.push(required(child(path, "selector")));
  else {
    errs.push(...validateLabelSelector(spec.selector, false, child(path, "selector")));
    if (selectorTermCount(spec.selector) === 0) errs.push(invalid(child(path, "selector"), goLabelSelector(spec.selector), emptyMsg));
  }
  if (spec.selector != null && selectorOrUndefined(spec.selector) === undefined) {
    errs.push(invalid(child(path, "selector"), goLabelSelector(spec.selector), "invalid label selector"));
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, spec.selector, child(path, "template"), what));
  }
  return errs;
}

// mirrors ValidateDeploymentStrategy (+ ValidateRollingUpdateDeployment)
function validateDeploymentStrategy(strategy: unknown, path: string): FieldError[] {
  const s: Obj = isObj(strategy) ? strategy : {};
  const errs: FieldError[] = [];
  if (s.type === "Recreate") {
    if (s.rollingUpdate != null) errs.push(forbidden(child(path, "rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (s.type === "RollingUpdate") {
    if (!isObj(s.rollingUpdate)) errs.push(required(child(path, "rollingUpdate"), "this should be defaulted and never be nil"));
    else {
      const ru = s.rollingUpdate;
      const rp = child(path, "rollingUpdate");
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, "maxUnavailable")));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, "maxSurge")));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(child(rp, "maxUnavailable"), intOrStringValue(ru.maxUnavailable), "may not be 0 when `maxSurge` is 0"));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, "maxUnavailable")));
    }
  } else {
    // The bad value is the internal apps.DeploymentStrategy (no json tags: Go field names).
    const ru = isObj(s.rollingUpdate)
      ? goStruct([["MaxUnavailable", intOrStringValue(s.rollingUpdate.maxUnavailable)], ["MaxSurge", intOrStringValue(s.rollingUpdate.maxSurge)]])
      : null;
    errs.push(notSupported(path, goStruct([["Type", s.type ?? ""], ["RollingUpdate", ru]]), ["Recreate", "RollingUpdate"]));
  }
  return errs;
}

// mirrors ValidateDeploymentSpec
function validateDeploymentSpec(spec: Obj, path: string): FieldError[] {
  const errs = validateNonnegativeField(spec.replicas, child(path, "replicas"));
  errs.push(...validateSelectorAndTemplate(spec, path, "empty selector is invalid for deployment", "ReplicaSet"));
  errs.push(...validateDeploymentStrategy(spec.strategy, child(path, "strategy")));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(path, "minReadySeconds")));
  if (spec.revisionHistoryLimit != null) errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, child(path, "revisionHistoryLimit")));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...validateNonnegativeField(spec.progressDeadlineSeconds, child(path, "progressDeadlineSeconds")));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(child(path, "progressDeadlineSeconds"), spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

// mirrors ValidateReplicaSetSpec (its empty-selector message really says "deployment")
function validateReplicaSetSpec(spec: Obj, path: string): FieldError[] {
  const errs = validateNonnegativeField(spec.replicas, child(path, "replicas"));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(path, "minReadySeconds")));
  errs.push(...validateSelectorAndTemplate(spec, path, "empty selector is invalid for deployment", "ReplicaSet"));
  return errs;
}

// mirrors ValidateStatefulSetSpec: the template's labels and annotations are checked, not its PodSpec.
function validateStatefulSetSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required(child(path, "podManagementPolicy")));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel") errs.push(invalid(child(path, "podManagementPolicy"), pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  if (!us.type) errs.push(required(child(path, "updateStrategy")));
  else if (us.type === "OnDelete") {
    if (us.rollingUpdate != null) errs.push(invalid(child(path, "updateStrategy", "rollingUpdate"), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === "RollingUpdate") {
    if (isObj(us.rollingUpdate)) errs.push(...validateNonnegativeField(us.rollingUpdate.partition, child(path, "updateStrategy", "rollingUpdate", "partition")));
  } else errs.push(invalid(child(path, "updateStrategy"), us, "must be 'RollingUpdate' or 'OnDelete'"));
  const ret = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(ret)) {
    for (const f of ["whenDeleted", "whenScaled"]) {
      if (ret[f] !== "Retain" && ret[f] !== "Delete") errs.push(notSupported(child(path, "persistentVolumeClaimRetentionPolicy", f), ret[f] ?? "", ["Retain", "Delete"]));
    }
  }
  errs.push(...validateNonnegativeField(spec.replicas, child(path, "replicas")));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(path, "minReadySeconds")));
  if (isObj(spec.ordinals)) errs.push(...validateNonnegativeField(spec.ordinals.start, child(path, "ordinals.start")));
  if (spec.selector == null) errs.push(required(child(path, "selector")));
  else {
    errs.push(...validateLabelSelector(spec.selector, false, child(path, "selector")));
    if (selectorTermCount(spec.selector) === 0) errs.push(invalid(child(path, "selector"), goLabelSelector(spec.selector), "empty selector is invalid for statefulset"));
  }
  const sel = selectorOrUndefined(spec.selector);
  const tp = child(path, "template");
  if (!sel) errs.push(invalid(child(path, "selector"), goLabelSelector(spec.selector), ""));
  else if (!isObj(spec.template)) errs.push(required(tp));
  else {
    if (!sel.empty() && !sel.matches(labelsOf(spec.template) ?? {})) errs.push(invalid(child(tp, "metadata", "labels"), labelsValue(spec.template), SELECTOR_MISMATCH));
    errs.push(...validateLabels(labelsOf(spec.template), child(tp, "labels")));
    errs.push(...validateAnnotations(spec.template.metadata?.annotations, child(tp, "annotations")));
  }
  const tspec: Obj = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
  if (tspec.restartPolicy !== "Always") errs.push(notSupported(child(tp, "spec", "restartPolicy"), tspec.restartPolicy ?? "", ["Always"]));
  if (tspec.activeDeadlineSeconds != null) errs.push(forbidden(child(tp, "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported"));
  return errs;
}

// mirrors ValidateDaemonSetSpec (+ ValidateDaemonSetUpdateStrategy / ValidateRollingUpdateDaemonSet)
function validateDaemonSetSpec(spec: Obj, path: string): FieldError[] {
  const errs = validateLabelSelector(spec.selector, false, child(path, "selector"));
  const sel = selectorOrUndefined(spec.selector);
  if (sel && !sel.matches(labelsOf(spec.template) ?? {})) errs.push(invalid(child(path, "template", "metadata", "labels"), labelsValue(spec.template), SELECTOR_MISMATCH));
  if (spec.selector != null && selectorTermCount(spec.selector) === 0) errs.push(invalid(child(path, "selector"), goLabelSelector(spec.selector), "empty selector is invalid for daemonset"));
  errs.push(...validatePodTemplateSpec(spec.template, child(path, "template")));
  const tspec: Obj = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
  if (tspec.restartPolicy !== "Always") errs.push(notSupported(child(path, "template", "spec", "restartPolicy"), tspec.restartPolicy ?? "", ["Always"]));
  if (tspec.activeDeadlineSeconds != null) errs.push(forbidden(child(path, "template", "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported"));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, child(path, "minReadySeconds")));
  const us: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const up = child(path, "updateStrategy");
  if (us.type === "RollingUpdate") {
    if (!isObj(us.rollingUpdate)) errs.push(required(child(up, "rollingUpdate")));
    else {
      const ru = us.rollingUpdate;
      const rp = child(up, "rollingUpdate");
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, "maxUnavailable")));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, "maxSurge")));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, "maxUnavailable")));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, child(rp, "maxSurge")));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(child(rp, "maxSurge"), intOrStringValue(ru.maxSurge), "may not be set when maxUnavailable is non-zero"));
      else if (!hasUnavailable && !hasSurge) errs.push(required(child(rp, "maxUnavailable"), "cannot be 0 when maxSurge is 0"));
    }
  } else if (us.type !== "OnDelete") {
    errs.push(notSupported(up, goStruct([["Type", us.type ?? ""], ["RollingUpdate", null]]), ["RollingUpdate", "OnDelete"]));
  }
  if (spec.revisionHistoryLimit != null) errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, child(path, "revisionHistoryLimit")));
  return errs;
}

const specOf = (o: Obj): Obj => (isObj(o.spec) ? o.spec : {});

// The strategies' ValidateUpdate for apps/v1: spec.selector may not change (BadValue: the new selector).
function selectorImmutable(next: Obj, old: Obj): FieldError[] {
  const n = specOf(next).selector;
  const o = specOf(old).selector;
  return semanticEqual(n ?? null, o ?? null) ? [] : validateImmutableField(n, o, "spec.selector", goLabelSelector(n));
}

export function validateDeployment(obj: Obj): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(specOf(obj), "spec")];
}
export function validateDeploymentUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, old.metadata), ...validateDeploymentSpec(specOf(next), "spec"), ...selectorImmutable(next, old)];
}

export function validateReplicaSet(obj: Obj): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(specOf(obj), "spec")];
}
export function validateReplicaSetUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, old.metadata), ...validateReplicaSetSpec(specOf(next), "spec"), ...selectorImmutable(next, old)];
}

// StatefulSet names are DNS labels: they become pod hostnames.
export function validateStatefulSet(obj: Obj): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSLabel), ...validateStatefulSetSpec(specOf(obj), "spec")];
}
// mirrors ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, PVC retention and minReadySeconds may change.
export function validateStatefulSetUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = [...validateObjectMetaUpdate(next.metadata, old.metadata), ...validateStatefulSetSpec(specOf(next), "spec")];
  const mutable = ["replicas", "template", "updateStrategy", "minReadySeconds", "ordinals", "persistentVolumeClaimRetentionPolicy"];
  const strip = (s: Obj): Obj => Object.fromEntries(Object.entries(s).filter(([k]) => !mutable.includes(k)));
  if (!semanticEqual(strip(specOf(next)), strip(specOf(old)))) {
    errs.push(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}

export function validateDaemonSet(obj: Obj): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(specOf(obj), "spec")];
}
export function validateDaemonSetUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, old.metadata), ...validateDaemonSetSpec(specOf(next), "spec"), ...selectorImmutable(next, old)];
}

