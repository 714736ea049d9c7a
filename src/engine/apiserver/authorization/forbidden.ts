// The 403 an unauthorized request gets, worded as kube-apiserver words it:
//   pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"
//   nodes "node-1" is forbidden: User "jane" cannot get resource "nodes" in API group "" at the cluster scope
// mirrors forbiddenMessage and Forbidden (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go)
// and errors.NewForbidden (apimachinery pkg/api/errors).
import { ApiError, qualifiedResource } from "../errors";
import type { Attributes } from "./types";

export function forbiddenMessage(a: Attributes): string {
  const user = a.user.name;
  if (!a.resourceRequest) return `User ${JSON.stringify(user)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource === "" ? a.resource : `${a.resource}/${a.subresource}`;
  const what = `User ${JSON.stringify(user)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)}`;
  return a.namespace === "" ? `${what} at the cluster scope` : `${what} in the namespace ${JSON.stringify(a.namespace)}`;
}

/** NewForbidden(GroupResource{group, resource}, name, errors.New(forbiddenMessage + ": " + reason)). */
export function forbiddenError(a: Attributes, reason: string): ApiError {
  const msg = reason === "" ? forbiddenMessage(a) : `${forbiddenMessage(a)}: ${reason}`;
  const gr = qualifiedResource(a.resource, a.apiGroup);
  if (!a.resourceRequest) return new ApiError(403, "Forbidden", `forbidden: ${msg}`);
  const subject = a.name === "" ? `${gr} is forbidden` : `${gr} ${JSON.stringify(a.name)} is forbidden`;
  return new ApiError(403, "Forbidden", `${subject}: ${msg}`);
}
