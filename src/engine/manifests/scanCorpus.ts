// One call that reads a manifest file the way `kubectl apply -f` would up to the API server's
// decoder: parse, check apiVersion/kind, map the kind, strict-decode against the schema. Used by the
// corpus check (every documented example must either be accepted or be refused with a clear,
// located, kubectl-worded error) and by anything that wants a dry run of a file.

import { resourceTypeForKind } from "../api/registry";
import type { ManifestDocument } from "./document";
import { resourceMappingNotFoundMessage, type ManifestError } from "./errors";
import { parseManifests } from "./parse";
import { schemaErrorsToManifestError, validateAgainstSchema, type FieldError } from "./validateSchema";

export type DocumentStatus =
  /** The cluster serves the kind and the object decodes cleanly. */
  | "ok"
  /** The cluster does not serve this apiVersion/kind (removed API, CRD not installed). */
  | "noKindMatch"
  /** The API server would refuse the object (decode, unknown field, missing required field). */
  | "refused";

export interface DocumentScan {
  document: ManifestDocument;
  status: DocumentStatus;
  fieldErrors: FieldError[];
  error?: ManifestError;
}

export interface FileScan {
  fileName: string;
  documents: DocumentScan[];
  /** Every error for the file, in the order kubectl would print them. */
  errors: ManifestError[];
  /** True when every document would be accepted and nothing was refused. */
  ok: boolean;
}

function metaString(doc: ManifestDocument, field: "name" | "namespace"): string {
  const meta = doc.object.metadata;
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return "";
  const v = meta[field];
  return typeof v === "string" ? v : "";
}

/** Reads `text` as kubectl would and reports per document; never throws. */
export function scanManifestFile(fileName: string, text: string): FileScan {
  try {
    const parsed = parseManifests(fileName, text);
    const documents: DocumentScan[] = [];
    const errors: ManifestError[] = [];
    for (const doc of parsed.documents) {
      const { apiVersion, kind } = doc.object;
      if (resourceTypeForKind(apiVersion, kind) === undefined) {
        const error: ManifestError = {
          fileName,
          documentIndex: doc.index,
          ...(doc.itemIndex !== undefined ? { itemIndex: doc.itemIndex } : {}),
          line: doc.line,
          column: doc.column,
          message: resourceMappingNotFoundMessage(metaString(doc, "name"), metaString(doc, "namespace"), fileName, apiVersion, kind),
          code: "NoKindMatch",
          stopsFile: false,
        };
        documents.push({ document: doc, status: "noKindMatch", fieldErrors: [], error });
        errors.push(error);
        continue;
      }
      const fieldErrors = validateAgainstSchema(doc);
      const error = schemaErrorsToManifestError(doc, fieldErrors);
      documents.push({ document: doc, status: error === undefined ? "ok" : "refused", fieldErrors, ...(error ? { error } : {}) });
      if (error) errors.push(error);
    }
    // Parse and client-validation errors come after the documents read before them.
    errors.push(...parsed.errors);
    return { fileName, documents, errors, ok: errors.length === 0 };
  } catch (e) {
    const error: ManifestError = {
      fileName,
      message: `error: error parsing ${fileName}: ${e instanceof Error ? e.message : String(e)}`,
      code: "ParseError",
      stopsFile: true,
    };
    return { fileName, documents: [], errors: [error], ok: false };
  }
}
