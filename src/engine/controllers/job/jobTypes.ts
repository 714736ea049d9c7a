// batch/v1 Job and CronJob as the controllers read and write them (api batch/v1/types.go, v0.34), plus the
// well-known names (finalizer, annotations, condition reasons) the Job and CronJob controllers use.
import type { KubeObject, LabelSelector, ObjectReference, PodTemplateSpec } from "../../api/types";

export type PodFailurePolicyAction = "FailJob" | "FailIndex" | "Ignore" | "Count";

export interface PodFailurePolicyRule {
  action: PodFailurePolicyAction;
  onExitCodes?: { containerName?: string; operator: "In" | "NotIn"; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: { rules: PodFailurePolicyRule[] };
  successPolicy?: { rules: { succeededIndexes?: string; succeededCount?: number }[] };
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: "NonIndexed" | "Indexed";
  suspend?: boolean;
  podReplacementPolicy?: "TerminatingOrFailed" | "Failed";
  managedBy?: string;
}

export type JobConditionType = "Suspended" | "Complete" | "Failed" | "FailureTarget" | "SuccessCriteriaMet";

export interface JobCondition {
  type: JobConditionType;
  status: "True" | "False" | "Unknown";
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface UncountedTerminatedPods {
  succeeded?: string[];
  failed?: string[];
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: UncountedTerminatedPods;
  ready?: number;
}

export interface Job extends KubeObject {
  kind: "Job";
  spec: JobSpec;
  status?: JobStatus;
}

export interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
  suspend?: boolean;
  jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export interface CronJob extends KubeObject {
  kind: "CronJob";
  spec: CronJobSpec;
  status?: CronJobStatus;
}

/** Well-known keys (api batch/v1 types.go). */
export const BatchKeys = {
  /** JobTrackingFinalizer: a pod keeps it until the Job controller has counted it. */
  jobTrackingFinalizer: "batch.kubernetes.io/job-tracking",
  jobCompletionIndex: "batch.kubernetes.io/job-completion-index",
  jobIndexFailureCount: "batch.kubernetes.io/job-index-failure-count",
  jobIndexIgnoredFailureCount: "batch.kubernetes.io/job-index-ignored-failure-count",
  cronJobScheduledTimestamp: "batch.kubernetes.io/cronjob-scheduled-timestamp",
  /** JobControllerName: the value of spec.managedBy that means "this controller". */
  jobControllerName: "kubernetes.io/job-controller",
} as const;

/** JobReason* constants (api batch/v1 types.go). */
export const JobReason = {
  podFailurePolicy: "PodFailurePolicy",
  backoffLimitExceeded: "BackoffLimitExceeded",
  deadlineExceeded: "DeadlineExceeded",
  maxFailedIndexesExceeded: "MaxFailedIndexesExceeded",
  failedIndexes: "FailedIndexes",
  successPolicy: "SuccessPolicy",
  completionsReached: "CompletionsReached",
} as const;
