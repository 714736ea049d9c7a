// How the rollout sub-commands find their target: the builder with ResourceTypeOrNameArgs(true, ...),
// Latest and ContinueOnError (kubectl pkg/cmd/rollout/*.go), or -f manifests.
import type { CommandContext } from "../command";
import type { FlagSpec } from "../flags";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailure } from "./errors";
import { selectFromFiles } from "./files";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info, type Selection } from "./resources";

/** Flags every rollout sub-command takes to name its target. */
export const TARGET_FLAGS: readonly FlagSpec[] = [
  { name: "filename", short: "f", kind: "stringArray" },
  { name: "recursive", short: "R", kind: "bool" },
  { name: "selector", short: "l", kind: "string" },
];

/** The objects a rollout sub-command acts on, fetched. */
export function rolloutTargets(ctx: CommandContext, p: ParsedArgs): Selection {
  const filenames = strs(p, "filename");
  if (p.positional.length === 0 && filenames.length === 0) fail("required resource not specified");
  if (filenames.length > 0) {
    if (p.positional.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
    const files = selectFromFiles(ctx, filenames, bool(p, "recursive"));
    const infos: Info[] = [];
    const failures = [...files.failures];
    for (const info of files.infos) {
      try {
        infos.push({ ...info, object: ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name) });
      } catch (e) {
        failures.push(toFailure(e));
      }
    }
    return { infos, failures };
  }
  return selectResources(ctx, p.positional, { selector: str(p, "selector"), allowEmptySelector: true, fetch: true });
}

