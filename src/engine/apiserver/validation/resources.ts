// Container resource requirements: names, quantities, and requests against limits.
// mirrors validateResourceRequirements, validateContainerResourceName, validateResourceName,
// ValidateResourceQuantityValue (k/k pkg/apis/core/validation/validation.go) and the name helpers of
// k/k pkg/apis/core/helper/helpers.go.
import { isQualifiedName } from "../../apimachinery/validation";
import { compareQuantity, milliValue, parseQuantity, quantityToString } from "../../apimachinery/quantity";
import { parseQuantityCached } from "../defaults/resourceList";
import { invalid, key, child, required, forbidden, type FieldError } from "./field";
import { IS_NEGATIVE_ERROR_MSG } from "./objectMeta";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** helper.standardResources (plus hugepages-*, checked separately). */
const STANDARD_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage",
  "requests.cpu", "requests.memory", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims",
  "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
]);
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
/** helper.IsIntegerResourceName: resources counted in whole units (extended resources too). */
const INTEGER_RESOURCES = new Set(["pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers"]);

const isHugePage = (name: string): boolean => name.startsWith("hugepages-");
// mirrors IsNativeResource: unqualified or kubernetes.io/ qualified
const isNative = (name: string): boolean => !name.includes("/") || name.includes("kubernetes.io/");
// mirrors IsOvercommitAllowed: native, non-hugepage resources may be requested below their limit.
const isOvercommitAllowed = (name: string): boolean => isNative(name) && !isHugePage(name);
// mirrors IsExtendedResourceName
function isExtendedResourceName(name: string): boolean {
  if (isNative(name) || name.startsWith("requests.")) return false;
  return isQualifiedName("requests." + name).length === 0;
}

// mirrors validateResourceName
function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes("/") && !(STANDARD_RESOURCES.has(name) || isHugePage(name))) {
    return [invalid(path, name, "must be a standard resource type or fully qualified")];
  }
  return [];
}

// mirrors validateContainerResourceName
function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes("/")) {
    if (!(STANDARD_CONTAINER_RESOURCES.has(name) || isHugePage(name))) {
      return [...errs, invalid(path, name, "must be a standard resource for containers")];
    }
  } else if (!isNative(name) && !isExtendedResourceName(name)) {
    return [...errs, invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** Parses a stored quantity; undefined for a malformed one (rejected at decode time upstream). */
const q = parseQuantityCached;

const ZERO = parseQuantity("0");

// mirrors ValidateResourceQuantityValue (+ ValidateNonnegativeQuantity)
export function validateResourceQuantityValue(name: string, raw: unknown, path: string): FieldError[] {
  const v = q(raw);
  if (!v) return [];
  const errs: FieldError[] = [];
  if (compareQuantity(v, ZERO) < 0) errs.push(invalid(path, quantityToString(v), IS_NEGATIVE_ERROR_MSG));
  if ((INTEGER_RESOURCES.has(name) || isExtendedResourceName(name)) && milliValue(v) % 1000 !== 0) errs.push(invalid(path, quantityToString(v), "must be an integer"));
  return errs;
}

/** Validates `resources` of one container at `path` (…containers[i].resources). */
// mirrors ValidateContainerResourceRequirements → validateResourceRequirements
export function validateContainerResources(resources: unknown, path: string): FieldError[] {
  const r: Obj = isObj(resources) ? resources : {};
  const limits: Obj = isObj(r.limits) ? r.limits : {};
  const requests: Obj = isObj(r.requests) ? r.requests : {};
  const limPath = child(path, "limits");
  const reqPath = child(path, "requests");
  const errs: FieldError[] = [];
  let limCpuOrMem = false;
  let reqCpuOrMem = false;
  let hugePages = false;

  for (const [name, raw] of Object.entries(limits)) {
    const fp = key(limPath, name);
    errs.push(...validateContainerResourceName(name, fp));
    errs.push(...validateResourceQuantityValue(name, raw, fp));
    if (isHugePage(name)) hugePages = true;
    if (name === "cpu" || name === "memory") limCpuOrMem = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const fp = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, fp));
    errs.push(...validateResourceQuantityValue(name, raw, fp));
    const req = q(raw);
    if (name in limits) {
      const lim = q(limits[name]);
      if (req && lim) {
        const cmp = compareQuantity(req, lim);
        // Note the path: the error names `requests`, not `requests[<name>]`.
        if (cmp !== 0 && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, quantityToString(req), `must be equal to ${name} limit of ${quantityToString(lim)}`));
        } else if (cmp > 0) {
          errs.push(invalid(reqPath, quantityToString(req), `must be less than or equal to ${name} limit of ${quantityToString(lim)}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
    if (isHugePage(name)) hugePages = true;
    if (name === "cpu" || name === "memory") reqCpuOrMem = true;
  }
  if (!limCpuOrMem && !reqCpuOrMem && hugePages) errs.push(forbidden(path, "HugePages require cpu or memory"));
  return errs;
}
