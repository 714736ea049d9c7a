// `kubectl label TYPE NAME k=v k2- [--overwrite]`. mirrors kubectl pkg/cmd/label/label.go as of v1.34
// (parseLabels, validateNoOverwrites, labelFunc, updateDataChangeMsg comparing the JSON lengths).
import { isValidLabelValue } from "../../apimachinery/validation";
import { METADATA_EDIT_FLAGS } from "../util/metadataFlags";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { conflict } from "../../apiserver/errors";
import { CommandFailure, fail, plain, toFailures, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { nameLine, resourceString } from "../util/names";
import { getResourcesAndPairs, jsonMapLength } from "../util/pairs";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info } from "../util/resources";

// mirrors parseLabels
export function parseLabels(spec: readonly string[]): { labels: Map<string, string>; remove: string[] } {
  const labels = new Map<string, string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes("=")) {
      const parts = s.split("=");
      if (parts.length !== 2) fail(`invalid label spec: ${s}`);
      const errs = isValidLabelValue(parts[1] as string);
      if (errs.length > 0) fail(`invalid label value: ${JSON.stringify(s)}: ${errs.join(";")}`);
      labels.set(parts[0] as string, parts[1] as string);
    } else if (s.endsWith("-")) {
      remove.push(s.slice(0, -1));
    } else {
      fail(`unknown label spec: ${s}`);
    }
  }
  for (const r of remove) if (labels.has(r)) fail("can not both modify and remove a label in the same command");
  return { labels, remove };
}

function labelOne(ctx: CommandContext, info: Info, labels: Map<string, string>, remove: readonly string[], overwrite: boolean, resourceVersion: string): string {
  const current = info.object ?? ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
  const old = current.metadata.labels ?? {};
  for (const r of remove) if (!(r in old)) ctx.out.out(`label ${JSON.stringify(r)} not found.\n`);
  // mirrors validateNoOverwrites (v1.34: any existing key, even with the same value).
  if (!overwrite) {
    const errs = [...labels.keys()].filter((k) => k in old).map((k) => `'${k}' already has a value (${old[k]}), and --overwrite is false`);
    if (errs.length > 0) throw new CommandFailure(errs.map(plain));
  }
  const next: Record<string, string> = { ...old };
  for (const [k, v] of labels) next[k] = v;
  for (const r of remove) delete next[r];
  const before = current.metadata.labels === undefined ? -1 : jsonMapLength(old);
  const after = jsonMapLength(next);
  // An object without labels gets an empty map: its JSON changes even when nothing was added.
  const changed = JSON.stringify(sortMap(old)) !== JSON.stringify(sortMap(next)) || current.metadata.labels === undefined;
  if (resourceVersion !== "" && current.metadata.resourceVersion !== resourceVersion) {
    throw conflict(resourceString(info.type), info.name);
  }
  if (changed) {
    ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
      o.metadata.labels = next;
    });
  }
  // mirrors updateDataChangeMsg: "unlabeled" when the object got shorter without --overwrite.
  if (!changed) return "not labeled";
  return !overwrite && after < before ? "unlabeled" : "labeled";
}

function sortMap(m: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1));
}

function runLabel(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const { resources, pairs } = getResourcesAndPairs(p.positional, "label");
  const { labels, remove } = parseLabels(pairs);
  const list = bool(p, "list");
  const output = str(p, "output") ?? "";
  if (list && output !== "") fail("--list and --output may not be specified together");
  const all = bool(p, "all");
  const selector = str(p, "selector") ?? "";
  if (all && selector !== "") fail("cannot set --all and --selector at the same time");
  if (all && (str(p, "field-selector") ?? "") !== "") fail("cannot set --all and --field-selector at the same time");
  const filenames = strs(p, "filename");
  if (resources.length < 1 && filenames.length === 0) fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (labels.size < 1 && remove.length < 1 && !list) fail("at least one label update is required");
  if (filenames.length > 0 && resources.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  const selection =
    filenames.length > 0
      ? selectFromFiles(ctx, filenames, bool(p, "recursive"))
      : selectResources(ctx, resources, { selector, fieldSelector: str(p, "field-selector"), all, allNamespaces: bool(p, "all-namespaces"), fetch: true });
  const resourceVersion = str(p, "resource-version") ?? "";
  if (resourceVersion !== "" && selection.infos.length + selection.failures.length > 1) fail("--resource-version may only be used with a single resource");
  const failures = [...selection.failures];
  const single = selection.infos.length + selection.failures.length === 1;
  for (const info of selection.infos) {
    try {
      if (list) {
        const current = info.object ?? ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
        if (!single) ctx.out.out(`Listing labels for ${info.type.kind}.${info.type.group}/${info.name}:\n`);
        for (const [k, v] of sortMap(current.metadata.labels ?? {})) ctx.out.out(`${single ? "" : " "}${k}=${v}\n`);
        continue;
      }
      const msg = labelOne(ctx, info, labels, remove, bool(p, "overwrite"), resourceVersion);
      ctx.out.out(output === "name" ? nameLine(info.type, info.name) : nameLine(info.type, info.name, msg));
    } catch (e) {
      failures.push(...toFailures(e));
    }
  }
  return failures;
}

export const labelCommand: CommandDef = {
  name: "label",
  short: "Update the labels on a resource",
  use: "label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]",
  flags: METADATA_EDIT_FLAGS,
  run: runLabel,
};
