// The flags `kubectl label` and `kubectl annotate` share (both built on the same options upstream:
// --overwrite, --list, --local, selectors, --all, -A, --resource-version, -f/-R, -o).
import type { FlagSpec } from "../flags";

export const METADATA_EDIT_FLAGS: readonly FlagSpec[] = [
  { name: "overwrite", kind: "bool" },
  { name: "list", kind: "bool" },
  { name: "local", kind: "bool" },
  { name: "selector", short: "l", kind: "string" },
  { name: "field-selector", kind: "string" },
  { name: "all", kind: "bool" },
  { name: "all-namespaces", short: "A", kind: "bool" },
  { name: "resource-version", kind: "string" },
  { name: "filename", short: "f", kind: "stringArray" },
  { name: "recursive", short: "R", kind: "bool" },
  { name: "output", short: "o", kind: "string" },
];
