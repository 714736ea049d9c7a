// The failure verbs of the command language (dispatched from sim/simCommands.ts):
//   sim node kill|restore|partition|heal NAME...     power off / on, cut off from / reconnect to the API
//   sim node shutdown NAME [--grace=30s] [--critical=10s]   graceful node shutdown
//   sim node delete NAME                             delete the Node object
//   sim node out-of-service NAME [--off]             the node.kubernetes.io/out-of-service taint
//   sim zone kill|restore ZONE [--include-control-plane]    every node of a zone
//   sim zone list
//   sim control-plane status | stop COMPONENT | start COMPONENT
//   sim etcd member list | stop NAME | start NAME
//   sim etcd snapshot save NAME | restore NAME | list
//   sim pod kill|crash|unready|ready [-n NS] NAME [--container C] [--exit-code N] [--oom]
import type { CommandResult } from "../../kubectl/env";
import type { ComponentName } from "../../protocol";
import type { Cluster } from "../cluster";
import { parseDuration } from "../duration";
import { COMPONENT_NAMES } from "./controlPlane";
import { restoreSnapshot, saveSnapshot } from "./etcdSnapshot";
import { ChaosError, deleteNodeObject, healNode, markOutOfService, partitionNode, shutdownNode, ZONE_LABEL, zoneAction } from "./nodeChaos";
import { crashContainer, killPod, setUnready } from "./podChaos";
import { stopStress, stressMemory } from "./memoryPressure";

export const CHAOS_HELP = `  sim node partition|heal NAME...            Cut a node off from the API server (containers keep running) / reconnect it
  sim node shutdown NAME [--grace=30s] [--critical=10s]
                                             Graceful node shutdown: pods terminated, then power off
  sim node delete NAME                       Delete the Node object
  sim node out-of-service NAME [--off]       Taint node.kubernetes.io/out-of-service=nodeshutdown:NoExecute
  sim node stress-memory NAME [SIZE] [--off] A BestEffort pod allocates SIZE (default: all but 50Mi):
                                             memory pressure, evictions, the OOM killer
  sim zone kill|restore ZONE [--include-control-plane]
                                             Every node of a topology.kubernetes.io/zone
  sim zone list                              Zones and their nodes
  sim control-plane status                   The control-plane components and their state
  sim control-plane stop|start COMPONENT     kube-apiserver, etcd, kube-scheduler or kube-controller-manager
  sim etcd member list|stop NAME|start NAME  etcd members (one per control-plane node) and quorum
  sim etcd snapshot save|restore NAME        Back up / restore the cluster state (etcdctl snapshot)
  sim pod kill [-n NS] NAME                  Delete a pod with grace period 0 (chaoskube)
  sim pod crash [-n NS] NAME [--container=C] [--exit-code=N] [--oom]
                                             A container exits (or is OOM-killed: 137)
  sim pod unready|ready [-n NS] NAME [--container=C]
                                             Make a readiness probe fail / pass again
`;

const ok = (out: string): CommandResult => ({ out, err: "", code: 0 });
const fail = (err: string): CommandResult => ({ out: "", err: `error: ${err.replace(/\n$/, "")}\n`, code: 1 });

