// kubectl's persistent (global) flags: accepted before or after any command. --namespace and the
// impersonation flags (--as, --as-group, --as-uid: see commands/auth.ts) change what Kubelab does; the
// connection flags are accepted so that copied command lines still run (there is one cluster and one
// kubeconfig user). mirrors genericclioptions.ConfigFlags.AddFlags (cli-runtime
// pkg/genericclioptions/config_flags.go) and the klog -v flag.
import type { FlagSpec } from "./flags";

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: "namespace", short: "n", kind: "string" },
  { name: "kubeconfig", kind: "string" },
  { name: "context", kind: "string" },
  { name: "cluster", kind: "string" },
  { name: "user", kind: "string" },
  { name: "as", kind: "string" },
  { name: "as-group", kind: "stringArray" },
  { name: "as-uid", kind: "string" },
  { name: "server", short: "s", kind: "string" },
  { name: "token", kind: "string" },
  { name: "request-timeout", kind: "string" },
  { name: "insecure-skip-tls-verify", kind: "bool" },
  { name: "tls-server-name", kind: "string" },
  { name: "certificate-authority", kind: "string" },
  { name: "client-certificate", kind: "string" },
  { name: "client-key", kind: "string" },
  { name: "cache-dir", kind: "string" },
  { name: "disable-compression", kind: "bool" },
  { name: "match-server-version", kind: "bool" },
  { name: "warnings-as-errors", kind: "bool" },
  { name: "v", short: "v", kind: "int" },
  { name: "help", short: "h", kind: "bool" },
];

const VALUE_FLAGS_LONG = new Set(GLOBAL_FLAGS.filter((f) => f.kind !== "bool").map((f) => f.name));
const VALUE_FLAGS_SHORT = new Set(GLOBAL_FLAGS.filter((f) => f.kind !== "bool" && f.short).map((f) => f.short as string));

/**
 * Whether `arg` is a global flag that takes its value from the next argument (`-n kube-system`), so
 * that the value is not mistaken for the command name. mirrors cobra's stripFlags.
 */
export function takesNextArg(arg: string): boolean {
  if (arg.includes("=")) return false;
  if (arg.startsWith("--")) return VALUE_FLAGS_LONG.has(arg.slice(2));
  if (arg.startsWith("-") && arg.length === 2) return VALUE_FLAGS_SHORT.has(arg.slice(1));
  return false;
}
