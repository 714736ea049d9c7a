// The transaction around one Service request's allocations (mirrors the callbackTransaction and
// metaTransaction of k/k pkg/registry/core/service/storage/transaction.go): allocations are undone in
// reverse if the request fails, releases of values the new object dropped happen only once it is stored.
import type { KubeObject } from "../../api/types";
import { ApiError } from "../errors";
import { AllocationError } from "./allocatorErrors";

/** An allocation that is not final yet: `commit` after the object is stored, `revert` if the request fails. */
export interface AllocationTxn {
  readonly service: KubeObject;
  commit(): void;
  revert(): void;
}

export class Txn implements AllocationTxn {
  readonly undo: (() => void)[] = [];
  readonly onCommit: (() => void)[] = [];
  private done = false;
  constructor(readonly service: KubeObject) {}

  commit(): void {
    if (this.done) return;
    this.done = true;
    for (const f of this.onCommit) f();
  }

  revert(): void {
    if (this.done) return;
    this.done = true;
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
  }
}

/** errors.NewInternalError: HTTP 500 "Internal error occurred: ...". */
export function internalError(message: string): ApiError {
  return new ApiError(500, "InternalError", `Internal error occurred: ${message}`);
}

/** Allocates, ignoring allocator conflicts (the repair loops only report those). */
export function tryAllocate(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AllocationError)) throw e;
  }
}
