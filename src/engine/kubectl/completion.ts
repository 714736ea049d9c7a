// Tab completion for the terminal: the command word (`kubectl`, `sim`), kubectl's sub-commands, flags,
// resource types, resource names from the live cluster, namespaces after `-n`, and the `sim` verbs.
// What kubectl completes where mirrors its cobra ValidArgsFunctions (k8s.io/kubectl
// pkg/util/completion/completion.go: resourceTypeAndNameCompletionFunc, compGetResourceList,
// CompGetResource, ResourceNameCompletionFunc) and cobra's own rules (spf13/cobra completions.go:
// sub-command names when no argument is given yet, flags only once the word starts with "-", a flag
// already set is not offered again unless it repeats).
import { resolveResource } from "../api/registry";
import type { ComponentName } from "../protocol";
import type { Cluster } from "../sim/cluster";
import type { Session } from "../sim/session";
import { SIM_HELP } from "../sim/simCommands";
import type { CommandDef } from "./command";
import { COMMANDS } from "./commands";
import { preferredResources } from "./commands/apiResources";
import type { FlagSpec } from "./flags";
import { GLOBAL_FLAGS } from "./globalFlags";
import { tokenize } from "./tokenize";
import { GET_OUTPUT_FORMATS, MUTATION_OUTPUT_FORMATS } from "./util/printFlags";

export interface Completion {
  /** Full replacement words for the text from `replaceFrom` to the cursor. */
  candidates: string[];
  replaceFrom: number;
}

/** The words a line may start with (Session.run accepts these; `k` is a silent alias). */
const ROOT_WORDS = ["kubectl", "sim"] as const;

/**
 * How a command completes its positional arguments (its upstream ValidArgsFunction).
 * `types`: undefined = every resource type the server lists; `repeat`: more than one name allowed.
 */
type ArgCompletion = { kind: "typeAndName"; types?: readonly string[]; repeat: boolean } | { kind: "name"; resource: string };

const ROLLOUT_TYPES = ["deployment", "daemonset", "statefulset"] as const;

/** Keyed by the command path after `kubectl`. Source: each command's NewCmd* in k8s.io/kubectl pkg/cmd. */
const ARG_COMPLETION: Readonly<Record<string, ArgCompletion>> = {
  get: { kind: "typeAndName", repeat: true },
  describe: { kind: "typeAndName", repeat: true },
  delete: { kind: "typeAndName", repeat: true },
  label: { kind: "typeAndName", repeat: true },
  annotate: { kind: "typeAndName", repeat: true },
  "set image": { kind: "typeAndName", repeat: true },
  scale: { kind: "typeAndName", types: ["deployment", "replicaset", "replicationcontroller", "statefulset"], repeat: true },
  "rollout history": { kind: "typeAndName", types: ROLLOUT_TYPES, repeat: true },
  "rollout restart": { kind: "typeAndName", types: ROLLOUT_TYPES, repeat: true },
  "rollout undo": { kind: "typeAndName", types: ROLLOUT_TYPES, repeat: true },
  "rollout status": { kind: "typeAndName", types: ROLLOUT_TYPES, repeat: false },
  "rollout pause": { kind: "typeAndName", types: ["deployment"], repeat: true },
  "rollout resume": { kind: "typeAndName", types: ["deployment"], repeat: true },
  expose: { kind: "typeAndName", types: ["pod", "service", "replicationcontroller", "deployment", "replicaset"], repeat: true },
  autoscale: { kind: "typeAndName", types: ["deployment", "replicaset", "replicationcontroller", "statefulset"], repeat: true },
  "top node": { kind: "name", resource: "node" },
  "top pod": { kind: "name", resource: "pod" },
  cordon: { kind: "name", resource: "node" },
  uncordon: { kind: "name", resource: "node" },
  drain: { kind: "name", resource: "node" },
};

const NONE = (cursor: number): Completion => ({ candidates: [], replaceFrom: cursor });

