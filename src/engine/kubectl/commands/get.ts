// `kubectl get`: one table per resource type (kind-prefixed names when several kinds are printed, a
// blank line between groups), or -o name|json|yaml|jsonpath|custom-columns of all objects together.
// Missing named objects are reported after what was found; an empty human-readable result says
// "No resources found in <ns> namespace." on stderr.
// mirrors kubectl pkg/cmd/get/get.go (Complete's missing-resource message, Run, printGeneric,
// multipleGVKsRequested, the separator and tracking writers).
import type { ResourceType } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { fieldSelectorForKind, matchesFieldSelector, type FieldSelector } from "../../apimachinery/fields";
import { parseSelector, type Selector } from "../../apimachinery/labels";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { columnsFor } from "../printers/columns/index";
import { PrintError, printCustomColumns, printJSON, printJSONPath, printNames, printYAML } from "../printers/output";
import { buildTable, writeTable } from "../printers/table";
import { newKubectlTableWriter } from "../printers/tabwriter";
import { parseResourceArgs } from "../resourceArgs";
import { CommandFailure, fail, toFailure, usageError, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { kindString } from "../util/names";
import { GET_OUTPUT_FORMATS, noCompatiblePrinter } from "../util/printFlags";
import { gvrString, PATHS_AND_ARGS_MESSAGE } from "../util/resources";
import { sortObjects } from "../util/sortBy";

/** What the API server returns with any v1 Endpoints request since v1.33 (keps/sig-network/4974-deprecate-endpoints). */
export const ENDPOINTS_DEPRECATION_WARNING = "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/** One builder Info as kubectl get sees it: a list request, or one named object. */
interface Group {
  type: ResourceType;
  objects: KubeObject[];
}

interface Query {
  labels?: Selector;
  fields?: FieldSelector;
  allNamespaces: boolean;
}

function listGroup(ctx: CommandContext, type: ResourceType, q: Query, p: ParsedArgs): Group | Failure {
  let fields = q.fields;
  try {
    const raw = str(p, "field-selector");
    if (raw) fields = fieldSelectorForKind(type.group, type.kind, raw);
  } catch (e) {
    return {
      text: `Unable to find ${JSON.stringify(gvrString(type))} that match label selector ${JSON.stringify(str(p, "selector") ?? "")}, field selector ${JSON.stringify(str(p, "field-selector") ?? "")}: ${(e as Error).message}`,
      reason: "BadRequest",
    };
  }
  const namespace = type.namespaced && !q.allNamespaces ? ctx.namespace : undefined;
  const labels = q.labels;
  const filter = labels || fields ? (o: KubeObject) => (!labels || labels.matches(o.metadata.labels)) && (!fields || matchesFieldSelector(fields, o)) : undefined;
  return { type, objects: ctx.env.api.list(ctx.actor, type, namespace, filter) };
}

/** The builder's Infos for get: one group per list request or named object, plus the failures. */
function collect(ctx: CommandContext, p: ParsedArgs, q: Query): { groups: Group[]; failures: Failure[]; singleItem: boolean } {
  const groups: Group[] = [];
  const failures: Failure[] = [];
  const filenames = strs(p, "filename");
  if (filenames.length > 0) {
    if (p.positional.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
    const files = selectFromFiles(ctx, filenames, bool(p, "recursive"));
    failures.push(...files.failures);
    for (const info of files.infos) {
      try {
        groups.push({ type: info.type, objects: [ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name)] });
      } catch (e) {
        failures.push(toFailure(e));
      }
    }
    return { groups, failures, singleItem: files.infos.length === 1 };
  }
  const refs = parseResourceArgs(p.positional);
  const named = refs.reduce((n, r) => n + r.names.length, 0);
  if (named > 0 && (q.labels || str(p, "field-selector"))) fail("name cannot be provided when a selector is specified");
  if (named > 0 && q.allNamespaces) fail("a resource cannot be retrieved by name across all namespaces");
  for (const ref of refs) {
    if (ref.names.length === 0) {
      const g = listGroup(ctx, ref.type, q, p);
      if ("objects" in g) groups.push(g);
      else failures.push(g);
      continue;
    }
    for (const name of ref.names) {
      try {
        const obj = ctx.env.api.get(ctx.actor, ref.type, ref.type.namespaced ? ctx.namespace : undefined, name);
        groups.push({ type: ref.type, objects: [obj] });
      } catch (e) {
        failures.push(toFailure(e));
      }
    }
  }
  return { groups, failures, singleItem: named === 1 && refs.length === 1 };
}

// mirrors GetOptions.Run for human-readable output: a new printer (and tab writer) per resource type,
// headers once per printer, and separatorWriterWrapper's blank line before the next group that writes.
function printHuman(ctx: CommandContext, p: ParsedArgs, groups: readonly Group[], failures: readonly Failure[], q: Query): void {
  const output = str(p, "output") ?? "";
  const noHeaders = bool(p, "no-headers");
  const sortBy = str(p, "sort-by");
  const withKind = groups.length >= 2 && groups.some((g) => g.type !== groups[0]!.type);
  const labelColumns = strs(p, "label-columns").flatMap((s) => s.split(",")).filter((s) => s !== "");
  const now = ctx.env.clock.absolute();
  let written = "";
  let separatorReady = false;
  let w = newKubectlTableWriter();
  let lastType: ResourceType | undefined;
  let headersDone = false;
  const flush = () => {
    const text = w.toString();
    if (text === "") return;
    written += (separatorReady ? "\n" : "") + text;
    separatorReady = false;
  };
  for (const g of groups) {
    if (lastType === undefined || g.type.resource !== lastType.resource || g.type.group !== lastType.group) {
      flush();
      w = newKubectlTableWriter();
      if (lastType !== undefined && !noHeaders && written !== "") separatorReady = true;
      lastType = g.type;
      headersDone = false;
    }
    const objects = sortBy ? sortObjects(g.objects, sortBy) : g.objects;
    writeTable(w, buildTable(columnsFor(g.type.resource), objects, now), {
      wide: output === "wide",
      withNamespace: q.allNamespaces && g.type.namespaced,
      showLabels: bool(p, "show-labels"),
      labelColumns,
      noHeaders: noHeaders || headersDone,
      ...(withKind ? { kind: kindString(g.type) } : {}),
    });
    headersDone = true;
  }
  flush();
  ctx.out.out(written);
  if (written === "" && !bool(p, "ignore-not-found") && failures.length === 0) {
    const allNamespaced = !q.allNamespaces && groups.every((g) => g.type.namespaced);
    ctx.out.err(allNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : "No resources found\n");
  }
}

// mirrors GetOptions.printGeneric: one object alone, else a List of everything found.
function printGeneric(ctx: CommandContext, output: string, p: ParsedArgs, objects: readonly KubeObject[], singleItem: boolean): void {
  const allowMissing = p.flags.get("allow-missing-template-keys") !== false;
  try {
    if (output === "json") ctx.out.out(printJSON(objects, singleItem));
    else if (output === "yaml") ctx.out.out(printYAML(objects, singleItem));
    else if (output === "name") ctx.out.out(printNames(objects));
    else if (output.startsWith("jsonpath=") || output.startsWith("jsonpath-as-json=")) {
      const template = output.slice(output.indexOf("=") + 1);
      ctx.out.out(printJSONPath(template, objects, singleItem, { allowMissingKeys: allowMissing }));
    } else if (output.startsWith("custom-columns=")) {
      ctx.out.out(printCustomColumns(output.slice("custom-columns=".length), objects, { noHeaders: bool(p, "no-headers") }));
    } else {
      fail(`Kubelab does not support -o ${output.split("=")[0]} yet`);
    }
  } catch (e) {
    if (e instanceof PrintError) fail(e.message);
    throw e;
  }
}

function validateOutput(output: string): void {
  if (output === "" || output === "wide") return;
  const format = output.includes("=") ? output.slice(0, output.indexOf("=")) : output;
  if (!(GET_OUTPUT_FORMATS as readonly string[]).includes(format)) noCompatiblePrinter(output, GET_OUTPUT_FORMATS);
  if ((format === "jsonpath" || format === "custom-columns" || format === "go-template") && !output.includes("=")) {
    fail(`${format} format specified but no ${format === "custom-columns" ? "custom columns" : "template"} given`);
  }
}

function runGet(ctx: CommandContext, p: ParsedArgs): Failure[] {
  if (p.positional.length === 0 && strs(p, "filename").length === 0) {
    ctx.out.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw new CommandFailure([
      usageError(ctx.commandPath, 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).'),
    ]);
  }
  if (bool(p, "watch") || bool(p, "watch-only")) fail("Kubelab does not stream `kubectl get --watch` yet: run the command again to see the current state");
  const output = str(p, "output") ?? "";
  validateOutput(output);
  let labels: Selector | undefined;
  const selector = str(p, "selector");
  if (selector) {
    try {
      labels = parseSelector(selector);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const q: Query = { labels, allNamespaces: bool(p, "all-namespaces") };
  const { groups, failures, singleItem } = collect(ctx, p, q);
  // The API server's deprecation warning on every core/v1 Endpoints request (KEP-4974, v1.33+).
  if (groups.some((g) => g.type.resource === "endpoints" && g.type.group === "") || (strs(p, "filename").length === 0 && parseResourceArgs(p.positional).some((r) => r.type.resource === "endpoints" && r.type.group === ""))) {
    ctx.out.warn(ENDPOINTS_DEPRECATION_WARNING);
  }
  const ignoreNotFound = bool(p, "ignore-not-found");
  const errs = ignoreNotFound ? failures.filter((f) => f.reason !== "NotFound") : [...failures];
  if (output === "" || output === "wide") {
    printHuman(ctx, p, groups, errs, q);
    return errs;
  }
  if (singleItem && errs.length > 0) return errs;
  const sortBy = str(p, "sort-by");
  const objects = groups.flatMap((g) => g.objects);
  printGeneric(ctx, output, p, sortBy ? sortObjects(objects, sortBy) : objects, singleItem);
  return errs;
}

export const getCommand: CommandDef = {
  name: "get",
  suggestFor: ["list", "ps"],
  short: "Display one or many resources",
  use: "get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
  flags: [
    { name: "output", short: "o", kind: "string" },
    { name: "selector", short: "l", kind: "string" },
    { name: "field-selector", kind: "string" },
    { name: "all-namespaces", short: "A", kind: "bool" },
    { name: "show-labels", kind: "bool" },
    { name: "label-columns", short: "L", kind: "stringArray" },
    { name: "no-headers", kind: "bool" },
    { name: "sort-by", kind: "string" },
    { name: "ignore-not-found", kind: "bool" },
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "watch", short: "w", kind: "bool" },
    { name: "watch-only", kind: "bool" },
    { name: "show-kind", kind: "bool" },
    { name: "chunk-size", kind: "int", default: 500 },
    { name: "allow-missing-template-keys", kind: "bool", default: true },
    { name: "output-watch-events", kind: "bool" },
    { name: "server-print", kind: "bool", default: true },
  ],
  run: runGet,
};
