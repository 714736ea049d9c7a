// How the validating admission plugins (LimitRanger, ResourceQuota) name the object in a 403.
// Validating admission runs after the API server generated a name, but the attributes' object is the
// one the request carried: for `generateName: web-` the error says `pods "web-" is forbidden`, as in
// the ReplicaSet's FailedCreate events. mirrors extractResourceName (apiserver pkg/admission/errors.go).
import type { KubeObject } from "../../api/types";
import type { ApiError } from "../errors";
import { admissionForbidden } from "./context";

/** Length of the random suffix names.SimpleNameGenerator appends. */
const RANDOM_SUFFIX_LENGTH = 5;

export function admissionForbiddenBeforeNaming(obj: KubeObject, message: string): ApiError {
  const meta = obj.metadata;
  const gen = meta?.generateName;
  if (gen && meta.name && meta.name.startsWith(gen) && meta.name.length === gen.length + RANDOM_SUFFIX_LENGTH) {
    return admissionForbidden({ ...obj, metadata: { ...meta, name: "" } }, message);
  }
  return admissionForbidden(obj, message);
}
