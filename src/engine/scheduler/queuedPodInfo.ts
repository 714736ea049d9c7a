// QueuedPodInfo: a pod waiting in the scheduling queue, with its attempt history.
// Mirrors framework.QueuedPodInfo (pkg/scheduler/framework/types.go).

import type { PodInfo } from "./framework/podInfo";
import type { QueuedPodInfoLike } from "./framework/types";

export interface QueuedPodInfo extends QueuedPodInfoLike {
  podInfo: PodInfo;
  /** When the pod was added, or last came back from a failed attempt (simulated ms). */
  timestamp: number;
  seq: number;
  /** Scheduling attempts so far (incremented by pop). */
  attempts: number;
  /** When the pod first entered activeQ (for the scheduling SLI). */
  initialAttemptTimestamp?: number;
  /** Plugins that rejected the pod in the last attempt (or gate it); their events may requeue it. */
  unschedulablePlugins: Set<string>;
  /** Plugins that returned Pending (none of the default plugins does). */
  pendingPlugins: Set<string>;
  /** The PreEnqueue plugin keeping the pod out of activeQ, or "". */
  gatingPlugin: string;
  /** Cached backoff expiration, truncated to the 1s window; undefined = not computed yet. */
  backoffExpiration: number | undefined;
  unschedulableCount: number;
  consecutiveErrorsCount: number;
}
