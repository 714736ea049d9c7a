// `kubectl describe` for Services, Endpoints and Namespaces.
// mirrors describeService, buildIngressString, formatEndpointSlices, describeEndpoints, describeNamespace,
// DescribeResourceQuotas and DescribeLimitRanges (kubectl pkg/describe/describe.go). Go ranges over maps in
// random order; map keys print sorted here.
import type { KubeEvent, KubeObject } from "../../../api/types";
import { formatLabels } from "../../../apimachinery/labels";
import { quantityString } from "../columns/quantity";
import { arr, field, int, rec, str } from "../columns/types";
import { scopeHelp } from "./config";
import { describeEvents } from "./events";
import { formatRFC1123Z, LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";

type Obj = Record<string, unknown>;

// net.JoinHostPort: IPv6 addresses are bracketed.
const joinHostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

// mirrors formatEndpointSlices: at most 3 ready "ip:port" entries, then " + N more...". `ports` undefined = all ports.
export function formatEndpointSlices(slices: readonly KubeObject[], ports: ReadonlySet<string> | undefined): string {
  if (slices.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  // A nil ready condition means unknown: consumers treat it as ready.
  const isReady = (ep: unknown) => {
    const r = field(ep, "conditions", "ready");
    return r === undefined || r === null || r === true;
  };
  for (const slice of slices) {
    const slicePorts = arr<Obj>(field(slice, "ports"));
    const endpoints = arr<Obj>(field(slice, "endpoints"));
    if (slicePorts.length === 0) {
      // Headless services may have no ports.
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (!isReady(ep)) continue;
        if (!more) list.push(str(arr(ep.addresses)[0]));
        count++;
      }
      continue;
    }
    for (const port of slicePorts) {
      if (ports !== undefined && !ports.has(str(port.name))) continue;
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (!isReady(ep)) continue;
        if (!more) list.push(joinHostPort(str(arr(ep.addresses)[0]), int(port.port)));
        count++;
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

// mirrors buildIngressString
function buildIngressString(ingress: readonly Obj[]): string {
  return ingress.map((i) => (i.ip ? `${str(i.ip)}${i.ipMode ? ` (${str(i.ipMode)})` : ""}` : str(i.hostname))).join(", ");
}

/** The text of `kubectl describe service`; `endpointSlices` are the slices labelled with the service's name. */
export function describeService(svc: KubeObject, endpointSlices: readonly KubeObject[], events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = rec(field(svc, "spec"));
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", svc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector as Record<string, string> | undefined)}\n`);
    w.write(LEVEL_0, `Type:\t${str(spec.type)}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
    const families = arr<string>(spec.ipFamilies);
    w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(",") : "<none>"}\n`);
    w.write(LEVEL_0, `IP:\t${str(spec.clusterIP)}\n`);
    const ips = arr<string>(spec.clusterIPs);
    w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(",") : "<none>"}\n`);
    const externalIPs = arr<string>(spec.externalIPs);
    if (externalIPs.length > 0) w.write(LEVEL_0, `External IPs:\t${externalIPs.join(",")}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${str(spec.externalName)}\n`);
    const ingress = arr<Obj>(field(svc, "status", "loadBalancer", "ingress"));
    if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${buildIngressString(ingress)}\n`);
    for (const sp of arr<Obj>(spec.ports)) {
      const name = str(sp.name) || "<unset>";
      const protocol = str(sp.protocol) || "TCP";
      w.write(LEVEL_0, `Port:\t${name}\t${int(sp.port)}/${protocol}\n`);
      // An unset targetPort is defaulted to the port by the API server.
      const tp = sp.targetPort ?? sp.port;
      w.write(LEVEL_0, `TargetPort:\t${String(tp)}/${protocol}\n`);
      if (int(sp.nodePort) !== 0) w.write(LEVEL_0, `NodePort:\t${name}\t${int(sp.nodePort)}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(endpointSlices, new Set([str(sp.name)]))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
    if (int(spec.healthCheckNodePort) !== 0) w.write(LEVEL_0, `HealthCheck NodePort:\t${int(spec.healthCheckNodePort)}\n`);
    const ranges = arr<string>(spec.loadBalancerSourceRanges);
    if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(",")}\n`);
    if (spec.trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${str(spec.trafficDistribution)}\n`);
    describeEvents(events, w, now);
  });
}

/** The text of `kubectl describe endpoints`. */
export function describeEndpoints(ep: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", ep.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
    w.write(LEVEL_0, "Subsets:\n");
    for (const subset of arr<Obj>(field(ep, "subsets"))) {
      const ips = (key: string) => arr<Obj>(subset[key]).map((a) => str(a.ip)).join(",") || "<none>";
      w.write(LEVEL_1, `Addresses:\t${ips("addresses")}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${ips("notReadyAddresses")}\n`);
      const ports = arr<Obj>(subset.ports);
      if (ports.length > 0) {
        w.write(LEVEL_1, "Ports:\n");
        w.write(LEVEL_2, "Name\tPort\tProtocol\n");
        w.write(LEVEL_2, "----\t----\t--------\n");
        for (const p of ports) w.write(LEVEL_2, `${str(p.name) || "<unset>"}\t${int(p.port)}\t${str(p.protocol) || "TCP"}\n`);
      }
      w.write(LEVEL_0, "\n");
    }
    describeEvents(events, w, now);
  });
}

// mirrors DescribeResourceQuotas: quotas sorted by name, resources by name.
function describeResourceQuotas(quotas: readonly KubeObject[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, "No resource quota.\n");
    return;
  }
  w.write(LEVEL_0, "Resource Quotas\n");
  for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
    const scopes = [...arr<string>(field(q, "spec", "scopes"))].sort();
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(", ")}\n`);
      for (const s of scopes) {
        const help = scopeHelp(s);
        if (help) w.write(LEVEL_1, `* ${help}\n`);
      }
    }
    w.write(LEVEL_1, "Resource\tUsed\tHard\n");
    w.write(LEVEL_1, "--------\t---\t---\n");
    const hard = rec(field(q, "status", "hard"));
    const used = rec(field(q, "status", "used"));
    for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${quantityString(used[r]) || "0"}\t${quantityString(hard[r])}\n`);
  }
}

// mirrors DescribeLimitRanges with describeLimitRangeSpec(spec, " ", w)
function describeLimitRanges(limitRanges: readonly KubeObject[], w: PrefixWriter): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, "No LimitRange resource.\n");
    return;
  }
  w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  for (const lr of limitRanges) {
    for (const item of arr<Obj>(field(lr, "spec", "limits"))) {
      const names = new Set<string>();
      for (const key of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) for (const k of Object.keys(rec(item[key]))) names.add(k);
      const v = (key: string, k: string) => (k in rec(item[key]) ? quantityString(rec(item[key])[k]) : "-");
      for (const k of [...names].sort()) {
        w.write(LEVEL_0, ` ${str(item.type)}\t${k}\t${v("min", k)}\t${v("max", k)}\t${v("defaultRequest", k)}\t${v("default", k)}\t${v("maxLimitRequestRatio", k)}\n`);
      }
    }
  }
}

/** The text of `kubectl describe namespace`, with the namespace's quotas and limit ranges. */
export function describeNamespace(ns: KubeObject, quotas: readonly KubeObject[], limitRanges: readonly KubeObject[]): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ns.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${str(field(ns, "status", "phase"))}\n`);
    const conditions = arr<Obj>(field(ns, "status", "conditions"));
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${formatRFC1123Z(str(c.lastTransitionTime))}\t${str(c.reason)}\t${str(c.message)}\n`);
    }
    w.write(LEVEL_0, "\n");
    describeResourceQuotas(quotas, w);
    w.write(LEVEL_0, "\n");
    describeLimitRanges(limitRanges, w);
  });
}
