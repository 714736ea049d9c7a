// `kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key=value] [--from-env-file=file]`.
// mirrors kubectl pkg/cmd/create/create_configmap.go (createConfigMap, handleConfigMapFrom*Sources,
// addKeyFromLiteralToConfigMap, validateNewConfigMap) and pkg/util (ParseLiteralSource, ParseFileSource),
// with cmdutil.AddFromEnvFile for env files. Files come from the command's file system (-f's).
import { resolveResource, type ResourceType } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { isConfigMapKey, isRelaxedEnvVarName } from "../../apiserver/validation/formats";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { printJSON, printYAML } from "../printers/output";
import { fail, toFailure, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { noCompatiblePrinter } from "../util/printFlags";
import { namespaceFor } from "../util/resources";
import { nameFromArgs } from "./createDeployment";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const CONFIGMAPS = resolveResource("configmaps")!;

/** ParseLiteralSource: `key=value` (split at the first "="), quotes around the value trimmed. */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf("=");
  if (i <= 0) fail(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1).replace(/^["']+|["']+$/g, "")];
}

/** ParseFileSource: `[key=]path`; the key defaults to the path's base name. */
export function parseFileSource(source: string): [string, string] {
  const n = source.split("=").length - 1;
  if (n === 0) return [source.split("/").filter((s) => s !== "").pop() ?? source, source];
  if (n === 1 && source.startsWith("=")) fail(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith("=")) fail(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) fail("key names or file paths cannot contain '='");
  const [k, p] = source.split("=") as [string, string];
  return [k, p];
}

/** pflag StringSlice: every occurrence, each split at commas. */
export function sliceFlag(p: ParsedArgs, name: string): string[] {
  return strs(p, name).flatMap((v) => v.split(","));
}

/** The files named by --from-file: one file, or each regular file of a directory (sorted). */
export function readFileSources(ctx: CommandContext, sources: readonly string[], add: (key: string, content: string) => void): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    const entries = ctx.env.fs.readDir(path);
    if (entries !== undefined) {
      if (source.includes("=")) fail("cannot give a key name for a directory path");
      for (const entry of [...entries].sort()) {
        const text = ctx.env.fs.readFile(`${path.replace(/\/$/, "")}/${entry}`);
        if (text !== undefined) add(entry, text);
      }
      continue;
    }
    const text = ctx.env.fs.readFile(path);
    if (text === undefined) fail(`error reading ${path}: no such file or directory`);
    add(key, text);
  }
}

// mirrors cmdutil.AddFromEnvFile: KEY=value lines, # comments and blank lines skipped.
export function readEnvFileSources(ctx: CommandContext, files: readonly string[], add: (key: string, value: string) => void): void {
  for (const file of files) {
    if (ctx.env.fs.readDir(file) !== undefined) fail("env config file cannot be a directory");
    const text = ctx.env.fs.readFile(file);
    if (text === undefined) fail(`error reading ${file}: no such file or directory`);
    for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
      const line = raw.replace(/^\s+/, "");
      if (line === "" || line.startsWith("#")) continue;
      const eq = line.indexOf("=");
      const key = eq < 0 ? line : line.slice(0, eq);
      const errs = isRelaxedEnvVarName(key);
      if (errs.length > 0) fail(`${JSON.stringify(key)} is not a valid key name: ${errs.join(";")}`);
      // A bare KEY takes its value from kubectl's own environment, which is empty here.
      add(key, eq < 0 ? "" : line.slice(eq + 1));
    }
  }
}

/** -o name|yaml|json or the NamePrinter's "<kind>/<name> created"; client dry-run marks it. */
export function printCreated(ctx: CommandContext, p: ParsedArgs, type: ResourceType, obj: KubeObject, dryRun: boolean): void {
  const output = str(p, "output") ?? "";
  if (output === "json") return ctx.out.out(printJSON([obj], true));
  if (output === "yaml") return ctx.out.out(printYAML([obj], true));
  if (output === "name") return ctx.out.out(nameLine(type, obj.metadata.name));
  if (output !== "") noCompatiblePrinter(output, ["json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file"]);
  ctx.out.out(nameLine(type, obj.metadata.name, dryRun ? "created (dry run)" : "created"));
}

/** --dry-run: "client" prints without sending; "server" sends a dry-run request (not modelled: same as client). */
export function dryRunOf(p: ParsedArgs): boolean {
  const v = str(p, "dry-run") ?? "none";
  if (v !== "none" && v !== "client" && v !== "server" && v !== "true" && v !== "false") fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  return v === "client" || v === "server" || v === "true";
}

function runCreateConfigMap(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const files = sliceFlag(p, "from-file");
  const literals = strs(p, "from-literal");
  const envFiles = sliceFlag(p, "from-env-file");
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) fail("from-env-file cannot be combined with from-file or from-literal");
  const dryRun = dryRunOf(p);
  const data: Record<string, string> = {};
  // validateNewConfigMap
  const addKey = (key: string, value: string) => {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) fail(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(",")}`);
    if (key in data) fail(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
    data[key] = value;
  };
  readFileSources(ctx, files, addKey);
  for (const l of literals) addKey(...parseLiteralSource(l));
  readEnvFileSources(ctx, envFiles, addKey);
  let cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
    ...(Object.keys(data).length > 0 ? { data } : {}),
  } as unknown as KubeObject;
  if (bool(p, "save-config")) cm = withLastApplied(cm);
  if (!dryRun) {
    try {
      cm = ctx.env.api.create(ctx.actor, cm, namespaceFor(ctx, CONFIGMAPS));
    } catch (e) {
      return [{ text: `failed to create configmap: ${toFailure(e).text}` }];
    }
  }
  printCreated(ctx, p, CONFIGMAPS, cm, dryRun);
  return [];
}

export const createConfigMapCommand: CommandDef = {
  name: "configmap",
  aliases: ["cm"],
  short: "Create a config map from a local file, directory or literal value",
  use: "configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]",
  flags: [
    { name: "from-file", kind: "stringArray" },
    { name: "from-literal", kind: "stringArray" },
    { name: "from-env-file", kind: "stringArray" },
    { name: "append-hash", kind: "bool" },
    ...CREATE_OBJECT_FLAGS,
  ],
  run: runCreateConfigMap,
};
