// ManifestError: one refusal of (part of) a manifest file, worded exactly as kubectl prints it, plus
// where in the file it is. The kubectl text always comes first and verbatim; Kubelab's location is
// a separate suffix so lessons and tests can compare the kubectl part with real kubectl output.

import { MANIFEST_LIMITS } from "./limits";
import { goQuote } from "./goJson";

/** Where upstream refuses the input; also tells the caller what else still applies. */
export type ManifestErrorCode =
  /** kubectl could not read the file: YAML syntax, bad separator, bad characters, hostile input. */
  | "ParseError"
  /** kubectl's client-side check: apiVersion/kind missing or not strings, not an object. */
  | "ValidationError"
  /** kubectl could not decode the object (`Object 'Kind' is missing`). */
  | "DecodeError"
  /** kubectl's RESTMapper has no such kind/version. */
  | "NoKindMatch"
  /** The API server refused the body: strict decoding, type errors (HTTP 400). */
  | "BadRequest"
  /** The API server's validation refused the object (HTTP 422). */
  | "Invalid"
  /** The API server refused a body over its size limit (HTTP 413). */
  | "RequestEntityTooLarge";

export interface ManifestError {
  fileName: string;
  /** 0-based index of the document among the file's non-empty documents. */
  documentIndex?: number;
  /** 0-based index of the item when the document is a List. */
  itemIndex?: number;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based column in the file. */
  column?: number;
  /** Field path such as `spec.template.spec.containers[0].image`. */
  fieldPath?: string;
  /** The full kubectl output for this error, verbatim (may span lines). */
  message: string;
  code: ManifestErrorCode;
  /**
   * True when kubectl stops reading the file here: documents after this one are not applied
   * (documents before it are). False for per-object refusals: kubectl goes on with the next one.
   */
  stopsFile: boolean;
}

/**
 * kubectl's text followed by Kubelab's location, e.g.
 * `error: ... (x.yaml, document 2, line 7, column 3, field spec.replicas)`. Document and item
 * numbers are 1-based here, for people.
 */
export function formatManifestError(e: ManifestError): string {
  const where: string[] = [e.fileName];
  if (e.documentIndex !== undefined) where.push(`document ${e.documentIndex + 1}`);
  if (e.itemIndex !== undefined) where.push(`item ${e.itemIndex + 1}`);
  if (e.line !== undefined) where.push(`line ${e.line}`);
  if (e.column !== undefined) where.push(`column ${e.column}`);
  if (e.fieldPath !== undefined && e.fieldPath !== "") where.push(`field ${e.fieldPath}`);
  return `${e.message} (${where.join(", ")})`;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several deduplicated in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const seen = [...new Set(messages)];
  if (seen.length === 1) return seen[0] as string;
  return `[${seen.join(", ")}]`;
}

// ---- kubectl (client side) ----

/** cli-runtime StreamVisitor.Visit: `error parsing %s: %v` (the file name is not quoted). */
export function parseErrorMessage(fileName: string, detail: string): string {
  return `error: error parsing ${fileName}: ${detail}`;
}

/** sigs.k8s.io/yaml Unmarshal wrapping a go-yaml error. `line` is go-yaml's, omitted when it has none. */
export function yamlToJsonDetail(problem: string, line?: number): string {
  return `error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ""}${problem}`;
}

/**
 * cli-runtime ValidateSchema + StreamVisitor: `error validating %q: error validating data: %v; if
 * you choose to ignore these errors, turn validation off with --validate=false`.
 */
export function validationErrorMessage(fileName: string, problems: readonly string[]): string {
  return `error: error validating ${goQuote(fileName)}: error validating data: ${aggregateMessage(problems)}; if you choose to ignore these errors, turn validation off with --validate=false`;
}

/** cli-runtime mapper.infoForData when the decoder fails. */
export function unableToDecodeMessage(fileName: string, detail: string): string {
  return `error: unable to decode ${goQuote(fileName)}: ${detail}`;
}

/** meta.NoKindMatchError.Error() for one searched version (apimachinery pkg/api/meta/errors.go). */
export function noMatchError(apiVersion: string, kind: string): string {
  return `no matches for kind ${goQuote(kind)} in version ${goQuote(apiVersion)}`;
}

/** cli-runtime mapper.infoForData when the RESTMapper has no match for the object's kind. */
export function resourceMappingNotFoundMessage(name: string, namespace: string, fileName: string, apiVersion: string, kind: string): string {
  return `error: resource mapping not found for name: ${goQuote(name)} namespace: ${goQuote(namespace)} from ${goQuote(fileName)}: ${noMatchError(apiVersion, kind)}\nensure CRDs are installed first`;
}

// ---- API server (printed by kubectl as "Error from server (Reason): error when <verb> ...") ----

export type RequestVerb = "creating" | "patching" | "replacing";

/** A 413 from the API server: `Request entity too large: limit is 3145728`. */
export function requestTooLargeMessage(fileName: string, verb: RequestVerb = "creating"): string {
  return `Error from server (RequestEntityTooLarge): error when ${verb} ${goQuote(fileName)}: Request entity too large: limit is ${MANIFEST_LIMITS.maxRequestBytes}`;
}

/**
 * A 400 from the API server's decoder. mirrors transformDecodeError (apiserver
 * pkg/endpoints/handlers/create.go): `%s in version %q cannot be handled as a %s: %v`.
 */
export function badRequestMessage(fileName: string, kind: string, version: string, detail: string, verb: RequestVerb = "creating"): string {
  return `Error from server (BadRequest): error when ${verb} ${goQuote(fileName)}: ${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${detail}`;
}

/** runtime.NewStrictDecodingError(...).Error(). */
export function strictDecodingDetail(problems: readonly string[]): string {
  return `strict decoding error: ${problems.join(", ")}`;
}

/**
 * A 422 as kubectl prints it (cmd/util helpers.go checkErr + MultilineError):
 * `The Pod "x" is invalid: spec.containers[0].name: Required value`, or one cause per line.
 */
export function invalidMessage(kind: string, name: string, causes: readonly string[]): string {
  const prefix = `The ${kind} ${goQuote(name)} is invalid: `;
  if (causes.length === 1) return prefix + causes[0];
  return `${prefix}\n${causes.map((c) => `* ${c}`).join("\n")}`;
}
