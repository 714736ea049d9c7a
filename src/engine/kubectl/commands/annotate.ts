// `kubectl annotate TYPE NAME k=v k2- [--overwrite]`. mirrors kubectl pkg/cmd/annotate/annotate.go
// (parseAnnotations, validateAnnotations, validateNoAnnotationOverwrites, updateAnnotations): the
// result line is always "annotated", and kubernetes.io/change-cause may always be overwritten.
import { conflict } from "../../apiserver/errors";
import { METADATA_EDIT_FLAGS } from "../util/metadataFlags";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailures, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { nameLine, resourceString } from "../util/names";
import { getResourcesAndPairs, parsePairs } from "../util/pairs";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info } from "../util/resources";

const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

function annotateOne(ctx: CommandContext, info: Info, set: Map<string, string>, remove: readonly string[], overwrite: boolean, resourceVersion: string): void {
  const current = info.object ?? ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
  const old = current.metadata.annotations ?? {};
  if (!overwrite) {
    const found: string[] = [];
    for (const k of [...set.keys()].sort()) {
      if (k === CHANGE_CAUSE_ANNOTATION) continue;
      if (k in old) found.push(`'${k}' already has a value (${old[k]})`);
    }
    if (found.length > 0) fail(`--overwrite is false but found the following declared annotation(s): ${found.join("; ")}`);
  }
  if (resourceVersion !== "" && current.metadata.resourceVersion !== resourceVersion) throw conflict(resourceString(info.type), info.name);
  const next: Record<string, string> = { ...old };
  for (const [k, v] of set) next[k] = v;
  for (const r of remove) delete next[r];
  ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
    o.metadata.annotations = next;
  });
}

function runAnnotate(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const { resources, pairs } = getResourcesAndPairs(p.positional, "annotation");
  const { set, remove } = parsePairs(pairs, "annotation", true);
  const all = bool(p, "all");
  const selector = str(p, "selector") ?? "";
  if (all && selector !== "") fail("cannot set --all and --selector at the same time");
  if (all && (str(p, "field-selector") ?? "") !== "") fail("cannot set --all and --field-selector at the same time");
  const filenames = strs(p, "filename");
  if (resources.length < 1 && filenames.length === 0) fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (set.size < 1 && remove.length < 1 && !bool(p, "list")) fail("at least one annotation update is required");
  const both = remove.filter((r) => set.has(r));
  if (both.length > 0) fail(`can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`);
  if (filenames.length > 0 && resources.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  const selection =
    filenames.length > 0
      ? selectFromFiles(ctx, filenames, bool(p, "recursive"))
      : selectResources(ctx, resources, { selector, fieldSelector: str(p, "field-selector"), all, allNamespaces: bool(p, "all-namespaces"), fetch: true });
  const resourceVersion = str(p, "resource-version") ?? "";
  const single = selection.infos.length + selection.failures.length === 1;
  if (resourceVersion !== "" && !single) fail("--resource-version may only be used with a single resource");
  const failures = [...selection.failures];
  for (const info of selection.infos) {
    try {
      if (bool(p, "list")) {
        const current = info.object ?? ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
        if (!single) ctx.out.out(`Listing annotations for ${info.type.kind}.${info.type.group}/${info.name}:\n`);
        const entries = Object.entries(current.metadata.annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
        for (const [k, v] of entries) ctx.out.out(`${single ? "" : " "}${k}=${v}\n`);
        continue;
      }
      annotateOne(ctx, info, set, remove, bool(p, "overwrite"), resourceVersion);
      ctx.out.out(str(p, "output") === "name" ? nameLine(info.type, info.name) : nameLine(info.type, info.name, "annotated"));
    } catch (e) {
      failures.push(...toFailures(e));
    }
  }
  return failures;
}

export const annotateCommand: CommandDef = {
  name: "annotate",
  short: "Update the annotations on a resource",
  use: "annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]",
  flags: METADATA_EDIT_FLAGS,
  run: runAnnotate,
};
