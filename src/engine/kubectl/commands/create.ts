// `kubectl create -f FILE` and the parent of `create deployment|namespace`.
// mirrors kubectl pkg/cmd/create/create.go (NewCmdCreate's "must specify one of -f and -k" path,
// RunCreate: every object POSTed as it is, "created", `error when creating "<file>"`).
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { commandHelp } from "../help";
import { printJSON, printYAML } from "../printers/output";
import { ERR_EXIT, fail, toFailure, usageError, withSource, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { noCompatiblePrinter } from "../util/printFlags";
import { warnUnsimulated } from "../util/unsimulated";
import { schemaFailure } from "./apply";
import { createDeploymentCommand } from "./createDeployment";
import { createNamespaceCommand } from "./createNamespace";
import { createClusterRoleCommand } from "./createClusterRole";
import { createClusterRoleBindingCommand } from "./createClusterRoleBinding";
import { createPdbCommand } from "./createPdb";
import { createRoleCommand } from "./createRole";
import { createRoleBindingCommand } from "./createRoleBinding";
import { createServiceAccountCommand } from "./createServiceAccount";
import { createConfigMapCommand } from "./createConfigMap";
import { createPriorityClassCommand } from "./createPriorityClass";
import { createQuotaCommand } from "./createQuota";
import { createSecretCommand } from "./createSecret";

function runCreate(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const filenames = strs(p, "filename");
  if (filenames.length === 0) {
    // NewCmdCreate's Run: the hint, then DefaultSubCommandRun (help, or "unknown command").
    ctx.out.err("Error: must specify one of -f and -k\n\n");
    if (p.positional.length > 0) return [usageError(ctx.commandPath, `unknown command ${JSON.stringify(p.positional.join(" "))}`)];
    ctx.out.err(commandHelp(ctx.commandPath, createCommand));
    return [ERR_EXIT];
  }
  if (p.positional.length > 0) return [usageError(ctx.commandPath, `Unexpected args: [${p.positional.join(" ")}]`)];
  const output = str(p, "output") ?? "";
  if (output !== "" && output !== "name" && output !== "json" && output !== "yaml") noCompatiblePrinter(output, ["json", "yaml", "name"]);
  const selection = selectFromFiles(ctx, filenames, bool(p, "recursive"));
  const failures = [...selection.failures];
  const created: KubeObject[] = [];
  for (const info of selection.infos) {
    const refused = schemaFailure(info, "creating");
    if (refused) {
      failures.push(refused);
      continue;
    }
    try {
      const obj = ctx.env.api.create(ctx.actor, bool(p, "save-config") ? withLastApplied(info.object) : info.object, info.namespace);
      created.push(obj);
      if (output === "json" || output === "yaml") ctx.out.out(output === "json" ? printJSON([obj], true) : printYAML([obj], true));
      else ctx.out.out(output === "name" ? nameLine(info.type, info.name) : nameLine(info.type, obj.metadata.name, "created"));
    } catch (e) {
      failures.push(withSource(toFailure(e), "creating", info.source));
    }
  }
  warnUnsimulated(ctx.out, created.map((o) => ctx.env.api.typeOf(o)));
  if (failures.length === 0 && created.length === 0) fail("no objects passed to create");
  return failures;
}

export const createCommand: CommandDef = {
  name: "create",
  short: "Create a resource from a file or from stdin",
  use: "create -f FILENAME",
  flags: [
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
    { name: "save-config", kind: "bool" },
    { name: "validate", kind: "string" },
    { name: "dry-run", kind: "string" },
    { name: "selector", short: "l", kind: "string" },
  ],
  subcommands: [
    createDeploymentCommand, createNamespaceCommand,
    createClusterRoleCommand, createClusterRoleBindingCommand, createPdbCommand, createRoleCommand, createRoleBindingCommand, createServiceAccountCommand,
    createConfigMapCommand, createPriorityClassCommand, createQuotaCommand, createSecretCommand,
  ],
  run: runCreate,
};
