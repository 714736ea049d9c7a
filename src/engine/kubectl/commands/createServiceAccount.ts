// `kubectl create serviceaccount NAME`: a ServiceAccount with nothing but its name (since v1.24 no
// token Secret is generated for it).
// mirrors kubectl pkg/cmd/create/create_serviceaccount.go (createServiceAccount, Run).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import type { ParsedArgs } from "../flags";
import { fail, type Failure } from "../util/errors";
import { nameLine } from "../util/names";
import { namespaceFor } from "../util/resources";
import { nameFromArgs } from "./createDeployment";
import { createWrapped } from "./createRoleBinding";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const SERVICE_ACCOUNTS = resolveResource("serviceaccounts")!;

function runCreateServiceAccount(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  if (name === "") fail("name must be specified");
  const sa = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
  } as unknown as KubeObject;
  const failures = createWrapped(ctx, p, sa, "serviceaccount", namespaceFor(ctx, SERVICE_ACCOUNTS));
  if (failures.length === 0) ctx.out.out(nameLine(SERVICE_ACCOUNTS, name, "created"));
  return failures;
}

export const createServiceAccountCommand: CommandDef = {
  name: "serviceaccount",
  aliases: ["sa"],
  short: "Create a service account with the specified name",
  use: "serviceaccount NAME [--dry-run=server|client|none]",
  flags: [
    ...CREATE_OBJECT_FLAGS,
  ],
  run: runCreateServiceAccount,
};
