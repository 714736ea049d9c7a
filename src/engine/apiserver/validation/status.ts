// The 422 Invalid error a failed validation becomes, and the two ways it reads:
// - the server's Status.message: `Deployment.apps "nginx" is invalid: [a, b]`
//   (errors.NewInvalid + field.ErrorList.ToAggregate, apimachinery pkg/api/errors/errors.go);
// - what kubectl prints from the Status details: `The Deployment "nginx" is invalid: a`, or for several
//   causes a header line and one "* cause" line each (checkErr + MultilineError, kubectl pkg/cmd/util/helpers.go).
import { ApiError } from "../errors";
import { dedupe, errorString, type FieldError } from "./field";

export interface StatusCause {
  /** The field error's type ("FieldValueInvalid"). */
  reason: string;
  message: string;
  field: string;
}

/** An ApiError 422/Invalid that also knows its causes and kubectl's wording. */
export class InvalidError extends ApiError {
  constructor(
    readonly kind: string,
    readonly group: string,
    readonly objectName: string,
    readonly errors: readonly FieldError[],
    readonly kubectlMessage: string,
    statusMessage: string,
  ) {
    super(422, "Invalid", statusMessage, errors.map((e) => e.field));
  }

  /** metav1.StatusDetails.causes */
  get causes(): StatusCause[] {
    return this.errors.map((e) => ({ reason: e.type, message: e.message, field: e.field }));
  }

  /** kubectl prints Invalid errors from the status details, not as "Error from server (Invalid): …". */
  override toKubectl(): string {
    return this.kubectlMessage;
  }
}

export interface ValidationFailure {
  /** Upstream's ErrorList, in upstream order (after ToAggregate's de-duplication). */
  errors: FieldError[];
  /** What `kubectl apply/create` prints (no trailing newline). */
  message: string;
  /** metav1.Status.message as the API server returns it. */
  statusMessage: string;
  /** The same failure, ready to throw from the request path. */
  error: InvalidError;
}

// mirrors utilerrors.aggregate.Error: one error bare, several in brackets joined by ", ".
function aggregateText(errs: readonly FieldError[]): string {
  const texts = errs.map(errorString);
  return texts.length === 1 ? (texts[0] as string) : `[${texts.join(", ")}]`;
}

// mirrors kubectl statusCausesToAggrError + MultilineError
function kubectlText(kind: string, name: string, errs: readonly FieldError[]): string {
  const head = kind || name ? `The ${kind} "${name}" is invalid` : "The request is invalid";
  // Causes are de-duplicated again on "<field>: <message>", which is errorString.
  const lines = dedupe(errs).map(errorString);
  if (lines.length === 0) return head;
  if (lines.length === 1) return `${head}: ${lines[0]}`;
  return `${head}: \n${lines.map((l) => `* ${l}`).join("\n")}`;
}

/**
 * Builds the failure for `kind` (e.g. "Deployment") in API `group` ("apps", "" for core) named `name`.
 * Returns undefined for an empty list.
 */
// mirrors errors.NewInvalid
export function newInvalid(kind: string, group: string, name: string, list: readonly FieldError[]): ValidationFailure | undefined {
  if (list.length === 0) return undefined;
  const errors = dedupe(list);
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const statusMessage = `${qualifiedKind} "${name}" is invalid: ${aggregateText(errors)}`;
  const message = kubectlText(kind, name, errors);
  return { errors, message, statusMessage, error: new InvalidError(kind, group, name, errors, message, statusMessage) };
}