/** Runs `fn`, turning a ChaosError into `error: …`. */
function guard(fn: () => string): CommandResult {
  try {
    return ok(fn());
  } catch (e) {
    if (e instanceof ChaosError) return fail(e.message);
    throw e;
  }
}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--k=v`, `--k v` for the flags listed in `valued`, boolean `--k`, and `-n NS`. */
function parse(args: readonly string[], valued: readonly string[]): Parsed | string {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n" || a === "--namespace") {
      const v = args[++i];
      if (v === undefined) return `flag needs an argument: ${a}`;
      flags.set("namespace", v);
    } else if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const k = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) flags.set(k, a.slice(eq + 1));
      else if (valued.includes(k)) {
        const v = args[++i];
        if (v === undefined) return `flag needs an argument: --${k}`;
        flags.set(k, v);
      } else flags.set(k, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

function unknownFlags(p: Parsed, allowed: readonly string[]): string | undefined {
  for (const k of p.flags.keys()) if (!allowed.includes(k)) return `unknown flag: --${k}`;
  return undefined;
}

export const NODE_CHAOS_ACTIONS = new Set(["kill", "restore", "partition", "heal", "shutdown", "delete", "out-of-service", "stress-memory"]);

export function runNodeChaos(cluster: Cluster, action: string, args: readonly string[]): CommandResult {
  const p = parse(args, ["grace", "critical"]);
  if (typeof p === "string") return fail(p);
  const bad = unknownFlags(p, action === "shutdown" ? ["grace", "critical"] : action === "out-of-service" || action === "stress-memory" ? ["off"] : []);
  if (bad) return fail(bad);
  if (action === "stress-memory") {
    const [node, size, ...extra] = p.positional;
    if (!node || extra.length > 0) return fail("usage: sim node stress-memory NAME [SIZE] [--off]");
    return guard(() => (p.flags.get("off") === true ? stopStress(cluster, node) : stressMemory(cluster, node, size)));
  }
  const names = p.positional;
  if (names.length === 0) return fail(`usage: sim node ${action} NAME${action === "kill" || action === "restore" || action === "partition" || action === "heal" ? "..." : ""}`);
  if (!["kill", "restore", "partition", "heal"].includes(action) && names.length > 1) return fail(`sim node ${action} takes one node`);
  let out = "";
  for (const name of names) {
    const r = guard(() => nodeAction(cluster, action, name, p));
    out += r.out;
    if (r.code !== 0) return { out, err: r.err, code: r.code };
  }
  return ok(out);
}

function nodeAction(cluster: Cluster, action: string, name: string, p: Parsed): string {
  switch (action) {
    case "kill": {
      const k = cluster.kubelets.get(name);
      if (!k) throw new ChaosError(`node "${name}" not found`);
      if (!k.alive) throw new ChaosError(`node "${name}" is already down`);
      cluster.controlPlane.record("kill", `node/${name}`, `node ${name} powered off`);
      cluster.killNode(name);
      return `node/${name} killed (the machine is off: its kubelet stopped posting status and its containers are gone)\n`;
    }
    case "restore": {
      const k = cluster.kubelets.get(name);
      if (!k) throw new ChaosError(`node "${name}" not found`);
      if (k.alive) throw new ChaosError(`node "${name}" is already running`);
      cluster.controlPlane.record("restore", `node/${name}`, `node ${name} powered on`);
      cluster.restoreNode(name);
      return `node/${name} restored (the machine is booting: its kubelet registers and resumes heartbeats)\n`;
    }
    case "partition":
      return partitionNode(cluster, name);
    case "heal":
      return healNode(cluster, name);
    case "shutdown": {
      const grace = durationFlag(p, "grace", 30_000);
      const critical = durationFlag(p, "critical", 10_000);
      return shutdownNode(cluster, name, grace, critical);
    }
    case "delete":
      return deleteNodeObject(cluster, name);
    default:
      return markOutOfService(cluster, name, p.flags.get("off") !== true);
  }
}

function durationFlag(p: Parsed, name: string, dflt: number): number {
  const v = p.flags.get(name);
  if (v === undefined) return dflt;
  const ms = typeof v === "string" ? parseDuration(v) : undefined;
  if (ms === undefined) throw new ChaosError(`invalid --${name} "${String(v)}": use a duration such as 30s`);
  return ms;
}

/** `sim zone|control-plane|etcd|pod ...`. */
export function runChaos(cluster: Cluster, verb: string, args: readonly string[]): CommandResult {
  switch (verb) {
    case "zone":
      return runZone(cluster, args);
    case "control-plane":
      return runControlPlane(cluster, args);
    case "etcd":
      return runEtcd(cluster, args);
    default:
      return runPod(cluster, args);
  }
}

function runZone(cluster: Cluster, args: readonly string[]): CommandResult {
  const p = parse(args, []);
  if (typeof p === "string") return fail(p);
  const [action, zone, ...extra] = p.positional;
  if (action === "list") {
    const zones = new Map<string, string[]>();
    for (const k of [...cluster.kubelets.values()].sort((a, b) => (a.nodeName < b.nodeName ? -1 : 1))) {
      const z = k.config.labels?.[ZONE_LABEL] ?? "<none>";
      zones.set(z, [...(zones.get(z) ?? []), `${k.nodeName}${k.alive ? "" : " (down)"}`]);
    }
    return ok([...zones].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([z, ns]) => `${z}: ${ns.join(", ")}\n`).join(""));
  }
  if ((action !== "kill" && action !== "restore") || !zone || extra.length > 0) return fail("usage: sim zone kill|restore ZONE [--include-control-plane] | sim zone list");
  const bad = unknownFlags(p, ["include-control-plane"]);
  if (bad) return fail(bad);
  return guard(() => zoneAction(cluster, zone, action, p.flags.has("include-control-plane")));
}

function runControlPlane(cluster: Cluster, args: readonly string[]): CommandResult {
  const [action, component, ...extra] = args;
  const cp = cluster.controlPlane;
  if (action === "status" || action === undefined) {
    let out = "COMPONENT                 STATUS   DETAIL\n";
    for (const s of cp.status()) out += `${s.name.padEnd(26)}${(s.up ? "Up" : "Down").padEnd(9)}${s.message}\n`;
    return ok(out);
  }
  if ((action !== "stop" && action !== "start") || !component || extra.length > 0) return fail("usage: sim control-plane status | stop|start COMPONENT");
  if (!COMPONENT_NAMES.includes(component as ComponentName)) return fail(`unknown component "${component}": use ${COMPONENT_NAMES.join(", ")}`);
  const c = component as ComponentName;
  if (action === "stop") {
    if (!cp.stop(c)) return fail(`${c} is already stopped`);
    cp.record("stop", c, `${c} stopped`);
    return ok(`${c} stopped${STOP_EFFECT[c]}\n`);
  }
  if (!cp.start(c)) return fail(`${c} is already running`);
  cp.record("start", c, `${c} started`);
  return ok(`${c} started\n`);
}

const STOP_EFFECT: Record<ComponentName, string> = {
  "kube-apiserver": " (kubectl cannot connect; running pods keep serving)",
  etcd: " (the API server cannot read or write anything)",
  "kube-scheduler": " (new pods stay Pending; running pods keep running)",
  "kube-controller-manager": " (no self-healing, no rollouts, no evictions)",
};

function runEtcd(cluster: Cluster, args: readonly string[]): CommandResult {
  const [group, action, name, ...extra] = args;
  const cp = cluster.controlPlane;
  const etcd = cp.etcd;
  if (group === "member") {
    if (action === "list" || action === undefined) return ok(etcd.describe());
    if ((action !== "stop" && action !== "start") || !name || extra.length > 0) return fail("usage: sim etcd member list | stop|start NAME");
    const m = etcd.member(name);
    if (!m) return fail(`etcd member "${name}" not found (members: ${etcd.members.map((x) => x.name).join(", ")})`);
    if ((action === "stop") === m.stopped) return fail(`etcd member ${name} is already ${m.stopped ? "stopped" : "running"}`);
    m.stopped = action === "stop";
    cp.record(`etcd-member-${action}`, `etcd/${name}`, `etcd member ${name} ${action === "stop" ? "stopped" : "started"}: ${etcd.runningCount}/${etcd.members.length} running, quorum ${etcd.hasQuorum ? "held" : "LOST"}`);
    cp.reconcile();
    return ok(`etcd member ${name} ${action === "stop" ? "stopped" : "started"}\n${etcd.describe()}`);
  }
  if (group === "snapshot" || group === "restore") {
    const [act, snap, ...rest] = group === "restore" ? ["restore", action, name, ...extra] : [action, name, ...extra];
    if (act === "list") return ok(etcd.snapshotNames().map((n) => `${n}\n`).join("") || "no snapshots\n");
    if ((act !== "save" && act !== "restore") || !snap || rest.length > 0) return fail("usage: sim etcd snapshot save|restore NAME | sim etcd snapshot list");
    return guard(() => (act === "save" ? saveSnapshot(cluster, snap) : restoreSnapshot(cluster, snap)));
  }
  return fail("usage: sim etcd member list|stop|start ... | sim etcd snapshot save|restore|list ...");
}

function runPod(cluster: Cluster, args: readonly string[]): CommandResult {
  const p = parse(args, ["container", "exit-code"]);
  if (typeof p === "string") return fail(p);
  const [action, name, ...extra] = p.positional;
  const usage = "usage: sim pod kill|crash|unready|ready [-n NAMESPACE] NAME [--container=C] [--exit-code=N] [--oom]";
  if (!action || !name || extra.length > 0) return fail(usage);
  const ns = (p.flags.get("namespace") as string | undefined) ?? "default";
  const container = p.flags.get("container");
  if (container === true) return fail("flag needs an argument: --container");
  switch (action) {
    case "kill": {
      const bad = unknownFlags(p, ["namespace"]);
      return bad ? fail(bad) : guard(() => killPod(cluster, ns, name));
    }
    case "crash": {
      const bad = unknownFlags(p, ["namespace", "container", "exit-code", "oom"]);
      if (bad) return fail(bad);
      const raw = p.flags.get("exit-code") ?? "1";
      if (raw === true || !/^\d+$/.test(raw) || Number(raw) > 255) return fail(`invalid --exit-code "${String(raw)}": a whole number from 0 to 255`);
      return guard(() => crashContainer(cluster, ns, name, container, Number(raw), p.flags.has("oom")));
    }
    case "unready":
    case "ready": {
      const bad = unknownFlags(p, ["namespace", "container"]);
      return bad ? fail(bad) : guard(() => setUnready(cluster, ns, name, container, action === "unready"));
    }
    default:
      return fail(`unknown sim pod action "${action}": use kill, crash, unready or ready`);
  }
}
