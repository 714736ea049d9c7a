// IPv4 addresses as unsigned 32-bit numbers, and CIDR prefixes. The simulated cluster is single-stack
// IPv4 (kind's default), so the Service allocators only ever see IPv4; an IPv6 address is "not ours".

/** A parsed CIDR prefix such as 10.96.0.0/12. `size` counts every address, network and broadcast included. */
export interface CIDR {
  /** The masked network address (10.96.0.0). */
  readonly network: number;
  readonly bits: number;
  /** 2^(32 - bits): netutils.RangeSize. */
  readonly size: number;
  /** The canonical text form, as netip.Prefix.String() prints it. */
  readonly text: string;
}

const OCTET = /^(0|[1-9][0-9]{0,2}|0[0-9]{1,2})$/;

/**
 * Parses a dotted quad into an unsigned 32-bit number, or undefined. Leading zeros are accepted (and read
 * as decimal) like netutils.ParseIPSloppy; format validation proper is the Service validator's job.
 */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** Parses "a.b.c.d/n". Throws on malformed input: a CIDR is cluster configuration, not user input. */
export function parseCIDR(s: string): CIDR {
  const slash = s.indexOf("/");
  const ip = slash < 0 ? undefined : parseIPv4(s.slice(0, slash));
  const bits = slash < 0 ? NaN : Number(s.slice(slash + 1));
  if (ip === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(s)}`);
  const size = 2 ** (32 - bits);
  const network = ip - (ip % size);
  return { network, bits, size, text: `${formatIPv4(network)}/${bits}` };
}

export function cidrContains(cidr: CIDR, ip: number): boolean {
  return ip >= cidr.network && ip < cidr.network + cidr.size;
}
