// The manifest front door: YAML (or JSON) text in, Kubernetes objects with source positions out,
// every refusal worded as `kubectl apply -f` words it.
//
// Order of work mirrors cli-runtime's StreamVisitor.Visit (k8s.io/cli-runtime pkg/resource/visitor.go):
// split the file into documents, decode each to JSON, skip empty ones, check apiVersion/kind, expand
// Lists. Like kubectl, the first syntax or validation error stops the file: the documents before it
// are returned (kubectl applies them), the ones after are not read.

import { expandList, typeMetaProblems } from "./clientChecks";
import { chunkLines, countLines, decodeChunk, EMPTY_CHUNK, type ChunkOutcome } from "./decodeChunk";
import { ParsedManifestDocument, type ManifestDocument, type ManifestObject, type Position } from "./document";
import { parseErrorMessage, requestTooLargeMessage, unableToDecodeMessage, validationErrorMessage, yamlToJsonDetail, type ManifestError } from "./errors";
import { goJsonMarshal } from "./goJson";
import { MANIFEST_LIMITS } from "./limits";
import { unwrap, type YamlNode } from "./nodeTree";
import { splitDocuments } from "./splitDocuments";
import { findUtf8Problem, normalizeNewlines, utf8ByteLength } from "./textChecks";

export interface ParseResult {
  documents: ManifestDocument[];
  errors: ManifestError[];
}

/** A reader error found in the raw bytes, on a 0-based line of the file. */
interface ReaderFault {
  line: number;
  problem: string;
}

/** Parses a manifest file's text into objects; see the file comment for the rules. Never throws. */
export function parseManifests(fileName: string, text: string): ParseResult {
  try {
    return parseText(fileName, text, undefined);
  } catch (e) {
    // Defensive: a parser bug must not take the worker down. Report it as kubectl would any failure.
    const detail = e instanceof Error ? e.message : String(e);
    return { documents: [], errors: [{ fileName, message: parseErrorMessage(fileName, detail), code: "ParseError", stopsFile: true }] };
  }
}

/**
 * Parses a manifest file from its bytes, checking the UTF-8 encoding the way go-yaml's reader does
 * (`yaml: invalid leading UTF-8 octet`, ...). UTF-16 with a byte order mark is converted first, as
 * kubectl's file reader does. Never throws.
 */
export function parseManifestBytes(fileName: string, bytes: Uint8Array): ParseResult {
  if (bytes.length > MANIFEST_LIMITS.maxRequestBytes) {
    return { documents: [], errors: [{ fileName, message: requestTooLargeMessage(fileName), code: "RequestEntityTooLarge", stopsFile: true }] };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    const text = new TextDecoder(bytes[0] === 0xfe ? "utf-16be" : "utf-16le").decode(bytes);
    return parseManifests(fileName, text);
  }
  const problem = findUtf8Problem(bytes);
  const text = new TextDecoder("utf-8").decode(bytes);
  if (problem === undefined) return parseManifests(fileName, text);
  let line = 0;
  for (let i = 0; i < problem.offset; i++) if (bytes[i] === 0x0a) line++;
  try {
    return parseText(fileName, text, { line, problem: problem.problem });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { documents: [], errors: [{ fileName, message: parseErrorMessage(fileName, detail), code: "ParseError", stopsFile: true }] };
  }
}

function parseText(fileName: string, text: string, fault: ReaderFault | undefined): ParseResult {
  const documents: ManifestDocument[] = [];
  const errors: ManifestError[] = [];
  if (text.length > MANIFEST_LIMITS.maxRequestBytes || utf8ByteLength(text) > MANIFEST_LIMITS.maxRequestBytes) {
    errors.push({ fileName, message: requestTooLargeMessage(fileName), code: "RequestEntityTooLarge", stopsFile: true });
    return { documents, errors };
  }
  const normalized = normalizeNewlines(text);
  const { chunks, separatorError } = splitDocuments(normalized);

  let index = -1;
  for (const chunk of chunks) {
    const faulty = fault !== undefined && fault.line >= chunk.startLine && fault.line < chunk.startLine + countLines(chunk.text);
    if (!faulty && EMPTY_CHUNK.test(chunk.text)) continue;
    const lines = chunkLines(chunk.text);
    const toPosition = (offset: number): Position => {
      const l = Math.min(lines.lineOf(offset), lines.starts.length - 1);
      return { line: chunk.startLine + l + 1, column: offset - (lines.starts[l] as number) + 1 };
    };
    const outcome: ChunkOutcome = faulty ? { kind: "error", detail: yamlToJsonDetail(fault.problem), offset: undefined, fileLine: fault.line + 1 } : decodeChunk(chunk, lines);
    if (outcome.kind === "empty") continue;
    index++;
    if (outcome.kind === "tooLarge") {
      // kubectl sends it; the API server refuses the body and kubectl goes on with the next one.
      const at = toPosition(unwrap(outcome.root).start);
      errors.push({ fileName, documentIndex: index, ...at, message: requestTooLargeMessage(fileName), code: "RequestEntityTooLarge", stopsFile: false });
      continue;
    }
    if (outcome.kind === "error") {
      const pos = outcome.offset !== undefined ? toPosition(outcome.offset) : outcome.fileLine !== undefined ? { line: outcome.fileLine } : undefined;
      errors.push({ fileName, documentIndex: index, ...pos, message: parseErrorMessage(fileName, outcome.detail), code: "ParseError", stopsFile: true });
      return { documents, errors };
    }
    const start = toPosition(unwrap(outcome.root).start);
    const problems = typeMetaProblems(outcome.value);
    if (problems.length > 0) {
      errors.push({ fileName, documentIndex: index, ...start, message: validationErrorMessage(fileName, problems), code: "ValidationError", stopsFile: true });
      return { documents, errors };
    }
    const obj = outcome.value as ManifestObject;
    if (obj.kind === "") {
      errors.push({ fileName, documentIndex: index, ...start, message: unableToDecodeMessage(fileName, `Object 'Kind' is missing in '${goJsonMarshal(obj)}'`), code: "DecodeError", stopsFile: false });
      continue;
    }
    const make = (o: ManifestObject, node: YamlNode, raw: unknown): ParsedManifestDocument =>
      new ParsedManifestDocument(fileName, index, o, node, raw, outcome.definitions, toPosition);
    if (Array.isArray(obj.items)) expandList(obj, outcome.raw, outcome.root, make, documents, errors, fileName, index);
    else documents.push(make(obj, outcome.root, outcome.raw));
  }
  if (separatorError !== undefined) {
    errors.push({
      fileName,
      documentIndex: index + 1,
      line: separatorError.line + 1,
      column: 1,
      message: parseErrorMessage(fileName, separatorError.message),
      code: "ParseError",
      stopsFile: true,
    });
  }
  return { documents, errors };
}
