// What the API server's decoder says about a manifest before any controller sees it: the object is
// read into the Go struct of its kind with strict field validation (kubectl's default
// --validate=strict sends fieldValidation=Strict). Three outcomes, in upstream's order:
//
// 1. a value of the wrong JSON type, a bad quantity or bad base64: the decode fails
//    (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`);
// 2. otherwise, fields the struct lacks: `strict decoding error: unknown field "spec.foo", ...`;
// 3. otherwise, required fields that are missing: `spec.containers[0].name: Required value`.
//    Only the fields for which upstream validation says "Required value" when they are absent
//    (REQUIRED_VALUE below); the OpenAPI required lists are not used, because upstream words many
//    of those differently (a missing ServicePort.port is "Invalid value: 0: must be between 1 and
//    65535, inclusive"). Full apiserver validation belongs to apiserver/.
//
// mirrors sigs.k8s.io/json internal/golang/encoding/json decode.go (object, array, literalStore,
// addErrorContext, saveStrictError) as vendored by Kubernetes 1.34. Keys are visited in sorted
// order because kubectl sends the object as Go marshals a map: keys sorted.

import type { Json } from "../api/types";
import { resourceTypeForKind } from "../api/registry";
import type { ManifestDocument, PathSegment, Position } from "./document";
import { formatFieldPath } from "./document";
import { badRequestMessage, invalidMessage, strictDecodingDetail, type ManifestError, type RequestVerb } from "./errors";
import { base64Error, quantityError, QUANTITY_FORMAT_WRONG, rfc3339Error } from "./goFormats";
import { schemaForKind, structSchema, type FieldType, type StructSchema } from "./schema";

export type FieldErrorType =
  /** The decoder could not read a value (type mismatch, bad quantity, bad base64, bad time). */
  | "Decode"
  /** Strict field validation: the struct has no such field. */
  | "UnknownField"
  /** A field the schema requires is absent. */
  | "Required";

export interface FieldError {
  type: FieldErrorType;
  /** Field path, e.g. `spec.template.spec.containers[0].imagePullPolicyy`. */
  path: string;
  /** Upstream's text for this one error (`json: cannot unmarshal ...`, `unknown field "..."`, `Required value`). */
  message: string;
  line: number;
  column: number;
}

/**
 * Fields whose absence upstream validation reports as `<path>: Required value`, keyed by struct id,
 * with what counts as absent besides a missing key or null. Source: k8s.io/kubernetes
 * pkg/apis/core/validation/validation.go (validateContainerCommon, validatePodSpec, validateEnv,
 * ValidateVolumeMounts, validateVolumes, validateContainerPorts, validateConfigMapKeySelector,
 * validateSecretKeySelector), pkg/apis/apps/validation (ValidateDeploymentSpec, ValidateReplicaSetSpec,
 * ValidateDaemonSetSpec, ValidateStatefulSetSpec: `spec.selector`) and pkg/apis/batch/validation
 * (validateCronJobSpec: `spec.schedule`).
 */
const REQUIRED_VALUE: Readonly<Record<string, readonly [field: string, empty: "string" | "zero" | "list" | "none"][]>> = {
  "core.v1.Container": [["name", "string"], ["image", "string"]],
  "core.v1.EphemeralContainer": [["name", "string"], ["image", "string"]],
  "core.v1.PodSpec": [["containers", "list"]],
  "core.v1.EnvVar": [["name", "string"]],
  "core.v1.VolumeMount": [["name", "string"], ["mountPath", "string"]],
  "core.v1.Volume": [["name", "string"]],
  "core.v1.ContainerPort": [["containerPort", "zero"]],
  "core.v1.ConfigMapKeySelector": [["key", "string"]],
  "core.v1.SecretKeySelector": [["key", "string"]],
  "apps.v1.DeploymentSpec": [["selector", "none"]],
  "apps.v1.ReplicaSetSpec": [["selector", "none"]],
  "apps.v1.DaemonSetSpec": [["selector", "none"]],
  "apps.v1.StatefulSetSpec": [["selector", "none"]],
  "batch.v1.CronJobSpec": [["schedule", "string"]],
};

function isAbsent(v: Json | undefined, empty: "string" | "zero" | "list" | "none"): boolean {
  if (v === undefined || v === null) return true;
  if (empty === "string") return v === "";
  if (empty === "zero") return v === 0;
  if (empty === "list") return Array.isArray(v) && v.length === 0;
  return false;
}

