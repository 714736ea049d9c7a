// How kubectl names objects in its one-line messages.
// mirrors cli-runtime printers NamePrinter.printObj: `<kind>.<group>/<name> <operation>` with the kind
// lower-cased (`deployment.apps/nginx created`, `pod/nginx labeled`), and the resource strings used in
// error messages (`deployments.apps "nginx"`).
import type { ResourceType } from "../../api/registry";

/** `deployment.apps`, `pod`: what NamePrinter and the delete printer write before the name. */
export function kindString(t: Pick<ResourceType, "kind" | "group">): string {
  const kind = t.kind.toLowerCase();
  return t.group ? `${kind}.${t.group}` : kind;
}

/** `deployments.apps`, `pods`: the group-qualified resource used in errors. */
export function resourceString(t: Pick<ResourceType, "resource" | "group">): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** NamePrinter output, one line: `deployment.apps/nginx scaled`. */
export function nameLine(t: Pick<ResourceType, "kind" | "group">, name: string, operation = ""): string {
  return operation ? `${kindString(t)}/${name} ${operation}\n` : `${kindString(t)}/${name}\n`;
}
