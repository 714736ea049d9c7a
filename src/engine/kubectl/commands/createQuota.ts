// `kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]`.
// mirrors kubectl pkg/cmd/create/create_quota.go (createQuota, populateResourceListV1, parseScopes).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { parseQuantity, QuantityError } from "../../apimachinery/quantity";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, type ParsedArgs } from "../flags";
import { fail, toFailure, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { namespaceFor } from "../util/resources";
import { dryRunOf, printCreated } from "./createConfigMap";
import { nameFromArgs } from "./createDeployment";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const QUOTAS = resolveResource("resourcequotas")!;

// mirrors populateResourceListV1
function parseHard(spec: string): Record<string, string> | undefined {
  if (spec === "") return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(",")) {
    const parts = statement.split("=");
    if (parts.length !== 2) fail(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      parseQuantity(parts[1]!);
    } catch (e) {
      if (e instanceof QuantityError) fail(e.message);
      throw e;
    }
    out[parts[0]!] = parts[1]!;
  }
  return out;
}

function runCreateQuota(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const dryRun = dryRunOf(p);
  const hard = parseHard(str(p, "hard") ?? "");
  const scopesFlag = str(p, "scopes") ?? "";
  const scopes = scopesFlag === "" ? [] : scopesFlag.split(",").map((s) => s.trim());
  let quota = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
    spec: { ...(hard ? { hard } : {}), ...(scopes.length > 0 ? { scopes } : {}) },
  } as unknown as KubeObject;
  if (bool(p, "save-config")) quota = withLastApplied(quota);
  if (!dryRun) {
    try {
      quota = ctx.env.api.create(ctx.actor, quota, namespaceFor(ctx, QUOTAS));
    } catch (e) {
      return [toFailure(e)];
    }
  }
  printCreated(ctx, p, QUOTAS, quota, dryRun);
  return [];
}

export const createQuotaCommand: CommandDef = {
  name: "quota",
  aliases: ["resourcequota"],
  short: "Create a quota with the specified name",
  use: "quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]",
  flags: [
    { name: "hard", kind: "string" },
    { name: "scopes", kind: "string" },
    ...CREATE_OBJECT_FLAGS,
  ],
  run: runCreateQuota,
};