/** sigs.k8s.io/json keeps at most this many strict errors (kubernetes_patch.go saveStrictError). */
const MAX_STRICT_ERRORS = 100;
const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const INT64 = [-(2 ** 63), 2 ** 63] as const;

function jsonKind(v: Json): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "number";
  return Array.isArray(v) ? "array" : "object";
}

function isObject(v: Json): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface Failure {
  path: PathSegment[];
  message: string;
}

/** Decodes one object the way the server does and collects what it would say. */
class StrictDecoder {
  fatal: Failure | undefined;
  saved: Failure | undefined;
  readonly unknown: Failure[] = [];
  readonly required: Failure[] = [];
  private readonly seenUnknown = new Set<string>();
  /** errorContext.FieldStack: struct field names from the root, no indices or map keys. */
  private readonly fieldStack: string[] = [];
  private structName = "";

  private typeError(value: string, goType: string): string {
    return `json: cannot unmarshal ${value} into Go struct field ${this.structName}.${this.fieldStack.join(".")} of type ${goType}`;
  }

  private save(path: PathSegment[], message: string): void {
    if (this.saved === undefined) this.saved = { path: [...path], message };
  }

  private fail(path: PathSegment[], message: string): void {
    this.fatal = { path: [...path], message };
  }

  decodeStruct(schema: StructSchema, obj: { [key: string]: Json }, path: PathSegment[]): void {
    // Validation reports a struct's own required fields before descending (ValidateDeploymentSpec
    // checks spec.selector before the template).
    for (const [name, empty] of REQUIRED_VALUE[schema.id] ?? []) {
      if (isAbsent(obj[name], empty)) this.required.push({ path: [...path, name], message: "Required value" });
    }
    for (const key of Object.keys(obj).sort()) {
      if (this.fatal !== undefined) return;
      const field = schema.fields.get(key);
      path.push(key);
      if (field === undefined) {
        const message = `unknown field "${formatFieldPath(path)}"`;
        if (!this.seenUnknown.has(message) && this.unknown.length < MAX_STRICT_ERRORS) {
          this.seenUnknown.add(message);
          this.unknown.push({ path: [...path], message });
        }
      } else {
        const savedName = this.structName;
        this.structName = schema.name;
        this.fieldStack.push(key);
        this.decodeValue(field, obj[key] as Json, path);
        this.fieldStack.pop();
        this.structName = savedName;
      }
      path.pop();
    }
  }

  private decodeValue(type: FieldType, v: Json, path: PathSegment[]): void {
    if (v === null) return; // null leaves any Go value at its zero value, without error
    switch (type.kind) {
      case "primitive":
        this.decodePrimitive(type.primitive, type.goType, v, path);
        return;
      case "array":
        if (!Array.isArray(v)) return this.save(path, this.typeError(jsonKind(v), type.goType));
        for (let i = 0; i < v.length && this.fatal === undefined; i++) {
          path.push(i);
          this.decodeValue(type.of, v[i] as Json, path);
          path.pop();
        }
        return;
      case "map":
        if (!isObject(v)) return this.save(path, this.typeError(jsonKind(v), type.goType));
        for (const key of Object.keys(v).sort()) {
          if (this.fatal !== undefined) return;
          path.push(key);
          this.decodeValue(type.of, v[key] as Json, path);
          path.pop();
        }
        return;
      case "struct": {
        if (!isObject(v)) return this.save(path, this.typeError(jsonKind(v), type.goType));
        const schema = structSchema(type.id);
        if (schema !== undefined) this.decodeStruct(schema, v, path);
        return;
      }
    }
  }

