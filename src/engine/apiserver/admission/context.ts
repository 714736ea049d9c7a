// What admission plugins may ask of the cluster, and how they refuse a request.
import type { KubeObject } from "../../api/types";
import { resourceTypeForKind } from "../../api/registry";
import { ApiError, qualifiedResource } from "../errors";

export type AdmissionOperation = "CREATE" | "UPDATE";

/** A PriorityClass as the Priority plugin reads it (scheduling/v1 PriorityClass). */
export interface PriorityClassInfo {
  name: string;
  value: number;
  /** Defaulted to PreemptLowerPriority by the PriorityClass defaulter when unset. */
  preemptionPolicy?: string;
}

/** A ServiceAccount as the ServiceAccount plugin reads it. */
export interface ServiceAccountInfo {
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name: string }[];
}

/**
 * The informer-backed lookups the plugins need. The three required members are the brief's contract;
 * the optional ones switch on more faithful behaviour when the cluster can answer them.
 */
export interface AdmissionContext {
  operation: AdmissionOperation;
  /** Phase of a namespace, or undefined when it does not exist. */
  namespaceExists(ns: string): "Active" | "Terminating" | undefined;
  /** Value of a PriorityClass, or undefined when there is none with that name. */
  priorityClassValue(name: string): number | undefined;
  /** The stored object, for UPDATE (the Priority plugin keeps its priority). */
  oldObject?: KubeObject;
  /** preemptionPolicy of a PriorityClass (default PreemptLowerPriority). */
  priorityClassPreemptionPolicy?(name: string): string | undefined;
  /** The globalDefault PriorityClass with the lowest value, if any. */
  defaultPriorityClass?(): PriorityClassInfo | undefined;
  /**
   * A ServiceAccount, or undefined when missing. When absent from the context every service account is
   * assumed to exist (the simulation may not model the serviceaccount controller).
   */
  serviceAccount?(namespace: string, name: string): ServiceAccountInfo | undefined;
  /** Seeded randomness for the kube-api-access-<5 chars> token volume; without it no volume is added. */
  random?: () => number;
  /** DefaultStorageClass: the name of the default StorageClass (GetDefaultClass), if there is one. */
  defaultStorageClass?(): string | undefined;
  /** LimitRanger: the LimitRanges of a namespace (absent: the plugin admits everything). */
  limitRanges?(namespace: string): KubeObject[];
  /** ResourceQuota: the ResourceQuotas of a namespace as stored (absent: the plugin admits everything). */
  resourceQuotas?(namespace: string): KubeObject[];
  /** ResourceQuota: persists a quota whose status.used the plugin charged (before the object is stored). */
  updateQuotaStatus?(quota: KubeObject): void;
  /** Absolute time (Unix ms): the quota's check of pods past their deletion grace period. */
  now?(): number;
}

/** `<resource>[.<group>]` of an object, as admission errors name it ("pods", "deployments.apps"). */
export function qualifiedResourceOf(obj: KubeObject): string {
  const rt = resourceTypeForKind(obj.apiVersion, obj.kind);
  if (!rt) return obj.kind.toLowerCase() + "s";
  return qualifiedResource(rt.resource, rt.group);
}

/** True when the kind lives in namespaces (unknown kinds are treated as namespaced). */
export function isNamespaced(obj: KubeObject): boolean {
  return resourceTypeForKind(obj.apiVersion, obj.kind)?.namespaced ?? true;
}

/**
 * A 403 naming the object the way admission does before name generation: its name, else its
 * generateName, else "Unknown".
 */
// mirrors admission.NewForbidden + extractResourceName (apiserver pkg/admission/errors.go)
// and errors.NewForbidden (apimachinery pkg/api/errors/errors.go)
export function admissionForbidden(obj: KubeObject, err: string): ApiError {
  const name = obj.metadata?.name || obj.metadata?.generateName || "Unknown";
  return new ApiError(403, "Forbidden", `${qualifiedResourceOf(obj)} "${name}" is forbidden: ${err}`);
}

// mirrors errors.NewNotFound
export function notFoundError(qualifiedRes: string, name: string): ApiError {
  return new ApiError(404, "NotFound", `${qualifiedRes} "${name}" not found`);
}
