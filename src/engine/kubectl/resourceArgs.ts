// Resolves kubectl's resource arguments: `pods`, `pod/nginx`, `deploy,rs`, `pods nginx web`, `all`,
// `deployments.apps`. Unknown types get kubectl's wording: the server doesn't have a resource type "x".
import { resolveResource, type ResourceType } from "../api/registry";
import { KubectlError } from "./env";

export interface ResourceRef {
  type: ResourceType;
  /** Empty: every object of the type. */
  names: string[];
}

/**
 * What `kubectl get all` expands to: the resources in the "all" category, in discovery order (the core
 * group first, each group's resources alphabetically), as the category expander walks them.
 */
export const ALL_CATEGORY = ["pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets", "statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs"];

export function resolveType(word: string): ResourceType {
  const t = resolveResource(word);
  if (!t) throw new KubectlError(`error: the server doesn't have a resource type "${word}"`, true);
  return t;
}

/**
 * Parses the positional args of get/describe/delete/label...: either TYPE [NAME...] (TYPE may be a
 * comma list) or one or more TYPE/NAME.
 */
export function parseResourceArgs(args: readonly string[]): ResourceRef[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes("/"))) {
    const bad = args.find((a) => !a.includes("/"));
    if (bad !== undefined) {
      throw new KubectlError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`, true);
    }
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const [typeWord, name] = a.split("/", 2) as [string, string];
      if (!name) throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`, true);
      const type = resolveType(typeWord);
      const existing = refs.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else refs.push({ type, names: [name] });
    }
    return refs;
  }
  const [typesWord, ...names] = args as [string, ...string[]];
  const words = typesWord.split(",").filter((w) => w !== "");
  const types: ResourceType[] = [];
  for (const w of words) {
    if (w === "all") for (const r of ALL_CATEGORY) types.push(resolveType(r));
    else types.push(resolveType(w));
  }
  if (names.length > 0 && types.length > 1) {
    throw new KubectlError(`error: you must specify only one resource`, true);
  }
  return types.map((type) => ({ type, names: [...names] }));
}
