// Decodes one document chunk the way kubectl's YAMLToJSONDecoder does (sigs.k8s.io/yaml over
// go-yaml v2), or says what go-yaml would refuse, in go-yaml's words. js-yaml does the parsing; the
// node tree it records while parsing gives positions, go-yaml's tab rules and alias accounting.

import yaml from "js-yaml";
import { checkDecodeBudget, toPlainJson } from "./aliasBudget";
import { yamlToJsonDetail } from "./errors";
import { findGoTabProblem } from "./goTabs";
import { GO_YAML_SCHEMA } from "./goYamlSchema";
import { MANIFEST_LIMITS } from "./limits";
import { indexDefinitions, NodeTreeRecorder, type YamlNode } from "./nodeTree";
import type { DocumentChunk } from "./splitDocuments";
import { findReaderProblem } from "./textChecks";
import { toGoYamlProblem } from "./yamlErrors";

export interface ChunkLines {
  starts: number[];
  lineOf(offset: number): number;
}

export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export function chunkLines(text: string): ChunkLines {
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

export type ChunkOutcome =
  | { kind: "empty" }
  | { kind: "tooLarge"; root: YamlNode }
  | { kind: "error"; detail: string; offset: number | undefined; fileLine?: number }
  | { kind: "value"; raw: unknown; value: unknown; root: YamlNode; definitions: Map<object, YamlNode> };

/** Blank lines, comments and separators only (no tabs: go-yaml refuses a tab-indented blank line). */
export const EMPTY_CHUNK = /^(?:---)?(?: *(?:#[\t -~]*)?\n)*$/;

/** Decodes one chunk as kubectl's YAMLToJSONDecoder would, or says what go-yaml would refuse. */
export function decodeChunk(chunk: DocumentChunk, lines: ChunkLines): ChunkOutcome {
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
