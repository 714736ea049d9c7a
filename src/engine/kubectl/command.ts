// The shape of one kubectl (sub)command, and what it gets when it runs. A command writes to `ctx.out`
// and `ctx.err` as it goes (kubectl streams output: lines printed before a failure stay printed) and
// reports failures by returning them or throwing (see util/errors.ts for how they are worded).
import type { KubectlEnv } from "./env";
import type { FlagSpec, ParsedArgs } from "./flags";
import type { Failure } from "./util/errors";

/** The two output streams of one kubectl invocation. */
export class Output {
  private readonly outParts: string[] = [];
  private readonly errParts: string[] = [];

  out(text: string): void {
    this.outParts.push(text);
  }

  err(text: string): void {
    this.errParts.push(text);
  }

  /** printers.WarningPrinter.Print: `Warning: <message>` on stderr. */
  warn(message: string): void {
    this.errParts.push(`Warning: ${message}\n`);
  }

  get stdout(): string {
    return this.outParts.join("");
  }

  get stderr(): string {
    return this.errParts.join("");
  }
}

export interface CommandContext {
  readonly env: KubectlEnv;
  /** The namespace to work in: `-n`, else the kubeconfig context's. */
  readonly namespace: string;
  /** True when `-n/--namespace` was given (kubectl's enforceNamespace). */
  readonly enforceNamespace: boolean;
  /** "kubectl get", "kubectl rollout status": for usage errors. */
  readonly commandPath: string;
  readonly out: Output;
  /** The audit actor for API requests. */
  readonly actor: string;
}

/** A command returns the failures to print after its output (none = success). */
export type CommandRun = (ctx: CommandContext, args: ParsedArgs) => Failure[] | void;

export interface CommandDef {
  /** The word typed after `kubectl` (or after the parent command). */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** cobra SuggestFor: words that should suggest this command. */
  readonly suggestFor?: readonly string[];
  /** Upstream's Short text, shown in `kubectl help`. */
  readonly short: string;
  /** Upstream's Use line, shown in `--help`. */
  readonly use: string;
  readonly flags: readonly FlagSpec[];
  readonly subcommands?: readonly CommandDef[];
  /** Absent for pure parents (`rollout`, `set`): they print help, as DefaultSubCommandRun. */
  readonly run?: CommandRun;
}
