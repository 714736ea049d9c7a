// ResourceList arithmetic for quota: named quantities, added, masked and compared exactly.
// mirrors k8s.io/apiserver pkg/quota/v1/resources.go (Add, Subtract, Mask, LessThanOrEqual, IsZero,
// RemoveZeros, Equals, ResourceNames) and prettyPrint (plugin/pkg/admission/resourcequota/controller.go).
import { addQuantity, compareQuantity, isZeroQuantity, newQuantity, parseQuantity, quantityToString, subQuantity, type Quantity } from "../../apimachinery/quantity";
import { parseQuantityCached } from "../../apiserver/defaults/resourceList";

/** Resource name → quantity. Insertion order is irrelevant: every printer sorts the names. */
export type ResourceList = Map<string, Quantity>;

export const ZERO: Quantity = parseQuantity("0");
export const ONE: Quantity = newQuantity(1, "DecimalSI");

/** A ResourceList from an object's `{name: "quantity"}` map; malformed values are skipped (validation reports them). */
export function fromObject(list: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (!list || typeof list !== "object") return out;
  for (const [k, v] of Object.entries(list as Record<string, unknown>)) {
    const q = typeof v === "number" ? newQuantity(v, "DecimalSI") : parseQuantityCached(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** `{name: "quantity"}` with names sorted, as the API server serialises a map. */
export function toObject(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = quantityToString(list.get(k)!);
  return out;
}

export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    out.set(k, prev ? addQuantity(prev, v) : v);
  }
  return out;
}

export function subtract(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    out.set(k, prev ? subQuantity(prev, v) : subQuantity(ZERO, v));
  }
  return out;
}

/** SubtractWithNonNegativeResult: negative results become zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out = subtract(a, b);
  for (const [k, v] of out) if (compareQuantity(v, ZERO) < 0) out.set(k, ZERO);
  return out;
}

/** Only the named resources. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** LessThanOrEqual: whether a ≤ b for every resource both name; the names where it is not. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { ok: boolean; exceeded: string[] } {
  const exceeded: string[] = [];
  for (const [k, v] of a) {
    const other = b.get(k);
    if (other && compareQuantity(v, other) > 0) exceeded.push(k);
  }
  return { ok: exceeded.length === 0, exceeded };
}

export function isZero(list: ResourceList): boolean {
  for (const v of list.values()) if (!isZeroQuantity(v)) return false;
  return true;
}

export function removeZeros(list: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of list) if (!isZeroQuantity(v)) out.set(k, v);
  return out;
}

/** Names whose quantity is negative. */
export function negatives(list: ResourceList): string[] {
  return [...list].filter(([, v]) => compareQuantity(v, ZERO) < 0).map(([k]) => k);
}

export function equals(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (!o || compareQuantity(v, o) !== 0) return false;
  }
  return true;
}

// mirrors prettyPrint: "name=quantity" sorted by name, joined with ",".
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()].sort().map((k) => `${k}=${quantityToString(list.get(k)!)}`).join(",");
}