  private decodePrimitive(primitive: string, goType: string, v: Json, path: PathSegment[]): void {
    switch (primitive) {
      case "string":
        if (typeof v !== "string") this.save(path, this.typeError(jsonKind(v), goType));
        return;
      case "bool":
        if (typeof v !== "boolean") this.save(path, this.typeError(jsonKind(v), goType));
        return;
      case "float64":
        if (typeof v !== "number") this.save(path, this.typeError(jsonKind(v), goType));
        return;
      case "int32":
      case "int64": {
        if (typeof v !== "number") return this.save(path, this.typeError(jsonKind(v), goType));
        const [lo, hi] = primitive === "int32" ? INT32 : INT64;
        if (!Number.isInteger(v) || v < lo || v > hi) this.save(path, this.typeError(`number ${String(v)}`, goType));
        return;
      }
      case "bytes": {
        if (typeof v !== "string") return this.save(path, this.typeError(jsonKind(v), goType));
        const err = base64Error(v);
        if (err !== undefined) this.save(path, err);
        return;
      }
      case "intOrString": {
        // IntOrString.UnmarshalJSON: a string, or json.Unmarshal into int32; the error is returned
        // (not saved), so it ends the decode, and addErrorContext names the field.
        if (typeof v === "string") return;
        if (typeof v === "number") {
          if (!Number.isInteger(v) || v < INT32[0] || v > INT32[1]) this.fail(path, this.typeError(`number ${String(v)}`, "int32"));
          return;
        }
        this.fail(path, this.typeError(jsonKind(v), "int32"));
        return;
      }
      case "quantity": {
        // Quantity.UnmarshalJSON parses the text of any JSON value; its errors end the decode.
        const err = typeof v === "string" ? quantityError(v.trim()) : typeof v === "number" ? quantityError(String(v)) : QUANTITY_FORMAT_WRONG;
        if (err !== undefined) this.fail(path, err);
        return;
      }
      case "time": {
        // metav1.Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse(RFC3339).
        if (typeof v !== "string") return this.fail(path, this.typeError(jsonKind(v), "string"));
        const err = rfc3339Error(v);
        if (err !== undefined) this.fail(path, err);
        return;
      }
      default:
        return;
    }
  }
}

/**
 * The errors the API server reports when this document is created, at the stage where it would
 * stop: the decode error alone, or else every unknown field, or else the missing required fields.
 * Empty for kinds the cluster does not serve: the caller reports those (see noMatchError).
 */
export function validateAgainstSchema(doc: ManifestDocument): FieldError[] {
  if (resourceTypeForKind(doc.object.apiVersion, doc.object.kind) === undefined) return [];
  const schema = schemaForKind(doc.object.apiVersion, doc.object.kind);
  if (schema === undefined) return [];
  const decoder = new StrictDecoder();
  decoder.decodeStruct(schema, doc.object, []);
  const toError = (type: FieldErrorType, f: Failure): FieldError => {
    const pos: Position = doc.nearestPositionOf(f.path);
    return { type, path: formatFieldPath(f.path), message: f.message, line: pos.line, column: pos.column };
  };
  const decodeFailure = decoder.fatal ?? decoder.saved;
  if (decodeFailure !== undefined) return [toError("Decode", decodeFailure)];
  if (decoder.unknown.length > 0) return decoder.unknown.map((f) => toError("UnknownField", f));
  return decoder.required.map((f) => toError("Required", f));
}

/**
 * The kubectl output for the errors validateAgainstSchema returned, as one ManifestError:
 * `Error from server (BadRequest): ...` for decode and unknown-field errors, `The Pod "x" is
 * invalid: ...` for missing required fields.
 */
export function schemaErrorsToManifestError(doc: ManifestDocument, errors: readonly FieldError[], verb: RequestVerb = "creating"): ManifestError | undefined {
  const first = errors[0];
  if (first === undefined) return undefined;
  const { apiVersion, kind } = doc.object;
  const version = apiVersion.includes("/") ? apiVersion.slice(apiVersion.indexOf("/") + 1) : apiVersion;
  const where = {
    fileName: doc.fileName,
    documentIndex: doc.index,
    ...(doc.itemIndex !== undefined ? { itemIndex: doc.itemIndex } : {}),
    line: first.line,
    column: first.column,
    fieldPath: first.path,
    stopsFile: false,
  };
  if (first.type === "Required") {
    const metadata = doc.object.metadata;
    const name = isObject(metadata ?? null) && typeof (metadata as { name?: Json }).name === "string" ? ((metadata as { name: string }).name) : "";
    return { ...where, code: "Invalid", message: invalidMessage(kind, name, errors.map((e) => `${e.path}: ${e.message}`)) };
  }
  const detail = first.type === "Decode" ? first.message : strictDecodingDetail(errors.map((e) => e.message));
  return { ...where, code: "BadRequest", message: badRequestMessage(doc.fileName, kind, version, detail, verb) };
}
