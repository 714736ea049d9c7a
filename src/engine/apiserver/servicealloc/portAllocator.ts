// PortAllocator hands out NodePorts from --service-node-port-range (default 30000-32767).
// mirrors portallocator.PortAllocator (k/k pkg/registry/core/service/portallocator/allocator.go) over an
// allocationBitmap with randomScanStrategyWithOffset (pkg/registry/core/service/allocator/bitmap.go):
// like ClusterIPs (KEP-3668), the bottom of the range is a static band for user-chosen ports and dynamic
// allocation picks a random offset in the band above it, scanning upward with wrap-around.
import { errFull, errPortAllocated, errPortNotInRange } from "./allocatorErrors";

/** calculateRangeOffset's constants for ports (portallocator/allocator.go). */
export const PORT_RANGE_OFFSET = { min: 16, max: 128, step: 32 } as const;

/** utilnet.PortRange: Base and Size; "30000-32767" is {base: 30000, size: 2768}. */
export interface PortRange {
  readonly base: number;
  readonly size: number;
}

/** The default --service-node-port-range. */
export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

// mirrors utilnet.ParsePortRange for "min-max" (and a single port). Throws: it is configuration.
export function parsePortRange(s: string): PortRange {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(s);
  const low = m ? Number(m[1]) : NaN;
  const high = m?.[2] !== undefined ? Number(m[2]) : low;
  if (!m || low > high || high > 65535) throw new Error(`invalid port range ${JSON.stringify(s)}`);
  return { base: low, size: high - low + 1 };
}

/** PortRange.String(): "30000-32767". */
export function formatPortRange(pr: PortRange): string {
  return pr.size === 0 ? "" : `${pr.base}-${pr.base + pr.size - 1}`;
}

// mirrors calculateRangeOffset (portallocator/allocator.go)
export function calculatePortRangeOffset(pr: PortRange): number {
  const { min, max, step } = PORT_RANGE_OFFSET;
  if (pr.size <= min) return 0;
  const offset = Math.floor(pr.size / step);
  if (offset < min) return min;
  if (offset > max) return max;
  return offset;
}

export class PortAllocator {
  readonly rangeOffset: number;
  private readonly allocated = new Set<number>();

  constructor(
    readonly range: PortRange,
    private readonly random: () => number,
  ) {
    this.rangeOffset = calculatePortRangeOffset(range);
  }

  get used(): number {
    return this.allocated.size;
  }

  get free(): number {
    return this.range.size - this.allocated.size;
  }

  has(port: number): boolean {
    return this.allocated.has(port);
  }

  list(): number[] {
    return [...this.allocated].sort((a, b) => a - b);
  }

  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.range.base && port < this.range.base + this.range.size;
  }

  // mirrors PortAllocator.Allocate
  allocate(port: number): void {
    if (!this.contains(port)) throw errPortNotInRange(formatPortRange(this.range));
    if (this.allocated.has(port)) throw errPortAllocated();
    this.allocated.add(port);
  }

  // mirrors PortAllocator.AllocateNext → randomScanStrategyWithOffset.AllocateBit
  allocateNext(): number {
    const max = this.range.size;
    const offset = this.rangeOffset;
    if (this.allocated.size >= max) throw errFull();
    const subrangeMax = max - offset;
    let start = this.randomInt(subrangeMax);
    for (let i = 0; i < subrangeMax; i++) {
      const at = offset + ((start + i) % subrangeMax);
      if (this.take(at)) return this.range.base + at;
    }
    if (offset > 0) {
      start = this.randomInt(offset);
      for (let i = 0; i < offset; i++) {
        const at = (start + i) % offset;
        if (this.take(at)) return this.range.base + at;
      }
    }
    throw errFull();
  }

  /** Releasing a port out of range or not allocated is a no-op. */
  release(port: number): void {
    this.allocated.delete(port);
  }

  private take(at: number): boolean {
    const port = this.range.base + at;
    if (this.allocated.has(port)) return false;
    this.allocated.add(port);
    return true;
  }

  /** rand.Intn(n) from the injected source. */
  private randomInt(n: number): number {
    return Math.min(n - 1, Math.floor(this.random() * n));
  }
}
