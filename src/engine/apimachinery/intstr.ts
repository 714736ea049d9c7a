// IntOrString values such as a Deployment's maxSurge: 3 or "25%".
// Mirrors k8s.io/apimachinery pkg/util/intstr/intstr.go (GetScaledValueFromIntOrPercent).

export type IntOrString = number | string;

export class IntOrStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntOrStringError";
  }
}

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);

// mirrors strconv.Atoi, including its error text.
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new IntOrStringError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > MAX_INT64 || n < MIN_INT64) {
    throw new IntOrStringError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return Number(n);
}

// mirrors getIntOrPercentValueSafely: an int is itself; a string must be a whole number followed by '%'.
export function getIntOrPercentValueSafely(v: IntOrString): { value: number; isPercent: boolean } {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new IntOrStringError("invalid type: neither int nor percentage");
    return { value: v, isPercent: false };
  }
  if (typeof v !== "string") throw new IntOrStringError("invalid type: neither int nor percentage");
  if (!v.endsWith("%")) throw new IntOrStringError("invalid type: string is not a percentage");
  try {
    return { value: atoi(v.slice(0, -1)), isPercent: true };
  } catch (e) {
    throw new IntOrStringError(`invalid value ${JSON.stringify(v)}: ${(e as Error).message}`);
  }
}

// mirrors GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up (maxSurge) or down
// (maxUnavailable); a plain int is returned as is. Throws IntOrStringError with upstream's message.
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new IntOrStringError("nil value for IntOrString");
  let parsed: { value: number; isPercent: boolean };
  try {
    parsed = getIntOrPercentValueSafely(v);
  } catch (e) {
    throw new IntOrStringError(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!parsed.isPercent) return parsed.value;
  // Same float64 arithmetic as upstream: value * total / 100, then ceil or floor.
  const scaled = (parsed.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
