// metav1.LabelSelector validation and the "does the selector match the template" check every workload makes.
// mirrors ValidateLabelSelector / ValidateLabelSelectorRequirement (apimachinery pkg/apis/meta/v1/validation/validation.go)
import type { LabelSelector } from "../../api/types";
import { isValidLabelValue } from "../../apimachinery/validation";
import { labelSelectorAsSelector, type Selector } from "../../apimachinery/labels";
import { child, forbidden, index, invalid, required, type FieldError } from "./field";
import { validateLabelName, validateLabels } from "./objectMeta";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export function validateLabelSelectorRequirement(sr: unknown, allowInvalidLabelValue: boolean, path: string): FieldError[] {
  const r: Obj = isObj(sr) ? sr : {};
  const errs: FieldError[] = [];
  const values: unknown[] = Array.isArray(r.values) ? r.values : [];
  switch (r.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(child(path, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(forbidden(child(path, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(child(path, "operator"), r.operator ?? "", "not a valid selector operator"));
  }
  errs.push(...validateLabelName(String(r.key ?? ""), child(path, "key")));
  if (!allowInvalidLabelValue) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(String(v))) errs.push(invalid(index(child(path, "values"), i), String(v), msg));
    });
  }
  return errs;
}

export function validateLabelSelector(ps: unknown, allowInvalidLabelValue: boolean, path: string): FieldError[] {
  if (!isObj(ps)) return [];
  const errs = validateLabels(ps.matchLabels, child(path, "matchLabels"));
  if (Array.isArray(ps.matchExpressions)) {
    ps.matchExpressions.forEach((expr: unknown, i: number) => {
      errs.push(...validateLabelSelectorRequirement(expr, allowInvalidLabelValue, index(child(path, "matchExpressions"), i)));
    });
  }
  return errs;
}

/** metav1.LabelSelectorAsSelector, or undefined where upstream returns an error. */
export function selectorOrUndefined(ls: unknown): Selector | undefined {
  try {
    return labelSelectorAsSelector((ls ?? null) as LabelSelector | null);
  } catch {
    return undefined;
  }
}

/** The number of requirements a selector spells out (len(matchLabels) + len(matchExpressions)). */
export function selectorTermCount(ls: unknown): number {
  if (!isObj(ls)) return 0;
  return (isObj(ls.matchLabels) ? Object.keys(ls.matchLabels).length : 0) +
    (Array.isArray(ls.matchExpressions) ? ls.matchExpressions.length : 0);
}
