// `kubectl delete`: by TYPE NAME, TYPE/NAME, -f, -l, --all; graceful by default, then waits until each
// deleted object is gone (--wait=true), as a real terminal blocks for a pod's grace period.
// mirrors kubectl pkg/cmd/delete/delete.go (Complete, Validate, DeleteResult, PrintObj) and
// delete_flags.go (parseCascadingFlag).
import type { PropagationPolicy } from "../../apiserver/apiServer";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailure, withSource, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { kindString } from "../util/names";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info } from "../util/resources";
import { currentIncarnation, timeoutMs } from "../util/wait";

export const FORCE_DELETE_WARNING =
  "Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

// mirrors parseCascadingFlag: the words, or a deprecated boolean.
function parseCascade(ctx: CommandContext, value: string): PropagationPolicy {
  switch (value) {
    case "background":
      return "Background";
    case "foreground":
      return "Foreground";
    case "orphan":
      return "Orphan";
    case "true":
    case "false": {
      const replacement = value === "true" ? "background" : "orphan";
      ctx.out.err(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`);
      return value === "true" ? "Background" : "Orphan";
    }
  }
  return fail(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
}

interface DeleteOptions {
  gracePeriod: number;
  cascade: PropagationPolicy;
  ignoreNotFound: boolean;
  output: string;
}

// mirrors DeleteOptions.Complete + Validate for the grace-period / --now / --force combinations.
function completeOptions(ctx: CommandContext, p: ParsedArgs): DeleteOptions {
  let gracePeriod = int(p, "grace-period") ?? -1;
  const force = bool(p, "force");
  if (bool(p, "now")) {
    if (gracePeriod !== -1) fail("--now and --grace-period cannot be specified together");
    gracePeriod = 1;
  }
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  const output = str(p, "output") ?? "";
  if (output !== "" && output !== "name") fail(`unexpected -o output mode: ${output}. We only support '-o name'`);
  const selector = str(p, "selector") ?? "";
  const fieldSelector = str(p, "field-selector") ?? "";
  if (bool(p, "all") && selector !== "") fail("cannot set --all and --selector at the same time");
  if (bool(p, "all") && fieldSelector !== "") fail("cannot set --all and --field-selector at the same time");
  if (gracePeriod === 0 && force) ctx.out.warn(FORCE_DELETE_WARNING);
  else if (gracePeriod > 0 && force) fail("--force and --grace-period greater than 0 cannot be specified together");
  const cascade = parseCascade(ctx, str(p, "cascade") ?? "background");
  const ignoreNotFound = p.changed.has("ignore-not-found") ? bool(p, "ignore-not-found") : bool(p, "all") || selector !== "" || fieldSelector !== "";
  return { gracePeriod, cascade, ignoreNotFound, output };
}

// mirrors DeleteOptions.PrintObj
function printDeleted(ctx: CommandContext, info: Info, o: DeleteOptions): void {
  const kind = kindString(info.type);
  if (o.output === "name") {
    ctx.out.out(`${kind}/${info.name}\n`);
    return;
  }
  let operation = o.gracePeriod === 0 ? "force deleted" : "deleted";
  if (info.type.namespaced) operation = `${operation} from ${info.namespace} namespace`;
  ctx.out.out(`${kind} "${info.name}" ${operation}\n`);
}

function runDelete(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const o = completeOptions(ctx, p);
  const filenames = strs(p, "filename");
  if (filenames.length > 0 && p.positional.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  const selection =
    filenames.length > 0
      ? selectFromFiles(ctx, filenames, bool(p, "recursive"))
      : selectResources(ctx, p.positional, {
          selector: str(p, "selector"),
          fieldSelector: str(p, "field-selector"),
          all: bool(p, "all"),
          allNamespaces: bool(p, "all-namespaces"),
        });
  const failures = [...selection.failures];
  const deleted: { info: Info; uid: string | undefined }[] = [];
  let warnClusterScope = ctx.enforceNamespace && !bool(p, "all-namespaces");
  for (const info of selection.infos) {
    if (warnClusterScope && !info.type.namespaced) {
      ctx.out.warn("deleting cluster-scoped resources, not scoped to the provided namespace");
      warnClusterScope = false;
    }
    try {
      const response = ctx.env.api.delete(ctx.actor, info.type, info.namespace, info.name, {
        ...(o.gracePeriod >= 0 ? { gracePeriodSeconds: o.gracePeriod } : {}),
        propagationPolicy: o.cascade,
      });
      printDeleted(ctx, info, o);
      deleted.push({ info, uid: response.metadata?.uid });
    } catch (e) {
      const f = toFailure(e);
      if (o.ignoreNotFound && f.reason === "NotFound") continue;
      failures.push(withSource(f, "deleting", info.source));
    }
  }
  if (failures.length > 0) return failures;
  if (deleted.length === 0) {
    ctx.out.out("No resources found\n");
    return [];
  }
  if (!(p.flags.get("wait") ?? true)) return [];
  return waitForDeletion(ctx, deleted, timeoutMs(str(p, "timeout")));
}

// mirrors cmdwait.IsDeleted over the deleted infos: each in turn, each with the full timeout.
function waitForDeletion(ctx: CommandContext, deleted: readonly { info: Info; uid: string | undefined }[], timeout: number): Failure[] {
  for (const { info, uid } of deleted) {
    const gone = ctx.env.waitFor(() => currentIncarnation(ctx, info, uid) === undefined, timeout);
    if (!gone) return [{ text: `timed out waiting for the condition on ${info.type.resource}/${info.name}` }];
  }
  return [];
}

export const deleteCommand: CommandDef = {
  name: "delete",
  suggestFor: ["rm"],
  short: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  use: "delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])",
  flags: [
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "selector", short: "l", kind: "string" },
    { name: "field-selector", kind: "string" },
    { name: "all", kind: "bool" },
    { name: "all-namespaces", short: "A", kind: "bool" },
    { name: "cascade", kind: "string", default: "background" },
    { name: "grace-period", kind: "int", default: -1 },
    { name: "force", kind: "bool" },
    { name: "now", kind: "bool" },
    { name: "wait", kind: "bool", default: true },
    { name: "timeout", kind: "string" },
    { name: "ignore-not-found", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
  ],
  run: runDelete,
};
