// The errors chaos makes components and kubectl see, in upstream's wording.
//
// etcd without quorum: etcd answers proposals and linearizable reads with ErrTimeout
// ("etcdserver: request timed out", etcd server/etcdserver/errors.go). kube-apiserver does not map it to a
// metav1.Status, so ErrorToAPIStatus (apiserver endpoints/handlers/responsewriters/status.go) answers 500
// with reason "" (StatusReasonUnknown) and kubectl's StandardErrorMessage prints
// `Error from server: etcdserver: request timed out`. A create in a namespace fails earlier, in the
// ResourceQuota admission plugin, whose live lookup of the namespace's quotas hits etcd too; its error is
// wrapped by admission.NewForbidden: `Error from server (Forbidden): pods "x" is forbidden: etcdserver:
// request timed out`. (Both seen on a kubeadm cluster with 2 of 3 members gone, kubernetes/kubeadm#3095.)
import type { ResourceType } from "../../api/registry";
import { ApiError, qualifiedResource, type StatusReason } from "../../apiserver/errors";

export const ETCD_TIMEOUT = "etcdserver: request timed out";

/** A status error with an empty reason (StatusReasonUnknown): kubectl prints "Error from server: msg". */
export class UnknownStatusError extends ApiError {
  constructor(code: number, message: string) {
    super(code, "" as StatusReason, message);
  }

  override toKubectl(): string {
    return `Error from server: ${this.message}`;
  }
}

/** What the API server answers while etcd has no quorum. */
export function etcdUnavailable(verb: string, rt: ResourceType, namespace: string | undefined, name: string | undefined, subresource?: string): ApiError {
  const namespaceCreation = rt.kind === "Namespace";
  if (verb === "create" && rt.namespaced && namespace && !subresource && !namespaceCreation) {
    // admission.NewForbidden → errors.NewForbidden(resource, name, err); a generateName-only object is
    // named after its generateName prefix (extractResourceName).
    return new ApiError(403, "Forbidden", `${qualifiedResource(rt.resource, rt.group)} "${name ?? ""}" is forbidden: ${ETCD_TIMEOUT}`);
  }
  return new UnknownStatusError(500, ETCD_TIMEOUT);
}

/**
 * A component cut off from the API server by a network partition: client-go's dial error. The request
 * never arrives, so there is no audit entry and no HTTP status; 503 keeps it a "cluster behaviour" error
 * for the components' error reporting.
 */
export class NetworkError extends ApiError {
  constructor(apiHost: string) {
    super(503, "ServiceUnavailable", `dial tcp ${apiHost}:6443: i/o timeout`);
    this.name = "NetworkError";
  }

  override toKubectl(): string {
    return `Unable to connect to the server: ${this.message}`;
  }
}
