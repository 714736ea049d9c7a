// Field-level validation errors: the ErrorList every validate function returns.
// mirrors k8s.io/apimachinery pkg/util/validation/field (errors.go, path.go) as of v1.34, where a bad
// value renders as: bool and numbers with %v, strings with %q, anything else as JSON.
import { goJSON, goQuote, GoJSON } from "./goFormat";

export type ErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid";

/** ErrorType.String(): the words kubectl shows. */
const TYPE_TEXT: Record<ErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

/** field.omitValue: the bad value is not printed at all. */
export const OMIT_VALUE: unique symbol = Symbol("omitValue");

export interface FieldError {
  type: ErrorType;
  /** JSON path of the field ("spec.containers[0].image"), used to point at the manifest line. */
  field: string;
  badValue: unknown;
  detail: string;
  /** ErrorBody(): the message without the field ("Invalid value: -1: must be greater than or equal to 0"). */
  message: string;
}

// mirrors Error.ErrorBody
function errorBody(type: ErrorType, badValue: unknown, detail: string): string {
  let s: string;
  switch (type) {
    case "FieldValueRequired":
    case "FieldValueForbidden":
    case "FieldValueTooLong":
    case "InternalError":
      s = TYPE_TEXT[type];
      break;
    default:
      if (badValue === OMIT_VALUE) s = TYPE_TEXT[type];
      else if (typeof badValue === "number" || typeof badValue === "boolean") s = `${TYPE_TEXT[type]}: ${String(badValue)}`;
      else if (typeof badValue === "string") s = `${TYPE_TEXT[type]}: ${goQuote(badValue)}`;
      else s = `${TYPE_TEXT[type]}: ${goJSON(badValue)}`;
  }
  return detail ? `${s}: ${detail}` : s;
}

function mk(type: ErrorType, field: string, badValue: unknown, detail: string): FieldError {
  return { type, field, badValue, detail, message: errorBody(type, badValue, detail) };
}

/** Error(): "<field>: <body>". */
export function errorString(e: FieldError): string {
  return `${e.field}: ${e.message}`;
}

// ---- constructors (field.Required, field.Invalid, ...) ----

export const required = (field: string, detail = ""): FieldError => mk("FieldValueRequired", field, "", detail);
export const invalid = (field: string, value: unknown, detail: string): FieldError => mk("FieldValueInvalid", field, value, detail);
export const duplicate = (field: string, value: unknown): FieldError => mk("FieldValueDuplicate", field, value, "");
export const notFound = (field: string, value: unknown): FieldError => mk("FieldValueNotFound", field, value, "");
export const forbidden = (field: string, detail: string): FieldError => mk("FieldValueForbidden", field, "", detail);
export const internalError = (field: string, err: string): FieldError => mk("InternalError", field, null, err);
export const typeInvalid = (field: string, value: unknown, detail: string): FieldError => mk("FieldValueTypeInvalid", field, value, detail);

/** field.NotSupported: "supported values: "a", "b"" with each value Go-quoted. */
export function notSupported(field: string, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? "supported values: " + validValues.map(goQuote).join(", ") : "";
  return mk("FieldValueNotSupported", field, value, detail);
}

/** field.TooLong (v1.34 wording; the value itself is never printed). */
export function tooLong(field: string, maxLength: number): FieldError {
  const msg = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? "byte" : "bytes"}` : "value is too long";
  return mk("FieldValueTooLong", field, "<value omitted>", msg);
}

/** field.TooMany */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const msg = max >= 0 ? `must have at most ${max} ${max === 1 ? "item" : "items"}` : "has too many items";
  return mk("FieldValueTooMany", field, actual >= 0 ? actual : OMIT_VALUE, msg);
}

/** Re-wraps an error under a different path (used where upstream builds the error once, then moves it). */
export function withDetail(e: FieldError, detail: string): FieldError {
  return mk(e.type, e.field, e.badValue, detail);
}

// ---- paths (field.Path) ----

export const child = (path: string, ...names: string[]): string => {
  let p = path;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
};
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;

// ---- lists ----

/** ToAggregate's de-duplication: an error whose Error() text was already seen is dropped. */
export function dedupe(errs: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errs) {
    const s = errorString(e);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(e);
  }
  return out;
}

export { GoJSON };
