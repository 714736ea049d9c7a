// IPAllocator hands out Service ClusterIPs from one Service CIDR.
// mirrors ipallocator.Allocator (k/k pkg/registry/core/service/ipallocator/ipallocator.go), the
// IPAddress-backed allocator kube-apiserver uses since MultiCIDRServiceAllocator went GA (v1.33); the set
// of allocated addresses stands in for the IPAddress objects.
//
// KEP-3070 splits the range in two: a static band of calculateRangeOffset addresses at the bottom, kept
// for users who pick their own clusterIP (kubeadm's DNS Service asks for 10.96.0.10), and the dynamic
// band above it, from which AllocateNext draws a random starting point and scans upward (wrapping within
// the band). Only when the dynamic band is full does it fall back to the static band.
import { cidrContains, formatIPv4, parseCIDR, type CIDR } from "./ipv4";
import { AllocationError, errFull, errIPAllocated, errIPNotInRange, errMismatchedNetwork } from "./allocatorErrors";

/** calculateRangeOffset's min(max($min, cidrSize/$step), $max) constants for IPs (bitmap.go). */
export const IP_RANGE_OFFSET = { min: 16, max: 256, step: 16 } as const;

// mirrors calculateRangeOffset (ipallocator/bitmap.go): 0 for ranges of 16 addresses or fewer.
export function calculateIPRangeOffset(cidr: CIDR): number {
  const { min, max, step } = IP_RANGE_OFFSET;
  if (cidr.size <= min) return 0;
  const offset = Math.floor(cidr.size / step);
  if (offset < min) return min;
  if (offset > max) return max;
  return offset;
}

// mirrors hostsPerNetwork: IPv4 leaves out the network and broadcast addresses.
function hostsPerNetwork(cidr: CIDR): number {
  return Math.max(0, cidr.size - 2);
}

export class IPAllocator {
  readonly cidr: CIDR;
  /** First allocatable address (the network's ".1"). */
  readonly first: number;
  /** Last allocatable address (below the broadcast address). */
  readonly last: number;
  /** Size of the static band; the dynamic band starts at first + rangeOffset. */
  readonly rangeOffset: number;
  /** Number of allocatable addresses. */
  readonly size: number;
  private readonly allocated = new Set<number>();

  constructor(
    cidr: string,
    private readonly random: () => number,
  ) {
    this.cidr = parseCIDR(cidr);
    this.size = hostsPerNetwork(this.cidr);
    this.first = this.cidr.network + 1;
    this.last = this.cidr.network + this.cidr.size - 2;
    this.rangeOffset = calculateIPRangeOffset(this.cidr);
  }

  get used(): number {
    return this.allocated.size;
  }

  get free(): number {
    return this.size - this.allocated.size;
  }

  has(ip: number): boolean {
    return this.allocated.has(ip);
  }

  /** Every allocated address, ascending (ForEach). */
  list(): number[] {
    return [...this.allocated].sort((a, b) => a - b);
  }

  // mirrors MetaAllocator.AllocateService + Allocator.allocateService: a static (user-chosen) address.
  allocate(ip: number): void {
    if (!cidrContains(this.cidr, ip)) throw errMismatchedNetwork();
    if (ip < this.first || ip > this.last) throw errIPNotInRange(formatIPv4(ip), this.cidr.text);
    if (this.allocated.has(ip)) throw errIPAllocated();
    this.allocated.add(ip);
  }

  // mirrors Allocator.allocateNextService: a random start in the dynamic band, then the static band.
  allocateNext(): number {
    const upper = this.size - this.rangeOffset;
    if (upper <= 0) throw errFull();
    const fromUpper = this.scan(this.first + this.rangeOffset, upper, this.randomInt(upper));
    if (fromUpper !== undefined) return fromUpper;
    if (this.rangeOffset > 0) {
      const fromLower = this.scan(this.first, this.rangeOffset, this.randomInt(this.rangeOffset));
      if (fromLower !== undefined) return fromLower;
    }
    throw errFull();
  }

  /** Releasing an address that is not allocated (or not ours) is a no-op, as upstream. */
  release(ip: number): void {
    this.allocated.delete(ip);
  }

  // mirrors ipIterator + allocateFromRange: from base+offset upward, wrapping to base, once around.
  private scan(base: number, count: number, offset: number): number | undefined {
    for (let i = 0; i < count; i++) {
      const ip = base + ((offset + i) % count);
      if (!this.allocated.has(ip)) {
        this.allocated.add(ip);
        return ip;
      }
    }
    return undefined;
  }

  /** rand.Int63n(n) from the injected source. */
  private randomInt(n: number): number {
    return Math.min(n - 1, Math.floor(this.random() * n));
  }
}

export { AllocationError };
