// The default-scheduler profile: the in-tree plugins in MultiPoint order with their default weights.
// Mirrors getDefaultPlugins (pkg/scheduler/apis/config/v1/default_plugins.go, v1.34). The volume plugins
// (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone), DynamicResources and DefaultBinder
// are not here: Kubelab has no volumes/DRA in the scheduler, and binding is the caller's API write.

import type { Snapshot } from "../cache";
import { Framework, type Profile } from "../framework/framework";
import type { EnqueueExtensions } from "../framework/types";
import type { PreemptionHandle } from "../preemption/prepareCandidate";
import { DefaultPreemption } from "./defaultPreemption";
import { ImageLocality } from "./imageLocality";
import { InterPodAffinity, type InterPodAffinityOptions } from "./interPodAffinity";
import { NodeAffinity } from "./nodeAffinity";
import { NodeName } from "./nodeName";
import { NodePorts } from "./nodePorts";
import { NodeResourcesBalancedAllocation } from "./nodeResourcesBalancedAllocation";
import { NodeResourcesFit } from "./nodeResourcesFit";
import { NodeUnschedulable } from "./nodeUnschedulable";
import { PodTopologySpread, type PodTopologySpreadOptions } from "./podTopologySpread";
import { PrioritySort } from "./prioritySort";
import { SchedulingGates } from "./schedulingGates";
import { TaintToleration } from "./taintToleration";
import { VolumeBinding, type VolumeLookups } from "./volumeBinding";

/** v1.DefaultSchedulerName. */
export const DefaultSchedulerName = "default-scheduler";

/** Default score weights (default_plugins.go). */
export const DefaultWeights = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
} as const;

export interface DefaultProfileOptions extends PodTopologySpreadOptions, InterPodAffinityOptions {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  /** PVC and StorageClass lookups for VolumeBinding (absent: the plugin is not in the profile). */
  volumes?: VolumeLookups;
  /** The API access DefaultPreemption uses to evict victims (absent: it only nominates). */
  preemption?: PreemptionHandle;
}

export function newDefaultProfile(snapshot: Snapshot, options: DefaultProfileOptions = {}): Profile {
  const schedulingGates = new SchedulingGates();
  const nodeUnschedulable = new NodeUnschedulable();
  const nodeName = new NodeName();
  const taintToleration = new TaintToleration();
  const nodeAffinity = new NodeAffinity();
  const nodePorts = new NodePorts();
  const fit = new NodeResourcesFit();
  const spread = new PodTopologySpread(snapshot, options);
  const interPodAffinity = new InterPodAffinity(snapshot, options);
  const balanced = new NodeResourcesBalancedAllocation();
  const imageLocality = new ImageLocality(snapshot);
  const volumeBinding = options.volumes ? new VolumeBinding(options.volumes) : undefined;
  const enqueue: EnqueueExtensions[] = [schedulingGates, nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, fit, ...(volumeBinding ? [volumeBinding] : []), spread, interPodAffinity];
  return {
    schedulerName: options.schedulerName ?? DefaultSchedulerName,
    preEnqueue: [schedulingGates],
    queueSort: new PrioritySort(),
    preFilter: [nodeAffinity, nodePorts, fit, ...(volumeBinding ? [volumeBinding] : []), spread, interPodAffinity],
    filter: [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, fit, ...(volumeBinding ? [volumeBinding] : []), spread, interPodAffinity],
    postFilter: [new DefaultPreemption(options.preemption)],
    preScore: [taintToleration, nodeAffinity, fit, spread, interPodAffinity, balanced],
    score: [
      { plugin: taintToleration, weight: DefaultWeights.TaintToleration },
      { plugin: nodeAffinity, weight: DefaultWeights.NodeAffinity },
      { plugin: fit, weight: DefaultWeights.NodeResourcesFit },
      { plugin: spread, weight: DefaultWeights.PodTopologySpread },
      { plugin: interPodAffinity, weight: DefaultWeights.InterPodAffinity },
      { plugin: balanced, weight: DefaultWeights.NodeResourcesBalancedAllocation },
      { plugin: imageLocality, weight: DefaultWeights.ImageLocality },
    ],
    enqueueExtensions: enqueue,
    percentageOfNodesToScore: options.percentageOfNodesToScore,
  };
}

export function newDefaultFramework(snapshot: Snapshot, options: DefaultProfileOptions = {}): Framework {
  return new Framework(newDefaultProfile(snapshot, options));
}
