// A traffic generator (`sim traffic start NAME --to TARGET [--rate N] [--burst] [--clients N] [--from POD]`):
// what it sends to, how fast, and what happened to what it sent.
//
// TARGET forms:  SERVICE[:PORT]         the Service's cluster IP (its first port by default), by name
//                http://HOST[:PORT]/PATH a URL: a Service name, an Ingress host, a load-balancer or pod IP
//                NODE:NODEPORT          a node port on a node (by node name or IP)
// Rate: N requests per second (fractions carry over); --burst sends 5× the rate during the first 2 s of
// every 10 s and nothing the other 8 s (the same average).
import type { ErrorKind } from "./trafficStats";

export const BURST = { periodTicks: 10, onTicks: 2, factor: 5 } as const;

export interface GeneratorSpec {
  readonly name: string;
  readonly namespace: string;
  /** The target as typed. */
  readonly to: string;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly rate: number;
  readonly burst: boolean;
  readonly clients: number;
  /** "namespace/name" of the client pod, when --from was given. */
  readonly from?: string;
  /** True for URLs and node ports, false for a Service by name. */
  readonly url: boolean;
}

export interface Generator {
  readonly spec: GeneratorSpec;
  readonly startedAt: number;
  ticks: number;
  carry: number;
  sent: number;
  ok: number;
  errors: number;
  latencySumMs: number;
  readonly byError: Record<ErrorKind, number>;
  readonly byStatus: { "2xx": number; "3xx": number; "4xx": number; "5xx": number };
  /** Requests sent in the last tick, per second. */
  rps: number;
  /** The fast path's view of the target under the current rules (fastPath.ts). */
  fastCache?: unknown;
  /** The in-cluster client this generator sends from (see TrafficModel.clientOf). */
  client?: unknown;
  /** The last resolved target, reused while the rules, DNS and client are unchanged (see TrafficModel). */
  cached?: { readonly key: unknown; readonly dnsGeneration: number; readonly client: unknown; readonly target: unknown };
}

export function newGenerator(spec: GeneratorSpec, now: number): Generator {
  return {
    spec,
    startedAt: now,
    ticks: 0,
    carry: 0,
    sent: 0,
    ok: 0,
    errors: 0,
    latencySumMs: 0,
    byError: { refused: 0, timeout: 0, noHost: 0, overload: 0, http: 0 },
    byStatus: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 },
    rps: 0,
  };
}

/** How many requests the generator sends in its next tick of `tickMs`. */
export function requestsThisTick(g: Generator, tickMs: number): number {
  let rate = g.spec.rate;
  if (g.spec.burst) rate = g.ticks % BURST.periodTicks < BURST.onTicks ? rate * BURST.factor : 0;
  g.ticks++;
  const exact = (rate * tickMs) / 1000 + g.carry;
  const n = Math.floor(exact + 1e-9);
  g.carry = exact - n;
  return n;
}

export function statusClass(status: number): keyof Generator["byStatus"] {
  return status >= 500 ? "5xx" : status >= 400 ? "4xx" : status >= 300 ? "3xx" : "2xx";
}

/** The source addresses of `n` simulated clients: TEST-NET-3 outside the cluster, the node's pod range inside. */
export function clientAddresses(n: number, first: string): string[] {
  const m = /^(\d+\.\d+\.\d+)\.(\d+)$/.exec(first);
  if (!m) return [first];
  const base = m[1]!;
  const start = Number(m[2]);
  const out: string[] = [];
  const down = start > 128;
  for (let i = 0; i < n; i++) out.push(`${base}.${down ? start - i : start + i}`);
  return out;
}

/** Parses `--to` (see the header). Returns an error message for a malformed target. */
export function parseTarget(to: string): { host: string; port: number | undefined; path: string; url: boolean } | string {
  const url = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^#]*)$/i.exec(to);
  if (url) {
    const port = url[3] !== undefined ? Number(url[3]) : url[1]!.toLowerCase() === "https" ? 443 : 80;
    if (port < 1 || port > 65535) return `invalid port in "${to}"`;
    return { host: url[2]!.toLowerCase(), port, path: url[4] || "/", url: true };
  }
  if (to.includes("://")) return `unsupported URL "${to}": use http://HOST[:PORT]/PATH`;
  const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(?::(\d+))?$/.exec(to);
  if (!m) return `invalid target "${to}": use SERVICE[:PORT], http://HOST[:PORT]/PATH or NODE:NODEPORT`;
  const port = m[3] !== undefined ? Number(m[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return `invalid port in "${to}"`;
  return { host: m[1]!, port, path: "/", url: false };
}
