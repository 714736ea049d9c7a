// ObjectMeta validation on create and update, and the small shared validators around it.
// mirrors apimachinery pkg/api/validation/objectmeta.go, generic.go and pkg/apis/meta/v1/validation
// (ValidateLabels, ValidateLabelName), plus the kube finalizer check of k/k pkg/apis/core/validation.
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidLabelValueFast, isValidQualifiedName,
} from "../../apimachinery/validation";
import { child, forbidden, index, invalid, required, tooLong, type FieldError } from "./field";
import { utf8Length } from "./formats";
import { knownValid, newValidSet, rememberIfValid } from "./memo";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** apimachineryvalidation.IsNegativeErrorMsg */
export const IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";
export const FIELD_IMMUTABLE_ERROR_MSG = "field is immutable";
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** A name validator: (name, prefix) → messages. prefix=true validates a generateName. */
export type NameFn = (name: string, prefix: boolean) => string[];

// mirrors maskTrailingDash: a generateName may end in '-' (a suffix follows).
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? name.slice(0, -1) + "a" : name;
}

// mirrors NameIsDNSSubdomain / NameIsDNSLabel / NameIsDNS1035Label (apimachinery pkg/api/validation/generic.go)
export const nameIsDNSSubdomain: NameFn = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/**
 * apiequality.Semantic.DeepEqual for JSON data: structural, key order ignored, absent ≡ undefined.
 * (Quantities compare as strings; defaulting stores them canonically.)
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => semanticEqual(v, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => semanticEqual(ao[k], bo[k]));
}

const asInt = (v: unknown): number => (typeof v === "number" ? v : 0);

// mirrors ValidateNonnegativeField
export function validateNonnegativeField(value: unknown, path: string): FieldError[] {
  const n = asInt(value);
  return n < 0 ? [invalid(path, n, IS_NEGATIVE_ERROR_MSG)] : [];
}

// mirrors ValidateImmutableField (apiequality.Semantic.DeepEqual ≈ structural JSON equality)
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: string, shown: unknown = newVal): FieldError[] {
  return semanticEqual(newVal ?? null, oldVal ?? null) ? [] : [invalid(path, shown, FIELD_IMMUTABLE_ERROR_MSG)];
}

/** Appends `more` to `errs` (no spread: most lists are empty). */
function pushAll(errs: FieldError[], more: readonly FieldError[]): void {
  for (let i = 0; i < more.length; i++) errs.push(more[i]!);
}

// mirrors metav1validation.ValidateLabelName
export function validateLabelName(name: string, path: string): FieldError[] {
  if (isValidQualifiedName(name)) return [];
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

/** Labels are validated in the map's own (manifest) order; Go's order is random, so any order is upstream's. */
// mirrors metav1validation.ValidateLabels
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isObj(labels)) return [];
  const errs: FieldError[] = [];
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = labels[k];
    if (!isValidQualifiedName(k)) pushAll(errs, validateLabelName(k, path));
    const value = typeof v === "string" ? v : String(v);
    if (!isValidLabelValueFast(value)) for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