/** Completes the word that ends at `cursor` in `line`. Never throws. */
export function complete(session: Session, line: string, cursor: number): Completion {
  const at = Math.max(0, Math.min(Math.trunc(cursor) || 0, line.length));
  const head = line.slice(0, at);
  const word = /\S*$/.exec(head)![0];
  const replaceFrom = at - word.length;
  let before: string[];
  try {
    before = tokenize(head.slice(0, replaceFrom));
  } catch {
    return NONE(at); // inside an unterminated quote: nothing sensible to offer
  }
  if (before.some((w) => w === "|" || w === ";" || w === "&&" || w === ">")) return NONE(at);
  const [cmd, ...args] = before;
  let candidates: string[];
  if (cmd === undefined) candidates = ROOT_WORDS.filter((w) => w.startsWith(word));
  else if (cmd === "kubectl" || cmd === "k") candidates = completeKubectl(session, args, word);
  else if (cmd === "sim") candidates = completeSim(session, args, word);
  else candidates = [];
  return { candidates, replaceFrom };
}

// ─── kubectl ─────────────────────────────────────────────────────────────────────────────────────────

interface KubectlLine {
  cmd?: CommandDef;
  /** "rollout status" */
  path: string;
  positional: string[];
  namespace?: string;
  /** Flags given on the line (by long name). */
  set: Set<string>;
  /** The flag whose value the current word is (`-n <TAB>`). */
  pendingFlag?: FlagSpec;
}

function flagsOf(cmd: CommandDef | undefined): readonly FlagSpec[] {
  return cmd ? [...cmd.flags, ...GLOBAL_FLAGS] : GLOBAL_FLAGS;
}

function findFlag(cmd: CommandDef | undefined, long?: string, short?: string): FlagSpec | undefined {
  return flagsOf(cmd).find((f) => (long !== undefined ? f.name === long : f.short === short));
}

function findCommand(list: readonly CommandDef[], word: string): CommandDef | undefined {
  return list.find((c) => c.name === word || (c.aliases ?? []).includes(word));
}

/** Reads the words before the cursor the way runKubectl dispatches them (cobra's Find + pflag). */
function readKubectlLine(args: readonly string[]): KubectlLine | undefined {
  const line: KubectlLine = { path: "", positional: [], set: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      line.positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a.length > 1) {
      const long = a.startsWith("--");
      const eq = a.indexOf("=");
      const spec = long ? findFlag(line.cmd, eq < 0 ? a.slice(2) : a.slice(2, eq)) : findFlag(line.cmd, undefined, a[1]);
      if (spec === undefined) continue;
      line.set.add(spec.name);
      if (spec.kind === "bool") continue;
      let value: string | undefined;
      if (long) value = eq < 0 ? undefined : a.slice(eq + 1);
      else if (a.length > 2) value = a.slice(a[2] === "=" ? 3 : 2);
      if (value === undefined) {
        if (i + 1 >= args.length) line.pendingFlag = spec;
        value = args[++i];
      }
      if (spec.name === "namespace") line.namespace = value;
      continue;
    }
    if (line.cmd === undefined) {
      const top = findCommand(COMMANDS, a);
      if (top === undefined) return undefined; // an unknown command completes nothing
      line.cmd = top;
      line.path = top.name;
      continue;
    }
    const sub = line.positional.length === 0 && line.cmd.subcommands ? findCommand(line.cmd.subcommands, a) : undefined;
    if (sub !== undefined) {
      line.cmd = sub;
      line.path += ` ${sub.name}`;
      continue;
    }
    line.positional.push(a);
  }
  return line;
}

function completeKubectl(session: Session, args: readonly string[], word: string): string[] {
  if (args.includes("help")) return [];
  const line = readKubectlLine(args);
  if (line === undefined) return [];
  const namespace = line.namespace ?? session.namespace;
  if (line.pendingFlag !== undefined) return flagValues(session.cluster, line, line.pendingFlag, word);
  if (word.startsWith("-")) return flagWords(session.cluster, line, word);
  if (line.cmd === undefined) return [...COMMANDS.map((c) => c.name), "help"].filter((n) => n.startsWith(word)).sort();
  const subs = line.positional.length === 0 && line.cmd.subcommands ? line.cmd.subcommands.map((c) => c.name).filter((n) => n.startsWith(word)).sort() : [];
  const how = ARG_COMPLETION[line.path];
  if (how === undefined) return subs;
  if (how.kind === "name") return line.positional.length === 0 ? names(session.cluster, how.resource, namespace, word) : [];
  return [...subs, ...typeAndName(session.cluster, how, line.positional, namespace, word)];
}

