// Defaulting of batch/v1 Job and CronJob.
// mirrors SetDefaults_Job and SetDefaults_CronJob (k/k pkg/apis/batch/v1/defaults.go, v1.34: JobPodReplacementPolicy
// and JobBackoffLimitPerIndex are on) and the generated SetObjectDefaults_Job/CronJob, which also default the
// pod template and each podFailurePolicy onPodConditions pattern. Mutates the object it is given.
import { defaultPodTemplate } from "./podSpec";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** math.MaxInt32: backoffLimit when only backoffLimitPerIndex bounds retries. */
const MAX_INT32 = 2147483647;

// mirrors SetDefaults_Job on a JobSpec (+ SetDefaults_PodFailurePolicyOnPodConditionsPattern)
function defaultJobSpec(spec: Obj): void {
  // A non-parallel job may leave both unset: both become 1. Parallelism alone also defaults to 1.
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  if (!spec.completionMode) spec.completionMode = "NonIndexed";
  if (spec.suspend == null) spec.suspend = false;
  if (isObj(spec.podFailurePolicy) && Array.isArray(spec.podFailurePolicy.rules)) {
    for (const rule of spec.podFailurePolicy.rules) {
      if (!isObj(rule) || !Array.isArray(rule.onPodConditions)) continue;
      for (const pattern of rule.onPodConditions) if (isObj(pattern) && !pattern.status) pattern.status = "True";
    }
  }
  if (spec.podReplacementPolicy == null) {
    spec.podReplacementPolicy = isObj(spec.podFailurePolicy) ? "Failed" : "TerminatingOrFailed";
  }
  if (spec.manualSelector == null) spec.manualSelector = false;
  defaultPodTemplate(spec.template);
}

// mirrors SetDefaults_Job
export function defaultJob(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {};
  defaultJobSpec(obj.spec);
  // A Job without labels takes its template's (a copy here; upstream shares the map).
  const tmplLabels = isObj(obj.spec.template) && isObj(obj.spec.template.metadata) ? obj.spec.template.metadata.labels : undefined;
  if (isObj(tmplLabels)) {
    if (!isObj(obj.metadata)) obj.metadata = {};
    if (!isObj(obj.metadata.labels) || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...tmplLabels };
  }
}

// mirrors SetDefaults_CronJob; the job template only gets pod-template defaults (JobTemplateSpec is no Job).
export function defaultCronJob(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = "Allow";
  if (spec.suspend == null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit == null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit == null) spec.failedJobsHistoryLimit = 1;
  if (isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec)) defaultPodTemplate(spec.jobTemplate.spec.template);
}
