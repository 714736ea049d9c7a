// The label selector language: `x in (a,b),!y,z!=c,w>2`.
// Mirrors the Lexer and Parser of k8s.io/apimachinery pkg/labels/selector.go, token for token, so that
// accepted strings, rejected strings and error messages are upstream's.
import {
  BINARY_OPERATORS,
  compareStrings,
  LabelSelectorError,
  newRequirement,
  validateLabelKey,
  type Operator,
  type Requirement,
} from "./labelRequirement";

type Token =
  | "error" | "eos" | ")" | "," | "!" | "==" | "=" | ">" | "id" | "in" | "<" | "!=" | "notin" | "(";

// string2token: the literal tokens (identifiers, end of string and errors are not literals).
const STRING_TO_TOKEN: ReadonlyMap<string, Token> = new Map<string, Token>([
  [")", ")"], [",", ","], ["!", "!"], ["==", "=="], ["=", "="], [">", ">"], ["in", "in"],
  ["<", "<"], ["!=", "!="], ["notin", "notin"], ["(", "("],
]);

interface Item { tok: Token; lit: string }

/** Go's Lexer.read returns byte 0 at the end; a literal NUL in the input behaves the same way. */
const END = "\0";

function isWhitespace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
}

function isSpecialSymbol(ch: string): boolean {
  return ch === "=" || ch === "!" || ch === "(" || ch === ")" || ch === "," || ch === ">" || ch === "<";
}

// mirrors Lexer
class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  private read(): string {
    return this.pos < this.s.length ? (this.s[this.pos++] as string) : END;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): Item {
    let buffer = "";
    for (;;) {
      const ch = this.read();
      if (ch === END) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
    }
    return { tok: STRING_TO_TOKEN.get(buffer) ?? "id", lit: buffer };
  }

  // Longest match: "!=" beats "!", "==" beats "=".
  private scanSpecialSymbol(): Item {
    let last: Item | undefined;
    let buffer = "";
    for (;;) {
      const ch = this.read();
      if (ch === END) break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
      const tok = STRING_TO_TOKEN.get(buffer);
      if (tok !== undefined) {
        last = { tok, lit: buffer };
      } else if (last !== undefined) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: "error", lit: `error expected: keyword found '${buffer}'` };
  }

  lex(): Item {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === END) return { tok: "eos", lit: "" };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

/** In a values context the keywords `in` and `notin` are ordinary identifiers (`x in (in)`). */
type Context = "keyAndOperator" | "values";

// mirrors Parser
class Parser {
  private readonly items: Item[] = [];
  private position = 0;

  constructor(s: string) {
    const lexer = new Lexer(s);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.tok === "eos") break;
    }
  }

  private lookahead(ctx: Context): Item {
    return this.adjust(this.items[this.position] as Item, ctx);
  }

  private consume(ctx: Context): Item {
    const item = this.items[this.position] as Item;
    // Never step past the end-of-string token: it answers every later read.
    if (this.position < this.items.length - 1) this.position++;
    return this.adjust(item, ctx);
  }

  private adjust(item: Item, ctx: Context): Item {
    return ctx === "values" && (item.tok === "in" || item.tok === "notin") ? { tok: "id", lit: item.lit } : item;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead("values");
      if (tok === "eos") return reqs;
      if (tok !== "id" && tok !== "!") throw new LabelSelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.parseRequirement());
      } catch (e) {
        throw new LabelSelectorError(`unable to parse requirement: ${(e as Error).message}`);
      }
      const next = this.consume("values");
      if (next.tok === "eos") return reqs;
      if (next.tok !== ",") throw new LabelSelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead("values");
      if (after.tok !== "id" && after.tok !== "!") {
        throw new LabelSelectorError(`found '${after.lit}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === "exists" || operator === "!") return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === "in" || op === "notin" ? this.parseValues() : this.parseExactValue();
    // sets.String.List(): unique and sorted.
    return newRequirement(key, op, [...values].sort(compareStrings));
  }

  private parseKeyAndInferOperator(): { key: string; operator: Operator | "" } {
    let operator: Operator | "" = "";
    let { tok, lit } = this.consume("values");
    if (tok === "!") {
      operator = "!";
      ({ tok, lit } = this.consume("values"));
    }
    if (tok !== "id") throw new Error(`found '${lit}', expected: identifier`);
    // A nil field path prints as "<nil>" in upstream's message.
    const keyErr = validateLabelKey(lit, "<nil>");
    if (keyErr) throw new Error(keyErr);
    const next = this.lookahead("values").tok;
    if ((next === "eos" || next === ",") && operator !== "!") operator = "exists";
    return { key: lit, operator };
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume("keyAndOperator");
    switch (tok) {
      case "in": return "in";
      case "=": return "=";
      case "==": return "==";
      case ">": return "gt";
      case "<": return "lt";
      case "notin": return "notin";
      case "!=": return "!=";
      default: throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS.join(", ")}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume("values");
    if (open.tok !== "(") throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead("values");
    if (tok === "id" || tok === ",") {
      const s = this.parseIdentifiersList();
      if (this.consume("values").tok !== ")") throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ")") {
      this.consume("values");
      return new Set([""]); // "()" is the empty value
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  // A possibly empty list of possibly empty identifiers: "(a,,b)" and "(,)" hold "".
  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume("values");
      if (tok === "id") {
        s.add(lit);
        const next = this.lookahead("values");
        if (next.tok === ",") continue;
        if (next.tok === ")") return s;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ",") {
        if (s.size === 0) s.add("");
        const next = this.lookahead("values").tok;
        if (next === ")") {
          s.add("");
          return s;
        }
        if (next === ",") s.add("");
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const ahead = this.lookahead("values").tok;
    if (ahead === "eos" || ahead === ",") return new Set([""]);
    const { tok, lit } = this.consume("values");
    if (tok === "id") return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** The requirements of a selector string, in source order (labels.Parse sorts them). */
export function parseLabelSelectorRequirements(s: string): Requirement[] {
  return new Parser(s).parse();
}
