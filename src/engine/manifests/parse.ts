// The manifest front door: YAML (or JSON) text in, Kubernetes objects with source positions out,
// every refusal worded as `kubectl apply -f` words it.
//
// Order of work mirrors cli-runtime's StreamVisitor.Visit (k8s.io/cli-runtime pkg/resource/visitor.go):
// split the file into documents, decode each to JSON, skip empty ones, check apiVersion/kind, expand
// Lists. Like kubectl, the first syntax or validation error stops the file: the documents before it
// are returned (kubectl applies them), the ones after are not read.

import yaml from "js-yaml";
import { checkDecodeBudget, toPlainJson } from "./aliasBudget";
import { ParsedManifestDocument, type ManifestDocument, type ManifestObject, type Position } from "./document";
import {
  parseErrorMessage,
  requestTooLargeMessage,
  unableToDecodeMessage,
  validationErrorMessage,
  yamlToJsonDetail,
  type ManifestError,
} from "./errors";
import { goJsonMarshal } from "./goJson";
import { findGoTabProblem } from "./goTabs";
import { GO_YAML_SCHEMA } from "./goYamlSchema";
import { MANIFEST_LIMITS } from "./limits";
import { indexDefinitions, NodeTreeRecorder, unwrap, type YamlNode } from "./nodeTree";
import { splitDocuments, type DocumentChunk } from "./splitDocuments";
import { findReaderProblem, findUtf8Problem, normalizeNewlines, utf8ByteLength } from "./textChecks";
import { toGoYamlProblem } from "./yamlErrors";

export interface ParseResult {
  documents: ManifestDocument[];
  errors: ManifestError[];
}

interface ChunkLines {
  starts: number[];
  lineOf(offset: number): number;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function chunkLines(text: string): ChunkLines {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0 && i + 1 < text.length; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    // go-yaml's mark after the last line break is on a line of its own.
    if (offset >= text.length && text.endsWith("\n")) return starts.length;
    return lo;
  };
  return { starts, lineOf };
}

type ChunkOutcome =
  | { kind: "empty" }
  | { kind: "tooLarge"; root: YamlNode }
  | { kind: "error"; detail: string; offset: number | undefined; fileLine?: number }
  | { kind: "value"; raw: unknown; value: unknown; root: YamlNode; definitions: Map<object, YamlNode> };

