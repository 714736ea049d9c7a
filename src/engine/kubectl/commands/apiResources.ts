// `kubectl api-resources`: the resources the server serves, preferred version only, sorted by group
// then name. mirrors kubectl pkg/cmd/apiresources/apiresources.go (RunAPIResources, sortableResource)
// with the APIVERSION column of current kubectl.
import { groupVersionOf, RESOURCE_TYPES, type ResourceType } from "../../api/registry";
import type { CommandDef } from "../command";
import { bool, str } from "../flags";
import { newKubectlTableWriter } from "../printers/tabwriter";
import { fail } from "../util/errors";

/** ServerPreferredResources: one entry per group/resource, the first (preferred) version listed. */
export function preferredResources(): ResourceType[] {
  const seen = new Set<string>();
  const out: ResourceType[] = [];
  for (const t of RESOURCE_TYPES) {
    const key = `${t.group}/${t.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

function compare(a: ResourceType, b: ResourceType, sortBy: string): number {
  const [x, y] = sortBy === "name" ? [a.resource, b.resource] : sortBy === "kind" ? [a.kind, b.kind] : [a.group, b.group];
  if (x !== y) return x < y ? -1 : 1;
  return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
}

export const apiResourcesCommand: CommandDef = {
  name: "api-resources",
  short: "Print the supported API resources on the server",
  use: "api-resources",
  flags: [
    { name: "api-group", kind: "string" },
    { name: "namespaced", kind: "bool", default: true },
    { name: "no-headers", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
    { name: "sort-by", kind: "string" },
    { name: "verbs", kind: "stringArray" },
    { name: "cached", kind: "bool" },
    { name: "categories", kind: "stringArray" },
  ],
  run(ctx, p) {
    const output = str(p, "output") ?? "";
    if (output !== "" && output !== "wide" && output !== "name") fail(`--output ${output} is not available`);
    // The simulated API server's discovery documents carry no verbs, so there is no VERBS column.
    if (output === "wide") fail("--output wide is not available in Kubelab: the simulated API server does not publish verbs");
    const sortBy = str(p, "sort-by") ?? "";
    if (sortBy !== "" && sortBy !== "name" && sortBy !== "kind") fail(`--sort-by accepts only name or kind`);
    let resources = preferredResources();
    if (p.changed.has("api-group")) resources = resources.filter((t) => t.group === str(p, "api-group"));
    if (p.changed.has("namespaced")) resources = resources.filter((t) => t.namespaced === bool(p, "namespaced"));
    resources = [...resources].sort((a, b) => compare(a, b, sortBy));
    if (output === "name") {
      for (const t of resources) ctx.out.out(t.group ? `${t.resource}.${t.group}\n` : `${t.resource}\n`);
      return;
    }
    const w = newKubectlTableWriter();
    if (!bool(p, "no-headers")) w.writeRow(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]);
    for (const t of resources) w.writeRow([t.resource, t.shortNames.join(","), groupVersionOf(t), String(t.namespaced), t.kind]);
    ctx.out.out(w.toString());
  },
};
