// Client-side apply's three-way merge: what the live object becomes when the manifest (modified) is
// applied over it, knowing what was applied last time (original, from the last-applied annotation).
// A pragmatic port of strategicpatch.CreateThreeWayMergePatch + StrategicMergePatch
// (apimachinery pkg/util/strategicpatch/patch.go):
// - maps merge key by key; a key that was in the last applied manifest but is gone from the new one
//   is deleted; keys the user never managed (server defaults, controller fields) stay;
// - lists of objects with a patchMergeKey (containers by name, ports by containerPort, ...) merge item
//   by item in the manifest's order, live-only items kept after them, items removed from the manifest
//   deleted; every other list is replaced wholesale when it differs.
import type { Json } from "../../api/types";

type JsonObject = { [key: string]: Json };

/**
 * patchMergeKey of the list fields that have one (k8s.io/api core/v1 and meta/v1 types.go struct tags),
 * by field name. The field names are unique enough across the kinds Kubelab serves.
 */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  imagePullSecrets: "name",
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  schedulingGates: "name",
  resourceClaims: "name",
  ownerReferences: "uid",
};

/** Service ports merge on `port`, container ports on `containerPort`. */
function mergeKeyFor(field: string, items: readonly Json[]): string | undefined {
  if (field === "ports") {
    const first = items.find((i) => isObject(i)) as JsonObject | undefined;
    if (first && "containerPort" in first) return "containerPort";
    return "port";
  }
  return MERGE_KEYS[field];
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** reflect.DeepEqual on JSON data. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

function clone<T extends Json | undefined>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** The live object after applying `modified` over `current`, given the previously applied `original`. */
export function threeWayMerge(original: JsonObject | undefined, modified: JsonObject, current: JsonObject): JsonObject {
  return mergeMaps(original ?? {}, modified, current);
}

function mergeMaps(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(current)) {
    // Deleted from the manifest since the last apply: the user no longer wants it.
    if (k in original && !(k in modified)) continue;
    out[k] = clone(current[k] as Json);
  }
  for (const k of Object.keys(modified)) {
    out[k] = mergeValue(k, original[k], modified[k] as Json, current[k]);
  }
  return out;
}

function mergeValue(field: string, original: Json | undefined, modified: Json, current: Json | undefined): Json {
  if (isObject(modified) && isObject(current)) return mergeMaps(isObject(original) ? original : {}, modified, current);
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKeyFor(field, modified.length > 0 ? modified : current);
    if (key !== undefined && modified.every(isObject) && current.every(isObject)) {
      return mergeLists(key, Array.isArray(original) ? original : [], modified as JsonObject[], current as JsonObject[]);
    }
  }
  return clone(modified);
}

function keyOf(item: JsonObject, key: string): string {
  return JSON.stringify(item[key] ?? null);
}

function mergeLists(key: string, original: readonly Json[], modified: readonly JsonObject[], current: readonly JsonObject[]): Json[] {
  const originalByKey = new Map<string, JsonObject>();
  for (const o of original) if (isObject(o)) originalByKey.set(keyOf(o, key), o);
  const currentByKey = new Map(current.map((c) => [keyOf(c, key), c]));
  const modifiedKeys = new Set(modified.map((m) => keyOf(m, key)));
  const out: Json[] = [];
  for (const m of modified) {
    const k = keyOf(m, key);
    const c = currentByKey.get(k);
    out.push(c ? mergeMaps(originalByKey.get(k) ?? {}, m, c) : clone(m));
  }
  for (const c of current) {
    const k = keyOf(c, key);
    if (modifiedKeys.has(k) || originalByKey.has(k)) continue;
    out.push(clone(c));
  }
  return out;
}

/**
 * A JSON merge patch from `from` to `to` (jsonmergepatch.CreateMergePatch): what changed, for
 * kubectl's "unchanged" decision and its "error when applying patch" message. `{}` when equal.
 */
export function mergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  for (const k of Object.keys(to)) {
    const a = from[k];
    const b = to[k] as Json;
    if (isObject(a) && isObject(b)) {
      const sub = mergePatch(a, b);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (!jsonEqual(a, b)) {
      patch[k] = clone(b);
    }
  }
  return patch;
}
