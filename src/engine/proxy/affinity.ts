// Session affinity (sessionAffinity: ClientIP) as kube-proxy's iptables rules implement it: each
// endpoint chain keeps an xt_recent list of client addresses (`-m recent --name KUBE-SEP-… --set`), and
// the service chain first sends a client seen within timeoutSeconds back to that endpoint
// (`--rcheck --seconds <timeout> --reap`). Lists live in the node's kernel, so stickiness is per node,
// and an endpoint that leaves the rules takes its list with it.
// mirrors writeServiceToEndpointRules' affinity rules (k/k pkg/proxy/iptables/proxier.go).
import { endpointString, type ProxyEndpoint } from "./endpointsCache";

interface Entry {
  endpoint: string;
  lastSeenMs: number;
}

/** Entries are swept when the table grows past this (expired ones only). */
const SWEEP_AT = 50_000;

export class AffinityTable {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  /** The endpoint this client stuck to, if it is still among `candidates` and seen within the timeout. */
  lookup(servicePort: string, clientIP: string, candidates: readonly ProxyEndpoint[], nowMs: number, timeoutSeconds: number): number {
    const e = this.entries.get(`${servicePort}|${clientIP}`);
    if (!e || nowMs - e.lastSeenMs > timeoutSeconds * 1000) return -1;
    for (let i = 0; i < candidates.length; i++) if (endpointString(candidates[i]!) === e.endpoint) return i;
    return -1;
  }

  /** `--set`: the client's connection went to `endpoint` at `nowMs`. */
  record(servicePort: string, clientIP: string, endpoint: ProxyEndpoint, nowMs: number, timeoutSeconds: number): void {
    if (this.entries.size >= SWEEP_AT) this.sweep(nowMs, timeoutSeconds);
    this.entries.set(`${servicePort}|${clientIP}`, { endpoint: endpointString(endpoint), lastSeenMs: nowMs });
  }

  /** A kube-proxy restart flushes nothing in the kernel; a rebooted machine loses its tables. */
  clear(): void {
    this.entries.clear();
  }

  private sweep(nowMs: number, timeoutSeconds: number): void {
    for (const [k, e] of this.entries) if (nowMs - e.lastSeenMs > timeoutSeconds * 1000) this.entries.delete(k);
  }
}
