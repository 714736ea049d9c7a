// The registry's (apiVersion, kind) → ResourceType resolution as a table made once: the API server resolves
// the type of every request's object, and a scan of RESOURCE_TYPES building "group/version" strings for
// each entry was a measurable share of every write.
import { groupVersionOf, RESOURCE_TYPES, type ResourceType } from "../api/registry";

/** kind → apiVersion → type; the first registered entry wins, as in registry.resourceTypeForKind. */
const BY_KIND = new Map<string, Map<string, ResourceType>>();
for (const t of RESOURCE_TYPES) {
  let byVersion = BY_KIND.get(t.kind);
  if (!byVersion) BY_KIND.set(t.kind, (byVersion = new Map()));
  const gv = groupVersionOf(t);
  if (!byVersion.has(gv)) byVersion.set(gv, t);
}

/** Same answer as registry.resourceTypeForKind(apiVersion, kind), by two map lookups. */
export function lookupResourceType(apiVersion: string, kind: string): ResourceType | undefined {
  return BY_KIND.get(kind)?.get(apiVersion);
}

/** The core/v1 Pod type (the binding and eviction subresources). */
export const POD_TYPE: ResourceType = lookupResourceType("v1", "Pod")!;
