// The editor's files as kubectl sees them: `apply`/`delete` of editor tabs is `kubectl apply -f <tab>`
// against a file system made of the tabs (so the terminal's `kubectl apply -f web.yaml` reads the same
// text), preceded by the client-side checks of the manifest parser. A file with any such error applies
// nothing — unlike kubectl, which applies the documents before a syntax error — because a learner fixing
// a red squiggle expects the file to go in whole or not at all. Every refusal becomes a Diagnostic at its
// file, line and column for the editor's inline markers.
import { resourceTypeForKind } from "../api/registry";
import type { FileSystem, KubectlEnv } from "../kubectl/env";
import { runKubectl } from "../kubectl/kubectl";
import { locationOf } from "../kubectl/util/errors";
import { resourceMappingNotFoundMessage, type ManifestError } from "../manifests/errors";
import { parseManifests } from "../manifests/parse";
import { schemaErrorsToManifestError, validateAgainstSchema } from "../manifests/validateSchema";
import type { CommandOutput, Diagnostic, EditorFile } from "../protocol";

/** The editor's tabs as files: `kubectl apply -f web.yaml` and `-f .` (every tab) read from here. */
export class EditorFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();

  set(name: string, text: string): void {
    this.files.set(normalize(name), text);
  }

  /** Whether the files are exactly these (same names, same texts). */
  equals(files: readonly EditorFile[]): boolean {
    if (files.length !== this.files.size) return false;
    return files.every((f) => this.files.get(normalize(f.name)) === f.text);
  }

  /** Exactly these files from now on (the editor's tabs). */
  replaceAll(files: readonly EditorFile[]): void {
    this.files.clear();
    for (const f of files) this.set(f.name, f.text);
  }

  readFile(path: string): string | undefined {
    return this.files.get(normalize(path));
  }

  readDir(path: string): string[] | undefined {
    const p = normalize(path);
    if (p !== "." && p !== "" && p !== "/") return undefined;
    return [...this.files.keys()].sort();
  }
}

function normalize(path: string): string {
  return path.startsWith("./") ? path.slice(2) : path;
}

/** One client-side refusal: kubectl's text (with Kubelab's location line) and the editor marker. */
interface Refusal {
  text: string;
  diagnostic: Diagnostic;
}

function refusal(file: string, e: Pick<ManifestError, "message" | "documentIndex" | "line" | "column" | "fieldPath">): Refusal {
  const where = locationOf(file, e.documentIndex, e.line, e.column, e.fieldPath);
  const diagnostic: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    file,
    line: e.line ?? 1,
    column: e.column ?? 1,
    message: e.message,
    severity: "error",
  };
  if (e.fieldPath) diagnostic.field = e.fieldPath;
  return { text: `${e.message}\n  at ${where}\n`, diagnostic };
}

/**
 * What kubectl refuses before the API server answers: YAML syntax, apiVersion/kind checks, unknown kinds
 * and (with `schema`) the server's strict decoding — unknown fields, wrong types, missing required ones.
 */
function clientRefusals(file: EditorFile, schema: boolean): Refusal[] {
  const parsed = parseManifests(file.name, file.text);
  const out: Refusal[] = [];
  for (const doc of parsed.documents) {
    const { apiVersion, kind } = doc.object;
    if (!resourceTypeForKind(apiVersion, kind)) {
      const meta = doc.object.metadata as { name?: unknown; namespace?: unknown } | undefined;
      const name = typeof meta?.name === "string" ? meta.name : "";
      const ns = typeof meta?.namespace === "string" ? meta.namespace : "";
      const pos = doc.nearestPositionOf("kind");
      out.push(refusal(file.name, { message: resourceMappingNotFoundMessage(name, ns, file.name, apiVersion, kind), documentIndex: doc.index, line: pos.line, column: pos.column, fieldPath: "kind" }));
      continue;
    }
    if (!schema) continue;
    const errors = validateAgainstSchema(doc);
    // One marker per field, each worded as the API server words that refusal on its own.
    for (const fe of errors) {
      const e = schemaErrorsToManifestError(doc, [fe]);
      if (e) out.push(refusal(file.name, { ...e, fieldPath: fe.path }));
    }
  }
  for (const e of parsed.errors) out.push(refusal(file.name, e));
  out.sort((a, b) => a.diagnostic.line - b.diagnostic.line || a.diagnostic.column - b.diagnostic.column);
  return out;
}

/** Parse and schema check only, for markers while typing. */
export function validateFile(file: EditorFile): Diagnostic[] {
  return clientRefusals(file, true).map((r) => r.diagnostic);
}

const LOCATION = /^ {2}at (.+?)(?:, document (\d+))?(?:, line (\d+))?(?:, column (\d+))?(?:, field (.+))?$/;

/** The `  at file, line L, column C, field F` lines kubectl's errors carry, as Diagnostics for `file`. */
export function diagnosticsFromStderr(file: string, stderr: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let message: string[] = [];
  for (const line of stderr.split("\n")) {
    const m = LOCATION.exec(line);
    if (!m) {
      if (line !== "") message.push(line);
      continue;
    }
    if (m[1] === file && m[3] !== undefined) {
      const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
        file,
        line: Number(m[3]),
        column: m[4] !== undefined ? Number(m[4]) : 1,
        message: message.join("\n"),
        severity: "error",
      };
      if (m[5] !== undefined) d.field = m[5];
      out.push(d);
    }
    message = [];
  }
  return out;
}

export interface FilesResult {
  output: CommandOutput;
  diagnostics: Diagnostic[];
}

/** `kubectl apply -f` / `kubectl delete -f` of each file in turn; see the file comment for the rules. */
export function applyEditorFiles(env: KubectlEnv, fs: EditorFileSystem, files: readonly EditorFile[], verb: "apply" | "delete"): FilesResult {
  let out = "";
  let err = "";
  let code = 0;
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    fs.set(file.name, file.text);
    const refused = clientRefusals(file, verb === "apply");
    if (refused.length > 0) {
      for (const r of refused) {
        err += r.text;
        diagnostics.push(r.diagnostic);
      }
      code = 1;
      continue;
    }
    const r = runKubectl(env, [verb, "-f", file.name]);
    out += r.out;
    err += r.err;
    if (r.code !== 0) code = r.code;
    diagnostics.push(...diagnosticsFromStderr(file.name, r.err));
  }
  return { output: { out, err, code }, diagnostics };
}
