// Quantities as the API server stores them: rounded up to milli precision and re-serialised in
// canonical form ("0.5" → "500m", "1.5Gi" → "1536Mi", "0.1m" → "1m").
import { parseQuantity, quantityToString, roundUpQuantity, Scale, type Quantity } from "../../apimachinery/quantity";

const MEMO_LIMIT = 5_000;
const memo = new Map<string, string>();

/**
 * Canonical stored form of one quantity string. An unparsable string is returned unchanged: upstream
 * rejects it while decoding, before defaulting, and that error is the manifest layer's to report.
 */
// mirrors SetDefaults_ResourceList (k/k pkg/apis/core/v1/defaults.go) plus Quantity.String on output
export function canonicalQuantity(raw: unknown): unknown {
  if (typeof raw === "number") raw = String(raw); // YAML `cpu: 1` arrives as a number
  if (typeof raw !== "string") return raw;
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  let out: string;
  try {
    const parsed = parseQuantity(raw);
    const { quantity, exact } = roundUpQuantity(parsed, Scale.Milli);
    // An exact rounding keeps the value, so the (possibly cached) original form prints.
    out = quantityToString(exact ? parsed : quantity);
  } catch {
    return raw;
  }
  // Bounded memo: the same few strings repeat across every pod of a large cluster.
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(raw, out);
  return out;
}

/** Canonicalises every value of a ResourceList in place (the list is owned by the caller). */
export function defaultResourceList(list: Record<string, unknown> | undefined | null): void {
  if (!list || typeof list !== "object") return;
  for (const k of Object.keys(list)) list[k] = canonicalQuantity(list[k]);
}

const parsedMemo = new Map<string, Quantity | null>();

/**
 * parseQuantity for hot paths (QoS, resource validation): memoised, and undefined instead of a throw for
 * a malformed value. Quantities are immutable, so sharing parsed values is safe.
 */
export function parseQuantityCached(raw: unknown): Quantity | undefined {
  if (typeof raw === "number") raw = String(raw);
  if (typeof raw !== "string") return undefined;
  const hit = parsedMemo.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  let q: Quantity | null;
  try {
    q = parseQuantity(raw);
  } catch {
    q = null;
  }
  if (parsedMemo.size >= MEMO_LIMIT) parsedMemo.clear();
  parsedMemo.set(raw, q);
  return q ?? undefined;
}
