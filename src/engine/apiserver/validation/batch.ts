// batch/v1 validation: Job and CronJob.
// mirrors validateGeneratedSelector, ValidateJob, ValidateJobSpec, validateJobSpec, ValidateJobUpdate,
// ValidateJobSpecUpdate, ValidateCronJobCreate/Update, validateCronJobSpec and ValidateJobTemplateSpec
// (k/k pkg/apis/batch/validation/validation.go, v1.34). Pod failure / success policy details are not modelled.
import { isDNS1123Label } from "../../apimachinery/validation";
import { JobLabels } from "../admission/createStrategy";
import { cronParseError } from "./cron";
import { child, invalid, key, notSupported, required, type FieldError } from "./field";
import { goLabelSelector } from "./goFormat";
import { selectorOrUndefined, validateLabelSelector } from "./labelSelector";
import { nameIsDNSSubdomain, semanticEqual, validateImmutableField, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from "./objectMeta";
import { validatePodTemplateSpec } from "./podSpec";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const specOf = (o: Obj): Obj => (isObj(o.spec) ? o.spec : {});
const labelsOf = (template: unknown): Obj | undefined =>
  isObj(template) && isObj(template.metadata) && isObj(template.metadata.labels) ? template.metadata.labels : undefined;

const MAX_PARALLELISM_INDEXED = 100000;

// mirrors ValidateHasLabel
function validateHasLabel(labels: Obj | undefined, path: string, k: string, expected: string): FieldError[] {
  const fp = key(child(path, "labels"), k);
  if (!labels || !(k in labels)) return [required(fp, `must be '${expected}'`)];
  if (labels[k] !== expected) return [invalid(fp, labels, `must be '${expected}'`)];
  return [];
}

// mirrors validateGeneratedSelector (RequirePrefixedLabels: always on create; on update only if the old Job had them)
function validateGeneratedSelector(job: Obj, requirePrefixed: boolean): FieldError[] {
  const spec = specOf(job);
  if (spec.manualSelector === true || spec.selector == null) return [];
  const uid = String(job.metadata?.uid ?? "");
  const name = String(job.metadata?.name ?? "");
  const errs: FieldError[] = [];
  if (!uid) errs.push(required("metadata.uid"));
  const labels = labelsOf(spec.template);
  const tmeta = "spec.template.metadata";
  errs.push(...validateHasLabel(labels, tmeta, JobLabels.legacyControllerUid, uid));
  errs.push(...validateHasLabel(labels, tmeta, JobLabels.legacyJobName, name));
  const expected: Record<string, string> = {};
  if (requirePrefixed) {
    errs.push(...validateHasLabel(labels, tmeta, JobLabels.controllerUid, uid));
    errs.push(...validateHasLabel(labels, tmeta, JobLabels.jobName, name));
    expected[JobLabels.controllerUid] = uid;
    expected[JobLabels.jobName] = name;
  }
  expected[JobLabels.legacyControllerUid] = uid;
  expected[JobLabels.legacyJobName] = name;
  const sel = selectorOrUndefined(spec.selector);
  if (sel && !sel.matches(expected)) errs.push(invalid("spec.selector", goLabelSelector(spec.selector), "`selector` not auto-generated"));
  return errs;
}

// mirrors validateJobSpec (the part shared with CronJob job templates)
function validateJobSpecCommon(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex"]) {
    if (spec[f] != null) errs.push(...validateNonnegativeField(spec[f], child(path, f)));
  }
  if (spec.maxFailedIndexes != null) {
    errs.push(...validateNonnegativeField(spec.maxFailedIndexes, child(path, "maxFailedIndexes")));
    if (spec.backoffLimitPerIndex == null) errs.push(required(child(path, "backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
  }
  const mode = spec.completionMode;
  if (mode != null) {
    if (mode !== "NonIndexed" && mode !== "Indexed") errs.push(notSupported(child(path, "completionMode"), mode, ["NonIndexed", "Indexed"]));
    if (mode === "Indexed") {
      if (spec.completions == null) errs.push(required(child(path, "completions"), "when completion mode is Indexed"));
      if (spec.parallelism != null && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(child(path, "parallelism"), spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
    }
  }
  if (mode == null || mode === "NonIndexed") {
    if (spec.backoffLimitPerIndex != null) errs.push(invalid(child(path, "backoffLimitPerIndex"), spec.backoffLimitPerIndex, "requires indexed completion mode"));
    if (spec.maxFailedIndexes != null) errs.push(invalid(child(path, "maxFailedIndexes"), spec.maxFailedIndexes, "requires indexed completion mode"));
  }
  if (spec.podReplacementPolicy != null) {
    if (isObj(spec.podFailurePolicy)) {
      if (spec.podReplacementPolicy !== "Failed") errs.push(notSupported(child(path, "podReplacementPolicy"), spec.podReplacementPolicy, ["Failed"]));
    } else if (spec.podReplacementPolicy !== "Failed" && spec.podReplacementPolicy !== "TerminatingOrFailed") {
      errs.push(notSupported(child(path, "podReplacementPolicy"), spec.podReplacementPolicy, ["Failed", "TerminatingOrFailed"]));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, child(path, "template")));
  // A Job's pods must stop: Always (also the PodSpec default) is refused.
  const rp = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec.restartPolicy : undefined;
  const rpPath = child(path, "template", "spec", "restartPolicy");
  if (rp === "Always" || !rp) errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== "OnFailure" && rp !== "Never") errs.push(notSupported(rpPath, rp, ["OnFailure", "Never"]));
  else if (isObj(spec.podFailurePolicy) && rp !== "Never") errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

// mirrors ValidateJobSpec
function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errs = validateJobSpecCommon(spec, path);
  if (spec.selector == null) errs.push(required(child(path, "selector")));
  else errs.push(...validateLabelSelector(spec.selector, false, child(path, "selector")));
  const sel = selectorOrUndefined(spec.selector);
  if (sel && !sel.matches(labelsOf(spec.template) ?? {})) {
    errs.push(invalid(child(path, "template", "metadata", "labels"), labelsOf(spec.template) ?? null, "`selector` does not match template `labels`"));
  }
  return errs;
}

// mirrors ValidateJob
function validateJobWith(job: Obj, requirePrefixed: boolean): FieldError[] {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job, requirePrefixed));
  const spec = specOf(job);
  errs.push(...validateJobSpec(spec, "spec"));
  if (spec.completionMode === "Indexed" && typeof spec.completions === "number" && spec.completions > 0) {
    // Pod hostnames get a -<index> suffix; the longest must still be a DNS label.
    const host = `${job.metadata?.name ?? ""}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length > 0) errs.push(invalid("metadata.name", job.metadata?.name ?? "", `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

export function validateJob(job: Obj): FieldError[] {
  return validateJobWith(job, true);
}

// mirrors ValidateJobUpdate → ValidateJobSpecUpdate (+ the strategy's ValidateJob of the new object)
export function validateJobUpdate(next: Obj, old: Obj): FieldError[] {
  const oldLabels = labelsOf(specOf(old).template) ?? {};
  const requirePrefixed = JobLabels.jobName in oldLabels && JobLabels.controllerUid in oldLabels;
  const ns = specOf(next);
  const os = specOf(old);
  const errs = validateJobWith(next, requirePrefixed);
  errs.push(...validateObjectMetaUpdate(next.metadata, old.metadata));
  errs.push(...validateJobSpec(ns, "spec"));
  // completions: immutable, except for Indexed Jobs scaled in tandem with parallelism (ElasticIndexedJob, GA).
  if (ns.completionMode === "Indexed") {
    if (!semanticEqual(ns.completions ?? null, os.completions ?? null) && ns.completions != null && ns.completions !== ns.parallelism) {
      errs.push(invalid("spec.completions", ns.completions, "can only be modified in tandem with spec.parallelism"));
    }
  } else errs.push(...validateImmutableField(ns.completions ?? null, os.completions ?? null, "spec.completions"));
  errs.push(...validateImmutableField(ns.selector ?? null, os.selector ?? null, "spec.selector", goLabelSelector(ns.selector)));
  // The template is immutable, except scheduling directives of a suspended Job that never started.
  const mutableScheduling = os.suspend === true && !(isObj(old.status) && old.status.startTime);
  let oldTemplate: Obj = isObj(os.template) ? os.template : {};
  if (mutableScheduling && isObj(ns.template)) {
    const nt = ns.template;
    oldTemplate = {
      ...oldTemplate,
      metadata: { ...(oldTemplate.metadata ?? {}), labels: nt.metadata?.labels, annotations: nt.metadata?.annotations },
      spec: {
        ...(oldTemplate.spec ?? {}),
        nodeSelector: nt.spec?.nodeSelector, tolerations: nt.spec?.tolerations, schedulingGates: nt.spec?.schedulingGates,
        affinity: nt.spec?.affinity ? { ...(oldTemplate.spec?.affinity ?? {}), nodeAffinity: nt.spec.affinity.nodeAffinity } : oldTemplate.spec?.affinity,
      },
    };
  }
  errs.push(...validateImmutableField(ns.template, oldTemplate, "spec.template"));
  for (const f of ["completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"]) {
    errs.push(...validateImmutableField(ns[f] ?? null, os[f] ?? null, child("spec", f)));
  }
  return errs;
}

// mirrors validateCronJobSpec + ValidateJobTemplateSpec
function validateCronJobSpec(spec: Obj, oldSpec: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = typeof spec.schedule === "string" ? spec.schedule : "";
  if (!schedule) errs.push(required("spec.schedule"));
  else {
    const err = cronParseError(schedule);
    if (err) errs.push(invalid("spec.schedule", schedule, err));
    const allowTZ = typeof oldSpec?.schedule === "string" && oldSpec.schedule.includes("TZ");
    if (allowTZ && schedule.includes("TZ") && spec.timeZone != null) errs.push(invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
    else if (!allowTZ && schedule.includes("TZ")) errs.push(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  if (spec.startingDeadlineSeconds != null) errs.push(...validateNonnegativeField(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  if (spec.timeZone != null && (oldSpec === undefined || oldSpec.timeZone !== spec.timeZone)) {
    if (spec.timeZone === "") errs.push(invalid("spec.timeZone", "", "timeZone must be nil or non-empty string"));
    else if (String(spec.timeZone).toLowerCase() === "local") {
      errs.push(invalid("spec.timeZone", spec.timeZone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    }
  }
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required("spec.concurrencyPolicy"));
  else if (!["Allow", "Forbid", "Replace"].includes(cp)) errs.push(notSupported("spec.concurrencyPolicy", cp, ["Allow", "Forbid", "Replace"]));
  const jt: Obj = isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
  errs.push(...validateJobSpecCommon(jt, "spec.jobTemplate.spec"));
  if (jt.selector != null) errs.push(invalid("spec.jobTemplate.spec.selector", goLabelSelector(jt.selector), "`selector` will be auto-generated"));
  if (jt.manualSelector === true) errs.push(notSupported("spec.jobTemplate.spec.manualSelector", true, ["nil", "false"]));
  for (const f of ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"]) {
    if (spec[f] != null) errs.push(...validateNonnegativeField(spec[f], child("spec", f)));
  }
  return errs;
}

// mirrors ValidateCronJobCreate: names get an 11-character suffix per Job, so at most 52 characters.
export function validateCronJob(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateCronJobSpec(specOf(obj), undefined));
  const name = String(obj.metadata?.name ?? "");
  if (name.length > 52) errs.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  return errs;
}

export function validateCronJobUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, old.metadata), ...validateCronJobSpec(specOf(next), specOf(old))];
}
