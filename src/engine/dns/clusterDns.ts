// ClusterDns answers DNS questions the way CoreDNS's kubernetes plugin does for zone cluster.local
// (kubeadm's Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure }`, then
// `forward . /etc/resolv.conf`):
//   <svc>.<ns>.svc.cluster.local            A: the cluster IP; headless: the ready endpoints' addresses;
//                                           ExternalName: CNAME to spec.externalName
//   <hostname>.<svc>.<ns>.svc.cluster.local A: the endpoint with that hostname (StatefulSet pods behind
//                                           their governing headless Service), or the dashed-IP form
//   <a-b-c-d>.<ns>.pod.cluster.local        A: a.b.c.d ("pods insecure" does not check the pod exists)
// Anything else in the zone is NXDOMAIN; names outside it go upstream, where the simulated internet
// answers public names with a stable TEST-NET-2 (198.51.100.0/24) address.
// mirrors the record rules of coredns/plugin/kubernetes (kubernetes.go Records/findServices/findPods).
import { fnv32a } from "../apimachinery/hash";
import type { Informer } from "../client/informer";
import type { SharedInformers } from "../client/sharedInformers";
import type { EndpointSlice, Service } from "../controllers/endpointslice/types";
import { indexSlicesByService, SLICES_BY_SERVICE } from "../proxy/indexes";
import { candidates, CLUSTER_DOMAIN, dashedIPv4, dashIPv4, isPublicName, normalizeName } from "./dnsNames";

export type DnsAnswer =
  /** `name` is the name that answered (after search expansion); `cname` when it was an alias. */
  | { readonly rcode: "NOERROR"; readonly name: string; readonly cname?: string; readonly addresses: readonly string[] }
  /** `name` is the last candidate tried. */
  | { readonly rcode: "NXDOMAIN"; readonly name: string }
  /** CoreDNS unreachable (no ready kube-dns endpoints): the stub resolver times out. */
  | { readonly rcode: "TIMEOUT"; readonly name: string };

export interface ResolveOptions {
  /** Search domains (from the pod's resolv.conf); none for an absolute lookup. */
  readonly searches?: readonly string[];
  readonly ndots?: number;
}

const NO_SEARCHES: readonly string[] = [];
/** Search lists are shared arrays (clusterFirstSearches): join each once. */
const joinedSearches = new WeakMap<readonly string[], string>();

/** The simulated internet's address for a public name: stable, in TEST-NET-2. */
export function publicAddress(name: string): string {
  return `198.51.100.${(fnv32a(name) % 254) + 1}`;
}

export class ClusterDns {
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  /** Answers by question, dropped on any Service or EndpointSlice change (CoreDNS serves from its cache too). */
  private readonly cache = new Map<string, DnsAnswer>();
  /** Bumped on every Service or EndpointSlice change: answers given before may be stale. */
  generation = 0;

  constructor(
    informers: SharedInformers,
    /** Whether CoreDNS can be reached through the kube-dns Service (10.96.0.10). */
    private readonly serverUp: () => boolean,
    readonly domain = CLUSTER_DOMAIN,
  ) {
    this.services = informers.for<Service>("services");
    this.slices = informers.for<EndpointSlice>("endpointslices");
    indexSlicesByService(this.slices);
    const changed = (): void => {
      this.cache.clear();
      this.generation++;
    };
    this.services.addEventHandler({ add: changed, update: changed, delete: changed });
    this.slices.addEventHandler({ add: changed, update: changed, delete: changed });
  }

  /** A stub resolver's lookup: candidates from the search path in order, the first answer wins. */
  resolve(name: string, opts: ResolveOptions = {}): DnsAnswer {
    const searches = opts.searches ?? NO_SEARCHES;
    let joined = joinedSearches.get(searches);
    if (joined === undefined) joinedSearches.set(searches, (joined = searches.join(" ")));
    const key = `${name}|${opts.ndots ?? ""}|${joined}`;
    const cached = this.cache.get(key);
    if (cached && this.serverUp()) return cached;
    const names = candidates(name, searches, opts.ndots);
    if (names.length === 0) return { rcode: "NXDOMAIN", name };
    if (!this.serverUp()) return { rcode: "TIMEOUT", name: names[0]! };
    let answer: DnsAnswer = { rcode: "NXDOMAIN", name: names[names.length - 1]! };
    for (const n of names) {
      const a = this.answer(n);
      if (a.rcode === "NOERROR") {
        answer = a;
        break;
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, answer);
    return answer;
  }

  /** One fully qualified question. */
  answer(fqdn: string): DnsAnswer {
    const name = normalizeName(fqdn);
    const zone = `.${this.domain}`;
    if (!name.endsWith(zone)) {
      return isPublicName(name) ? { rcode: "NOERROR", name, addresses: [publicAddress(name)] } : { rcode: "NXDOMAIN", name };
    }
    const labels = name.slice(0, -zone.length).split(".");
    const kind = labels[labels.length - 1];
    if (kind === "pod" && labels.length === 3) {
      const ip = dashedIPv4(labels[0]!);
      return ip ? { rcode: "NOERROR", name, addresses: [ip] } : { rcode: "NXDOMAIN", name };
    }
    if (kind !== "svc" || labels.length < 3 || labels.length > 4) return { rcode: "NXDOMAIN", name };
    const ns = labels[labels.length - 2]!;
    const svcName = labels[labels.length - 3]!;
    const svc = this.services.get(`${ns}/${svcName}`);
    if (!svc) return { rcode: "NXDOMAIN", name };
    if (labels.length === 4) return this.endpointRecord(name, svc, labels[0]!);
    if (svc.spec?.type === "ExternalName") {
      const target = normalizeName(String(svc.spec.externalName ?? ""));
      const upstream = this.answer(target);
      return upstream.rcode === "NOERROR" ? { rcode: "NOERROR", name, cname: target, addresses: upstream.addresses } : { rcode: "NXDOMAIN", name };
    }
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== "None") return { rcode: "NOERROR", name, addresses: [ip] };
    const addrs = this.readyAddresses(svc);
    return addrs.length > 0 ? { rcode: "NOERROR", name, addresses: addrs } : { rcode: "NXDOMAIN", name };
  }

  /** Addresses of the Service's ready endpoints, deduplicated, in slice order. */
  readyAddresses(svc: Service): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const s of this.sortedSlices(svc)) {
      for (const e of s.endpoints ?? []) {
        if (e.conditions?.ready === false) continue;
        const ip = e.addresses?.[0];
        if (ip && !seen.has(ip)) {
          seen.add(ip);
          out.push(ip);
        }
      }
    }
    return out;
  }

  private endpointRecord(name: string, svc: Service, label: string): DnsAnswer {
    for (const s of this.sortedSlices(svc)) {
      for (const e of s.endpoints ?? []) {
        const ip = e.addresses?.[0];
        if (!ip || e.conditions?.ready === false) continue;
        if (e.hostname === label || (e.hostname === undefined && dashIPv4(ip) === label)) return { rcode: "NOERROR", name, addresses: [ip] };
      }
    }
    return { rcode: "NXDOMAIN", name };
  }

  private sortedSlices(svc: Service): EndpointSlice[] {
    const list = this.slices.byIndex(SLICES_BY_SERVICE, `${svc.metadata.namespace}/${svc.metadata.name}`);
    return list.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }
}
