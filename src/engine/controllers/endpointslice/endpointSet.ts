// EndpointSet: endpoints keyed by identity (addresses, hostname, target pod) so that a change of
// conditions, node or zone is an in-place update rather than a remove + add.
// mirrors k8s.io/endpointslice/util/endpointset.go (hashEndpoint, EndpointSet) and
// EndpointsEqualBeyondHash / NewPortMapKey (util/controller_utils.go).
// Upstream keys are FNV hashes of a spew dump and PopAny follows Go's random map order; here keys are
// plain strings and PopAny takes the oldest entry, so the result is deterministic.
import type { ObjectReference } from "../../api/types";
import type { Endpoint, EndpointPort } from "./types";

/** Endpoint objects are never changed once built or stored, so their hash can be remembered. */
const hashes = new WeakMap<Endpoint, string>();

// mirrors hashEndpoint: addresses (sorted), hostname and the target's namespace/name.
export function hashEndpoint(ep: Endpoint): string {
  let h = hashes.get(ep);
  if (h === undefined) {
    const addrs = ep.addresses.length > 1 ? [...ep.addresses].sort() : ep.addresses;
    h = `${addrs.join(",")}|${ep.hostname ?? ""}|${ep.targetRef?.namespace ?? ""}/${ep.targetRef?.name ?? ""}`;
    hashes.set(ep, h);
  }
  return h;
}

export class EndpointSet {
  private readonly items = new Map<string, Endpoint>();

  get size(): number {
    return this.items.size;
  }

  insert(ep: Endpoint): void {
    this.items.set(hashEndpoint(ep), ep);
  }

  get(ep: Endpoint): Endpoint | undefined {
    return this.items.get(hashEndpoint(ep));
  }

  delete(ep: Endpoint): void {
    this.items.delete(hashEndpoint(ep));
  }

  /** Removes and returns one endpoint (the earliest inserted), or undefined when empty. */
  popAny(): Endpoint | undefined {
    for (const [k, ep] of this.items) {
      this.items.delete(k);
      return ep;
    }
    return undefined;
  }
}

function sameRef(a: ObjectReference | undefined, b: ObjectReference | undefined): boolean {
  if (!a || !b) return a === b;
  // semanticIgnoreResourceVersion: a pod's resourceVersion moving is not an endpoint change.
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.uid === b.uid &&
    a.apiVersion === b.apiVersion && a.fieldPath === b.fieldPath;
}

// mirrors EndpointsEqualBeyondHash
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  return a.nodeName === b.nodeName && a.zone === b.zone &&
    a.conditions.ready === b.conditions.ready && a.conditions.serving === b.conditions.serving &&
    a.conditions.terminating === b.conditions.terminating && sameRef(a.targetRef, b.targetRef);
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ""}/${p.protocol ?? ""}/${p.port ?? ""}/${p.appProtocol ?? ""}`;
}

/** NewPortMapKey: identifies a set of endpoint ports regardless of order (nil and empty are the same). */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  if (!ports || ports.length === 0) return "";
  return ports.map(portKey).sort().join(";");
}
