// NamespaceLifecycle: nothing may be created in a namespace that does not exist or is being deleted.
// mirrors Lifecycle.Admit (apiserver pkg/admission/plugin/namespace/lifecycle/admission.go)
import type { KubeObject } from "../../api/types";
import { admissionForbidden, isNamespaced, notFoundError, type AdmissionContext } from "./context";

/** Throws the plugin's refusal, or returns when the request may go on. Never mutates. */
export function namespaceLifecycle(obj: KubeObject, ctx: AdmissionContext): void {
  // Namespaces themselves are always allowed; so are cluster-scoped kinds.
  if (obj.kind === "Namespace" && obj.apiVersion === "v1") return;
  if (!isNamespaced(obj)) return;
  const ns = obj.metadata?.namespace;
  if (!ns) return;

  const phase = ctx.namespaceExists(ns);
  // Refuse to operate on non-existent namespaces (create and update alike): the storage lookup's NotFound.
  if (phase === undefined) throw notFoundError("namespaces", ns);
  if (ctx.operation === "CREATE" && phase === "Terminating") {
    throw admissionForbidden(obj, `unable to create new content in namespace ${ns} because it is being terminated`);
  }
}
