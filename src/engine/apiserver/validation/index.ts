// validateCreate / validateUpdate: the registry strategies' Validate and ValidateUpdate for each kind,
// turned into the 422 Invalid error the API server returns (errors.NewInvalid).
//
// Runs after defaulting, admission and PrepareForCreate/PrepareForUpdate, on the object about to be stored
// (a generated name is already filled in). Kinds without a dedicated validator get the generic
// ObjectMeta checks every strategy performs.
import type { KubeObject } from "../../api/types";
import { resourceTypeForKind, type ResourceType } from "../../api/registry";
import { validateDaemonSet, validateDaemonSetUpdate, validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateStatefulSet, validateStatefulSetUpdate } from "./apps";
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from "./batch";
import {
  validateConfigMap, validateConfigMapUpdate, validateNamespace, validateNamespaceUpdate, validateNode, validateNodeUpdate,
  validateReplicationController, validateReplicationControllerUpdate, validateSecret, validateSecretUpdate,
} from "./core";
import type { FieldError } from "./field";
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate, type NameFn } from "./objectMeta";
import { validatePodCreate, validatePodUpdate } from "./pod";
import { validateService, validateServiceUpdate } from "./service";
import { newInvalid, type ValidationFailure } from "./status";

type Obj = Record<string, any>;
type CreateFn = (obj: Obj) => FieldError[];
type UpdateFn = (next: Obj, old: Obj) => FieldError[];

const VALIDATORS_BY_VERSION_KIND: readonly (readonly [string, string, CreateFn, UpdateFn])[] = [
  ["v1", "Pod", validatePodCreate, validatePodUpdate],
  ["v1", "ReplicationController", validateReplicationController, validateReplicationControllerUpdate],
  ["v1", "Namespace", validateNamespace, validateNamespaceUpdate],
  ["v1", "Node", validateNode, validateNodeUpdate],
  ["v1", "Service", validateService, validateServiceUpdate],
  ["v1", "ConfigMap", validateConfigMap, validateConfigMapUpdate],
  ["v1", "Secret", validateSecret, validateSecretUpdate],
  ["apps/v1", "Deployment", validateDeployment, validateDeploymentUpdate],
  ["apps/v1", "ReplicaSet", validateReplicaSet, validateReplicaSetUpdate],
  ["apps/v1", "StatefulSet", validateStatefulSet, validateStatefulSetUpdate],
  ["apps/v1", "DaemonSet", validateDaemonSet, validateDaemonSetUpdate],
  ["batch/v1", "Job", validateJob, validateJobUpdate],
  ["batch/v1", "CronJob", validateCronJob, validateCronJobUpdate],
];

/** The kinds with a dedicated validator, by resolved type: one map lookup per request, no key string. */
const VALIDATORS = new Map<ResourceType, readonly [CreateFn, UpdateFn]>();
for (const [apiVersion, kind, create, update] of VALIDATORS_BY_VERSION_KIND) VALIDATORS.set(resourceTypeForKind(apiVersion, kind)!, [create, update]);

// mirrors path.IsValidPathSegmentName (apimachinery pkg/api/validation/path), the RBAC name rule.
const pathSegmentName: NameFn = (name, prefix) => {
  const errs: string[] = [];
  if (!prefix && (name === "." || name === "..")) errs.push(`may not be '${name}'`);
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

/** Name rule of the generic kinds: DNS subdomain, except RBAC objects (path segments such as "system:node"). */
function genericNameFn(apiVersion: string): NameFn {
  return apiVersion.startsWith("rbac.authorization.k8s.io/") ? pathSegmentName : nameIsDNSSubdomain;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

function fail(obj: KubeObject, errs: FieldError[]): ValidationFailure | undefined {
  if (errs.length === 0) return undefined;
  return newInvalid(obj.kind, groupOf(obj.apiVersion), obj.metadata?.name ?? "", errs);
}

/** Validates an object being created; undefined when it is valid. */
export function validateCreate(obj: KubeObject): ValidationFailure | undefined {
  const rt = resourceTypeForKind(obj.apiVersion, obj.kind);
  const v = rt && VALIDATORS.get(rt);
  if (v) return fail(obj, v[0](obj as Obj));
  const namespaced = rt?.namespaced ?? true;
  return fail(obj, validateObjectMeta(obj.metadata, namespaced, genericNameFn(obj.apiVersion)));
}

/** Validates an update of `oldObj` into `newObj` (the main resource; status updates are not validated here). */
export function validateUpdate(newObj: KubeObject, oldObj: KubeObject): ValidationFailure | undefined {
  const rt = resourceTypeForKind(newObj.apiVersion, newObj.kind);
  const v = rt && VALIDATORS.get(rt);
  if (v) return fail(newObj, v[1](newObj as Obj, oldObj as Obj));
  return fail(newObj, validateObjectMetaUpdate(newObj.metadata, oldObj.metadata));
}

export type { FieldError, ErrorType } from "./field";
export { InvalidError, newInvalid, type ValidationFailure, type StatusCause } from "./status";
