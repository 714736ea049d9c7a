// deepCopy for plain JSON API objects. Faster than structuredClone for the small, JSON-only objects the
// store holds, and it keeps key order (which keeps `-o yaml`/`-o json` output stable).
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepCopy(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = deepCopy(v);
  }
  return out as T;
}

/** deepFreeze makes accidental mutation of shared (stored/cached) objects throw in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const k in value as Record<string, unknown>) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
