// Pod validation on create and update.
// mirrors validatePodMetadataAndSpec, ValidatePodCreate, ValidatePodUpdate, ValidateContainerUpdates and
// validateOnlyAddedTolerations (k/k pkg/apis/core/validation/validation.go, v1.34).
import { child, forbidden, index, invalid, required, type FieldError } from "./field";
import { nameIsDNSSubdomain, semanticEqual, validateObjectMeta, validateObjectMetaUpdate } from "./objectMeta";
import { validatePodSpec, validateTolerations } from "./podSpec";
import { podSpecDiff } from "./podDiff";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
const DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";
const MAX_INT32 = 2147483647;

/** The updatable fields, as the Forbidden message lists them (updatablePodSpecFields). */
const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

// mirrors ValidatePodSpecificAnnotations (mirror-pod nodeName and the deletion-cost integer)
function validatePodSpecificAnnotations(annotations: unknown, spec: Obj, path: string): FieldError[] {
  if (!isObj(annotations)) return [];
  const errs: FieldError[] = [];
  if (MIRROR_POD_ANNOTATION in annotations && !spec.nodeName) {
    errs.push(invalid(`${path}[${MIRROR_POD_ANNOTATION}]`, String(annotations[MIRROR_POD_ANNOTATION]), "must set spec.nodeName if mirror pod annotation is set"));
  }
  if (DELETION_COST_ANNOTATION in annotations) {
    const v = String(annotations[DELETION_COST_ANNOTATION]);
    const n = Number(v);
    if (!/^[+-]?\d+$/.test(v) || n < -2147483648 || n > MAX_INT32) {
      errs.push(invalid(`${path}[${DELETION_COST_ANNOTATION}]`, v, "must be a 32bit integer"));
    }
  }
  return errs;
}

// mirrors validatePodMetadataAndSpec
function validatePodMetadataAndSpec(pod: Obj): FieldError[] {
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, "metadata.annotations"));
  errs.push(...validatePodSpec(spec, "spec", { resourceIsPod: true }));
  if (!spec.serviceAccountName) {
    list(spec.volumes).forEach((v, vi) => {
      if (!isObj(v) || !isObj(v.projected)) return;
      list(v.projected.sources).forEach((src, si) => {
        if (isObj(src) && isObj(src.serviceAccountToken)) {
          errs.push(forbidden(child(index(child(index("spec.volumes", vi), "projected", "sources"), si), "serviceAccountToken"), "must not be specified when serviceAccountName is not set"));
        }
      });
    });
  }
  // Pods (not templates) reject an image with surrounding whitespace.
  for (const key of ["containers", "initContainers"]) {
    list(spec[key]).forEach((c, i) => {
      const image = isObj(c) && typeof c.image === "string" ? c.image : "";
      if (image.length !== image.trim().length) errs.push(invalid(child(index(`spec.${key}`, i), "image"), image, "must not have leading or trailing whitespace"));
    });
  }
  return errs;
}

// mirrors ValidatePodCreate
export function validatePodCreate(pod: Obj): FieldError[] {
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const errs = validatePodMetadataAndSpec(pod);
  if (list(spec.ephemeralContainers).length > 0) errs.push(forbidden("spec.ephemeralContainers", "cannot be set on create"));
  if (spec.nodeName && list(spec.schedulingGates).length > 0) {
    errs.push(forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
  }
  return errs;
}

// mirrors ValidateContainerUpdates: the second value says validation stops (containers added/removed).
function validateContainerUpdates(next: unknown, old: unknown, path: string): [FieldError[], boolean] {
  const n = list(next);
  if (n.length !== list(old).length) return [[forbidden(path, "pod updates may not add or remove containers")], true];
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = isObj(c) && typeof c.image === "string" ? c.image : "";
    if (image.length === 0) errs.push(required(child(index(path, i), "image")));
    if (image.trim().length !== image.length) errs.push(invalid(child(index(path, i), "image"), image, "must not have leading or trailing whitespace"));
  });
  return [errs, false];
}

// mirrors validateOnlyAddedTolerations: existing tolerations may only change their tolerationSeconds.
function validateOnlyAddedTolerations(next: unknown, old: unknown, path: string): FieldError[] {
  const nextList = list(next).filter(isObj);
  for (const o of list(old).filter(isObj)) {
    const found = nextList.some((t) => semanticEqual({ ...o, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return validateTolerations(next, path);
}

/** Validates a pod update; `next` already carries the stored status (PrepareForUpdate). */
// mirrors ValidatePodUpdate
export function validatePodUpdate(next: Obj, old: Obj): FieldError[] {
  const ns: Obj = isObj(next.spec) ? next.spec : {};
  const os: Obj = isObj(old.spec) ? old.spec : {};
  const errs = validateObjectMetaUpdate(next.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(next));

  let [cErrs, stop] = validateContainerUpdates(ns.containers, os.containers, "spec.containers");
  errs.push(...cErrs);
  if (stop) return errs;
  [cErrs, stop] = validateContainerUpdates(ns.initContainers, os.initContainers, "spec.initContainers");
  errs.push(...cErrs);
  if (stop) return errs;

  // activeDeadlineSeconds: may be set from nil, or lowered; never removed or raised.
  if (ns.activeDeadlineSeconds != null) {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > MAX_INT32) {
      errs.push(invalid("spec.activeDeadlineSeconds", v, `must be between 0 and ${MAX_INT32}, inclusive`));
      return errs;
    }
    if (os.activeDeadlineSeconds != null && os.activeDeadlineSeconds < v) {
      errs.push(invalid("spec.activeDeadlineSeconds", v, "must be less than or equal to previous value"));
      return errs;
    }
  } else if (os.activeDeadlineSeconds != null) {
    errs.push(invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations, os.tolerations, "spec.tolerations"));
  // Scheduling gates may only be removed.
  const oldGates = new Set(list(os.schedulingGates).map((g) => (isObj(g) ? g.name : undefined)));
  list(ns.schedulingGates).forEach((g, i) => {
    const name = isObj(g) ? String(g.name) : "";
    if (!oldGates.has(name)) errs.push(forbidden(child(index("spec.schedulingGates", i), "name"), `only deletion is allowed, but found new scheduling gate '${name}'`));
  });

  if (semanticEqual(ns, os)) return errs;
  // Munge the updatable fields back to their old values; whatever still differs is forbidden.
  const munged: Obj = { ...ns };
  munged.containers = list(ns.containers).map((c, i) => ({ ...(c as Obj), image: (list(os.containers)[i] as Obj | undefined)?.image }));
  if (ns.initContainers !== undefined || os.initContainers !== undefined) {
    munged.initContainers = list(ns.initContainers).map((c, i) => ({ ...(c as Obj), image: (list(os.initContainers)[i] as Obj | undefined)?.image }));
    if (ns.initContainers === undefined) delete munged.initContainers;
  }
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  if (typeof os.terminationGracePeriodSeconds === "number" && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if (!semanticEqual(munged, os)) {
    errs.push(forbidden("spec", `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${podSpecDiff(os, munged)}`));
  }
  return errs;
}
