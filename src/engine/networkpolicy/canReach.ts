// `sim can-reach FROM TO PORT[/PROTOCOL] [-n NS]`: the NetworkPolicy verdict for one connection, with
// the reason. FROM and TO are pod names in NS (default "default") or NAMESPACE/NAME; FROM may also be
// an IP address outside the cluster. Exit code 0 when allowed, 1 when denied (like `kubectl auth can-i`).
import type { KubeObject } from "../api/types";
import type { CommandResult } from "../kubectl/env";
import type { Store } from "../apiserver/store";
import { parseIP } from "./cidr";
import { policyAllows } from "./evaluate";

export const CAN_REACH_USAGE = "usage: sim can-reach FROM_POD TO_POD PORT[/TCP|UDP|SCTP] [-n NAMESPACE]";

const fail = (err: string): CommandResult => ({ out: "", err: `error: ${err}\n`, code: 1 });

interface Args {
  from: string;
  to: string;
  port: number;
  protocol: "TCP" | "UDP" | "SCTP";
  namespace: string;
}

function parseArgs(args: readonly string[]): Args | string {
  const positional: string[] = [];
  let namespace = "default";
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-n" || a === "--namespace") {
      const v = args[++i];
      if (v === undefined) return `flag needs an argument: ${a}`;
      namespace = v;
    } else if (a.startsWith("-n=") || a.startsWith("--namespace=")) {
      namespace = a.slice(a.indexOf("=") + 1);
    } else if (a.startsWith("-")) {
      return `unknown flag: ${a}`;
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 3) return CAN_REACH_USAGE;
  const [from, to, portText] = positional as [string, string, string];
  const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(portText);
  const port = m ? Number(m[1]) : NaN;
  if (!m || port < 1 || port > 65535) return `invalid port "${portText}": use a number from 1 to 65535, optionally followed by /TCP, /UDP or /SCTP`;
  return { from, to, port, protocol: (m[2]?.toUpperCase() ?? "TCP") as Args["protocol"], namespace };
}

function findPod(store: Store, nameOrRef: string, namespace: string): KubeObject | string {
  const slash = nameOrRef.indexOf("/");
  const ns = slash < 0 ? namespace : nameOrRef.slice(0, slash);
  const name = slash < 0 ? nameOrRef : nameOrRef.slice(slash + 1);
  const pod = store.get("pods", `pods/${ns}/${name}`);
  return pod ?? `pod "${name}" not found in namespace "${ns}"`;
}

export function runCanReach(store: Store, args: readonly string[]): CommandResult {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") return fail(parsed);
  const to = findPod(store, parsed.to, parsed.namespace);
  if (typeof to === "string") return fail(to);
  let from: { pod: KubeObject } | { ip: string };
  let fromText: string;
  if (parseIP(parsed.from)) {
    from = { ip: parsed.from };
    fromText = parsed.from;
  } else {
    const pod = findPod(store, parsed.from, parsed.namespace);
    if (typeof pod === "string") return fail(pod);
    from = { pod };
    fromText = `${pod.metadata.namespace}/${pod.metadata.name}`;
  }
  const verdict = policyAllows({
    from,
    to,
    port: parsed.port,
    protocol: parsed.protocol,
    policies: store.list("networkpolicies"),
    namespaces: store.list("namespaces"),
  });
  const head = `${fromText} -> ${to.metadata.namespace}/${to.metadata.name}:${parsed.port}/${parsed.protocol}: ${verdict.allowed ? "allowed" : "denied"}`;
  return { out: `${head}\n  ${verdict.reason}\n`, err: "", code: verdict.allowed ? 0 : 1 };
}
