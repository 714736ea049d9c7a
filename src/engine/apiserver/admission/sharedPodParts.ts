// Not an upstream plugin: the simulation's memory model. Pods created from one template (a ReplicaSet's,
// a Job's, a DaemonSet's) carry identical labels, owner references, container resources and security
// contexts. Each new pod reuses the instance a recent pod already stored when the value is structurally
// identical (same keys in the same order, same values), so thousands of pods hold one copy instead of
// one each. Shared values are deep-frozen: stored objects are never mutated, and code that tries fails
// loudly. The JSON of every pod is unchanged; only the identity of equal parts is shared.
import type { KubeObject } from "../../api/types";
import { deepFreeze } from "../../sim/clone";

type Obj = Record<string, unknown>;

/** Structural equality of two JSON values, key order included (it decides the order of JSON output). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameJson((a as Obj)[k], (b as Obj)[k])) return false;
  }
  return true;
}

/** Only plain JSON may be shared: strings, finite numbers, booleans, null, arrays and plain objects. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "object") return false;
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k of Object.keys(v)) if (!isPlainJson((v as Obj)[k])) return false;
  return true;
}

/**
 * The last few distinct values of one field, most recent first. A handful is enough: the pods of one
 * template are created in bursts, and a miss only costs a comparison and keeps the pod's own copy.
 */
export class RecentValues {
  private readonly slots: unknown[] = [];
  private next = 0;

  constructor(private readonly size = 4) {}

  /** A stored equal value, or `v` itself (frozen, remembered) when none is. */
  intern<T>(v: T): T {
    const n = this.slots.length;
    for (let i = 1; i <= n; i++) {
      const s = this.slots[(this.next - i + n) % n];
      if (sameJson(s, v)) return s as T;
    }
    if (!isPlainJson(v)) return v;
    deepFreeze(v);
    this.slots[this.next] = v;
    this.next = (this.next + 1) % this.size;
    return v;
  }
}

const labels = new RecentValues();
const ownerReferences = new RecentValues();
const generateName = new RecentValues();
const securityContext = new RecentValues();
const resources = new RecentValues();

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Shares the template-constant parts of a pod being created. `pod` is the server's own copy. */
export function sharePodParts(pod: KubeObject): void {
  if (pod.kind !== "Pod" || pod.apiVersion !== "v1") return;
  const meta = pod.metadata as unknown as Obj | undefined;
  if (isObj(meta)) {
    if (isObj(meta.labels)) meta.labels = labels.intern(meta.labels);
    if (Array.isArray(meta.ownerReferences)) meta.ownerReferences = ownerReferences.intern(meta.ownerReferences);
    if (typeof meta.generateName === "string") meta.generateName = generateName.intern(meta.generateName);
  }
  const spec = pod.spec as Obj | undefined;
  if (!isObj(spec)) return;
  if (isObj(spec.securityContext)) spec.securityContext = securityContext.intern(spec.securityContext);
  for (const key of ["initContainers", "containers"]) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    for (const c of list) if (isObj(c) && isObj(c.resources)) c.resources = resources.intern(c.resources);
  }
}
