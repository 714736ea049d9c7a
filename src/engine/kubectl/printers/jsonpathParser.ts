// The template language of `kubectl get -o jsonpath=...` and of custom-columns.
// mirrors client-go util/jsonpath/parser.go (Parser, parseText, parseInsideAction, parseArray,
// parseFilter, parseQuote, parseField, UnquoteExtend) and node.go. Error texts are upstream's.

export interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end of "[n]", computed as n+1 rather than written. */
  derived?: boolean;
}

export type JPNode =
  | { t: "list"; nodes: JPNode[] }
  | { t: "text"; text: string }
  | { t: "field"; name: string }
  | { t: "array"; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { t: "filter"; left: JPList; right: JPList; op: string }
  | { t: "int"; value: number }
  | { t: "float"; value: number }
  | { t: "bool"; value: boolean }
  | { t: "wildcard" }
  | { t: "recursive" }
  | { t: "union"; nodes: JPList[] }
  | { t: "identifier"; name: string };

export type JPList = Extract<JPNode, { t: "list" }>;

export class JSONPathParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JSONPathParseError";
  }
}

const SLICE_OPERATOR = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

const isSpace = (r: string) => r === " " || r === "\t";
const isEndOfLine = (r: string) => r === "\r" || r === "\n";
const isAlphaNumeric = (r: string) => r === "_" || /[\p{L}\p{Nd}]/u.test(r);
const isTerminator = (r: string) => r === "" || isSpace(r) || isEndOfLine(r) || ".,[]$@{}".includes(r);

// mirrors UnquoteExtend: strconv.Unquote that also accepts single quotes.
export function unquoteExtend(s: string): string {
  const quote = s[0];
  if (s.length < 2 || (quote !== '"' && quote !== "'") || s[s.length - 1] !== quote) throw new JSONPathParseError("invalid syntax");
  const body = s.slice(1, -1);
  const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "'": "'", '"': '"' };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === quote) throw new JSONPathParseError("invalid syntax");
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new JSONPathParseError("invalid syntax");
    if (simple[e] !== undefined) {
      out += simple[e];
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new JSONPathParseError("invalid syntax");
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new JSONPathParseError("invalid syntax");
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new JSONPathParseError("invalid syntax");
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  readonly root: JPList = { t: "list", nodes: [] };

  constructor(private readonly input: string) {}

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return "";
    }
    const cp = this.input.codePointAt(this.pos) as number;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.pos -= this.width;
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  parseText(cur: JPList): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const list: JPList = { t: "list", nodes: [] };
        cur.nodes.push(list);
        return this.parseInsideAction(list);
      }
      if (this.next() === "") break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consumeText() });
  }

  // mirrors parseInsideAction; upstream recurses per token, a loop here keeps deep templates off the stack.
  private parseInsideAction(cur: JPList): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consumeText();
        return this.parseText(this.root);
      }
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === "" || isEndOfLine(r)) throw new JSONPathParseError("unclosed action");
      if (r === " " || r === "@" || r === "$") {
        this.consumeText();
      } else if (r === "[") {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === ".") {
        this.parseField(cur);
      } else if (r === "+" || r === "-" || /\p{Nd}/u.test(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        const cp = (r.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0");
        throw new JSONPathParseError(`unrecognized character in action: U+${cp} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: JPList): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ t: "bool", value: value === "true" });
    else cur.nodes.push({ t: "identifier", name: value });
  }

  private parseRecursive(cur: JPList): void {
    if (cur.nodes[cur.nodes.length - 1]?.t === "recursive") throw new JSONPathParseError("invalid multiple recursive descent");
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: "recursive" });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: JPList): void {
    const first = this.peek();
    if (first === "+" || first === "-") this.next();
    for (;;) {
      const r = this.next();
      if (r !== "." && !/\p{Nd}/u.test(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: "int", value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: "float", value: Number(value) });
    else throw new JSONPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: JPList): void {
    for (;;) {
      const r = this.next();
      if (r === "" || r === "\n") throw new JSONPathParseError("unterminated array");
      if (r === "]") break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === "*") text = ":";
    const strs = text.split(",");
    if (strs.length > 1) {
      cur.nodes.push({ t: "union", nodes: strs.map((s) => parseAction(`[${s.trim()}]`)) });
      return;
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = SLICE_OPERATOR.exec(text);
    if (!m) throw new JSONPathParseError(`invalid array index ${text}`);
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false },
      { value: 0, known: false },
      { value: 0, known: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? "";
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") continue;
        if (!/^[+-]?\d+$/.test(v)) throw new JSONPathParseError(`array index ${v} is not a number`);
        params[i] = { value: Number(v), known: true };
      } else if (i === 1) {
        // "[n]" selects one element: the end is derived as start+1.
        params[1] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ t: "array", params });
  }

  private parseFilter(cur: JPList): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === "" || r === "\n") throw new JSONPathParseError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")" && begin === end) {
        break;
      }
    }
    if (this.next() !== "]") throw new JSONPathParseError("unclosed array expect ]");
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({ t: "filter", left: parseAction(text), right: { t: "list", nodes: [] }, op: "exists" });
    } else {
      cur.nodes.push({ t: "filter", left: parseAction(m[1] as string), right: parseAction(m[3] as string), op: m[2] as string });
    }
  }

  private parseQuote(cur: JPList, endQuote: string): void {
    for (;;) {
      const r = this.next();
      if (r === "" || r === "\n") throw new JSONPathParseError("unterminated quoted string");
      if (r === endQuote && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JSONPathParseError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: "text", text: s });
  }

  private parseField(cur: JPList): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === "\\") {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ t: "wildcard" });
    else cur.nodes.push({ t: "field", name: value.split("\\").join("") });
  }
}

/** Parses a whole template: text with {actions}. */
export function parseJSONPath(template: string): JPList {
  const p = new Parser(template);
  p.parseText(p.root);
  return p.root;
}

// mirrors parseAction: the expression inside one pair of braces.
function parseAction(text: string): JPList {
  return parseJSONPath(`{${text}}`).nodes[0] as JPList;
}
