// Quantities as kubectl prints them: the canonical form of resource.Quantity.String().
import { parseQuantity, quantityToString } from "../../../apimachinery/quantity";

/** Quantity.String() of a stored value; a missing value is the zero Quantity ("0"). */
export function quantityString(v: unknown): string {
  if (typeof v === "number") v = String(v);
  if (typeof v !== "string" || v === "") return "0";
  try {
    return quantityToString(parseQuantity(v));
  } catch {
    // The API server rejects malformed quantities; a hand-made object still prints what it holds.
    return v;
  }
}
