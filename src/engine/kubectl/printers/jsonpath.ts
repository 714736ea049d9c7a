// Evaluating a parsed JSONPath template over a JSON object, and printing the results as kubectl does.
// mirrors client-go util/jsonpath/jsonpath.go (FindResults, PrintResults, evalField, evalArray,
// evalFilter, evalWildcard, evalRecursive, evalUnion, evalIdentifier) and the comparison functions of
// third_party/forked/golang/template/funcs.go. Maps and lists print as compact JSON (json.Marshal),
// scalars as fmt.Fprint does.
//
// Invariant: Go iterates map keys in random order for `*` and `..`; this port sorts them, so the output
// is deterministic and equals one of upstream's possible outputs.
import { goJSONMarshal } from "./gojson";
import { goFormatFloatG } from "./goyamlScalar";
import { parseJSONPath, type JPList, type JPNode, type ParamsEntry } from "./jsonpathParser";

export { JSONPathParseError, parseJSONPath } from "./jsonpathParser";

export class JSONPathExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JSONPathExecError";
  }
}

export interface JSONPathOptions {
  /** kubectl's --allow-missing-template-keys (default true): a missing field yields nothing, not an error. */
  allowMissingKeys?: boolean;
}

type Value = unknown;

const isMap = (v: Value): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const sortedKeys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined).sort();
const utf8 = new TextEncoder();

/** The Go type name reflect prints for a decoded JSON value. */
function goTypeName(v: Value): string {
  if (v === null || v === undefined) return "interface {}";
  if (Array.isArray(v)) return "[]interface {}";
  if (typeof v === "object") return "map[string]interface {}";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return typeof v === "boolean" ? "bool" : "string";
}

class Evaluator {
  constructor(private readonly allowMissingKeys: boolean) {}

  walk(input: Value[], node: JPNode): Value[] {
    switch (node.t) {
      case "list":
        return this.evalList(input, node);
      case "text":
        return [node.text];
      case "field":
        return this.evalField(input, node.name);
      case "array":
        return this.evalArray(input, node.params);
      case "filter":
        return this.evalFilter(input, node);
      case "int":
      case "float":
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return this.evalWildcard(input);
      case "recursive":
        return this.evalRecursive(input);
      case "union":
        return node.nodes.flatMap((l) => this.evalList(input, l));
      case "identifier":
        throw new JSONPathExecError(node.name === "end" ? "not in range, nothing to end" : `unrecognized identifier ${node.name}`);
    }
  }

