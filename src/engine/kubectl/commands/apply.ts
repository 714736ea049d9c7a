// `kubectl apply -f FILE|DIR|URL|- [-R]`: client-side apply. Every object is applied on its own: a new
// one is created with the last-applied annotation; an existing one gets the three-way merge of the
// last applied manifest, the new manifest and the live object ("configured", or "unchanged" when
// nothing would change). Refusals are collected and printed after the successes.
// mirrors kubectl pkg/cmd/apply/apply.go (Run, applyOneObject, warningNoLastAppliedConfigAnnotation,
// WarnIfDeleting) with the server-side checks of manifests/validateSchema.ts.
import type { Json, KubeObject } from "../../api/types";
import { validateAgainstSchema, schemaErrorsToManifestError } from "../../manifests/validateSchema";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { printJSON, printYAML } from "../printers/output";
import { CommandFailure, fail, fromPrinted, locationOf, plain, toFailure, toFailures, usageError, withLocation, withSource, type Failure } from "../util/errors";
import { ApiError } from "../../apiserver/errors";
import { selectFromFiles, type FileInfo } from "../util/files";
import { LAST_APPLIED_ANNOTATION, lastApplied, withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { noCompatiblePrinter } from "../util/printFlags";
import { gvrString } from "../util/resources";
import { mergePatch, threeWayMerge } from "../util/threeWayMerge";
import { warnUnsimulated } from "../util/unsimulated";

/** The server's decode/strict-field refusal of a manifest, worded for one error or an aggregate. */
export function schemaFailure(info: FileInfo, verb: "creating" | "patching"): Failure | undefined {
  if (!info.document) return undefined;
  const errors = validateAgainstSchema(info.document);
  const e = schemaErrorsToManifestError(info.document, errors, verb);
  if (!e) return undefined;
  if (e.code !== "Invalid") return withLocation(fromPrinted(e.message), locationOf(e.fileName, e.documentIndex, e.line, e.column, e.fieldPath));
  // A 422 prints from its details alone, and as "Error from server (Invalid)" among several errors.
  const causes = errors.map((x) => `${x.path}: ${x.message}`);
  const qualified = info.type.group ? `${info.type.kind}.${info.type.group}` : info.type.kind;
  const status = `${qualified} ${JSON.stringify(info.name)} is invalid: ${causes.length === 1 ? causes[0] : `[${causes.join(", ")}]`}`;
  const first = errors[0];
  const doc = info.document;
  return {
    text: `error when ${verb} ${JSON.stringify(info.source)}: ${status}`,
    reason: "Invalid",
    single: e.message,
    ...(first ? { location: locationOf(doc.fileName, doc.index, first.line, first.column, first.path) } : {}),
  };
}

/**
 * Where a server refusal points in the manifest: the first invalid field of an Invalid error (found in
 * the YAML even when only its parent was written), else the document itself.
 */
export function manifestLocation(info: FileInfo, e: unknown): string | undefined {
  const doc = info.document;
  if (!doc) return undefined;
  const field = e instanceof ApiError ? e.fieldPaths[0] ?? (e as { errors?: { field?: string }[] }).errors?.[0]?.field : undefined;
  const pos = field ? doc.nearestPositionOf(field) : { line: doc.line, column: doc.column };
  return locationOf(doc.fileName, doc.index, pos.line, pos.column, field);
}

function objectName(info: FileInfo): string {
  return `${info.type.resource}/${info.name}`;
}

// mirrors the "applying patch" context AddSourceToErr gives a failed PATCH.
function patchFailure(info: FileInfo, patch: Record<string, Json>, e: unknown): Failure {
  const f = toFailure(e);
  return withSource(f, `applying patch:\n${JSON.stringify(patch)}\nto:\n${describeInfo(info)}\nfor:`, info.source);
}

/** Applies one object; prints its line unless -o asks for objects; returns the live object; throws its failure. */
function applyOne(ctx: CommandContext, info: FileInfo, output: string): KubeObject {
  const api = ctx.env.api;
  if (info.name === "") {
    const generateName = info.object.metadata?.generateName;
    if (generateName) fail(`from ${generateName}: cannot use generate name with apply`);
    // The client refuses the GET of an unnamed object before anything reaches the server (rest client:
    // "resource name may not be empty"), wrapped like any failed retrieval.
    const f = withSource(plain("resource name may not be empty"), `retrieving current configuration of:\n${describeInfo(info)}\nfrom server for:`, info.source);
    throw new CommandFailure([withLocation(f, manifestLocation(info, undefined))]);
  }
  const modified = withLastApplied(info.object);
  let current: KubeObject | undefined;
  try {
    current = api.get(ctx.actor, info.type, info.namespace, info.name);
  } catch (e) {
    const f = toFailure(e);
    if (f.reason !== "NotFound") throw new CommandFailure([withSource(f, `retrieving current configuration of:\n${describeInfo(info)}\nfrom server for:`, info.source)]);
  }
  if (!current) {
    const refused = schemaFailure(info, "creating");
    if (refused) throw new CommandFailure([refused]);
    let created: KubeObject;
    try {
      created = api.create(ctx.actor, modified, info.namespace);
    } catch (e) {
      throw new CommandFailure([withLocation(withSource(toFailure(e), "creating", info.source), manifestLocation(info, e))]);
    }
    printResult(ctx, info, output, "created");
    return created;
  }
  if (current.metadata.annotations?.[LAST_APPLIED_ANNOTATION] === undefined) {
    ctx.out.err(
      `Warning: resource ${objectName(info)} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const refused = schemaFailure(info, "patching");
  if (refused) throw new CommandFailure([refused]);
  const live = current as unknown as Record<string, Json>;
  const merged = threeWayMerge(lastApplied(current), modified as unknown as Record<string, Json>, live);
  const patch = mergePatch(live, merged);
  let result = current;
  if (Object.keys(patch).length > 0) {
    try {
      result = api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
        for (const k of Object.keys(o)) delete (o as Record<string, unknown>)[k];
        Object.assign(o, merged);
      });
    } catch (e) {
      throw new CommandFailure([withLocation(patchFailure(info, patch, e), manifestLocation(info, e))]);
    }
  }
  if (current.metadata.deletionTimestamp) {
    ctx.out.err(`Warning: Detected changes to resource ${info.name} which is currently being deleted.\n`);
  }
  printResult(ctx, info, output, Object.keys(patch).length === 0 ? "unchanged" : "configured");
  return result;
}

// With -o json|yaml the objects are printed together at the end instead (printObjects).
function printResult(ctx: CommandContext, info: FileInfo, output: string, operation: string): void {
  if (output === "") ctx.out.out(nameLine(info.type, info.name, operation));
  else if (output === "name") ctx.out.out(nameLine(info.type, info.name));
}

// mirrors resource.Info.String()
function describeInfo(info: FileInfo): string {
  const gvk = `${info.type.group}/${info.type.version}, Kind=${info.type.kind}`;
  return `Resource: ${JSON.stringify(gvrString(info.type))}, GroupVersionKind: ${JSON.stringify(gvk)}\nName: ${JSON.stringify(info.name)}, Namespace: ${JSON.stringify(info.namespace ?? "")}`;
}

function runApply(ctx: CommandContext, p: ParsedArgs): Failure[] {
  if (p.positional.length > 0) throw new CommandFailure([usageError(ctx.commandPath, `Unexpected args: [${p.positional.join(" ")}]`)]);
  const filenames = strs(p, "filename");
  if (filenames.length === 0) fail("must specify one of -f and -k");
  const output = str(p, "output") ?? "";
  if (output !== "" && output !== "name" && output !== "json" && output !== "yaml") noCompatiblePrinter(output, ["json", "yaml", "name"]);
  const selection = selectFromFiles(ctx, filenames, bool(p, "recursive"));
  const failures = [...selection.failures];
  if (selection.infos.length === 0 && failures.length === 0) fail("no objects passed to apply");
  const applied: KubeObject[] = [];
  for (const info of selection.infos) {
    try {
      applied.push(applyOne(ctx, info, output));
    } catch (e) {
      failures.push(...toFailures(e));
    }
  }
  warnUnsimulated(ctx.out, applied.map((o) => ctx.env.api.typeOf(o)));
  // printObjects runs only when every object applied.
  if (failures.length === 0 && (output === "json" || output === "yaml")) {
    ctx.out.out(output === "json" ? printJSON(applied, true) : printYAML(applied, true));
  }
  return failures;
}

export const applyCommand: CommandDef = {
  name: "apply",
  short: "Apply a configuration to a resource by file name or stdin",
  use: "apply (-f FILENAME | -k DIRECTORY)",
  flags: [
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
    { name: "validate", kind: "string" },
    { name: "dry-run", kind: "string" },
    { name: "server-side", kind: "bool" },
    { name: "force", kind: "bool" },
    { name: "record", kind: "bool" },
  ],
  run: runApply,
};
