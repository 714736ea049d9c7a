// Tabs that go-yaml v2 refuses but js-yaml accepts. go-yaml's scanner skips a tab between tokens
// only in flow context or where a simple key is not allowed; at the start of a line in block
// context (even a blank or comment-only line) and right after a block indicator (`- `, `key: `) it
// stops on the tab and fails with "found character that cannot start any token".
// mirrors yaml_parser_scan_to_next_token (gopkg.in/yaml.v2 scannerc.go).
//
// The node tree tells which lines are inside a flow collection or a multi-line scalar, where tabs
// are content or skippable whitespace. A tab starting the line right after a block scalar (`|`,
// `>`) is met by the block scalar's scanner instead, which words it differently
// (yaml_parser_scan_block_scalar_breaks).

export interface GoTabProblem {
  offset: number;
  problem: string;
}

const CANNOT_START = "found character that cannot start any token";
const BLOCK_SCALAR_TAB = "found a tab character where an indentation space is expected";

import { NodeKind, type YamlNode } from "./nodeTree";

function isFlowStart(text: string, node: YamlNode): boolean {
  const c = text.charCodeAt(node.start);
  return c === 0x7b /* { */ || c === 0x5b /* [ */;
}

/** Offset of the last non-blank character before `end` (at least `start`). */
function lastContent(text: string, start: number, end: number): number {
  let i = Math.min(end, text.length) - 1;
  while (i > start && /\s/.test(text[i] as string)) i--;
  return i;
}

/**
 * Offset of the first tab go-yaml would stop on, or undefined. `lineStarts` are the offsets where
 * the chunk's lines begin; `roots` is the (possibly partial) node tree js-yaml recorded.
 */
export function findGoTabProblem(text: string, lineStarts: readonly number[], roots: readonly YamlNode[], lineOf: (offset: number) => number): GoTabProblem | undefined {
  if (!text.includes("\t")) return undefined;
  const exempt = new Uint8Array(lineStarts.length);
  /** Lines a block scalar's scanner reads: its last content line and the blank lines after it. */
  const blockScalarEnd = new Uint8Array(lineStarts.length + 1);
  let first: GoTabProblem | undefined;
  const note = (offset: number, problem = CANNOT_START): void => {
    if (first === undefined || offset < first.offset) first = { offset, problem };
  };

  const visit = (node: YamlNode, inFlow: boolean): void => {
    const flow = inFlow || isFlowStart(text, node);
    const startLine = lineOf(node.start);
    if (flow || node.kind === NodeKind.Scalar) {
      const endLine = lineOf(lastContent(text, node.start, node.end));
      for (let l = startLine + 1; l <= endLine; l++) exempt[l] = 1;
      if (!flow && /^(?:[!&][^\s]*\s+)*[|>]/.test(text.slice(node.start, node.start + 64))) blockScalarEnd[endLine + 1] = 1;
    }
    const children = node.children;
    // Inside a flow collection every line is exempt and go-yaml skips tabs between tokens.
    if (children === undefined || flow) return;
    for (let i = 0; i < children.length; i++) {
      const c = children[i] as YamlNode;
      if (node.kind === NodeKind.Mapping && i + 1 < children.length && c.kind === NodeKind.Scalar) {
        // `key:\tvalue`: a tab after the value indicator on the key's line.
        const v = children[i + 1] as YamlNode;
        if (lineOf(v.start) === lineOf(c.start) && v.start > c.end) {
          const between = text.slice(c.end, v.start);
          const colon = between.lastIndexOf(":");
          const tab = between.indexOf("\t", colon + 1);
          if (colon >= 0 && tab >= 0) note(c.end + tab);
        }
      }
      if (node.kind === NodeKind.Sequence) {
        // `-\titem`: a tab after the block entry indicator.
        let j = c.start - 1;
        while (j >= 0 && (text[j] === " " || text[j] === "\t")) j--;
        if (j >= 0 && text[j] === "-") {
          const tab = text.slice(j + 1, c.start).indexOf("\t");
          if (tab >= 0) note(j + 1 + tab);
        }
      }
      visit(c, flow);
    }
  };
  for (const r of roots) visit(r, false);

  for (let l = 0; l < lineStarts.length; l++) {
    if (exempt[l] === 1) continue;
    let blank = true;
    for (let i = lineStarts[l] as number; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x09) {
        note(i, blockScalarEnd[l] === 1 ? BLOCK_SCALAR_TAB : CANNOT_START);
        blank = false;
        break;
      }
      if (c === 0x0a) break;
      if (c !== 0x20) {
        blank = false;
        break;
      }
    }
    // Blank lines after a block scalar still belong to its scanner.
    if (blank && blockScalarEnd[l] === 1) blockScalarEnd[l + 1] = 1;
  }
  return first;
}
