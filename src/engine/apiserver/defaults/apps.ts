// Defaulting of the apps/v1 workloads and the core/v1 ReplicationController.
// mirrors SetDefaults_Deployment, SetDefaults_ReplicaSet, SetDefaults_StatefulSet, SetDefaults_DaemonSet
// (k/k pkg/apis/apps/v1/defaults.go) and SetDefaults_ReplicationController (k/k pkg/apis/core/v1/defaults.go),
// each followed by its pod template's defaults as the generated SetObjectDefaults_* functions do.
// Mutates the object it is given.
import { defaultPersistentVolumeClaimSpec, defaultPodTemplate } from "./podSpec";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function specOf(obj: Obj): Obj {
  if (!isObj(obj.spec)) obj.spec = {};
  return obj.spec;
}

// mirrors SetDefaults_Deployment
export function defaultDeployment(obj: Obj): void {
  const spec = specOf(obj);
  if (spec.replicas == null) spec.replicas = 1;
  if (!isObj(spec.strategy)) spec.strategy = {};
  const strategy = spec.strategy;
  if (!strategy.type) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    if (strategy.rollingUpdate.maxUnavailable == null) strategy.rollingUpdate.maxUnavailable = "25%";
    if (strategy.rollingUpdate.maxSurge == null) strategy.rollingUpdate.maxSurge = "25%";
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds == null) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(spec.template);
}

// mirrors SetDefaults_ReplicaSet
export function defaultReplicaSet(obj: Obj): void {
  const spec = specOf(obj);
  if (spec.replicas == null) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

// mirrors SetDefaults_StatefulSet (StatefulSetAutoDeletePVC is GA; MaxUnavailableStatefulSet is off in v1.34)
export function defaultStatefulSet(obj: Obj): void {
  const spec = specOf(obj);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = "OrderedReady";
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy;
  if (!us.type) {
    us.type = "RollingUpdate";
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === "RollingUpdate" && isObj(us.rollingUpdate) && us.rollingUpdate.partition == null) {
    us.rollingUpdate.partition = 0;
  }
  if (!isObj(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (!retention.whenDeleted) retention.whenDeleted = "Retain";
  if (!retention.whenScaled) retention.whenScaled = "Retain";
  if (spec.replicas == null) spec.replicas = 1;
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
  // volumeClaimTemplates are PersistentVolumeClaims: SetDefaults_PersistentVolumeClaim gives them a
  // Pending phase and the spec its Filesystem volumeMode.
  if (Array.isArray(spec.volumeClaimTemplates)) {
    for (const pvc of spec.volumeClaimTemplates) {
      if (!isObj(pvc)) continue;
      if (!isObj(pvc.status)) pvc.status = {};
      if (!pvc.status.phase) pvc.status.phase = "Pending";
      if (!isObj(pvc.spec)) pvc.spec = {};
      defaultPersistentVolumeClaimSpec(pvc.spec);
    }
  }
}

// mirrors SetDefaults_DaemonSet
export function defaultDaemonSet(obj: Obj): void {
  const spec = specOf(obj);
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const us = spec.updateStrategy;
  if (!us.type) us.type = "RollingUpdate";
  if (us.type === "RollingUpdate") {
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
    if (us.rollingUpdate.maxUnavailable == null) us.rollingUpdate.maxUnavailable = 1;
    if (us.rollingUpdate.maxSurge == null) us.rollingUpdate.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
}

// mirrors SetDefaults_ReplicationController + the declarative `replicas` default (+default=1)
export function defaultReplicationController(obj: Obj): void {
  const spec = specOf(obj);
  const labels = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  if (isObj(labels)) {
    // Upstream aliases the template's map; a copy keeps the stored object a tree.
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    if (!isObj(obj.metadata)) obj.metadata = {};
    if (!isObj(obj.metadata.labels) || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...labels };
  }
  if (spec.replicas == null) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}
