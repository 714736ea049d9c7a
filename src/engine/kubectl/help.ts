// `kubectl`, `kubectl help` and `kubectl <command> --help`: the root help lists the commands Kubelab
// runs, grouped and worded as kubectl's own (templates.CommandGroups in kubectl pkg/cmd/cmd.go, and the
// root template in pkg/util/templates/templates.go).
import type { CommandDef } from "./command";

/** kubectl's command groups, in upstream order; only the commands Kubelab implements are listed. */
const GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ["Basic Commands (Beginner)", ["create", "expose", "run", "set"]],
  ["Basic Commands (Intermediate)", ["explain", "get", "edit", "delete"]],
  ["Deploy Commands", ["rollout", "scale", "autoscale"]],
  ["Cluster Management Commands", ["certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint"]],
  ["Troubleshooting and Debugging Commands", ["describe", "logs", "attach", "exec", "port-forward", "proxy", "cp", "auth", "debug", "events"]],
  ["Advanced Commands", ["diff", "apply", "patch", "replace", "wait", "kustomize"]],
  ["Settings Commands", ["label", "annotate", "completion"]],
  ["Other Commands", ["api-resources", "api-versions", "config", "plugin", "version"]],
];

/**
 * The width kubectl pads root command names to (cobra rpad .Name .NamePadding, as real `kubectl` help
 * prints it: "  api-resources   Print ..."), whichever commands Kubelab lists.
 */
const NAME_PADDING = 15;

export function rootHelp(commands: readonly CommandDef[]): string {
  const byName = new Map(commands.map((c) => [c.name, c]));
  let s = "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n";
  for (const [title, names] of GROUPS) {
    const present = names.map((n) => byName.get(n)).filter((c): c is CommandDef => c !== undefined);
    if (present.length === 0) continue;
    s += `${title}:\n`;
    for (const c of present) s += `  ${c.name.padEnd(NAME_PADDING)} ${c.short}\n`;
    s += "\n";
    // kubectl lists plugins (none in Kubelab) between the settings and the other commands.
    if (title === "Settings Commands") s += "Subcommands provided by plugins:\n\n";
  }
  s += "Usage:\n  kubectl [flags] [options]\n\n";
  s += 'Use "kubectl <command> --help" for more information about a given command.\n';
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}

/** A command's help: its Short text, its sub-commands, its usage line. */
export function commandHelp(path: string, cmd: CommandDef): string {
  let s = `${cmd.short}\n\n`;
  if (cmd.subcommands && cmd.subcommands.length > 0) {
    const width = Math.max(...cmd.subcommands.map((c) => c.name.length)) + 3;
    s += "Available Commands:\n";
    for (const c of cmd.subcommands) s += `  ${c.name.padEnd(width)}${c.short}\n`;
    s += "\n";
  }
  const parent = path.split(" ").slice(0, -1).join(" ");
  s += `Usage:\n  ${parent ? parent + " " : ""}${cmd.use}\n\n`;
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}
