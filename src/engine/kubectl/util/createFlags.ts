// The flags every `kubectl create <object>` generator registers (upstream: cmdutil.AddApplyAnnotationFlags,
// AddDryRunFlag, the PrintFlags' -o, AddValidateFlags and AddFieldManagerFlagVar), in one place.
import type { FlagSpec } from "../flags";

export const CREATE_OBJECT_FLAGS: readonly FlagSpec[] = [
  { name: "save-config", kind: "bool" },
  { name: "dry-run", kind: "string", default: "none" },
  { name: "output", short: "o", kind: "string" },
  { name: "validate", kind: "string" },
  { name: "field-manager", kind: "string" },
];
