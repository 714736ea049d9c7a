// The AST of the POSIX sh subset the behaviour model interprets (shellSyntax.ts parses, interpreter.ts runs).
// Immutable: one parsed script is shared by every container running the same command.

export type WordPart =
  | { readonly k: "lit"; readonly v: string; readonly q: boolean }
  /** `index` is the raw subscript of ${name[index]} (bash arrays), evaluated arithmetically at run time. */
  | { readonly k: "var"; readonly name: string; readonly q: boolean; readonly op?: string; readonly arg?: Word; readonly index?: string }
  | { readonly k: "cmd"; readonly script: ShellScript; readonly q: boolean }
  | { readonly k: "arith"; readonly expr: string; readonly q: boolean };
export type Word = readonly WordPart[];

export interface Redirect {
  readonly fd: number;
  /** ">&" duplicates: `2>&1` is {fd: 2, op: ">&", target: "1"}; "&>" sends both stdout and stderr. */
  readonly op: ">" | ">>" | "<" | ">&" | "&>";
  readonly target: Word;
}

export interface SimpleCommand {
  readonly kind: "simple";
  /** `name=value`; `array` holds the elements of a bash array assignment `name=(a b c)`. */
  readonly assigns: readonly { readonly name: string; readonly value: Word; readonly array?: readonly Word[] }[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}
export interface WhileCommand { readonly kind: "while"; readonly until: boolean; readonly cond: ShellScript; readonly body: ShellScript; readonly redirects: readonly Redirect[] }
export interface ForCommand { readonly kind: "for"; readonly name: string; readonly items?: readonly Word[]; readonly body: ShellScript; readonly redirects: readonly Redirect[] }
export interface IfCommand {
  readonly kind: "if";
  readonly clauses: readonly { readonly cond: ShellScript; readonly body: ShellScript }[];
  readonly elseBody?: ShellScript;
  readonly redirects: readonly Redirect[];
}
export interface GroupCommand { readonly kind: "group"; readonly subshell: boolean; readonly body: ShellScript; readonly redirects: readonly Redirect[] }
export type Command = SimpleCommand | WhileCommand | ForCommand | IfCommand | GroupCommand;

export interface Pipeline { readonly negate: boolean; readonly commands: readonly Command[] }
export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: "&&" | "||"; readonly pipeline: Pipeline }[];
  readonly background: boolean;
}
export interface ShellScript { readonly items: readonly AndOr[] }

/** A genuine syntax error: the shell prints it and exits 2. `expected` is what was missing, if anything. */
export class ShellSyntaxError extends Error {
  constructor(readonly unexpected: string, readonly expected?: string) {
    super(`syntax error: unexpected ${unexpected}${expected ? ` (expecting "${expected}")` : ""}`);
    this.name = "ShellSyntaxError";
  }
}
/** Valid shell the model does not interpret. */
export class ShellUnsupported extends Error {
  constructor(feature: string) {
    super(`unsupported shell feature: ${feature}`);
    this.name = "ShellUnsupported";
  }
}

/** A word made of literal text (used when compiling exec-form argv that needs no shell). */
export function literalWord(v: string): Word {
  return [{ k: "lit", v, q: true }];
}

/** Backslash escapes of $'...' and of `echo -e` / printf formats. */
export function unescapeAnsiC(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|0[0-7]{0,3}|[abefnrtv\\'"])/g, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === "0") return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
    const map: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
    return map[e] ?? e;
  });
}