/** Blank lines, comments and separators only (no tabs: go-yaml refuses a tab-indented blank line). */
const EMPTY_CHUNK = /^(?:---)?(?: *(?:#[\t -~]*)?\n)*$/;

/** Decodes one chunk as kubectl's YAMLToJSONDecoder would, or says what go-yaml would refuse. */
function decodeChunk(chunk: DocumentChunk, lines: ChunkLines): ChunkOutcome {
  const text = chunk.text;
  if (EMPTY_CHUNK.test(text)) return { kind: "empty" };
  const readerProblem = findReaderProblem(text);
  if (readerProblem !== undefined) return { kind: "error", detail: yamlToJsonDetail(readerProblem), offset: undefined };

  const recorder = new NodeTreeRecorder(text);
  let raw: unknown;
  try {
    const options = {
      schema: GO_YAML_SCHEMA,
      json: true, // go-yaml v2 (non-strict) lets a repeated key overwrite the earlier one
      listener: recorder.listener,
      maxDepth: MANIFEST_LIMITS.maxDepth,
      maxTotalMergeKeys: MANIFEST_LIMITS.maxTotalMergeKeys,
    } as yaml.LoadOptions;
    raw = yaml.loadAll(text, null, options)[0];
  } catch (e) {
    if (!(e instanceof yaml.YAMLException)) throw e;
    const p = toGoYamlProblem(e, text, recorder.roots, lines.lineOf);
    // go-yaml meets a tab it refuses before js-yaml's problem when it comes first (or is the problem).
    const tab = findGoTabProblem(text, lines.starts, recorder.closedNodes(), lines.lineOf);
    if (tab !== undefined && tab.offset <= p.offset) {
      return { kind: "error", detail: yamlToJsonDetail(tab.problem, lines.lineOf(tab.offset) + 1), offset: tab.offset };
    }
    return { kind: "error", detail: yamlToJsonDetail(p.problem, p.goLine), offset: p.offset };
  }
  const tab = findGoTabProblem(text, lines.starts, recorder.roots, lines.lineOf);
  if (tab !== undefined) {
    return { kind: "error", detail: yamlToJsonDetail(tab.problem, lines.lineOf(tab.offset) + 1), offset: tab.offset };
  }
  const root = recorder.roots[0];
  if (raw === null || raw === undefined || root === undefined) return { kind: "empty" };

  const definitions = indexDefinitions(recorder.roots);
  const budget = checkDecodeBudget(root, definitions);
  if (budget.tooLarge === true) return { kind: "tooLarge", root };
  if (budget.problem !== undefined) {
    const at = budget.at;
    const withLine = at !== undefined && budget.problem.startsWith("exceeded max depth");
    const detail = budget.problem.startsWith("json:")
      ? `error converting YAML to JSON: ${budget.problem}`
      : yamlToJsonDetail(budget.problem, withLine ? lines.lineOf(at.start) + 1 : undefined);
    return { kind: "error", detail, offset: at?.start };
  }
  return { kind: "value", raw, value: budget.shared ? toPlainJson(raw) : raw, root, definitions };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * kubectl's client-side check of one object. mirrors GetObjectKind
 * (k8s.io/kubectl pkg/util/openapi/validation/validation.go) with schema.ParseGroupVersion.
 */
function typeMetaProblems(obj: unknown): string[] {
  if (!isObject(obj)) return ["invalid object to validate"];
  const problems: string[] = [];
  const apiVersion = obj.apiVersion;
  if (apiVersion === undefined || apiVersion === null) problems.push("apiVersion not set");
  else if (typeof apiVersion !== "string") problems.push("apiVersion isn't string type");
  else if (apiVersion.split("/").length > 2 && apiVersion !== "/") problems.push(`unexpected GroupVersion string: ${apiVersion}`);
  const kind = obj.kind;
  if (kind === undefined || kind === null) problems.push("kind not set");
  else if (typeof kind !== "string") problems.push("kind isn't string type");
  return problems;
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

/**
 * A List (any object with `items`) stands for its items. Items with neither apiVersion nor kind
 * take the list's apiVersion and its kind minus "List".
 * mirrors unstructuredJSONScheme.decodeToList (apimachinery pkg/apis/meta/v1/unstructured/helpers.go)
 * and FlattenListVisitor (cli-runtime pkg/resource/visitor.go).
 */
function expandList(
  list: ManifestObject,
  rawList: unknown,
  listNode: YamlNode,
  make: (o: ManifestObject, node: YamlNode, raw: unknown) => ParsedManifestDocument,
  documents: ManifestDocument[],
  errors: ManifestError[],
  fileName: string,
  index: number,
): void {
  const probe = make(list, listNode, rawList);
  const items = list.items as unknown[];
  const rawItems = isObject(rawList) && Array.isArray(rawList.items) ? rawList.items : items;
  const itemKind = list.kind.endsWith("List") ? list.kind.slice(0, -"List".length) : list.kind;
  for (let i = 0; i < items.length; i++) {
    let item = items[i];
    if (isObject(item) && item.kind === undefined && item.apiVersion === undefined) {
      item = { ...item, apiVersion: list.apiVersion, kind: itemKind };
    }
    const pos = probe.nearestPositionOf(["items", i]);
    const problems = typeMetaProblems(item);
    if (problems.length > 0 || (isObject(item) && item.kind === "")) {
      errors.push({ fileName, documentIndex: index, itemIndex: i, ...pos, message: validationErrorMessage(fileName, problems.length > 0 ? problems : ["kind not set"]), code: "ValidationError", stopsFile: false });
      continue;
    }
    const itemNode = locateItemNode(listNode, rawItems, i);
    const doc = itemNode === undefined ? make(item as ManifestObject, listNode, rawList) : make(item as ManifestObject, itemNode, rawItems[i]);
    doc.itemIndex = i;
    documents.push(doc);
  }
}

function locateItemNode(listNode: YamlNode, rawItems: unknown[], i: number): YamlNode | undefined {
  const mapChildren = unwrap(listNode).children ?? [];
  for (let k = 0; k + 1 < mapChildren.length; k++) {
    if ((mapChildren[k] as YamlNode).result !== "items") continue;
    const seq = unwrap(mapChildren[k + 1] as YamlNode);
    if (seq.result !== rawItems) continue;
    let n = 0;
    for (const c of seq.children ?? []) {
      if (c.result !== rawItems[n]) continue;
      if (n === i) return c;
      n++;
    }
  }
  return undefined;
}
