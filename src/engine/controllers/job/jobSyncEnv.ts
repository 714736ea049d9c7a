// JobSyncEnv: the parts of the Job controller that its sync steps (manageJob, status tracking) use,
// passed explicitly so each step lives in its own file as a plain function.
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { ControllerExpectations } from "../replicaset/expectations";
import type { BackoffStore } from "./backoffUtils";
import type { Job } from "./jobTypes";
import type { PodControl } from "./podControl";
import type { UIDTrackingExpectations } from "./trackingUtils";

export interface JobSyncEnv {
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly podControl: PodControl;
  readonly expectations: ControllerExpectations;
  readonly finalizerExpectations: UIDTrackingExpectations;
  readonly backoffStore: BackoffStore;
  /** Simulated time (for expectations' TTL). */
  now(): number;
  /** Unix ms (for timestamps and backoff arithmetic). */
  nowAbs(): number;
  /** metav1.Now() as the API serializes it. */
  nowTime(): string;
  /** enqueueSyncJobWithDelay: never sooner than the 1s batching period. */
  enqueueSyncJobWithDelay(job: Job, delayMs: number): void;
}

/** MaxUncountedPods, MaxPodCreateDeletePerSync (job_controller.go). */
export const JobLimits = {
  maxUncountedPods: 500,
  maxPodCreateDeletePerSync: 500,
  /** syncJobBatchPeriod: pod events and status updates are batched for 1s. */
  syncJobBatchPeriodMs: 1000,
  /** SlowStartInitialBatchSize (controller_utils.go). */
  slowStartInitialBatchSize: 1,
} as const;

/** "namespace/name", the Job's queue key. */
export function jobKeyOf(job: Job): string {
  return `${job.metadata.namespace ?? "default"}/${job.metadata.name}`;
}
