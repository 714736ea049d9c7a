// Label selector requirements: `key op values`, their matching and their validation (NewRequirement).
// Mirrors k8s.io/apimachinery pkg/labels/selector.go (Requirement, NewRequirement) and the field.Error /
// utilerrors.Aggregate wording its errors print with.
import { isQualifiedName, isValidLabelValue } from "./validation";

/** Upstream selection.Operator values. */
export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabelSelectorError";
  }
}

export const BINARY_OPERATORS = ["in", "notin", "=", "==", "!=", "gt", "lt"] as const;
const VALID_OPERATORS = [...BINARY_OPERATORS, "exists", "!"] as const;

export type Labels = Readonly<Record<string, string>> | undefined;

/** One `key op values` clause. `values` are as given (sorted by the parser); toString sorts a copy. */
export class Requirement {
  private readonly single: string | undefined;
  private readonly set: ReadonlySet<string> | undefined;
  private readonly bound: bigint | undefined;

  constructor(readonly key: string, readonly operator: Operator, readonly values: readonly string[]) {
    this.single = values.length === 1 ? values[0] : undefined;
    this.set = values.length > 1 ? new Set(values) : undefined;
    this.bound = (operator === "gt" || operator === "lt") && values.length === 1 ? parseInt64(values[0] as string) : undefined;
  }

  private hasValue(v: string): boolean {
    return this.single !== undefined ? this.single === v : this.set !== undefined && this.set.has(v);
  }

  // mirrors Requirement.Matches
  matches(labels: Labels): boolean {
    // A present label is always a string; Object.prototype has no string-valued members, so this also
    // keeps keys like "constructor" from matching inherited properties.
    const raw = labels === undefined ? undefined : (labels as Record<string, unknown>)[this.key];
    const v = typeof raw === "string" ? raw : undefined;
    switch (this.operator) {
      case "in":
      case "=":
      case "==":
        return v !== undefined && this.hasValue(v);
      case "notin":
      case "!=":
        return v === undefined || !this.hasValue(v);
      case "exists":
        return v !== undefined;
      case "!":
        return v === undefined;
      case "gt":
      case "lt": {
        if (v === undefined || this.bound === undefined) return false;
        const n = parseInt64(v);
        if (n === undefined) return false;
        return this.operator === "gt" ? n > this.bound : n < this.bound;
      }
    }
  }

  // mirrors Requirement.String
  toString(): string {
    const op = this.operator;
    if (op === "!") return "!" + this.key;
    if (op === "exists") return this.key;
    const sym = { "=": "=", "==": "==", "!=": "!=", in: " in ", notin: " notin ", gt: ">", lt: "<" }[op];
    const vals = this.values.length === 1 ? (this.values[0] as string) : [...this.values].sort(compareStrings).join(",");
    return op === "in" || op === "notin" ? `${this.key}${sym}(${vals})` : `${this.key}${sym}${vals}`;
  }
}

/** Go string order (bytewise); equal to UTF-16 order for the ASCII that label keys and values are. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strconv.ParseInt(s, 10, 64), or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n < 1n << 63n ? n : undefined;
}

// ---- Validation (NewRequirement) and its field.Error wording ----

/** Go's %#v of a []string: `[]string(nil)` for nil, `[]string{"a", "b"}` otherwise. */
function goStringSlice(vals: readonly string[] | undefined): string {
  if (vals === undefined) return "[]string(nil)";
  return `[]string{${vals.map((v) => JSON.stringify(v)).join(", ")}}`;
}

/** field.Invalid(path, value, detail).Error(); a nil path prints as "<nil>". */
export function invalidFieldError(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** utilerrors.Aggregate.Error(): one message bare, several deduplicated inside [..]. */
function aggregate(errs: string[]): string {
  const seen = [...new Set(errs)];
  return seen.length === 1 ? (seen[0] as string) : `[${seen.join(", ")}]`;
}

export function validateLabelKey(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? undefined : invalidFieldError(path, JSON.stringify(key), errs.join("; "));
}

// mirrors NewRequirement: validates, and throws the aggregated field errors (path as upstream: no prefix).
// `vals` undefined stands for a nil slice (an omitted `values:` in a matchExpression).
export function newRequirement(key: string, op: string, vals: readonly string[] | undefined): Requirement {
  const errs: string[] = [];
  const values = vals ?? [];
  const keyErr = validateLabelKey(key, "key");
  if (keyErr) errs.push(keyErr);
  switch (op) {
    case "in":
    case "notin":
      if (values.length === 0) {
        errs.push(invalidFieldError("values", goStringSlice(vals), "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) {
        errs.push(invalidFieldError("values", goStringSlice(vals), "exact-match compatibility requires one single value"));
      }
      break;
    case "exists":
    case "!":
      if (values.length !== 0) {
        errs.push(invalidFieldError("values", goStringSlice(vals), "values set must be empty for exists and does not exist"));
      }
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        errs.push(invalidFieldError("values", goStringSlice(vals), "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalidFieldError(`values[${i}]`, JSON.stringify(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(
        `operator: Unsupported value: ${JSON.stringify(op)}: supported values: ${VALID_OPERATORS.map((o) => JSON.stringify(o)).join(", ")}`,
      );
  }
  values.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length > 0) errs.push(invalidFieldError(`values[${i}][${key}]`, JSON.stringify(v), vErrs.join("; ")));
  });
  if (errs.length > 0) throw new LabelSelectorError(aggregate(errs));
  return new Requirement(key, op as Operator, values);
}
