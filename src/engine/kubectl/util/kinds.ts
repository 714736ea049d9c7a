// schema.GroupKind.String(): "Pod", "Deployment.apps" — how kubectl names a kind in its errors.
import type { ResourceType } from "../../api/registry";

export function groupKindString(t: Pick<ResourceType, "kind" | "group">): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}