/** cobra: `--name` for every flag that starts with the word, then `-x` shorthands; set flags only repeat when they accumulate. */
function flagWords(cluster: Cluster, line: KubectlLine, word: string): string[] {
  const eq = word.indexOf("=");
  const long = word.startsWith("--");
  if ((long && eq > 0) || (!long && eq === 2)) {
    // `--namespace=kube-<TAB>` and `-n=kube-<TAB>`: complete the value after the "=".
    const spec = long ? findFlag(line.cmd, word.slice(2, eq)) : findFlag(line.cmd, undefined, word[1]);
    if (spec === undefined || spec.kind === "bool") return [];
    const flag = word.slice(0, eq + 1);
    return flagValues(cluster, line, spec, word.slice(eq + 1)).map((v) => flag + v);
  }
  // pflag's VisitAll sorts by name: the command's own flags first, then the inherited global ones.
  const byName = (a: FlagSpec, b: FlagSpec): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const flags = [...(line.cmd?.flags ?? [])].sort(byName).concat([...GLOBAL_FLAGS].sort(byName));
  const out: string[] = [];
  for (const f of flags) {
    if (line.set.has(f.name) && f.kind !== "stringArray") continue;
    if (`--${f.name}`.startsWith(word)) out.push(`--${f.name}`);
    if (f.short !== undefined && `-${f.short}`.startsWith(word)) out.push(`-${f.short}`);
  }
  return out;
}

/** Registered flag completions: namespaces for -n (kubectl's root command), printers for -o (PrintFlags). */
function flagValues(cluster: Cluster, line: KubectlLine, spec: FlagSpec, word: string): string[] {
  if (spec.name === "namespace") return names(cluster, "namespace", undefined, word);
  if (spec.name === "output") {
    const formats: readonly string[] = line.path === "get" ? GET_OUTPUT_FORMATS : MUTATION_OUTPUT_FORMATS;
    return formats.filter((f) => f.startsWith(word));
  }
  return [];
}

/** CompGetResource: the names of one resource type in the namespace, that start with the word. */
function names(cluster: Cluster, resource: string, namespace: string | undefined, word: string): string[] {
  const t = resolveResource(resource);
  if (t === undefined) return [];
  const out: string[] = [];
  for (const o of cluster.list(t.resource, t.namespaced ? namespace : undefined)) {
    const name = o.metadata.name;
    if (name.startsWith(word)) out.push(name);
  }
  return out;
}

/** compGetResourceList: `kubectl api-resources -o name --verbs=get`, completing the last of a comma list. */
function resourceList(word: string): string[] {
  const comma = word.lastIndexOf(",");
  const prefix = word.slice(0, comma + 1);
  const suffix = word.slice(comma + 1);
  const out: string[] = [];
  // RunAPIResources sorts by group, then resource name.
  const sorted = [...preferredResources()].sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  for (const t of sorted) {
    if (t.kind === "Binding") continue; // bindings are create-only: no "get" verb
    const name = t.group ? `${t.resource}.${t.group}` : t.resource;
    if (name.startsWith(suffix)) out.push(prefix + name);
  }
  return out;
}

/** mirrors resourceTypeAndNameCompletionFunc (completion.go): `TYPE NAME...` or `TYPE/NAME...`. */
function typeAndName(cluster: Cluster, how: Extract<ArgCompletion, { kind: "typeAndName" }>, args: readonly string[], namespace: string, word: string): string[] {
  const first = args[0];
  if (first !== undefined && !first.includes("/")) {
    if (!how.repeat && args.length > 1) return [];
    const already = new Set(args.slice(1));
    return names(cluster, first, namespace, word).filter((n) => !already.has(n));
  }
  const slash = word.indexOf("/");
  if (slash < 0) {
    const types = how.types === undefined ? resourceList(word) : how.types.filter((t) => t.startsWith(word));
    if (first === undefined) return types;
    return how.repeat ? types.map((t) => `${t}/`) : [];
  }
  if (!how.repeat && args.length > 0) return [];
  const type = word.slice(0, slash);
  const already = new Set(args);
  return names(cluster, type, namespace, word.slice(slash + 1))
    .map((n) => `${type}/${n}`)
    .filter((c) => !already.has(c));
}

