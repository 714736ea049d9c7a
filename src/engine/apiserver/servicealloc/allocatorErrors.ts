// The allocators' sentinel errors, with upstream's exact texts: they end up inside the 422 Invalid
// message a learner reads ("failed to allocate IP 10.96.0.5: provided IP is already allocated").
// mirrors ipallocator/interfaces.go and portallocator/allocator.go (k/k pkg/registry/core/service).

export type AllocationErrorKind = "Full" | "Allocated" | "NotInRange" | "MismatchedNetwork";

export class AllocationError extends Error {
  constructor(
    readonly kind: AllocationErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "AllocationError";
  }
}

/** ErrFull (both allocators). */
export const errFull = (): AllocationError => new AllocationError("Full", "range is full");

/** ipallocator.ErrAllocated */
export const errIPAllocated = (): AllocationError => new AllocationError("Allocated", "provided IP is already allocated");

/**
 * ipallocator.ErrMismatchedNetwork: what the MetaAllocator (MultiCIDRServiceAllocator, GA in v1.33) answers
 * for an address that no ServiceCIDR contains.
 */
export const errMismatchedNetwork = (): AllocationError =>
  new AllocationError("MismatchedNetwork", "the provided network does not match the current range");

/** ipallocator.ErrNotInRange: inside the prefix but not allocatable (its network or broadcast address). */
export const errIPNotInRange = (ip: string, validRange: string): AllocationError =>
  new AllocationError("NotInRange", `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${validRange}`);

/** portallocator.ErrAllocated */
export const errPortAllocated = (): AllocationError => new AllocationError("Allocated", "provided port is already allocated");

/** portallocator.ErrNotInRange */
export const errPortNotInRange = (validPorts: string): AllocationError =>
  new AllocationError("NotInRange", `provided port is not in the valid range. The range of valid ports is ${validPorts}`);
