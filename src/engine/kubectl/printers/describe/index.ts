// `kubectl describe` for the kinds Kubelab simulates: pods, deployments, replicasets and nodes.
export { describeDeployment, describeReplicaSet, podStatusForController, type DeploymentReplicaSets, type PodPhaseCounts } from "./workloads";
export { describeNode, podRequestsAndLimits } from "./node";
export { computePodQOS, describePod, getPodQOS } from "./pod";
export { describeEvents } from "./events";
export { describeProbe, describePodTemplate } from "./containers";
export { formatRFC1123Z, tabbedString, PrefixWriter } from "./prefixWriter";
export { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, podsForClaim } from "./storage";
export { describeHorizontalPodAutoscaler } from "./autoscaling";
export { describeConfigMap, describeLimitRange, describePriorityClass, describeResourceQuota, describeSecret } from "./config";
export { describeRole, describeRoleBinding, describeServiceAccount } from "./rbac";
export { describePodDisruptionBudget } from "./policy";
