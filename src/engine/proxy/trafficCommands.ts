// The `sim traffic` verbs:
//   sim traffic start NAME --to TARGET [--rate N] [--burst] [--clients N] [--from POD] [-n NS]
//   sim traffic stop NAME
//   sim traffic                      generators with their counters
//   sim traffic pods [-n NS | -A]    per-pod counters (which pods served what)
//   sim traffic services [-n NS | -A] per-Service counters
// Tables use kubectl's tab writer so they line up like `kubectl get`.
import { FlagError, parseFlags, type FlagSpec, type ParsedArgs } from "../kubectl/flags";
import type { CommandResult } from "../kubectl/env";
import { newKubectlTableWriter } from "../kubectl/printers/tabwriter";
import { formatSimDuration } from "../sim/duration";
import type { Cluster } from "../sim/cluster";
import { parseTarget, type Generator } from "./generator";
import type { PodTraffic, ServiceTraffic } from "./trafficStats";

const ok = (out: string, err = ""): CommandResult => ({ out, err, code: 0 });
const fail = (err: string): CommandResult => ({ out: "", err: `error: ${err}\n`, code: 1 });

const START_FLAGS: FlagSpec[] = [
  { name: "to", kind: "string" },
  { name: "rate", kind: "string", default: "10" },
  { name: "burst", kind: "bool" },
  { name: "clients", kind: "int", default: 1 },
  { name: "from", kind: "string" },
  { name: "namespace", short: "n", kind: "string" },
];
const LIST_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", kind: "string" },
  { name: "all-namespaces", short: "A", kind: "bool" },
];

export const TRAFFIC_HELP = `  sim traffic start NAME --to SERVICE[:PORT]|http://HOST[:PORT]/PATH|NODE:NODEPORT [--rate N] [--burst]
                    [--clients N] [--from POD] [-n NS]
                                             Send N requests/s (default 10) to a Service, URL or node port
  sim traffic stop NAME                      Stop a traffic generator
  sim traffic [pods|services] [-n NS|-A]     Counters per generator, per pod or per Service
`;

function parse(args: readonly string[], specs: FlagSpec[]): ParsedArgs | string {
  try {
    return parseFlags(args, specs);
  } catch (e) {
    if (e instanceof FlagError) return e.message;
    throw e;
  }
}

export function runTraffic(cluster: Cluster, args: readonly string[]): CommandResult {
  const [verb, ...rest] = args;
  switch (verb) {
    case undefined:
      return ok(generatorTable(cluster));
    case "start":
      return start(cluster, rest);
    case "stop": {
      if (rest.length !== 1) return fail("usage: sim traffic stop NAME");
      const g = cluster.network.traffic.stop(rest[0]!);
      if (!g) return fail(`traffic generator "${rest[0]}" not found`);
      return ok(`traffic/${g.spec.name} stopped after ${g.sent} requests (${g.ok} ok, ${g.errors} errors)\n`);
    }
    case "pods":
    case "services": {
      const p = parse(rest, LIST_FLAGS);
      if (typeof p === "string") return fail(p);
      if (p.positional.length > 0) return fail(`unexpected argument "${p.positional[0]}"`);
      const ns = p.flags.get("all-namespaces") === true ? undefined : ((p.flags.get("namespace") as string | undefined) ?? "default");
      return verb === "pods" ? ok(...podTable(cluster, ns)) : ok(...serviceTable(cluster, ns));
    }
    default:
      return fail(`unknown sim traffic action "${verb}": use start, stop, pods or services`);
  }
}

