// applyDefaults: what the API server's decoder does to every object it receives — the registered
// defaulting functions of the object's group/version (runtime.Scheme.Default, called by the codec on
// decode). It runs on create and update, before admission and validation.
import type { KubeObject } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultReplicationController, defaultStatefulSet } from "./apps";
import { defaultCronJob, defaultJob } from "./batch";
import {
  defaultEndpoints, defaultLimitRange, defaultNamespace, defaultNode, defaultPersistentVolume,
  defaultPersistentVolumeClaim, defaultResourceQuota, defaultSecret, defaultService,
} from "./core";
import { defaultHPAv1, defaultHPAv2, defaultNetworkPolicy, defaultPriorityClass, defaultStorageClass } from "./other";
import { defaultPodObjectSpec, defaultPodTemplate } from "./podSpec";

type Defaulter = (obj: Record<string, any>) => void;

function defaultPod(obj: Record<string, any>): void {
  if (obj.spec === null || typeof obj.spec !== "object") obj.spec = {};
  defaultPodObjectSpec(obj.spec);
}

function defaultPodTemplateObject(obj: Record<string, any>): void {
  defaultPodTemplate(obj.template);
}

/** Defaulters by "apiVersion/Kind": exactly the types upstream registers one for. */
const DEFAULTERS: ReadonlyMap<string, Defaulter> = new Map<string, Defaulter>([
  ["v1/Pod", defaultPod],
  ["v1/PodTemplate", defaultPodTemplateObject],
  ["v1/ReplicationController", defaultReplicationController],
  ["v1/Service", defaultService],
  ["v1/Namespace", defaultNamespace],
  ["v1/Secret", defaultSecret],
  ["v1/Node", defaultNode],
  ["v1/PersistentVolume", defaultPersistentVolume],
  ["v1/PersistentVolumeClaim", defaultPersistentVolumeClaim],
  ["v1/Endpoints", defaultEndpoints],
  ["v1/LimitRange", defaultLimitRange],
  ["v1/ResourceQuota", defaultResourceQuota],
  ["apps/v1/Deployment", defaultDeployment],
  ["apps/v1/ReplicaSet", defaultReplicaSet],
  ["apps/v1/StatefulSet", defaultStatefulSet],
  ["apps/v1/DaemonSet", defaultDaemonSet],
  ["batch/v1/Job", defaultJob],
  ["batch/v1/CronJob", defaultCronJob],
  ["autoscaling/v2/HorizontalPodAutoscaler", defaultHPAv2],
  ["autoscaling/v1/HorizontalPodAutoscaler", defaultHPAv1],
  ["networking.k8s.io/v1/NetworkPolicy", defaultNetworkPolicy],
  ["scheduling.k8s.io/v1/PriorityClass", defaultPriorityClass],
  ["storage.k8s.io/v1/StorageClass", defaultStorageClass],
]);

/** True when the API server applies defaults to this apiVersion/kind. */
export function hasDefaulter(apiVersion: string, kind: string): boolean {
  return DEFAULTERS.has(`${apiVersion}/${kind}`);
}

/**
 * Returns a defaulted copy of `obj`; the input is never mutated. Kinds without a registered defaulter
 * come back as an (unchanged) copy, so callers may always own the result.
 */
export function applyDefaults(obj: KubeObject): KubeObject {
  return applyDefaultsInPlace(deepCopy(obj));
}

/**
 * The same defaulting on an object the caller owns (the API server's request copy): copying it again for
 * every write was a measurable share of the write path.
 */
export function applyDefaultsInPlace(obj: KubeObject): KubeObject {
  const defaulter = DEFAULTERS.get(`${obj.apiVersion}/${obj.kind}`);
  if (defaulter) defaulter(obj as Record<string, any>);
  return obj;
}

export { canonicalQuantity } from "./resourceList";
export { defaultPullPolicy, parseImageName } from "./imageRef";
