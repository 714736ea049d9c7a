// `kubectl get --sort-by=<jsonpath>`: orders objects by a field.
// mirrors kubectl pkg/cmd/get/sorter.go (RelaxedJSONPathExpression, isLess: numbers numerically,
// strings lexically, RFC 3339 times chronologically, resource quantities by value) with a stable sort.
import type { KubeObject } from "../../api/types";
import { parseQuantity, compareQuantity } from "../../apimachinery/quantity";
import { JSONPathTemplate } from "../printers/jsonpath";
import { relaxedJSONPathExpression } from "../printers/output";
import { fail } from "./errors";

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function less(a: unknown, b: unknown): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    if (RFC3339.test(a) && RFC3339.test(b)) return Date.parse(a) - Date.parse(b);
    try {
      return compareQuantity(parseQuantity(a), parseQuantity(b));
    } catch {
      return a < b ? -1 : a > b ? 1 : 0;
    }
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The objects sorted by `sortBy`; objects without the field sort first, ties keep their order. */
export function sortObjects(objects: readonly KubeObject[], sortBy: string): KubeObject[] {
  let template: JSONPathTemplate;
  try {
    template = new JSONPathTemplate(relaxedJSONPathExpression(sortBy));
  } catch (e) {
    return fail((e as Error).message);
  }
  const keyed = objects.map((o, i) => {
    let value: unknown;
    try {
      value = template.findResults(o, { allowMissingKeys: true })[0]?.[0];
    } catch {
      value = undefined;
    }
    return { o, i, value };
  });
  keyed.sort((x, y) => less(x.value, y.value) || x.i - y.i);
  return keyed.map((k) => k.o);
}
