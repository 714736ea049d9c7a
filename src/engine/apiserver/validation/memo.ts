// Validation of shared, immutable sub-objects, once. Admission shares the template-constant parts of the
// pods a controller creates (labels, owner references, tolerations, container resources, security
// contexts) as deep-frozen objects; validating the same frozen object again can only give the same
// answer. A validator remembers the frozen objects it found valid (by identity, weakly) and skips them.
// Only valid results are remembered: they carry no field paths, so they hold for any path. A mutable
// object is never remembered (it could change after validation).
import type { FieldError } from "./field";

/** The frozen objects one validator found valid. */
export type ValidSet = WeakSet<object>;

export function newValidSet(): ValidSet {
  return new WeakSet<object>();
}

/** Whether `v` is a frozen object this validator already found valid. */
export function knownValid(set: ValidSet, v: unknown): boolean {
  return typeof v === "object" && v !== null && set.has(v);
}

/** Remembers `v` as valid when `errs` is empty and nothing reachable from `v` can change. */
export function rememberIfValid(set: ValidSet, v: unknown, errs: readonly FieldError[]): void {
  if (errs.length === 0 && typeof v === "object" && v !== null && isDeepFrozen(v)) set.add(v);
}

function isDeepFrozen(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return true;
  if (!Object.isFrozen(v)) return false;
  for (const k of Object.keys(v)) if (!isDeepFrozen((v as Record<string, unknown>)[k])) return false;
  return true;
}
