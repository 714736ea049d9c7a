// A light tree of YAML nodes with their source offsets, recorded through js-yaml's `listener`
// option while it parses (js-yaml calls it with "open"/"close" around every node it composes, in
// nesting order). The tree answers "where in the file is spec.containers[0].image?" and feeds
// go-yaml's alias accounting (aliasBudget.ts).
//
// js-yaml composes a few nodes that are not in the YAML (a block-mapping attempt that turns out to
// be a lone flow collection or scalar wraps it; an empty value still opens and closes), so keys and
// items are matched to the parsed values by identity, never by child position alone.

import type yaml from "js-yaml";

/** What a recorded node is. Empty: a value slot js-yaml composed with no content (`key:`). */
export const NodeKind = { Scalar: 0, Mapping: 1, Sequence: 2, Alias: 3, Empty: 4 } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export interface YamlNode {
  kind: NodeKind;
  /** Offset of the node's first character (its anchor or tag if it has one) in the chunk text. */
  start: number;
  /** Offset just after the node, as js-yaml left it when the node closed. */
  end: number;
  /** The value js-yaml built for the node (shared with the parsed document). */
  result: unknown;
  children: YamlNode[] | undefined;
  /** Alias name (`*name`) for Alias nodes. */
  alias?: string;
}

interface Frame {
  open: number;
  children: YamlNode[];
}

/** Skips blanks, line breaks and comments from `i`; returns the offset of the next content. */
export function skipToContent(text: string, i: number): number {
  let atLineStart = i === 0 || text.charCodeAt(i - 1) === 0x0a;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) {
      i++;
      atLineStart = false;
    } else if (c === 0x0a) {
      i++;
      atLineStart = true;
    } else if (c === 0x23 /* # */ && (atLineStart || isBlank(text.charCodeAt(i - 1)))) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else break;
  }
  return i;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function readAliasName(text: string, i: number): string {
  let j = i + 1;
  while (j < text.length && !/[\s,[\]{}]/.test(text[j] as string)) j++;
  return text.slice(i + 1, j);
}

/** Records the node tree of one js-yaml `load` call. Create one per parse. */
export class NodeTreeRecorder {
  readonly roots: YamlNode[] = [];
  private readonly stack: Frame[] = [];

  constructor(private readonly text: string) {}

  readonly listener = (event: yaml.EventType, state: yaml.State): void => {
    if (event === "open") {
      this.stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = this.stack.pop();
    if (frame === undefined) return;
    const start = skipToContent(this.text, frame.open);
    const k = state.kind as string | null;
    let kind: NodeKind;
    let alias: string | undefined;
    if (k === "mapping") kind = NodeKind.Mapping;
    else if (k === "sequence") kind = NodeKind.Sequence;
    else if (k === "scalar") kind = NodeKind.Scalar;
    else if (this.text.charCodeAt(start) === 0x2a /* * */) {
      kind = NodeKind.Alias;
      alias = readAliasName(this.text, start);
    } else kind = NodeKind.Empty;
    const node: YamlNode = {
      kind,
      start,
      end: state.position,
      result: state.result,
      children: frame.children.length > 0 ? frame.children : undefined,
    };
    if (alias !== undefined) node.alias = alias;
    const parent = this.stack[this.stack.length - 1];
    (parent ? parent.children : this.roots).push(node);
  };

  /**
   * Every node closed so far, as top-level nodes: the roots plus what each still-open node had
   * collected when parsing stopped on an error.
   */
  closedNodes(): YamlNode[] {
    const out = [...this.roots];
    for (const frame of this.stack) out.push(...frame.children);
    return out;
  }
}

/** Looks through js-yaml's wrapper nodes to the node that really carries `node.result`. */
export function unwrap(node: YamlNode): YamlNode {
  let n = node;
  while (n.children !== undefined && n.children.length === 1) {
    const only = n.children[0] as YamlNode;
    if (only.result !== n.result || only.kind === NodeKind.Alias) break;
    n = only;
  }
  return n;
}

/** The defining node of every mapping and sequence value, so aliased values can be located. */
export function indexDefinitions(roots: readonly YamlNode[]): Map<object, YamlNode> {
  const defs = new Map<object, YamlNode>();
  const stack: YamlNode[] = [...roots];
  while (stack.length > 0) {
    const n = stack.pop() as YamlNode;
    if ((n.kind === NodeKind.Mapping || n.kind === NodeKind.Sequence) && typeof n.result === "object" && n.result !== null) {
      const prev = defs.get(n.result);
      // The outermost (first composed) node wins over js-yaml's inner wrapper duplicates.
      if (prev === undefined || n.start < prev.start || (n.start === prev.start && n.children !== undefined)) defs.set(n.result, n);
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
  return defs;
}

export interface PairNodes {
  key: YamlNode;
  value: YamlNode | undefined;
}

function sameValue(node: YamlNode | undefined, value: unknown): boolean {
  if (node === undefined) return value === null;
  if (node.kind === NodeKind.Empty) return value === null || node.result === value;
  return node.result === value || (Number.isNaN(value) && Number.isNaN(node.result));
}

/** The key and value nodes of `key` in a mapping node whose value is `obj`. Last occurrence wins. */
export function findPair(mapNode: YamlNode, key: string, obj: Record<string, unknown>): PairNodes | undefined {
  const children = unwrap(mapNode).children;
  if (children === undefined) return undefined;
  const want = obj[key];
  let found: PairNodes | undefined;
  for (let i = 0; i < children.length; i++) {
    const k = children[i] as YamlNode;
    if (k.kind === NodeKind.Mapping || k.kind === NodeKind.Sequence || k.kind === NodeKind.Empty) continue;
    if (String(k.result) !== key) continue;
    const v = children[i + 1];
    if (sameValue(v, want) || (v !== undefined && v.kind === NodeKind.Alias)) {
      found = { key: k, value: v };
      i++;
    } else if (want === null) found = { key: k, value: undefined };
  }
  return found;
}

/** The node of item `index` in a sequence node whose value is `arr`. */
export function findItem(seqNode: YamlNode, index: number, arr: readonly unknown[]): YamlNode | undefined {
  const children = unwrap(seqNode).children;
  if (children === undefined) return undefined;
  let item = 0;
  for (const c of children) {
    if (item > index) break;
    if (sameValue(c, arr[item]) || c.kind === NodeKind.Alias) {
      if (item === index) return c;
      item++;
    }
  }
  return undefined;
}
