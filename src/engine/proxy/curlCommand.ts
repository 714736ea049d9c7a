// `sim curl URL [--from POD] [-n NS] [-v] [-s] [-f] [-I] [-m SECONDS]`: one HTTP GET through the simulated
// network, printed the way curl prints it. Without --from the request comes from a throwaway client pod in
// the namespace (or from outside the cluster for load-balancer IPs, node ports and Ingress hosts; see
// network.ts). A connection that times out takes its time: the simulated clock advances by curl's timeout
// (130 s, the kernel's SYN retries, or --max-time / --connect-timeout).
// Messages are curl 8's: (6) Could not resolve host, (7) Failed to connect, (28) timeout, (22) with -f.
import type { Pod } from "../api/types";
import { FlagError, parseFlags, type FlagSpec } from "../kubectl/flags";
import type { CommandResult } from "../kubectl/env";
import { parseUrl, statusText } from "../kubelet/behaviour/netutils";
import type { Cluster } from "../sim/cluster";

const FLAGS: FlagSpec[] = [
  { name: "from", kind: "string" },
  { name: "namespace", short: "n", kind: "string" },
  { name: "verbose", short: "v", kind: "bool" },
  { name: "silent", short: "s", kind: "bool" },
  { name: "show-error", short: "S", kind: "bool" },
  { name: "fail", short: "f", kind: "bool" },
  { name: "head", short: "I", kind: "bool" },
  { name: "max-time", short: "m", kind: "string" },
  { name: "connect-timeout", kind: "string" },
];

/** Linux gives up a TCP connect after ~127 s of SYN retries; curl reports it as a timeout. */
const DEFAULT_CONNECT_TIMEOUT_S = 130;

export const CURL_HELP = `  sim curl URL [--from POD] [-n NS] [-v] [-f] [-I] [-m SECONDS]
                                             One HTTP GET through Services, DNS, kube-proxy and Ingress
`;

export function runCurl(cluster: Cluster, args: readonly string[]): CommandResult {
  let p;
  try {
    p = parseFlags(args, FLAGS);
  } catch (e) {
    if (e instanceof FlagError) return { out: "", err: `curl: option ${e.message.replace(/^unknown (shorthand )?flag: /, "")}: is unknown\n`, code: 2 };
    throw e;
  }
  if (p.positional.length !== 1) return { out: "", err: "curl: no URL specified\nusage: sim curl URL [--from POD] [-n NS] [-v] [-f] [-I] [-m SECONDS]\n", code: 2 };
  const url = p.positional[0]!;
  const namespace = (p.flags.get("namespace") as string | undefined) ?? "default";
  const silent = p.flags.get("silent") === true && p.flags.get("show-error") !== true;
  const net = cluster.network;
  let client;
  const from = p.flags.get("from") as string | undefined;
  if (from) {
    const name = from.replace(/^pods?\//, "");
    const pod = net.book.pod(namespace, name) ?? (cluster.store.get("pods", `pods/${namespace}/${name}`) as Pod | undefined);
    if (!pod) return { out: "", err: `error: pods "${name}" not found\n`, code: 1 };
    if (!pod.status?.podIP || pod.status.phase !== "Running") return { out: "", err: `error: pod ${name} is not running: it has no network to send from\n`, code: 1 };
    client = net.net.podClient(pod);
  }
  const u = parseUrl(url);
  const r = net.traffic.fetch(url, client, namespace);
  const err: string[] = [];
  if (p.flags.get("verbose") === true) {
    if (r.target.ip) err.push(`*   Trying ${r.target.ip}:${u.port}...`);
    if (r.target.ip && !("error" in r.result)) err.push(`* Connected to ${u.host} (${r.target.ip}) port ${u.port}`);
    if (r.pod) err.push(`* Kubelab: served by pod ${r.pod.metadata.namespace}/${r.pod.metadata.name} (${r.pod.status?.podIP}) on ${r.pod.spec.nodeName}${r.serviceKey ? ` via service ${r.serviceKey}` : ""}`);
  }
  const stderr = (): string => (err.length > 0 ? `${err.join("\n")}\n` : "");
  const res = r.result;
  if ("error" in res) {
    let code = 7;
    let message = `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`;
    if (res.error === "noHost") {
      code = 6;
      message = `Could not resolve host: ${u.host}`;
    } else if (res.error === "timeout") {
      const limit = Number(p.flags.get("max-time") ?? p.flags.get("connect-timeout") ?? DEFAULT_CONNECT_TIMEOUT_S);
      const secs = Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_CONNECT_TIMEOUT_S;
      cluster.advance(Math.round(secs * 1000));
      code = 28;
      message = `Connection timed out after ${Math.round(secs * 1000) + 1} milliseconds`;
    }
    if (!silent) err.push(`curl: (${code}) ${message}`);
    return { out: "", err: stderr(), code };
  }
  if (p.flags.get("fail") === true && res.status >= 400) {
    if (!silent) err.push(`curl: (22) The requested URL returned error: ${res.status}`);
    return { out: "", err: stderr(), code: 22 };
  }
  const out = p.flags.get("head") === true ? `HTTP/1.1 ${res.status} ${statusText(res.status)}\r\n\r\n` : res.body;
  return { out, err: stderr(), code: 0 };
}
