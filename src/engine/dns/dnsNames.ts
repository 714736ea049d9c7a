// Name handling for cluster DNS: the search path a pod's /etc/resolv.conf gives it, the order a stub
// resolver tries candidates in (ndots), and the dashed-IP labels CoreDNS understands.
// The search list and ndots:5 are the kubelet's for dnsPolicy ClusterFirst (k/k pkg/kubelet/network/dns/dns.go
// generateSearchesForDNSClusterFirst); the candidate order is the stub resolver's (glibc res_search, musl
// name_from_dns_search): fewer than ndots dots → search domains first, then the name as typed.

export const CLUSTER_DOMAIN = "cluster.local";
export const NDOTS = 5;

const searchesCache = new Map<string, readonly string[]>();

/** `<ns>.svc.cluster.local svc.cluster.local cluster.local` (one shared, frozen list per namespace). */
export function clusterFirstSearches(namespace: string, domain = CLUSTER_DOMAIN): readonly string[] {
  const key = `${namespace}.${domain}`;
  let s = searchesCache.get(key);
  if (!s) {
    s = Object.freeze([`${namespace}.svc.${domain}`, `svc.${domain}`, domain]);
    if (searchesCache.size > 10_000) searchesCache.clear();
    searchesCache.set(key, s);
  }
  return s;
}

/** Lowercased, without a trailing dot. */
export function normalizeName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith(".") ? n.slice(0, -1) : n;
}

/** The fully qualified names a resolver asks for, in order. */
export function candidates(name: string, searches: readonly string[], ndots = NDOTS): string[] {
  const raw = name.trim().toLowerCase();
  if (raw === "") return [];
  if (raw.endsWith(".")) return [raw.slice(0, -1)];
  const dots = raw.split(".").length - 1;
  const searched = searches.map((s) => `${raw}.${s}`);
  return dots >= ndots ? [raw, ...searched] : [...searched, raw];
}

/** "10-244-1-5" → "10.244.1.5" (CoreDNS pod and endpoint records); undefined if not a dashed IPv4. */
export function dashedIPv4(label: string): string | undefined {
  const parts = label.split("-");
  if (parts.length !== 4) return undefined;
  for (const p of parts) if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
  return parts.join(".");
}

/** "10.244.1.5" → "10-244-1-5" */
export function dashIPv4(ip: string): string {
  return ip.replace(/\./g, "-");
}

/** Generic top-level domains the simulated internet knows (any two-letter country code counts too). */
const GENERIC_TLDS = new Set(["com", "net", "org", "io", "dev", "app", "edu", "gov", "info", "biz", "cloud", "site", "xyz", "tech", "online", "ai"]);

/**
 * Names the simulated upstream resolver answers: a dotted name under a real top-level domain (a generic one
 * or a two-letter country code). `web.nginx`, `svc.cluster.local` or `db.internal` are not.
 */
export function isPublicName(name: string): boolean {
  if (!name.includes(".") || /^[\d.]+$/.test(name)) return false;
  const tld = name.slice(name.lastIndexOf(".") + 1);
  return GENERIC_TLDS.has(tld) || /^[a-z]{2}$/.test(tld);
}
