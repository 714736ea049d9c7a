// YAML exactly as `kubectl get -o yaml` writes it: sigs.k8s.io/yaml turns the object's JSON into YAML
// with go-yaml v2, whose emitter is a port of libyaml. This is a port of the parts kubectl reaches:
// block mappings with sorted keys, indentless sequences under a key, "{}" / "[]" for empty collections,
// plain / single-quoted / double-quoted / literal scalars, and folding of long lines at column 80.
// mirrors gopkg.in/yaml.v2 encode.go (marshal, stringv, mapv keyList) and emitterc.go
// (yaml_emitter_emit_block_*, yaml_emitter_select_scalar_style, yaml_emitter_write_*_scalar,
// yaml_emitter_write_indent, yaml_emitter_write_indicator).
import { analyzeScalar, goFormatFloatG, isBase60Float, isBreak, isPrintable, resolvesToNonString } from "./goyamlScalar";
import { runeCount } from "./tabwriter";

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = "plain" | "single" | "double" | "literal";

// mirrors keyList.Less for string keys: letters sort after non-letters, digit runs compare as numbers.
export function goYAMLKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === "0" || bc === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

class Emitter {
  private readonly out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;
  private indent = -1;
  private readonly indents: number[] = [];

  result(): string {
    // Document end: a newline unless the last scalar already ended the line.
    this.writeIndent();
    // Stream end: a "|+" scalar last in the stream leaves the document open-ended.
    if (this.openEnded) {
      this.writeIndicator("...", true, false, false);
      this.writeIndent();
    }
    return this.out.join("");
  }

  private put(s: string): void {
    this.out.push(s);
    this.column += runeCount(s);
  }

  private putBreak(): void {
    this.out.push("\n");
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(" ".repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  node(v: unknown, mappingContext: boolean, simpleKey: boolean): void {
    if (v === null || v === undefined) return this.scalar("null", "plain", simpleKey);
    if (typeof v === "boolean") return this.scalar(v ? "true" : "false", "plain", simpleKey);
    if (typeof v === "number") {
      // sigs.k8s.io/yaml reads JSON numbers back as YAML: integers stay ints, the rest are float64.
      const s = Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFormatFloatG(v);
      return this.scalar(s, "plain", simpleKey);
    }
    if (typeof v === "string") return this.stringv(v, simpleKey);
    if (Array.isArray(v)) return this.sequence(v, mappingContext);
    if (typeof v === "object") return this.mapping(v as Record<string, unknown>);
    throw new TypeError(`yaml: cannot marshal type ${typeof v}`);
  }

  // mirrors encoder.stringv: quote what would read back as another type; multi-line text is a literal.
  private stringv(s: string, simpleKey: boolean): void {
    const canUsePlain = !resolvesToNonString(s) && !isBase60Float(s);
    const style: Style = s.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
    this.scalar(s, style, simpleKey);
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private mapping(o: Record<string, unknown>): void {
    const keys = Object.keys(o).filter((k) => o[k] !== undefined);
    if (keys.length === 0) return this.emptyFlow("{", "}");
    keys.sort((a, b) => (goYAMLKeyLess(a, b) ? -1 : goYAMLKeyLess(b, a) ? 1 : 0));
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      this.node(k, false, true);
      this.writeIndicator(":", false, false, false);
      this.node(o[k], true, false);
    }
    this.popIndent();
  }

  private sequence(items: unknown[], mappingContext: boolean): void {
    if (items.length === 0) return this.emptyFlow("[", "]");
    // A sequence that is a mapping value is "indentless": its dashes line up with the key.
    this.increaseIndent(false, mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item === undefined ? null : item, false, false);
    }
    this.popIndent();
  }

  // mirrors yaml_emitter_emit_scalar with yaml_emitter_select_scalar_style.
  private scalar(value: string, requested: Style, simpleKey: boolean): void {
    const cps = Array.from(value, (c) => c.codePointAt(0) as number);
    const a = analyzeScalar(cps);
    let style = requested;
    if (simpleKey && a.multiline) style = "double";
    if (style === "plain" && (!a.blockPlainAllowed || (cps.length === 0 && simpleKey))) style = "single";
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || simpleKey)) style = "double";
    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    if (style === "plain") this.writePlain(cps, allowBreaks);
    else if (style === "single") this.writeSingle(cps, allowBreaks);
    else if (style === "double") this.writeDouble(cps, allowBreaks);
    else this.writeLiteral(cps);
    this.popIndent();
  }

  private writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i] as number;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.put(" ");
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i] as number;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== 0x20) this.writeIndent();
        else this.put(" ");
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c === 0x27 ? "''" : String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i] as number;
      if (!isPrintable(c) || c === 0xfeff || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put(doubleQuotedEscape(c));
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put("\\");
        } else {
          this.put(" ");
        }
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  // mirrors yaml_emitter_write_literal_scalar and yaml_emitter_write_block_scalar_hints.
  private writeLiteral(cps: number[]): void {
    this.writeIndicator("|", true, false, false);
    const first = cps[0];
    if (first !== undefined && (first === 0x20 || isBreak(first))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    this.openEnded = false;
    const last = cps[cps.length - 1];
    let chomp = "";
    if (last === undefined || !isBreak(last)) chomp = "-";
    else if (cps.length === 1 || isBreak(cps[cps.length - 2] as number)) chomp = "+";
    if (chomp !== "") this.writeIndicator(chomp, false, false, false);
    if (chomp === "+") this.openEnded = true;
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cps) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, "0"], [0x07, "a"], [0x08, "b"], [0x09, "t"], [0x0a, "n"], [0x0b, "v"], [0x0c, "f"], [0x0d, "r"],
  [0x1b, "e"], [0x22, '"'], [0x2f, "/"], [0x5c, "\\"], [0x85, "N"], [0xa0, "_"], [0x2028, "L"], [0x2029, "P"],
]);

function doubleQuotedEscape(c: number): string {
  const short = SHORT_ESCAPES.get(c);
  if (short !== undefined) return "\\" + short;
  if (c <= 0xff) return "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
  if (c <= 0xffff) return "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
  return "\\U" + c.toString(16).toUpperCase().padStart(8, "0");
}

/** yaml.Marshal of a JSON value, as sigs.k8s.io/yaml.JSONToYAML produces it. */
export function goYAMLMarshal(v: unknown): string {
  const e = new Emitter();
  e.node(v, false, false);
  return e.result();
}
