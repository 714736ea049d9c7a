// The core/v1 Endpoints shapes and RepackSubsets: the controller builds one subset per pod and port, then
// repacks them into the canonical form, one subset per distinct set of addresses with all the ports
// those addresses serve (an address not ready on any port is not ready on all of them).
// mirrors RepackSubsets, mapAddressByPort, LessEndpointAddress and SortSubsets
// (k/k pkg/api/v1/endpoints/util.go). Upstream orders ports and subsets by an md5 of their spew dump;
// that order is arbitrary, so here ports sort by (name, port, protocol) and subsets by first address.
import type { KubeObject, ObjectReference } from "../../api/types";

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  kind: "Endpoints";
  subsets?: EndpointSubset[];
}

/** The port that stands for "no ports" (headless Services without ports). */
const SENTINEL: EndpointPort = { port: -1 };

const addrKey = (a: EndpointAddress): string => `${a.ip}|${a.targetRef?.uid ?? ""}`;
const portKey = (p: EndpointPort): string => `${p.name ?? ""}|${p.port}|${p.protocol ?? ""}|${p.appProtocol ?? ""}`;

// mirrors LessEndpointAddress: by IP bytes, then target uid (no target first).
export function compareEndpointAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid;
  const ub = b.targetRef?.uid;
  if (ua === ub) return 0;
  if (ub === undefined) return 1;
  if (ua === undefined) return -1;
  return ua < ub ? -1 : 1;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const ka = `${a.name ?? ""}\u0000${String(a.port).padStart(5, "0")}\u0000${a.protocol ?? ""}`;
  const kb = `${b.name ?? ""}\u0000${String(b.port).padStart(5, "0")}\u0000${b.protocol ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function samePorts(a: readonly EndpointPort[] | undefined, b: readonly EndpointPort[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p.port !== q.port || p.name !== q.name || p.protocol !== q.protocol || p.appProtocol !== q.appProtocol) return false;
  }
  return true;
}

/**
 * The common case, one subset per pod all with the same ports (addresses of distinct pods never
 * collide, since the target uid is part of an address's identity): the result is one subset.
 */
function repackUniform(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const ready: EndpointAddress[] = [];
  const notReady: EndpointAddress[] = [];
  for (const ss of subsets) {
    for (const a of ss.addresses ?? []) ready.push({ ...a });
    for (const a of ss.notReadyAddresses ?? []) notReady.push({ ...a });
  }
  const out: EndpointSubset = {};
  if (ready.length > 0) out.addresses = ready.sort(compareEndpointAddress);
  if (notReady.length > 0) out.notReadyAddresses = notReady.sort(compareEndpointAddress);
  const ports = (subsets[0]!.ports ?? []).filter((p) => p.port > 0);
  if (ports.length > 0) out.ports = [...ports].sort(comparePorts);
  return ready.length + notReady.length > 0 ? [out] : [];
}

/** `perPod`: each subset holds one pod's single address (the controller's layout), enabling the fast path. */
export function repackSubsets(subsets: readonly EndpointSubset[], perPod = false): EndpointSubset[] {
  if (perPod && subsets.length > 0 && subsets.every((ss) => samePorts(ss.ports, subsets[0]!.ports))) return repackUniform(subsets);
  const allAddrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort; ready: Map<EndpointAddress, boolean> }>();
  const map = (addr: EndpointAddress, port: EndpointPort, ready: boolean): void => {
    let existing = allAddrs.get(addrKey(addr));
    if (!existing) allAddrs.set(addrKey(addr), (existing = { ...addr }));
    let entry = byPort.get(portKey(port));
    if (!entry) byPort.set(portKey(port), (entry = { port, ready: new Map() }));
    // Not ready always trumps ready.
    const was = entry.ready.get(existing);
    if (was === undefined || was) entry.ready.set(existing, ready);
  };
  for (const ss of subsets) {
    const ports = ss.ports && ss.ports.length > 0 ? ss.ports : [SENTINEL];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) map(a, port, true);
      for (const a of ss.notReadyAddresses ?? []) map(a, port, false);
    }
  }
  // Group ports by the exact set of (address, ready) they are served on.
  const groups = new Map<string, { ready: Map<EndpointAddress, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready].map(([a, r]) => `${addrKey(a)}=${r}`).sort().join(",");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ready, ports: [] }));
    if (port.port > 0) g.ports.push(port);
  }
  const final: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [a, r] of g.ready) (r ? ready : notReady).push(a);
    const ss: EndpointSubset = {};
    if (ready.length > 0) ss.addresses = ready.sort(compareEndpointAddress);
    if (notReady.length > 0) ss.notReadyAddresses = notReady.sort(compareEndpointAddress);
    if (g.ports.length > 0) ss.ports = g.ports.sort(comparePorts);
    final.push(ss);
  }
  const first = (s: EndpointSubset): EndpointAddress => (s.addresses ?? s.notReadyAddresses ?? [{ ip: "" }])[0]!;
  return final.sort((a, b) => compareEndpointAddress(first(a), first(b)));
}
