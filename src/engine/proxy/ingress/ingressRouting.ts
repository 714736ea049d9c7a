// How the simulated ingress-nginx picks a backend for (host, path), from every Ingress of its class.
// Semantics of networking.k8s.io/v1 (api networking/v1/types.go, web concepts/services-networking/ingress.md)
// as ingress-nginx implements them (internal/ingress/controller/controller.go createServers/getBackendServers):
// - hosts: an exact host's server first, then a wildcard "*.example.com" (exactly one more label), then
//   the catch-all server for rules without a host;
// - paths: Exact compares the whole path; Prefix matches whole path elements ("/foo" matches "/foo",
//   "/foo/" and "/foo/bar", not "/foobar"); ImplementationSpecific is a plain prefix in ingress-nginx;
//   the longest match wins and Exact beats Prefix on a tie;
// - Ingresses that claim the same host and path: the oldest wins;
// - nothing matches: the Ingress defaultBackend, else the controller's default backend (404).
import type { KubeObject } from "../../api/types";

export interface IngressBackend {
  readonly namespace: string;
  readonly service: string;
  /** spec…backend.service.port: a number or a port name. */
  readonly port: number | string;
  /** "namespace/name" of the Ingress that routed here. */
  readonly ingress: string;
}

interface PathRule {
  readonly path: string;
  readonly type: "Exact" | "Prefix" | "ImplementationSpecific";
  readonly backend: IngressBackend;
  readonly order: number;
}

export type IngressRoute =
  | { readonly kind: "backend"; readonly backend: IngressBackend }
  /** ingress-nginx's own default backend: 404 Not Found. */
  | { readonly kind: "default" };

function backendOf(ing: KubeObject, b: unknown): IngressBackend | undefined {
  const svc = (b as { service?: { name?: string; port?: { number?: number; name?: string } } } | undefined)?.service;
  if (!svc?.name) return undefined;
  const port = svc.port?.number ?? svc.port?.name;
  if (port === undefined) return undefined;
  return { namespace: ing.metadata.namespace ?? "default", service: svc.name, port, ingress: `${ing.metadata.namespace}/${ing.metadata.name}` };
}

/** Prefix match by path elements, ignoring a trailing slash on the rule. */
function prefixMatches(rule: string, path: string): boolean {
  const r = rule.replace(/\/+$/, "");
  if (r === "") return true;
  return path === r || path.startsWith(`${r}/`);
}

function matchLength(rule: PathRule, path: string): number {
  if (rule.type === "Exact") return rule.path === path ? rule.path.length : -1;
  if (rule.type === "Prefix") return prefixMatches(rule.path, path) ? rule.path.replace(/\/+$/, "").length : -1;
  return path.startsWith(rule.path) ? rule.path.length : -1;
}

function bestPath(rules: readonly PathRule[] | undefined, path: string): PathRule | undefined {
  let best: PathRule | undefined;
  let bestLen = -1;
  for (const r of rules ?? []) {
    const len = matchLength(r, path);
    if (len < 0) continue;
    const better = len > bestLen || (len === bestLen && best !== undefined && ((r.type === "Exact" && best.type !== "Exact") || (r.type === best.type && r.order < best.order)));
    if (better) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}

/** Every Ingress of one class, compiled into nginx servers. Build once per change of the inputs. */
export class IngressTable {
  private readonly hosts = new Map<string, PathRule[]>();
  private readonly wildcards = new Map<string, PathRule[]>();
  private readonly catchAll: PathRule[] = [];
  private defaultBackend: IngressBackend | undefined;

  /** `ingresses` oldest first (creationTimestamp, then namespace/name): earlier ones win conflicts. */
  constructor(ingresses: readonly KubeObject[]) {
    let order = 0;
    for (const ing of ingresses) {
      const spec = (ing.spec ?? {}) as { rules?: unknown[]; defaultBackend?: unknown };
      if (!this.defaultBackend && spec.defaultBackend) this.defaultBackend = backendOf(ing, spec.defaultBackend);
      for (const rule of spec.rules ?? []) {
        const r = rule as { host?: string; http?: { paths?: unknown[] } };
        const host = (r.host ?? "").toLowerCase();
        const list = host === "" ? this.catchAll : host.startsWith("*.") ? listIn(this.wildcards, host.slice(1)) : listIn(this.hosts, host);
        for (const p of r.http?.paths ?? []) {
          const pp = p as { path?: string; pathType?: PathRule["type"]; backend?: unknown };
          const backend = backendOf(ing, pp.backend);
          if (!backend) continue;
          list.push({ path: pp.path ?? "/", type: pp.pathType ?? "ImplementationSpecific", backend, order: order++ });
        }
      }
    }
  }

  /** Whether some rule names this host (so a client that points the name at the controller reaches it). */
  servesHost(host: string): boolean {
    const h = host.toLowerCase();
    if (this.hosts.has(h)) return true;
    const dot = h.indexOf(".");
    return dot > 0 && this.wildcards.has(h.slice(dot));
  }

  route(host: string, path: string): IngressRoute {
    const h = host.toLowerCase();
    const p = path.split("?")[0] || "/";
    const exact = this.hosts.get(h);
    const dot = h.indexOf(".");
    const wild = dot > 0 ? this.wildcards.get(h.slice(dot)) : undefined;
    const server = exact ?? wild;
    const hit = bestPath(server, p) ?? (server ? undefined : bestPath(this.catchAll, p));
    if (hit) return { kind: "backend", backend: hit.backend };
    return this.defaultBackend ? { kind: "backend", backend: this.defaultBackend } : { kind: "default" };
  }
}

function listIn(m: Map<string, PathRule[]>, key: string): PathRule[] {
  let l = m.get(key);
  if (!l) m.set(key, (l = []));
  return l;
}