function start(cluster: Cluster, args: readonly string[]): CommandResult {
  const p = parse(args, START_FLAGS);
  if (typeof p === "string") return fail(p);
  if (p.positional.length !== 1) return fail("usage: sim traffic start NAME --to TARGET [--rate N] [--burst] [--clients N] [--from POD] [-n NS]");
  const name = p.positional[0]!;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return fail(`invalid traffic generator name "${name}": use lowercase letters, digits and '-'`);
  const traffic = cluster.network.traffic;
  if (traffic.generator(name)) return fail(`traffic generator "${name}" already exists`);
  const to = p.flags.get("to") as string | undefined;
  if (!to) return fail("sim traffic start needs --to SERVICE[:PORT], http://HOST[:PORT]/PATH or NODE:NODEPORT");
  const rate = Number(p.flags.get("rate"));
  if (!Number.isFinite(rate) || rate < 0 || rate > 1_000_000) return fail(`invalid --rate "${String(p.flags.get("rate"))}": requests per second between 0 and 1000000`);
  const clients = p.flags.get("clients") as number;
  if (clients < 1 || clients > 200) return fail("--clients must be between 1 and 200");
  const namespace = (p.flags.get("namespace") as string | undefined) ?? "default";
  const parsed = parseTarget(to);
  if (typeof parsed === "string") return fail(parsed);
  let { host, port } = parsed;
  let describe = to;
  const node = !parsed.url ? cluster.network.book.nodes.get(host) : undefined;
  if (node && port !== undefined) {
    host = cluster.network.book.nodeIP(host) ?? host;
    describe = `node port ${port} on ${node.metadata.name} (${host})`;
  } else if (!parsed.url) {
    const svc = cluster.store.get("services", `services/${namespace}/${host}`);
    if (!svc) return fail(`services "${host}" not found`);
    const ports = (svc.spec?.ports ?? []) as { port: number }[];
    port ??= ports[0]?.port;
    if (port === undefined) return fail(`service "${host}" has no ports`);
    const ip = svc.spec?.clusterIP as string | undefined;
    describe = `service ${namespace}/${host} (${ip && ip !== "None" ? ip : "headless"}:${port})`;
  }
  let from: string | undefined;
  const fromPod = p.flags.get("from") as string | undefined;
  if (fromPod) {
    const podName = fromPod.replace(/^pods?\//, "");
    if (!cluster.store.get("pods", `pods/${namespace}/${podName}`)) return fail(`pods "${podName}" not found`);
    from = `${namespace}/${podName}`;
  }
  traffic.start({
    name,
    namespace,
    to,
    host,
    port: port ?? 80,
    path: parsed.path,
    rate,
    burst: p.flags.get("burst") === true,
    clients,
    url: parsed.url || node !== undefined,
    ...(from ? { from } : {}),
  });
  const mode = p.flags.get("burst") === true ? " in bursts" : "";
  return ok(`traffic/${name} started: ${rate} requests/s${mode} to ${describe}\n`);
}

export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "-";
  return ms < 10 ? `${ms.toFixed(2)}ms` : ms < 1000 ? `${ms.toFixed(1)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

function rateText(r: number): string {
  return `${Number.isInteger(r) ? r : r.toFixed(1)}/s`;
}

function generatorTable(cluster: Cluster): string {
  const list = cluster.network.traffic.list();
  if (list.length === 0) return "No traffic generators. Start one with 'sim traffic start NAME --to SERVICE'.\n";
  const w = newKubectlTableWriter();
  w.writeRow(["NAME", "TARGET", "RATE", "SENT", "OK", "ERRORS", "AVG LATENCY", "AGE"]);
  for (const g of list) {
    const age = formatSimDuration(Math.floor((cluster.now() - g.startedAt) / 1000) * 1000);
    w.writeRow([g.spec.name, g.spec.to, rateText(g.spec.rate) + (g.spec.burst ? " (burst)" : ""), String(g.sent), String(g.ok), errorsText(g), formatLatency(g.latencySumMs / Math.max(1, g.ok + g.byError.http)), age]);
  }
  w.flush();
  return w.toString();
}

function errorsText(g: Generator): string {
  if (g.errors === 0) return "0";
  const parts = (Object.entries(g.byError) as [string, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${k}:${n}`);
  return `${g.errors} (${parts.join(",")})`;
}

function podTable(cluster: Cluster, ns: string | undefined): [string, string] {
  const rows = cluster.network.stats.podList().filter((p: PodTraffic) => ns === undefined || p.namespace === ns);
  if (rows.length === 0) return ["", ns === undefined ? "No traffic has reached any pod.\n" : `No traffic has reached pods in ${ns} namespace.\n`];
  const w = newKubectlTableWriter();
  w.writeRow([...(ns === undefined ? ["NAMESPACE"] : []), "POD", "NODE", "REQUESTS", "ERRORS", "RPS", "AVG LATENCY"]);
  for (const p of rows) {
    w.writeRow([...(ns === undefined ? [p.namespace] : []), p.gone ? `${p.name} (deleted)` : p.name, p.node || "<none>", String(p.requests), String(p.errors), rateText(p.rps).slice(0, -2), formatLatency(p.latencySumMs / Math.max(1, p.served))]);
  }
  w.flush();
  return [w.toString(), ""];
}

function serviceTable(cluster: Cluster, ns: string | undefined): [string, string] {
  const rows = cluster.network.stats.serviceList().filter((s: ServiceTraffic) => ns === undefined || s.key.startsWith(`${ns}/`));
  if (rows.length === 0) return ["", ns === undefined ? "No traffic has reached any Service.\n" : `No traffic has reached Services in ${ns} namespace.\n`];
  const w = newKubectlTableWriter();
  w.writeRow([...(ns === undefined ? ["NAMESPACE"] : []), "SERVICE", "REQUESTS", "ERRORS", "RPS", "AVG LATENCY"]);
  for (const s of rows) {
    const slash = s.key.indexOf("/");
    const answered = s.requests - s.errors;
    w.writeRow([...(ns === undefined ? [s.key.slice(0, slash)] : []), s.key.slice(slash + 1), String(s.requests), String(s.errors), rateText(s.rps).slice(0, -2), formatLatency(s.latencySumMs / Math.max(1, answered))]);
  }
  w.flush();
  return [w.toString(), ""];
}
