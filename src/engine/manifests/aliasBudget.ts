// Refuses alias bombs ("billion laughs") before anything expands them. js-yaml shares one object
// per anchor, so a tiny document can describe billions of nodes without allocating them; the
// moment the engine copies or walks the object, it would. go-yaml expands aliases while decoding
// and stops with "document contains excessive aliasing"; this walks the recorded node tree with
// the same counters, without building anything.
// mirrors decoder.unmarshal / decoder.alias / allowedAliasRatio (gopkg.in/yaml.v2 decode.go).

import type { Json } from "../api/types";
import { MANIFEST_LIMITS } from "./limits";
import { NodeKind, unwrap, type YamlNode } from "./nodeTree";

/** go-yaml's allowed share of alias-driven decodes for a document of `decodeCount` decodes. */
export function allowedAliasRatio(decodeCount: number): number {
  const low = MANIFEST_LIMITS.aliasRatioRangeLow;
  const high = MANIFEST_LIMITS.aliasRatioRangeHigh;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

export interface DecodeBudget {
  /** go-yaml's message (without the `yaml: ` prefix) when the document is refused. */
  problem?: string;
  /** The node the refusal is about, when it has a place in the text. */
  at?: YamlNode;
  /** True when values are shared between places (aliases or merges): the object must be copied. */
  shared: boolean;
  /**
   * True when the JSON kubectl would send for this document is larger than the API server accepts
   * (an estimate from the expanded tree, so aliases that multiply the body are caught before the
   * copy is built).
   */
  tooLarge?: boolean;
}

/** Rough size of a scalar in JSON: enough to tell a 3 MiB body from a small one. */
function jsonLength(v: unknown): number {
  if (typeof v === "string") return v.length + 2;
  if (typeof v === "number") return String(v).length;
  if (typeof v === "boolean") return v ? 4 : 5;
  return 4;
}

const EXIT_ALIAS = null;

/**
 * Counts decode operations over `root` the way go-yaml does (each node once per place it is
 * reached, aliases expanded) and stops at the first refusal: excessive aliasing, an anchor that
 * contains itself, or a float JSON cannot carry.
 */
export function checkDecodeBudget(root: YamlNode, definitions: Map<object, YamlNode>): DecodeBudget {
  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  let shared = false;
  let jsonBytes = 0;
  const expanding = new Set<YamlNode>();
  // Explicit stack: alias chains can be far deeper than the JS call stack.
  const stack: (YamlNode | typeof EXIT_ALIAS)[] = [root];
  // Depth of each stacked node once aliases are expanded: the copy and the validators recurse.
  const depths: number[] = [1];
  const exits: YamlNode[] = [];
  while (stack.length > 0) {
    const item = stack.pop() as YamlNode | null;
    const depth = depths.pop() as number;
    if (item === EXIT_ALIAS) {
      aliasDepth--;
      expanding.delete(exits.pop() as YamlNode);
      continue;
    }
    const n = unwrap(item);
    if (depth > MANIFEST_LIMITS.maxDepth) return { problem: `exceeded max depth of ${MANIFEST_LIMITS.maxDepth}`, at: n, shared };
    decodeCount++;
    if (aliasDepth > 0) aliasCount++;
    jsonBytes += n.kind === NodeKind.Mapping || n.kind === NodeKind.Sequence ? 2 : jsonLength(n.result) + 1;
    if (jsonBytes > MANIFEST_LIMITS.maxRequestBytes) return { shared, tooLarge: true };
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      return { problem: "document contains excessive aliasing", shared: true };
    }
    switch (n.kind) {
      case NodeKind.Alias: {
        shared = true;
        const target = typeof n.result === "object" && n.result !== null ? definitions.get(n.result) : undefined;
        if (target === undefined) {
          decodeCount++; // an aliased scalar
          if (aliasDepth > 0) aliasCount++;
          jsonBytes += jsonLength(n.result);
          break;
        }
        if (expanding.has(target)) return { problem: `anchor '${n.alias ?? ""}' value contains itself`, at: n, shared };
        expanding.add(target);
        exits.push(target);
        aliasDepth++;
        stack.push(EXIT_ALIAS, target);
        depths.push(depth, depth);
        break;
      }
      case NodeKind.Mapping:
      case NodeKind.Sequence:
        if (n.children) {
          for (let i = n.children.length - 1; i >= 0; i--) {
            const c = n.children[i] as YamlNode;
            if (c.kind === NodeKind.Scalar && c.result === "<<") shared = true;
            stack.push(c);
            depths.push(depth + 1);
          }
        }
        break;
      case NodeKind.Scalar:
        if (typeof n.result === "number" && !Number.isFinite(n.result)) {
          return { problem: `json: unsupported value: ${Number.isNaN(n.result) ? "NaN" : n.result > 0 ? "+Inf" : "-Inf"}`, at: n, shared };
        }
        break;
      default:
        break;
    }
  }
  return { shared };
}

/**
 * A fresh plain-JSON copy of a parsed value, so that nothing is shared between places that YAML
 * aliases or merges made the same object. Only called after checkDecodeBudget accepted the tree,
 * which bounds the size of the expansion.
 */
export function toPlainJson(value: unknown): Json {
  if (value === null || typeof value !== "object") return value as Json;
  if (Array.isArray(value)) return value.map(toPlainJson);
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) {
    const v = toPlainJson((value as Record<string, unknown>)[key]);
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
