// Serialization of JobStatus as the API returns it: fields in Go struct order (what `-o json` shows),
// omitempty counters and strings dropped, pointer fields (terminating, ready, failedIndexes,
// uncountedTerminatedPods) kept even when zero — a real Job shows `ready: 0` and
// `uncountedTerminatedPods: {}`. mirrors the json tags of JobStatus (api batch/v1/types.go).
import type { ApiClient } from "../../client/apiClient";
import type { Job, JobCondition, JobStatus } from "./jobTypes";

function orderedCondition(c: JobCondition): JobCondition {
  return {
    type: c.type,
    status: c.status,
    ...(c.lastProbeTime ? { lastProbeTime: c.lastProbeTime } : {}),
    ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  };
}

export function orderedJobStatus(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (s.conditions?.length) out.conditions = s.conditions.map(orderedCondition);
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.terminating !== undefined) out.terminating = s.terminating;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  if (s.failedIndexes !== undefined) out.failedIndexes = s.failedIndexes;
  if (s.uncountedTerminatedPods) {
    const u = s.uncountedTerminatedPods;
    out.uncountedTerminatedPods = {
      ...(u.succeeded?.length ? { succeeded: [...u.succeeded] } : {}),
      ...(u.failed?.length ? { failed: [...u.failed] } : {}),
    };
  }
  if (s.ready !== undefined) out.ready = s.ready;
  return out;
}

/** PUT /status with the Job's resourceVersion (a stale copy gets 409 Conflict). Returns the stored Job. */
// mirrors Controller.updateJobStatus
export function writeJobStatus(client: ApiClient, job: Job): Job {
  return client.updateStatus<Job>({ ...job, status: orderedJobStatus(job.status ?? {}) });
}
