// Translates js-yaml's syntax errors into what go-yaml v2 (behind kubectl) says for the same
// mistake, including go-yaml's line numbering:
// - scanner errors report the 1-based line of the problem;
// - parser errors report the problem's 0-based line (one less than the line people count), and no
//   line at all when that is 0.
// mirrors parser.fail (gopkg.in/yaml.v2 decode.go); messages from yaml.v2 scannerc.go/parserc.go.
// Where js-yaml and go-yaml disagree on the cause, the closest go-yaml wording is chosen; a reason
// with no go-yaml counterpart keeps js-yaml's text in go-yaml's frame.

import type yaml from "js-yaml";
import { MANIFEST_LIMITS } from "./limits";
import { NodeKind, skipToContent, type YamlNode } from "./nodeTree";

export interface GoYamlProblem {
  /** go-yaml's problem text (after `yaml: line N: `). */
  problem: string;
  /** The line go-yaml prints, or undefined when it prints none. */
  goLine: number | undefined;
  /** Offset in the chunk where the problem really is (for Kubelab's own location). */
  offset: number;
}

/** Counts lines the way go-yaml's marks do: `offset` is in a chunk whose lines start at `lineStarts`. */
export type LineOf = (offset: number) => number;

const scanner = (problem: string, offset: number, lineOf: LineOf): GoYamlProblem => ({ problem, goLine: lineOf(offset) + 1, offset });

function parser(problem: string, offset: number, lineOf: LineOf): GoYamlProblem {
  const zeroBased = lineOf(offset);
  return { problem, goLine: zeroBased === 0 ? undefined : zeroBased, offset };
}

/** The innermost flow collection open at `end`, ignoring quoted text and comments. */
function openFlowBracket(text: string, end: number): "{" | "[" | undefined {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < end && text[i] !== "\n") i++;
    } else if (c === "{" || c === "[") stack.push(c);
    else if (c === "}" || c === "]") stack.pop();
  }
  return stack[stack.length - 1] as "{" | "[" | undefined;
}

function flowEntryProblem(text: string, offset: number): string {
  return openFlowBracket(text, offset) === "[" ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'";
}

/**
 * go-yaml's report for a js-yaml exception on `text` (one kubectl document chunk). `roots` is the
 * node tree js-yaml recorded before it stopped.
 */
export function toGoYamlProblem(err: yaml.YAMLException, text: string, roots: readonly YamlNode[], lineOf: LineOf): GoYamlProblem {
  const reason = err.reason ?? String(err.message);
  const at = Math.min(err.mark?.position ?? 0, text.length);
  const ch = text[at];
  const eof = text.length;

  // Reserved indicators cannot start a token in go-yaml, whatever js-yaml made of them.
  if (ch === "@" || ch === "`") return scanner("found character that cannot start any token", at, lineOf);

  if (reason === "tab characters must not be used in indentation") return scanner("found character that cannot start any token", at, lineOf);
  if (reason === "unknown escape sequence") return scanner("found unknown escape character", at, lineOf);
  if (reason === "expected hexadecimal character") return scanner("did not find expected hexdecimal number", at, lineOf);
  if (reason.startsWith("unexpected end of the stream within a") && reason.endsWith("quoted scalar")) {
    return scanner("found unexpected end of stream", eof, lineOf);
  }
  if (reason.startsWith("unexpected end of the document within a")) return scanner("found unexpected document indicator", at, lineOf);
  if (reason === "unexpected end of the stream within a flow collection") return parser(flowEntryProblem(text, eof), eof, lineOf);
  if (reason === "missed comma between flow collection entries") return parser(flowEntryProblem(text, at), at, lineOf);
  if (reason === "expected the node content, but found ','") return parser("did not find expected node content", at, lineOf);
  if (reason.startsWith("can not read a block mapping entry") || reason.startsWith("can not read an implicit mapping pair")) {
    return scanner("could not find expected ':'", at, lineOf);
  }
  if (reason.startsWith("incomplete explicit mapping pair")) return parser("did not find expected key", at, lineOf);
  if (reason.startsWith("name of an a")) return scanner("did not find expected alphabetic or numeric character", at, lineOf);
  if (reason.startsWith("nesting exceeded maxDepth")) return scanner(`exceeded max depth of ${MANIFEST_LIMITS.maxDepth}`, at, lineOf);
  if (reason.startsWith("merge keys exceeded") || reason === "abnormal merge sequence size") {
    return { problem: "document contains excessive aliasing", goLine: undefined, offset: at };
  }
  if (reason.startsWith("cannot merge mappings")) {
    return { problem: "map merge requires map or sequence of maps as the value", goLine: undefined, offset: at };
  }
  // An explicit tag the value does not fit: go-yaml's resolve fails in the decoder, without a line.
  const badTag = /^cannot resolve a node with !<tag:yaml\.org,2002:(\w+)> explicit tag$/.exec(reason);
  if (badTag) {
    const tag = badTag[1] as string;
    if (tag === "binary") return { problem: "!!binary value contains invalid base64 data", goLine: undefined, offset: at };
    const tagAt = text.lastIndexOf("!!", at);
    const value = text.slice(tagAt + 2 + tag.length, at).trim().replace(/^(["'])(.*)\1$/, "$2");
    return { problem: `cannot decode !!str \`${value}\` as a !!${tag}`, goLine: undefined, offset: at };
  }
  const unknownAlias = /^unidentified alias "(.*)"$/.exec(reason);
  if (unknownAlias) return { problem: `unknown anchor '${unknownAlias[1]}' referenced`, goLine: undefined, offset: at };

  if (reason === "bad indentation of a mapping entry" || reason === "bad indentation of a sequence entry" || reason === "end of the stream or a document separator is expected") {
    // js-yaml stops on the ':' of a key that go-yaml finds inside a plain scalar (over-indented key,
    // a second `key:` on one line): go-yaml's scanner refuses the value indicator there.
    if (ch === ":") return scanner("mapping values are not allowed in this context", at, lineOf);
    if (reason === "bad indentation of a sequence entry") return parser("did not find expected '-' indicator", at, lineOf);
    if (reason === "bad indentation of a mapping entry") return parser("did not find expected key", at, lineOf);
    // Content after the document's root node: go-yaml's parser wanted a block root collection to go
    // on; after a flow collection or a scalar it wanted the next document
    const root = roots[0];
    const flowRoot = root !== undefined && /^[{[]/.test(text.slice(skipToContent(text, root.start), skipToContent(text, root.start) + 1));
    const rootKind = root === undefined || flowRoot ? undefined : innerKind(root);
    if (rootKind === NodeKind.Mapping) return parser("did not find expected key", at, lineOf);
    if (rootKind === NodeKind.Sequence) return parser("did not find expected '-' indicator", at, lineOf);
    return parser("did not find expected <document start>", at, lineOf);
  }
  return scanner(reason, at, lineOf);
}

function innerKind(node: YamlNode): NodeKind {
  let n = node;
  while (n.kind !== NodeKind.Mapping && n.kind !== NodeKind.Sequence && n.children?.length === 1) n = n.children[0] as YamlNode;
  return n.kind;
}