  evalList(input: Value[], list: JPList): Value[] {
    let cur = input;
    for (const n of list.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalField(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const v of input) {
      if (isMap(v) && Object.hasOwn(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JSONPathExecError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], params: readonly ParamsEntry[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JSONPathExecError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let start = params[0]?.known ? (params[0].value as number) : 0;
      if (start < 0) start += len;
      let end = params[1]?.known ? (params[1].value as number) : len;
      // "[-1]" derives its end as 0: that means the end of the list.
      if (end < 0 || (end === 0 && params[1]?.derived === true)) end += len;
      // Asking for zero elements is always allowed, even out of range.
      if (end === start) continue;
      if (start < 0 || start >= len) throw new JSONPathExecError(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len) throw new JSONPathExecError(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) throw new JSONPathExecError(`starting index ${start} is greater than ending index ${end}`);
      const step = params[2]?.known ? (params[2].value as number) : 1;
      if (step <= 0) throw new JSONPathExecError("step must be > 0");
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<JPNode, { t: "filter" }>): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JSONPathExecError(`${goSprint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.op === "exists") {
          // Upstream ignores the evaluation error here: a missing field simply does not exist.
          if (this.tryEvalList([item], node.left).length > 0) results.push(item);
          continue;
        }
        const lefts = this.evalList([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JSONPathExecError("can only compare one element at a time");
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JSONPathExecError("can only compare one element at a time");
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }

  private tryEvalList(input: Value[], list: JPList): Value[] {
    try {
      return this.evalList(input, list);
    } catch (e) {
      if (e instanceof JSONPathExecError) return [];
      throw e;
    }
  }

  private children(v: Value): Value[] {
    if (Array.isArray(v)) return v;
    if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
    // A Go string indexes to its bytes.
    if (typeof v === "string") return Array.from(utf8.encode(v));
    return [];
  }

  private evalWildcard(input: Value[]): Value[] {
    return input.flatMap((v) => (v === null || v === undefined ? [] : this.children(v)));
  }

  // mirrors evalRecursive: every value that has children, then its descendants.
  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = this.children(v);
      if (kids.length === 0) continue;
      result.push(v);
      result.push(...this.evalRecursive(kids));
    }
    return result;
  }
}

type Kind = "bool" | "int" | "float" | "string" | "other";
function basicKind(v: Value): Kind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  return typeof v === "string" ? "string" : "other";
}

// mirrors template.Equal / Less and friends: same basic kind only (ints and floats do not mix).
function compare(a: Value, b: Value, op: string): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (!["<", ">", "==", "!=", "<=", ">="].includes(op)) throw new JSONPathExecError(`unrecognized filter operator ${op}`);
  if (ka === "other" || kb === "other") throw new JSONPathExecError("invalid type for comparison");
  if (ka !== kb) throw new JSONPathExecError("incompatible types for comparison");
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  if (ka === "bool") throw new JSONPathExecError("invalid type for comparison");
  const x = a as number | string;
  const y = b as number | string;
  return op === "<" ? x < y : op === ">" ? x > y : op === "<=" ? x <= y : x >= y;
}

/** fmt.Sprint of a decoded JSON value (Go syntax for maps and slices). */
export function goSprint(v: Value): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFormatFloatG(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(" ")}]`;
  const o = v as Record<string, unknown>;
  return `map[${sortedKeys(o).map((k) => `${k}:${goSprint(o[k])}`).join(" ")}]`;
}

// mirrors PrintResults: values joined by a space; maps and lists as compact JSON.
function printResults(values: Value[]): string {
  return values.map((v) => (v !== null && typeof v === "object" ? goJSONMarshal(v) : goSprint(v))).join(" ");
}

interface RangeBlock {
  t: "range";
  expr: JPList;
  body: Block[];
}
type Block = JPNode | RangeBlock;

const isIdentifier = (n: JPNode | undefined, name: string) => n?.t === "identifier" && n.name === name;

// Groups `{range ...}` ... `{end}` into blocks (what upstream's beginRange/endRange counters emulate).
function toBlocks(nodes: readonly JPNode[], i: { at: number }, nested: boolean): Block[] {
  const out: Block[] = [];
  while (i.at < nodes.length) {
    const n = nodes[i.at++] as JPNode;
    if (n.t === "list" && isIdentifier(n.nodes[0], "range")) {
      out.push({ t: "range", expr: { t: "list", nodes: n.nodes.slice(1) }, body: toBlocks(nodes, i, true) });
    } else if (n.t === "list" && isIdentifier(n.nodes[0], "end")) {
      if (!nested) throw new JSONPathExecError("not in range, nothing to end");
      return out;
    } else {
      out.push(n);
    }
  }
  return out;
}

/** A compiled template: parse once, execute against many objects. Throws JSONPathParseError. */
export class JSONPathTemplate {
  private readonly root: JPList;

  constructor(readonly template: string) {
    this.root = parseJSONPath(template);
  }

  /** FindResults: one list of values per action (or text) in the template, ranges expanded. */
  findResults(data: Value, options: JSONPathOptions = {}): Value[][] {
    const ev = new Evaluator(options.allowMissingKeys !== false);
    const run = (blocks: Block[], cur: Value): Value[][] => {
      const out: Value[][] = [];
      for (const b of blocks) {
        if (b.t === "range") {
          for (const v of ev.evalList([cur], b.expr)) out.push(...run(b.body, v));
        } else {
          out.push(ev.walk([cur], b));
        }
      }
      return out;
    };
    return run(toBlocks(this.root.nodes, { at: 0 }, false), data);
  }

  /** Execute: the text kubectl prints (no trailing newline is added). Throws JSONPathExecError. */
  execute(data: Value, options: JSONPathOptions = {}): string {
    return this.findResults(data, options).map(printResults).join("");
  }
}
