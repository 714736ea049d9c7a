// core/v1 validation other than Pods and Services: ReplicationController, Namespace, Node, ConfigMap, Secret.
// mirrors ValidateReplicationController(+Update), ValidateNamespace(+Update), ValidateNode(+Update),
// validateNodeTaints, ValidateConfigMap(+Update) and ValidateSecret(+Update) (k/k pkg/apis/core/validation/validation.go).
import { isQualifiedName, isValidLabelValue } from "../../apimachinery/validation";
import { selectorFromSet } from "../../apimachinery/labels";
import { child, duplicate, forbidden, index, invalid, key, notSupported, required, tooLong, withDetail, type FieldError } from "./field";
import { isConfigMapKey, utf8Length } from "./formats";
import { goStruct } from "./goFormat";
import {
  nameIsDNSLabel, nameIsDNSSubdomain, semanticEqual, validateImmutableField, validateKubeFinalizerNames, validateLabelName,
  validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate,
} from "./objectMeta";
import { validatePodTemplateSpec } from "./podSpec";
import { validateResourceQuantityValue } from "./resources";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const specOf = (o: Obj): Obj => (isObj(o.spec) ? o.spec : {});
const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

/** core.MaxSecretSize: 1 MiB for Secret and ConfigMap payloads. */
const MAX_SECRET_SIZE = 1024 * 1024;
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

// ---- ReplicationController ----

// mirrors ValidateReplicationControllerSpec + ValidatePodTemplateSpecForRC
function validateRCSpec(spec: Obj, path: string): FieldError[] {
  const errs = validateNonnegativeField(spec.minReadySeconds, child(path, "minReadySeconds"));
  const selector = selectorFromSet(isObj(spec.selector) ? spec.selector : undefined);
  if (selector.empty()) errs.push(required(child(path, "selector")));
  errs.push(...validateNonnegativeField(spec.replicas, child(path, "replicas")));
  const tp = child(path, "template");
  if (!isObj(spec.template)) {
    errs.push(required(tp));
    return errs;
  }
  const labels = isObj(spec.template.metadata) && isObj(spec.template.metadata.labels) ? spec.template.metadata.labels : undefined;
  if (!selector.empty() && !selector.matches(labels ?? {})) {
    errs.push(invalid(child(tp, "metadata", "labels"), labels ?? null, "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(spec.template, tp));
  const tspec: Obj = isObj(spec.template.spec) ? spec.template.spec : {};
  if (tspec.restartPolicy !== "Always") errs.push(notSupported(child(tp, "spec", "restartPolicy"), tspec.restartPolicy ?? "", ["Always"]));
  if (tspec.activeDeadlineSeconds != null) {
    errs.push(forbidden(child(tp, "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicationController is not Supported"));
  }
  return errs;
}

export function validateReplicationController(obj: Obj): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateRCSpec(specOf(obj), "spec")];
}
export function validateReplicationControllerUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, old.metadata), ...validateRCSpec(specOf(next), "spec")];
}

// ---- Namespace ----

export function validateNamespace(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, false, nameIsDNSLabel);
  const finalizers = Array.isArray(specOf(obj).finalizers) ? specOf(obj).finalizers : [];
  for (const f of finalizers) {
    // validateFinalizerName: the qualified-name check, then the kube standard-name check, both at spec.finalizers.
    for (const m of isQualifiedName(str(f))) errs.push(invalid("spec.finalizers", str(f), m));
    errs.push(...validateKubeFinalizerNames([f], "spec.finalizers").map((e) => ({ ...e, field: "spec.finalizers" })));
  }
  return errs;
}
export function validateNamespaceUpdate(next: Obj, old: Obj): FieldError[] {
  return validateObjectMetaUpdate(next.metadata, old.metadata);
}

// ---- Node ----

// mirrors validateNodeTaints; note upstream passes metadata.taints as the path.
function validateNodeTaints(taints: unknown, path: string): FieldError[] {
  if (!Array.isArray(taints)) return [];
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((raw, i) => {
    const t: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    errs.push(...validateLabelName(str(t.key), child(idx, "key")));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length > 0) errs.push(invalid(child(idx, "value"), str(t.value), msgs.join(";")));
    const effect = str(t.effect);
    if (!effect) errs.push(required(child(idx, "effect")));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(idx, "effect"), effect, TAINT_EFFECTS));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(str(t.key))) {
      // The bad value is the internal core.Taint (no json tags).
      const value = goStruct([["Key", str(t.key)], ["Value", str(t.value)], ["Effect", effect], ["TimeAdded", t.timeAdded ?? null]]);
      errs.push(withDetail(duplicate(idx, value), "taints must be unique by key and effect pair"));
      return;
    }
    keys.add(str(t.key));
    unique.set(effect, keys);
  });
  return errs;
}

