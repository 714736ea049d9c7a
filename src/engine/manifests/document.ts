// ManifestDocument: one Kubernetes object read from a manifest file, with the way back from any of
// its field paths to a line and column in the file.

import type { Json } from "../api/types";
import { findItem, findPair, NodeKind, unwrap, type YamlNode } from "./nodeTree";

export interface Position {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column in the file. */
  column: number;
}

/** One step of a field path: a key, or an index into a list. */
export type PathSegment = string | number;

/** A parsed object: plain JSON with apiVersion and kind checked to be strings. */
export type ManifestObject = { [key: string]: Json } & { apiVersion: string; kind: string };

export interface ManifestDocument {
  fileName: string;
  /** 0-based index among the file's non-empty documents. */
  index: number;
  /** 0-based index within the List this object came from, when it did. */
  itemIndex?: number;
  object: ManifestObject;
  /** 1-based line and column where the object starts. */
  line: number;
  column: number;
  /** Where `path` (e.g. `spec.template.spec.containers[0].image`) is written, if it is. */
  positionOf(path: string): Position | undefined;
  positionOfSegments(path: readonly PathSegment[]): Position | undefined;
  /** Where `path` is, or else its nearest written ancestor (a missing field points at its parent). */
  nearestPositionOf(path: string | readonly PathSegment[]): Position;
}

/** Parses `a.b[0].c`, `metadata.annotations["x.io/y"]` and `data[key]` into segments. */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\[([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3].replace(/\\(.)/g, "$1"));
    else if (m[4] !== undefined) out.push(m[4]);
  }
  return out;
}

/** Formats segments the way upstream field paths read: `spec.containers[0].image`. */
export function formatFieldPath(path: readonly PathSegment[]): string {
  let s = "";
  for (const seg of path) {
    if (typeof seg === "number") s += `[${seg}]`;
    else s += s === "" ? seg : `.${seg}`;
  }
  return s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Locates paths through the recorded node tree. `raw` is js-yaml's own value (node identity). */
export class ParsedManifestDocument implements ManifestDocument {
  readonly line: number;
  readonly column: number;
  itemIndex?: number;

  constructor(
    readonly fileName: string,
    readonly index: number,
    readonly object: ManifestObject,
    private readonly root: YamlNode,
    private readonly raw: unknown,
    private readonly definitions: Map<object, YamlNode>,
    private readonly toPosition: (offset: number) => Position,
  ) {
    const start = toPosition(unwrap(root).start);
    this.line = start.line;
    this.column = start.column;
  }

  positionOf(path: string): Position | undefined {
    return this.positionOfSegments(parseFieldPath(path));
  }

  positionOfSegments(path: readonly PathSegment[]): Position | undefined {
    const found = this.locate(path);
    return found.exact ? found.position : undefined;
  }

  nearestPositionOf(path: string | readonly PathSegment[]): Position {
    return this.locate(typeof path === "string" ? parseFieldPath(path) : path).position;
  }

  private resolve(node: YamlNode | undefined, value: unknown): YamlNode | undefined {
    const n = node === undefined ? undefined : unwrap(node);
    if (typeof value === "object" && value !== null && (n === undefined || n.kind === NodeKind.Alias || n.result !== value)) {
      return this.definitions.get(value) ?? n;
    }
    return n;
  }

  /** A key merged in by `<<`: look in the merged mappings, nearest first. */
  private findMerged(mapNode: YamlNode, key: string, seen = 0): { key: YamlNode; value: YamlNode | undefined } | undefined {
    const children = unwrap(mapNode).children ?? [];
    for (let i = 0; i + 1 < children.length && seen < 16; i++) {
      const k = children[i] as YamlNode;
      if (k.kind !== NodeKind.Scalar || k.result !== "<<") continue;
      const v = children[i + 1] as YamlNode;
      const sources = Array.isArray(v.result) ? (v.result as unknown[]) : [v.result];
      for (const src of sources) {
        const srcNode = isObject(src) ? this.definitions.get(src) : undefined;
        if (srcNode === undefined || !isObject(src)) continue;
        const pair = findPair(srcNode, key, src) ?? this.findMerged(srcNode, key, seen + 1);
        if (pair) return pair;
      }
    }
    return undefined;
  }

  private locate(path: readonly PathSegment[]): { position: Position; exact: boolean } {
    let node: YamlNode | undefined = this.root;
    let value: unknown = this.raw;
    let offset = unwrap(this.root).start;
    for (const seg of path) {
      node = this.resolve(node, value);
      if (node === undefined) return { position: this.toPosition(offset), exact: false };
      if (typeof seg === "number") {
        if (!Array.isArray(value) || node.kind !== NodeKind.Sequence) return { position: this.toPosition(offset), exact: false };
        const item = findItem(node, seg, value);
        if (item === undefined) return { position: this.toPosition(offset), exact: false };
        offset = item.start;
        value = value[seg];
        node = item;
      } else {
        if (!isObject(value) || node.kind !== NodeKind.Mapping) return { position: this.toPosition(offset), exact: false };
        const pair = Object.prototype.hasOwnProperty.call(value, seg) ? (findPair(node, seg, value) ?? this.findMerged(node, seg)) : undefined;
        if (pair === undefined) return { position: this.toPosition(offset), exact: false };
        offset = pair.key.start;
        value = value[seg];
        node = pair.value;
      }
    }
    return { position: this.toPosition(offset), exact: true };
  }
}