// ─── sim ─────────────────────────────────────────────────────────────────────────────────────────────

/** A sim verb as its help lines describe it: actions (`node` → kill, restore, ...) and their sub-actions. */
type SimTree = Map<string, Map<string, Set<string>>>;

const LITERAL = /^[a-z][a-z-]*$/;

/**
 * Reads the verbs out of SIM_HELP, so completion follows the help text as verbs are added. A usage line
 * is `sim VERB [ACTION[|ACTION...]] [more words]`: lower-case words after the action (outside [options])
 * are its sub-actions (`sim etcd member list|stop NAME|start NAME`); upper-case words are arguments.
 */
function simTree(): SimTree {
  const tree: SimTree = new Map([["help", new Map()]]);
  for (const line of SIM_HELP.split("\n")) {
    const m = /^\s*sim\s+(.*)$/.exec(line);
    if (!m) continue;
    const usage = m[1]!.split(/\s{2,}/)[0]!.replace(/\[[^\]]*\]/g, " ");
    const [verb, first, ...more] = usage.trim().split(/\s+/);
    if (verb === undefined || !LITERAL.test(verb)) continue;
    const actions = tree.get(verb) ?? new Map<string, Set<string>>();
    tree.set(verb, actions);
    const subs = more.flatMap((w) => w.split("|")).filter((w) => LITERAL.test(w));
    for (const a of (first ?? "").split("|").filter((w) => LITERAL.test(w))) {
      const set = actions.get(a) ?? new Set<string>();
      for (const sub of subs) set.add(sub);
      actions.set(a, set);
    }
  }
  return tree;
}

/** The control-plane components `sim control-plane stop|start` takes (protocol.ts ComponentName). */
const COMPONENTS: readonly ComponentName[] = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function completeSim(session: Session, args: readonly string[], word: string): string[] {
  const cluster = session.cluster;
  const tree = simTree();
  const starts = (xs: Iterable<string>): string[] => [...xs].filter((x) => x.startsWith(word)).sort(byName);
  if (args.length === 0) return starts(tree.keys());
  const [verb, action] = args as [string, string | undefined];
  const actions = tree.get(verb);
  if (actions === undefined) return [];
  if (action === undefined) return starts(actions.keys());
  if (word.startsWith("-")) return [];
  // Arguments already given (minus `-n NS`), so a NAME... list does not offer the same node twice.
  let namespace = session.namespace;
  const given: string[] = [];
  for (let i = 2; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n" || a === "--namespace") namespace = args[++i] ?? namespace;
    else if (!a.startsWith("-")) given.push(a);
  }
  const subs = actions.get(action);
  if (subs !== undefined && subs.size > 0 && given.length === 0) return starts(subs);
  const fresh = (xs: Iterable<string>): string[] => starts(xs).filter((x) => !given.includes(x));
  switch (verb) {
    case "node": {
      if (action === "add") return [];
      // Only the machines the action applies to: kill a running one, restore a dead one.
      const out: string[] = [];
      for (const [name, k] of cluster.kubelets) {
        if (action === "kill" && !k.alive) continue;
        if (action === "restore" && k.alive) continue;
        out.push(name);
      }
      return fresh(out);
    }
    case "zone": {
      if (given.length > 0) return [];
      const zones = new Set<string>();
      for (const n of cluster.list("nodes")) {
        const z = n.metadata.labels?.["topology.kubernetes.io/zone"];
        if (z) zones.add(z);
      }
      return starts(zones);
    }
    case "control-plane":
      return given.length === 0 ? starts(COMPONENTS) : [];
    case "pod":
      return given.length === 0 ? names(cluster, "pod", namespace, word) : [];
    default:
      return [];
  }
}
