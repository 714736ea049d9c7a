// `kubectl create clusterrole NAME --verb=... (--resource=... | --non-resource-url=...)` or
// `--aggregation-rule=key=value`: a ClusterRole with one rule per API group (plus the URL rule), or an
// aggregated one whose rules the clusterrole-aggregation controller fills in.
// mirrors kubectl pkg/cmd/create/create_clusterrole.go (Complete, Validate, RunCreateRole).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, strs, type ParsedArgs } from "../flags";
import { fail, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { nameFromArgs } from "./createDeployment";
import { completeResources, completeVerbs, generateResourcePolicyRules, ROLE_FLAGS, sliceFlag, uniqueResourceNames, validateResources, VALID_RESOURCE_VERBS } from "./createRole";

const CLUSTER_ROLES = resolveResource("clusterroles")!;
const VALID_NON_RESOURCE_VERBS = ["*", "get", "post", "put", "delete", "patch", "head", "options"];

/** --aggregation-rule: pflag's mapStringString ("k1=v1,k2=v2", repeatable). */
function aggregationRule(p: ParsedArgs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of strs(p, "aggregation-rule").flatMap((v) => v.split(","))) {
    const eq = pair.indexOf("=");
    if (eq < 0) fail(`invalid argument ${JSON.stringify(pair)} for "--aggregation-rule" flag: ${pair} must be formatted as key=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

// mirrors CreateClusterRoleOptions.Validate's non-resource URL checks
function validateNonResourceURLs(verbs: readonly string[], urls: readonly string[]): void {
  for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) fail(`invalid verb: '${v}' for nonResourceURL`);
  for (const url of urls) {
    if (url === "*") continue;
    if (url === "" || !url.startsWith("/")) fail("nonResourceURL should start with /");
    if (url.slice(0, -1).includes("*")) fail("nonResourceURL only supports wildcard matches when '*' is at the end");
  }
}

function runCreateClusterRole(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const verbs = completeVerbs(p);
  const resources = completeResources(p);
  const resourceNames = uniqueResourceNames(p);
  const urls: string[] = [];
  for (const u of sliceFlag(p, "non-resource-url")) if (!urls.includes(u)) urls.push(u);
  const aggregation = aggregationRule(p);
  if (name === "") fail("name must be specified");
  const aggregated = Object.keys(aggregation).length > 0;
  if (aggregated) {
    if (urls.length > 0 || verbs.length > 0 || resources.length > 0 || resourceNames.length > 0) {
      fail("aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames");
    }
  } else {
    if (verbs.length === 0) fail("at least one verb must be specified");
    if (resources.length === 0 && urls.length === 0) fail("one of resource or nonResourceURL must be specified");
    if (resources.length > 0) {
      for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) ctx.out.err(`Warning: '${v}' is not a standard resource verb\n`);
      validateResources(resources, verbs);
    }
    if (urls.length > 0) validateNonResourceURLs(verbs, urls);
  }
  const role = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name },
    ...(aggregated
      ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } }
      : { rules: generateResourcePolicyRules(verbs, resources, resourceNames, urls) }),
  } as unknown as KubeObject;
  ctx.env.api.create(ctx.actor, bool(p, "save-config") ? withLastApplied(role) : role);
  ctx.out.out(nameLine(CLUSTER_ROLES, name, "created"));
  return [];
}

export const createClusterRoleCommand: CommandDef = {
  name: "clusterrole",
  short: "Create a cluster role",
  use: "clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]",
  flags: [...ROLE_FLAGS, { name: "non-resource-url", kind: "stringArray" }, { name: "aggregation-rule", kind: "stringArray" }],
  run: runCreateClusterRole,
};
