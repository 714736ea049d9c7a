// Test support: a bare kernel (no controllers) whose API server runs the Node,RBAC chain with the
// bootstrap policy in place, plus shorthands for the RBAC objects tests create.
import type { KubeObject } from "../../../api/types";
import { admissionHooks } from "../../../sim/admissionHooks";
import { namespaceObject, SYSTEM_NAMESPACES } from "../../../sim/bootstrap";
import { newKernel, type Kernel } from "../../../testing/kernel";
import type { ApiAuthorizer } from "../authorizer";
import { installAuthorization } from "../install";
import type { PolicyRule, Subject } from "../types";

export interface RbacKernel extends Kernel {
  authz: ApiAuthorizer;
}

export function newRbacKernel(): RbacKernel {
  const k = newKernel({ freeze: true });
  k.api.hooks = admissionHooks(k.store, k.random);
  for (const ns of SYSTEM_NAMESPACES) k.api.create("system:apiserver", namespaceObject(ns));
  const authz = installAuthorization(k.api, k.clock, k.events);
  k.advance(0);
  return Object.assign(k, { authz });
}

export function roleObject(name: string, namespace: string | undefined, rules: PolicyRule[]): KubeObject {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: namespace ? "Role" : "ClusterRole",
    metadata: { name, ...(namespace ? { namespace } : {}) },
    rules,
  } as unknown as KubeObject;
}

export function bindingObject(name: string, namespace: string | undefined, role: { kind: "Role" | "ClusterRole"; name: string }, subjects: Subject[]): KubeObject {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: namespace ? "RoleBinding" : "ClusterRoleBinding",
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", ...role },
    subjects,
  } as unknown as KubeObject;
}

export const user = (name: string): Subject => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name });
export const group = (name: string): Subject => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name });
