// IP addresses and CIDR blocks for NetworkPolicy ipBlock peers (IPv4 and IPv6), without allocation on the
// matching path beyond the parsed address.
// mirrors the semantics of net.ParseIP / net.ParseCIDR and IPNet.Contains (Go's net package) that
// network plugins use for ipBlock.cidr and ipBlock.except.

export interface ParsedCidr {
  v6: boolean;
  /** The network address as a bigint (32 or 128 bits). */
  base: bigint;
  bits: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let text = s;
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
  let v4: bigint | undefined;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const split = (h: string): string[] => (h === "" ? [] : h.split(":"));
  const head = split(halves[0] as string);
  let groups: string[];
  if (halves.length === 1) {
    if (head.length !== 8) return undefined;
    groups = head;
  } else {
    const tail = split(halves[1] as string);
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  }
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4 !== undefined) n = ((n >> 32n) << 32n) | v4;
  return n;
}

/** An address as [is IPv6, value]; undefined when it is not an IP address. */
export function parseIP(s: string): [boolean, bigint] | undefined {
  if (s.includes(":")) {
    const v = parseIPv6(s);
    return v === undefined ? undefined : [true, v];
  }
  const v = parseIPv4(s);
  return v === undefined ? undefined : [false, v];
}

const cache = new Map<string, ParsedCidr | null>();

/** "10.0.0.0/24" → its network; undefined when malformed (validation rejects such policies). */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  let c = cache.get(cidr);
  if (c === undefined) {
    c = null;
    const slash = cidr.indexOf("/");
    const ip = slash < 0 ? undefined : parseIP(cidr.slice(0, slash));
    const bitsText = slash < 0 ? "" : cidr.slice(slash + 1);
    if (ip && /^\d{1,3}$/.test(bitsText)) {
      const [v6, value] = ip;
      const width = v6 ? 128 : 32;
      const bits = Number(bitsText);
      if (bits <= width) c = { v6, bits, base: bits === 0 ? 0n : (value >> BigInt(width - bits)) << BigInt(width - bits) };
    }
    if (cache.size > 4096) cache.clear();
    cache.set(cidr, c);
  }
  return c ?? undefined;
}

export function cidrContains(cidr: ParsedCidr, ip: [boolean, bigint]): boolean {
  const [v6, value] = ip;
  if (v6 !== cidr.v6) return false;
  const width = v6 ? 128 : 32;
  const shift = BigInt(width - cidr.bits);
  return cidr.bits === 0 || (value >> shift) << shift === cidr.base;
}
