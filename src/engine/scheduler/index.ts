// kube-scheduler's decision logic as a library: the cache/snapshot, the default framework and plugins,
// one scheduling attempt (with preemption), the FitError text, and the scheduling queue. Informers,
// the Binding call, events and status patches are the caller's (the engine's kube-scheduler component).

export { SchedulerCache, type Snapshot } from "./cache";
export { buildDecision, explainNode, type NodeExplanation, type SchedulingDecision } from "./decision";
export {
  EventAssignedPodAdd,
  EventAssignedPodDelete,
  EventNodeAdd,
  EventNodeDelete,
  EventUnschedulableTimeout,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
} from "./events";
export { type Diagnosis, ErrNoNodesAvailable, FitError } from "./fitError";
export { Framework, NodeToStatus, type Profile } from "./framework/framework";
export { NodeInfo } from "./framework/nodeInfo";
export { PodInfo } from "./framework/podInfo";
export { CycleState, MaxNodeScore, type Status } from "./framework/types";
export { Nominator, type NominatingInfo } from "./nominator";
export type { DefaultSelectorInputs } from "./plugins/podTopologySpreadCommon";
export { DefaultSchedulerName, DefaultWeights, newDefaultFramework, newDefaultProfile, type DefaultProfileOptions } from "./plugins/registry";
export {
  findMatchingUntoleratedTaint,
  isDoNotScheduleTaint,
  toleratesTaint,
  tolerationsTolerateTaint,
} from "./plugins/taintToleration";
export { numFeasibleNodesToFind, type ScheduleContext, type ScheduleOutcome, scheduleOne, schedulePod, selectHost, type SchedulerState } from "./scheduleOne";
export {
  calculateBackoffDuration,
  DefaultPodInitialBackoffDuration,
  DefaultPodMaxBackoffDuration,
  DefaultPodMaxInUnschedulablePodsDuration,
  type QueuedPodInfo,
  SchedulingQueue,
  type SchedulingQueueOptions,
  UnschedulablePodsFlushPeriod,
} from "./schedulingQueue";
