// runKubectl: one kubectl invocation against the simulated cluster. Finds the (sub)command the way cobra
// does (Command.Find: flags may come before the command; an unknown root command gets cobra's
// suggestions), parses flags with pflag's rules and kubectl's FlagErrorFunc wording, runs the command,
// and prints failures as cmdutil.CheckErr does. Nothing thrown inside a command escapes.
import type { CommandContext, CommandDef } from "./command";
import { Output } from "./command";
import { COMMANDS, UNSIMULATED_COMMANDS } from "./commands";
import { startImpersonation } from "./commands/auth";
import type { CommandResult, KubectlEnv } from "./env";
import { FlagError, parseFlags, str, type FlagSpec, type ParsedArgs } from "./flags";
import { GLOBAL_FLAGS, takesNextArg } from "./globalFlags";
import { commandHelp, rootHelp } from "./help";
import { ERR_EXIT, exitCodeOf, renderFailures, toFailures, usageError, type Failure } from "./util/errors";
import { suggestionText } from "./util/suggest";

const ROOT_PATH = "kubectl";

export function runKubectl(env: KubectlEnv, argv: readonly string[]): CommandResult {
  const out = new Output();
  let failures: Failure[] = [];
  try {
    failures = dispatch(env, argv, out) ?? [];
  } catch (e) {
    failures = toFailures(e);
  }
  failures = failures.map((f) => connectionRefused(env, f));
  out.err(renderFailures(failures));
  return { out: endLines(out.stdout), err: endLines(out.stderr), code: exitCodeOf(failures) };
}

function endLines(s: string): string {
  return s === "" || s.endsWith("\n") ? s : s + "\n";
}

// With the API server down, client-go cannot connect at all; kubectl prints the dial error instead of a
// server status (the request never reaches a server that could answer 503).
function connectionRefused(env: KubectlEnv, f: Failure): Failure {
  if (env.api.available || f.reason !== "ServiceUnavailable") return f;
  return { text: "", single: "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?" };
}

/**
 * The index of the first argument that is not a flag nor a flag's value (cobra's stripFlags): the
 * value-taking flags are the global ones and those of `cmd`, the command being descended into.
 */
function firstWord(argv: readonly string[], from: number, cmd?: CommandDef): number {
  for (let i = from; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") return -1;
    if (a.startsWith("-") && a.length > 1) {
      if (takesNextArg(a) || (cmd !== undefined && commandFlagTakesNextArg(cmd, a))) i++;
      continue;
    }
    return i;
  }
  return -1;
}

function commandFlagTakesNextArg(cmd: CommandDef, arg: string): boolean {
  if (arg.includes("=")) return false;
  const spec = arg.startsWith("--") ? cmd.flags.find((f) => f.name === arg.slice(2)) : arg.length === 2 ? cmd.flags.find((f) => f.short === arg.slice(1)) : undefined;
  return spec !== undefined && spec.kind !== "bool";
}

function findCommand(list: readonly CommandDef[], word: string): CommandDef | undefined {
  return list.find((c) => c.name === word || (c.aliases ?? []).includes(word));
}

function dispatch(env: KubectlEnv, argv: readonly string[], out: Output): Failure[] | void {
  const i = firstWord(argv, 0);
  if (i < 0) return runRoot(argv, out);
  const word = argv[i] as string;
  if (word === "help") return runHelp(argv.slice(i + 1), out);
  const top = findCommand(COMMANDS, word);
  if (!top) {
    if (UNSIMULATED_COMMANDS.includes(word)) {
      return [{ text: `"kubectl ${word}" is a kubectl command that Kubelab does not simulate yet` }];
    }
    return [{ text: `unknown command ${JSON.stringify(word)} for "kubectl"${suggestionText(word, COMMANDS)}` }];
  }
  let cmd: CommandDef = top;
  let path = `${ROOT_PATH} ${cmd.name}`;
  const rest = [...argv.slice(0, i), ...argv.slice(i + 1)];
  // Descend into sub-commands (`rollout status`, `create deployment`, `set image`).
  while (cmd.subcommands && cmd.subcommands.length > 0) {
    const j = firstWord(rest, 0, cmd);
    const sub: CommandDef | undefined = j >= 0 ? findCommand(cmd.subcommands, rest[j] as string) : undefined;
    if (!sub) break;
    rest.splice(j, 1);
    cmd = sub;
    path = `${path} ${sub.name}`;
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseFlags(rest, withGlobals(cmd.flags));
  } catch (e) {
    if (e instanceof FlagError) return [{ text: `${e.message}\nSee '${path} --help' for usage.` }];
    throw e;
  }
  if (parsed.flags.get("help") === true) {
    out.out(commandHelp(path, cmd));
    return;
  }
  if (!cmd.run) return defaultSubCommandRun(path, cmd, parsed, out);
  const namespace = str(parsed, "namespace");
  const ctx: CommandContext = {
    env,
    namespace: namespace || env.namespace,
    enforceNamespace: namespace !== undefined && namespace !== "",
    commandPath: path,
    out,
    actor: env.user,
  };
  // --as / --as-group / --as-uid: every request of this command runs as the impersonated identity.
  const stopImpersonating = startImpersonation(env, ctx.actor, parsed);
  if (Array.isArray(stopImpersonating)) return stopImpersonating;
  try {
    return cmd.run(ctx, parsed);
  } finally {
    stopImpersonating();
  }
}

function withGlobals(flags: readonly FlagSpec[]): FlagSpec[] {
  const names = new Set(flags.map((f) => f.name));
  const shorts = new Set(flags.map((f) => f.short).filter((s) => s !== undefined));
  return [...flags, ...GLOBAL_FLAGS.filter((g) => !names.has(g.name) && !(g.short && shorts.has(g.short)))];
}

// mirrors cmdutil.DefaultSubCommandRun: `kubectl rollout` prints its help (to stderr) and exits 1;
// `kubectl rollout foo` is an unknown command of that parent.
function defaultSubCommandRun(path: string, cmd: CommandDef, parsed: ParsedArgs, out: Output): Failure[] {
  if (parsed.positional.length > 0) return [usageError(path, `unknown command ${JSON.stringify(parsed.positional.join(" "))}`)];
  out.err(commandHelp(path, cmd));
  return [ERR_EXIT];
}

// The root command: no sub-command word. Flags are still parsed (an unknown one is an error).
function runRoot(argv: readonly string[], out: Output): Failure[] | void {
  try {
    parseFlags(argv, GLOBAL_FLAGS);
  } catch (e) {
    if (e instanceof FlagError) return [{ text: `${e.message}\nSee '${ROOT_PATH} --help' for usage.` }];
    throw e;
  }
  out.out(rootHelp(COMMANDS));
}

// cobra's help command: `kubectl help` is the root help, `kubectl help get` the command's.
function runHelp(args: readonly string[], out: Output): Failure[] | void {
  const words = args.filter((a) => !a.startsWith("-"));
  if (words.length === 0) {
    out.out(rootHelp(COMMANDS));
    return;
  }
  let cmd = findCommand(COMMANDS, words[0] as string);
  if (!cmd) return [{ text: `Unknown help topic ${JSON.stringify(words)}`, single: `Unknown help topic ${goSlice(words)}` }];
  let path = `${ROOT_PATH} ${cmd.name}`;
  for (const w of words.slice(1)) {
    const sub = findCommand(cmd.subcommands ?? [], w);
    if (!sub) break;
    cmd = sub;
    path = `${path} ${sub.name}`;
  }
  out.out(commandHelp(path, cmd));
}

function goSlice(words: readonly string[]): string {
  return `[${words.join(" ")}]`;
}
