// `kubectl create role NAME --verb=... --resource=...[.group][/subresource] [--resource-name=...]`:
// a Role with one rule per API group. The shared parts (verb and resource completion, validation,
// rule generation) serve `create clusterrole` too.
// mirrors kubectl pkg/cmd/create/create_role.go (Complete, Validate, validateResource, RunCreateRole,
// generateResourcePolicyRules).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { PolicyRule } from "../../apiserver/authorization/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, strs, type ParsedArgs } from "../flags";
import { fail, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { namespaceFor } from "../util/resources";
import { nameFromArgs } from "./createDeployment";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const ROLES = resolveResource("roles.rbac.authorization.k8s.io")!;
export const VALID_RESOURCE_VERBS = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"];

/** Verbs that only make sense on particular resources (specialVerbs). */
const SPECIAL_VERBS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  use: [["policy", "podsecuritypolicies"], ["extensions", "podsecuritypolicies"]],
  bind: [["rbac.authorization.k8s.io", "roles"], ["rbac.authorization.k8s.io", "clusterroles"]],
  escalate: [["rbac.authorization.k8s.io", "roles"], ["rbac.authorization.k8s.io", "clusterroles"]],
  impersonate: [["", "users"], ["", "serviceaccounts"], ["", "groups"], ["authentication.k8s.io", "userextras"]],
};

export interface ResourceOption {
  group: string;
  resource: string;
  subresource: string;
}

/** Flags of a string-slice kind arrive repeated and comma-separated (pflag StringSlice). */
export function sliceFlag(p: ParsedArgs, name: string): string[] {
  return strs(p, name).flatMap((v) => v.split(",")).filter((v) => v !== "");
}

/** Completes --verb: duplicates dropped, "*" alone when present. */
export function completeVerbs(p: ParsedArgs): string[] {
  const verbs: string[] = [];
  for (const v of sliceFlag(p, "verb")) {
    if (v === "*") return ["*"];
    if (!verbs.includes(v)) verbs.push(v);
  }
  return verbs;
}

/** Completes --resource: "deployments.apps/scale" → {group apps, resource deployments, subresource scale}. */
export function completeResources(p: ParsedArgs): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of sliceFlag(p, "resource")) {
    const slash = r.indexOf("/");
    const head = slash < 0 ? r : r.slice(0, slash);
    const dot = head.indexOf(".");
    const opt = { resource: dot < 0 ? head : head.slice(0, dot), group: dot < 0 ? "" : head.slice(dot + 1), subresource: slash < 0 ? "" : r.slice(slash + 1) };
    if (opt.resource === "*" && dot < 0 && slash < 0) return [opt];
    out.push(opt);
  }
  return out;
}

export function uniqueResourceNames(p: ParsedArgs): string[] {
  const out: string[] = [];
  for (const n of strs(p, "resource-name")) if (!out.includes(n)) out.push(n);
  return out;
}

/** What the RESTMapper answers for a resource option (kubectl resolves short names: rs → replicasets). */
function mapped(r: ResourceOption): { group: string; resource: string } | undefined {
  const rt = resolveResource(r.group === "" ? r.resource : `${r.resource}.${r.group}`);
  return rt ? { group: rt.group, resource: rt.resource } : undefined;
}

// mirrors validateResource
export function validateResources(resources: readonly ResourceOption[], verbs: readonly string[]): void {
  for (const r of resources) {
    if (r.resource === "") fail("resource must be specified if apiGroup/subresource specified");
    if (r.resource === "*") return;
    const m = mapped(r);
    const resource = m ?? { group: r.group, resource: r.resource };
    // A special verb on its own resource (impersonate users) needs no discovery entry.
    let known = m !== undefined;
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.some(([g, res]) => res === resource.resource && g === resource.group)) fail(`can not perform '${v}' on '${resource.resource}' in group '${resource.group}'`);
      known = true;
    }
    if (!known) fail(`the server doesn't have a resource type ${JSON.stringify(r.resource)}`);
  }
}

/** Validate's verb warnings (printed, not fatal). */
export function warnNonStandardVerbs(ctx: CommandContext, verbs: readonly string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) ctx.out.err(`Warning: '${v}' is not a standard resource verb\n`);
}

// mirrors generateResourcePolicyRules: one rule per API group (sorted), then the non-resource URLs.
export function generateResourcePolicyRules(verbs: string[], resources: readonly ResourceOption[], resourceNames: string[], nonResourceURLs: string[]): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const m = mapped(r) ?? { group: r.group, resource: r.resource };
    const name = r.subresource ? `${m.resource}/${r.subresource}` : m.resource;
    const list = byGroup.get(m.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(m.group, list);
  }
  const rules: PolicyRule[] = [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g) as string[],
    ...(resourceNames.length > 0 ? { resourceNames } : {}),
  }));
  if (nonResourceURLs.length > 0) rules.push({ verbs, nonResourceURLs });
  return rules;
}

function runCreateRole(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const verbs = completeVerbs(p);
  const resources = completeResources(p);
  const resourceNames = uniqueResourceNames(p);
  if (name === "") fail("name must be specified");
  if (verbs.length === 0) fail("at least one verb must be specified");
  warnNonStandardVerbs(ctx, verbs);
  if (resources.length === 0) fail("at least one resource must be specified");
  validateResources(resources, verbs);
  const role = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
    rules: generateResourcePolicyRules(verbs, resources, resourceNames, []),
  } as unknown as KubeObject;
  ctx.env.api.create(ctx.actor, bool(p, "save-config") ? withLastApplied(role) : role, namespaceFor(ctx, ROLES));
  ctx.out.out(nameLine(ROLES, name, "created"));
  return [];
}

export const ROLE_FLAGS = [
  { name: "verb", kind: "stringArray" },
  { name: "resource", kind: "stringArray" },
  { name: "resource-name", kind: "stringArray" },
  ...CREATE_OBJECT_FLAGS,
] as const;

export const createRoleCommand: CommandDef = {
  name: "role",
  short: "Create a role with single rule",
  use: "role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]",
  flags: [...ROLE_FLAGS],
  run: runCreateRole,
};
