// `-f FILE|DIR|URL|-` and `-R`: reading manifests the way cli-runtime's Builder.FilenameParam does
// (ExpandPathsToFileVisitors, FileVisitor, StreamVisitor in pkg/resource/visitor.go), then mapping each
// object to its resource type and namespace (mapper.infoForData, SetNamespace / RequireNamespace).
import { resourceTypeForKind } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { ManifestDocument } from "../../manifests/document";
import { resourceMappingNotFoundMessage, type ManifestError } from "../../manifests/errors";
import { parseManifests } from "../../manifests/parse";
import { deepCopy } from "../../sim/clone";
import type { CommandContext } from "../command";
import { fail, fromPrinted, type Failure, locationOf, withLocation } from "./errors";
import type { Info } from "./resources";

/** The extensions a directory is filtered by (FileExtensions). Files named explicitly are always read. */
const FILE_EXTENSIONS = [".json", ".yaml", ".yml"];

export interface FileInfo extends Info {
  object: KubeObject;
  readonly source: string;
  /** Where the object is in its file, for positions in error messages. */
  readonly document?: ManifestDocument;
}

export interface FileSelection {
  infos: FileInfo[];
  failures: Failure[];
  /** The manifest errors, with positions, for callers that show them in an editor. */
  manifestErrors: ManifestError[];
}

interface SourceText {
  name: string;
  text: string;
}

function isUrl(p: string): boolean {
  return p.startsWith("http://") || p.startsWith("https://");
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

// mirrors ExpandPathsToFileVisitors: a walk in lexical order; sub-directories only with -R; files in
// directories only with a manifest extension.
function expandPath(ctx: CommandContext, root: string, path: string, recursive: boolean, out: SourceText[]): void {
  const fs = ctx.env.fs;
  const entries = fs.readDir(path);
  if (entries === undefined) {
    const text = fs.readFile(path);
    if (text === undefined) return;
    if (path !== root && !FILE_EXTENSIONS.some((ext) => path.endsWith(ext))) return;
    out.push({ name: path, text });
    return;
  }
  if (path !== root && !recursive) return;
  for (const entry of [...entries].sort()) expandPath(ctx, root, join(path, entry), recursive, out);
}

/** Reads every file `-f` names; a missing path fails the whole command, as the builder does. */
export function readSources(ctx: CommandContext, filenames: readonly string[], recursive: boolean): SourceText[] {
  const out: SourceText[] = [];
  for (const f of filenames) {
    if (f === "-") {
      out.push({ name: "STDIN", text: ctx.env.stdin ?? "" });
      continue;
    }
    if (isUrl(f)) {
      const text = ctx.env.fs.readFile(f);
      if (text === undefined) fail(`unable to read URL ${JSON.stringify(f)}: the simulated cluster cannot reach the network; open the manifest in the editor and apply it from there`);
      out.push({ name: f, text });
      continue;
    }
    if (ctx.env.fs.readDir(f) === undefined && ctx.env.fs.readFile(f) === undefined) fail(`the path ${JSON.stringify(f)} does not exist`);
    expandPath(ctx, f, f, recursive, out);
  }
  return out;
}

function metaString(obj: KubeObject, field: "name" | "namespace"): string {
  const m = (obj as unknown as { metadata?: Record<string, unknown> }).metadata;
  const v = m && typeof m === "object" ? m[field] : undefined;
  return typeof v === "string" ? v : "";
}

/**
 * The objects in the files, typed and namespaced. Namespaced objects without a namespace get the
 * command's; with `-n`, an object in another namespace is refused (RequireNamespace).
 */
export function selectFromFiles(ctx: CommandContext, filenames: readonly string[], recursive: boolean): FileSelection {
  const sources = readSources(ctx, filenames, recursive);
  const infos: FileInfo[] = [];
  const failures: Failure[] = [];
  const manifestErrors: ManifestError[] = [];
  for (const src of sources) {
    const parsed = parseManifests(src.name, src.text);
    const perFile: { order: number; failure: Failure }[] = [];
    for (const doc of parsed.documents) {
      const order = doc.index * 1e6 + (doc.itemIndex ?? 0);
      const object = deepCopy(doc.object) as unknown as KubeObject;
      const type = resourceTypeForKind(object.apiVersion, object.kind);
      const name = metaString(object, "name");
      if (!type) {
        const message = resourceMappingNotFoundMessage(name, metaString(object, "namespace"), src.name, object.apiVersion, object.kind);
        manifestErrors.push({ fileName: src.name, documentIndex: doc.index, itemIndex: doc.itemIndex, line: doc.line, column: doc.column, message, code: "NoKindMatch", stopsFile: false });
        perFile.push({ order, failure: withLocation(fromPrinted(message), locationOf(src.name, doc.index, doc.nearestPositionOf("kind").line, doc.nearestPositionOf("kind").column, "kind")) });
        continue;
      }
      let namespace: string | undefined;
      if (type.namespaced) {
        const own = metaString(object, "namespace");
        if (own === "") {
          namespace = ctx.namespace;
          object.metadata = { ...(object.metadata ?? {}), namespace } as KubeObject["metadata"];
        } else if (ctx.enforceNamespace && own !== ctx.namespace) {
          perFile.push({
            order,
            failure: {
              text: `the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(ctx.namespace)}. You must pass '--namespace=${own}' to perform this operation.`,
              location: locationOf(src.name, doc.index, doc.nearestPositionOf("metadata.namespace").line, doc.nearestPositionOf("metadata.namespace").column, "metadata.namespace"),
            },
          });
          continue;
        } else {
          namespace = own;
        }
      }
      infos.push({ type, namespace, name, object, source: src.name, document: doc });
    }
    for (const e of parsed.errors) {
      manifestErrors.push(e);
      perFile.push({
        order: (e.documentIndex ?? 0) * 1e6 + (e.itemIndex ?? 0),
        failure: withLocation(fromPrinted(e.message), locationOf(src.name, e.documentIndex, e.line, e.column, e.fieldPath)),
      });
    }
    perFile.sort((a, b) => a.order - b.order);
    for (const p of perFile) failures.push(p.failure);
  }
  return { infos, failures, manifestErrors };
}
