// `kubectl get` for networking kinds: ingresses, ingressclasses, networkpolicies, endpoints, endpointslices.
// mirrors printIngress, formatHosts, formatPorts, printIngressClass, printNetworkPolicy, printEndpoints,
// formatEndpoints, printEndpointSlice, formatDiscoveryPorts, formatDiscoveryEndpoints, listWithMoreString
// (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { loadBalancerStatusStringer } from "./services";
import { age, arr, col, field, int, NAME, rec, str, type Cell, type KindPrinter } from "./types";

const MAX_LISTED = 3;

/** net.JoinHostPort: IPv6 hosts get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

// mirrors formatHosts: the first three hosts, "*" when no rule names one.
export function formatHosts(rules: unknown[]): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === MAX_LISTED) more = true;
    const host = str(rec(rule).host);
    if (!more && host.length !== 0) list.push(host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${rules.length - MAX_LISTED} more...` : ret;
}

export const ingressPrinter: KindPrinter = {
  columns: [NAME, col("Class"), col("Hosts"), col("Address"), col("Ports"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const spec = rec(obj.spec);
    return [
      obj.metadata.name,
      str(spec.ingressClassName) || "<none>",
      formatHosts(arr(spec.rules)),
      loadBalancerStatusStringer(field(obj, "status", "loadBalancer"), true),
      arr(spec.tls).length !== 0 ? "80, 443" : "80",
      age(obj, now),
    ];
  },
};

export const ingressClassPrinter: KindPrinter = {
  columns: [NAME, col("Controller"), col("Parameters"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const spec = rec(obj.spec);
    let parameters = "<none>";
    if (spec.parameters !== undefined && spec.parameters !== null) {
      const p = rec(spec.parameters);
      parameters = str(p.kind);
      if (typeof p.apiGroup === "string") parameters += "." + p.apiGroup;
      parameters += "/" + str(p.name);
    }
    return [obj.metadata.name, str(spec.controller), parameters, age(obj, now)];
  },
};

export const networkPolicyPrinter: KindPrinter = {
  columns: [NAME, col("Pod-Selector"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    // podSelector is a struct, not a pointer: an absent one is the empty selector.
    return [obj.metadata.name, formatLabelSelector((field(obj, "spec", "podSelector") ?? {}) as never), age(obj, now)];
  },
};

// mirrors formatEndpoints(endpoints, nil)
export function formatEndpoints(subsets: unknown[]): string {
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const s of subsets) {
    const addresses = arr(rec(s).addresses);
    const ports = arr(rec(s).ports);
    if (ports.length === 0) {
      // It's possible to have headless services with no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX_LISTED) {
          more = true;
          break;
        }
        list.push(str(rec(a).ip));
      }
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX_LISTED) {
          more = true;
          break;
        }
        list.push(joinHostPort(str(rec(a).ip), int(rec(p).port)));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - MAX_LISTED} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [NAME, col("Endpoints"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, formatEndpoints(arr((obj as Record<string, unknown>).subsets)), age(obj, now)];
  },
};

function listWithMoreString(list: string[], more: boolean, count: number): string {
  const ret = list.join(",");
  if (more) return `${ret} + ${count - MAX_LISTED} more...`;
  return ret === "" ? "<unset>" : ret;
}

// mirrors formatDiscoveryPorts: the port number, else its name, else "*".
function formatDiscoveryPorts(ports: unknown[]): string {
  const list: string[] = [];
  let more = false;
  for (const p of ports) {
    const port = rec(p);
    if (list.length < MAX_LISTED) list.push(typeof port.port === "number" ? String(port.port) : typeof port.name === "string" ? port.name : "*");
    else if (list.length === MAX_LISTED) more = true;
  }
  return listWithMoreString(list, more, ports.length);
}

// mirrors formatDiscoveryEndpoints: every address of every endpoint counts.
function formatDiscoveryEndpoints(endpoints: unknown[]): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of endpoints) {
    for (const a of arr<string>(rec(e).addresses)) {
      if (list.length < MAX_LISTED) list.push(a);
      else if (list.length === MAX_LISTED) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count);
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [NAME, col("AddressType"), col("Ports"), col("Endpoints"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const o = obj as Record<string, unknown>;
    return [obj.metadata.name, str(o.addressType), formatDiscoveryPorts(arr(o.ports)), formatDiscoveryEndpoints(arr(o.endpoints)), age(obj, now)];
  },
};
