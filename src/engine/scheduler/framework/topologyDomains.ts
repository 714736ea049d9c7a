// Interned topology domains: one object per (topology key, label value), so that PodTopologySpread can
// find a node's domain for a key with an array read (NodeInfo caches it) instead of a label lookup and a
// Map lookup per node per cycle. Upstream keys its maps by topologyPair{key, value}; a domain is that pair,
// made once. Identity only: nothing iterates the registry, so its order never reaches an output.

/** A topology pair (upstream topologyPair): `index` numbers the domains of one key densely from 0. */
export interface TopologyDomain {
  readonly keyId: number;
  readonly value: string;
  readonly index: number;
}

interface KeyDomains {
  readonly name: string;
  readonly byValue: Map<string, TopologyDomain>;
  readonly byIndex: TopologyDomain[];
}

const keyIds = new Map<string, number>();
const keys: KeyDomains[] = [];

/** A small integer for a topology key (label name), stable for the process. */
export function topologyKeyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = keys.length;
    keyIds.set(key, id);
    keys.push({ name: key, byValue: new Map(), byIndex: [] });
  }
  return id;
}

export function topologyKeyName(keyId: number): string {
  return keys[keyId]!.name;
}

/** The domain of `value` for the key; created on first use. */
export function topologyDomain(keyId: number, value: string): TopologyDomain {
  const k = keys[keyId]!;
  let d = k.byValue.get(value);
  if (d === undefined) {
    d = { keyId, value, index: k.byIndex.length };
    k.byValue.set(value, d);
    k.byIndex.push(d);
  }
  return d;
}

/** The domain with this index (TopologyDomain.index) of the key. */
export function topologyDomainAt(keyId: number, index: number): TopologyDomain {
  return keys[keyId]!.byIndex[index]!;
}

/** How many domains of the key exist so far (an upper bound for `index` + 1). */
export function numTopologyDomains(keyId: number): number {
  return keys[keyId]!.byIndex.length;
}
