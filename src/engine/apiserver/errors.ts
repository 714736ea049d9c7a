// ApiError is a metav1.Status failure as the API server returns it. kubectl prints it as
// `Error from server (<Reason>): <message>` (kubectl cmdutil.CheckErr → StandardErrorMessage).
// Constructors mirror k8s.io/apimachinery/pkg/api/errors (NewNotFound, NewAlreadyExists, NewConflict, ...).

export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "BadRequest"
  | "Forbidden"
  | "Gone"
  | "MethodNotAllowed"
  | "RequestEntityTooLarge"
  | "InternalError"
  | "ServiceUnavailable"
  | "TooManyRequests"
  | "Timeout";

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    /** Field paths behind an Invalid error, so a manifest error can point at its YAML line. */
    readonly fieldPaths: readonly string[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** kubectl's rendering of a server error. */
  toKubectl(): string {
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

/** `<resource>.<group>` as it appears in API messages ("deployments.apps", "pods"). */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function notFound(qr: string, name: string): ApiError {
  return new ApiError(404, "NotFound", `${qr} "${name}" not found`);
}

export function alreadyExists(qr: string, name: string): ApiError {
  return new ApiError(409, "AlreadyExists", `${qr} "${name}" already exists`);
}

/** errors.NewConflict with the registry's standard OptimisticLockErrorMsg. */
export function conflict(qr: string, name: string): ApiError {
  return new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qr} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, "BadRequest", message);
}

export function forbidden(qr: string, name: string, why: string): ApiError {
  return new ApiError(403, "Forbidden", `${qr} "${name}" is forbidden: ${why}`);
}

/** errors.NewGone for a watch or list from a compacted revision. */
export function gone(message: string): ApiError {
  return new ApiError(410, "Gone", message);
}

export function serviceUnavailable(message: string): ApiError {
  return new ApiError(503, "ServiceUnavailable", message);
}