// mirrors ValidateNodeResources
function validateNodeResources(node: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const status: Obj = isObj(node.status) ? node.status : {};
  for (const which of ["capacity", "allocatable"]) {
    if (!isObj(status[which])) continue;
    for (const [name, v] of Object.entries(status[which])) errs.push(...validateResourceQuantityValue(name, v, child("status", which, name)));
  }
  return errs;
}

export function validateNode(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain);
  errs.push(...validateNodeTaints(specOf(obj).taints, "metadata.taints"));
  errs.push(...validateNodeResources(obj));
  return errs;
}

// mirrors ValidateNodeUpdate
export function validateNodeUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, old.metadata);
  errs.push(...validateNodeResources(next));
  const addrs = isObj(next.status) && Array.isArray(next.status.addresses) ? next.status.addresses : [];
  const seen = new Set<string>();
  addrs.forEach((a: Obj, i: number) => {
    const k = `${str(a?.type)}/${str(a?.address)}`;
    if (seen.has(k)) errs.push(duplicate(index("status.addresses", i), goStruct([["type", str(a?.type)], ["address", str(a?.address)]])));
    seen.add(k);
  });
  const oldCIDRs: string[] = Array.isArray(specOf(old).podCIDRs) ? specOf(old).podCIDRs : [];
  const newCIDRs: string[] = Array.isArray(specOf(next).podCIDRs) ? specOf(next).podCIDRs : [];
  if (oldCIDRs.length > 0) {
    const msg = "node updates may not change podCIDR except from \"\" to valid";
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden("spec.podCIDRs", msg));
    else oldCIDRs.forEach((c, i) => { if (c !== newCIDRs[i]) errs.push(forbidden("spec.podCIDRs", msg)); });
  }
  if (specOf(old).providerID && specOf(old).providerID !== specOf(next).providerID) {
    errs.push(forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
  }
  errs.push(...validateNodeTaints(specOf(next).taints, "metadata.taints"));
  return errs;
}

// ---- ConfigMap and Secret ----

/** Decoded size of a base64 `data` value (Go measures the bytes). */
function base64Size(v: unknown): number {
  const s = str(v).replace(/\s/g, "");
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

export function validateConfigMap(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);
  const data: Obj = isObj(obj.data) ? obj.data : {};
  const binary: Obj = isObj(obj.binaryData) ? obj.binaryData : {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key("data", k), k, m));
    if (k in binary) errs.push(invalid(key("data", k), k, "duplicate of key present in binaryData"));
    total += utf8Length(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key("binaryData", k), k, m));
    total += base64Size(v);
  }
  // The error refers to the whole object: its path is "".
  if (total > MAX_SECRET_SIZE) errs.push(tooLong("", MAX_SECRET_SIZE));
  return errs;
}

function immutableDataErrors(next: Obj, old: Obj, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const f of fields) if (!semanticEqual(next[f] ?? null, old[f] ?? null)) errs.push(forbidden(f, "field is immutable when `immutable` is set"));
  return errs;
}

export function validateConfigMapUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, old.metadata), ...immutableDataErrors(next, old, ["data", "binaryData"]), ...validateConfigMap(next)];
}

/** Required data keys per built-in secret type (ValidateSecret's switch). */
const SECRET_TYPE_KEYS: Record<string, { all?: string[]; any?: string[] }> = {
  "kubernetes.io/dockercfg": { all: [".dockercfg"] },
  "kubernetes.io/dockerconfigjson": { all: [".dockerconfigjson"] },
  "kubernetes.io/basic-auth": { any: ["username", "password"] },
  "kubernetes.io/ssh-auth": { all: ["ssh-privatekey"] },
  "kubernetes.io/tls": { all: ["tls.crt", "tls.key"] },
};

/** The internal Secret's data: v1 `stringData` is merged over `data` by conversion. */
function secretData(obj: Obj): Obj {
  return { ...(isObj(obj.data) ? obj.data : {}), ...(isObj(obj.stringData) ? obj.stringData : {}) };
}

export function validateSecret(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);
  const data = secretData(obj);
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key("data", k), k, m));
    total += isObj(obj.stringData) && k in obj.stringData ? utf8Length(str(v)) : base64Size(v);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong("data", MAX_SECRET_SIZE));
  const type = str(obj.type);
  if (type === "kubernetes.io/service-account-token") {
    const ann = obj.metadata?.annotations;
    if (!isObj(ann) || !ann["kubernetes.io/service-account.name"]) errs.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
  const rule = SECRET_TYPE_KEYS[type];
  if (rule?.all) for (const k of rule.all) if (!(k in data)) errs.push(required(key("data", k)));
  if (rule?.any && !rule.any.some((k) => k in data)) for (const k of rule.any) errs.push(required(key("data", k)));
  return errs;
}

export function validateSecretUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, old.metadata);
  errs.push(...validateImmutableField(str(next.type), str(old.type), "type"));
  errs.push(...immutableDataErrors({ ...next, data: secretData(next) }, { ...old, data: secretData(old) }, ["data"]));
  errs.push(...validateSecret(next));
  return errs;
}