// mirrors ValidateAnnotations: keys are qualified names (case-insensitive), 256 KiB in total.
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isObj(annotations)) return [];
  const errs: FieldError[] = [];
  let total = 0;
  const keys = Object.keys(annotations);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = annotations[k];
    const lower = k.toLowerCase();
    if (!isValidQualifiedName(lower)) for (const msg of isQualifiedName(lower)) errs.push(invalid(path, k, msg));
    total += utf8Length(k) + utf8Length(typeof v === "string" ? v : String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

// mirrors validateOwnerReference + ValidateOwnerReferences
function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errs: FieldError[] = [];
  let firstController = "";
  for (const ref of refs) {
    if (!isObj(ref)) continue;
    const apiVersion = String(ref.apiVersion ?? "");
    const version = apiVersion.includes("/") ? apiVersion.split("/").slice(1).join("/") : apiVersion;
    if (!version) errs.push(invalid(child(path, "apiVersion"), apiVersion, "version must not be empty"));
    if (!ref.kind) errs.push(invalid(child(path, "kind"), ref.kind ?? "", "must not be empty"));
    if (!ref.name) errs.push(invalid(child(path, "name"), ref.name ?? "", "must not be empty"));
    if (!ref.uid) errs.push(invalid(child(path, "uid"), ref.uid ?? "", "must not be empty"));
    if (version === "v1" && !apiVersion.includes("/") && ref.kind === "Event") {
      errs.push(invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
    }
    if (ref.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else firstController = cur;
    }
  }
  return errs;
}

/** Shared frozen label maps and owner reference lists found valid (memo.ts). */
const VALID_LABELS = newValidSet();
const VALID_OWNER_REFERENCES = newValidSet();

/** Single-segment finalizer names must be one of these (helper.IsStandardFinalizerName). */
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

// mirrors ValidateFinalizers (apimachinery) + validateKubeFinalizerName (core), in upstream order.
function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  for (const f of finalizers) {
    const name = String(f);
    if (!isValidQualifiedName(name)) for (const msg of isQualifiedName(name)) errs.push(invalid(path, name, msg));
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errs.push(invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errs;
}

export function validateKubeFinalizerNames(finalizers: unknown, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  finalizers.forEach((f, i) => {
    const s = String(f);
    if (!s.includes("/") && !STANDARD_FINALIZERS.has(s)) {
      errs.push(invalid(index(path, i), s, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  });
  return errs;
}

/**
 * Validates metadata on create. `requiresNamespace` is the kind's scope; `nameFn` its name rule.
 */
// mirrors core ValidateObjectMeta → apimachinery ValidateObjectMetaAccessor + validateKubeFinalizerName
export function validateObjectMeta(meta: unknown, requiresNamespace: boolean, nameFn: NameFn, path = "metadata"): FieldError[] {
  const m: Obj = isObj(meta) ? meta : {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(String(m.generateName), true)) errs.push(invalid(child(path, "generateName"), String(m.generateName), msg));
  }
  if (!m.name) errs.push(required(child(path, "name"), "name or generateName is required"));
  else for (const msg of nameFn(String(m.name), false)) errs.push(invalid(child(path, "name"), String(m.name), msg));

  if (requiresNamespace) {
    if (!m.namespace) errs.push(required(child(path, "namespace")));
    else for (const msg of nameIsDNSLabel(String(m.namespace), false)) errs.push(invalid(child(path, "namespace"), String(m.namespace), msg));
  } else if (m.namespace) {
    errs.push(forbidden(child(path, "namespace"), "not allowed on this type"));
  }
  // Each check below has nothing to say about an absent field: skipped without building its path.
  if (typeof m.generation === "number") pushAll(errs, validateNonnegativeField(m.generation, child(path, "generation")));
  if (isObj(m.labels) && !knownValid(VALID_LABELS, m.labels)) {
    const e = validateLabels(m.labels, child(path, "labels"));
    rememberIfValid(VALID_LABELS, m.labels, e);
    pushAll(errs, e);
  }
  if (isObj(m.annotations)) pushAll(errs, validateAnnotations(m.annotations, child(path, "annotations")));
  if (Array.isArray(m.ownerReferences) && !knownValid(VALID_OWNER_REFERENCES, m.ownerReferences)) {
    const e = validateOwnerReferences(m.ownerReferences, child(path, "ownerReferences"));
    rememberIfValid(VALID_OWNER_REFERENCES, m.ownerReferences, e);
    pushAll(errs, e);
  }
  if (Array.isArray(m.finalizers)) {
    pushAll(errs, validateFinalizers(m.finalizers, child(path, "finalizers")));
    pushAll(errs, validateKubeFinalizerNames(m.finalizers, child(path, "finalizers")));
  }
  return errs;
}

/**
 * Validates metadata on update. The resourceVersion check is omitted: the store fills an empty
 * resourceVersion from the stored object before validation (AllowUnconditionalUpdate strategies).
 */
// mirrors core ValidateObjectMetaUpdate → apimachinery ValidateObjectMetaAccessorUpdate
export function validateObjectMetaUpdate(newMeta: unknown, oldMeta: unknown, path = "metadata"): FieldError[] {
  const n: Obj = isObj(newMeta) ? newMeta : {};
  const o: Obj = isObj(oldMeta) ? oldMeta : {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const before = new Set(Array.isArray(o.finalizers) ? o.finalizers : []);
    const extra = (Array.isArray(n.finalizers) ? n.finalizers : []).filter((f: string) => !before.has(f));
    if (extra.length > 0) {
      const list = [...new Set(extra as string[])].sort().map((s) => JSON.stringify(s)).join(", ");
      errs.push(forbidden(child(path, "finalizers"), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${list}}`));
    }
  }
  if (asInt(n.generation) < asInt(o.generation)) errs.push(invalid(child(path, "generation"), asInt(n.generation), "must not be decremented"));
  errs.push(...validateImmutableField(n.name ?? "", o.name ?? "", child(path, "name")));
  errs.push(...validateImmutableField(n.namespace ?? "", o.namespace ?? "", child(path, "namespace")));
  errs.push(...validateImmutableField(n.uid ?? "", o.uid ?? "", child(path, "uid")));
  errs.push(...validateImmutableField(n.creationTimestamp ?? null, o.creationTimestamp ?? null, child(path, "creationTimestamp")));
  errs.push(...validateImmutableField(n.deletionTimestamp ?? null, o.deletionTimestamp ?? null, child(path, "deletionTimestamp")));
  errs.push(...validateImmutableField(n.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null, child(path, "deletionGracePeriodSeconds")));
  errs.push(...validateLabels(n.labels, child(path, "labels")));
  errs.push(...validateAnnotations(n.annotations, child(path, "annotations")));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, "ownerReferences")));
  errs.push(...validateKubeFinalizerNames(n.finalizers, child(path, "finalizers")));
  return errs;
}
