// ControllerExpectations mirrors controller_utils.go: after a controller asks for N creates or deletes
// it waits until its informer has observed them before acting on that owner again, so a stale cache
// cannot make it create twice. Expectations expire after 5 minutes (ExpectationsTimeout).
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
}

export class ControllerExpectations {
  private readonly items = new Map<string, Expectation>();

  /** True when the controller may act on `key`: nothing pending, expired, or never set. */
  satisfied(key: string, now: number): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return now - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number, now: number): void {
    this.items.set(key, { add: n, del: 0, timestamp: now });
  }

  expectDeletions(key: string, n: number, now: number): void {
    this.items.set(key, { add: 0, del: n, timestamp: now });
  }

  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string): void {
    const e = this.items.get(key);
    if (e) e.del--;
  }

  /** Lowers the expectation when a create/delete request failed or was skipped (never observed). */
  lowerExpectations(key: string, add: number, del: number): void {
    const e = this.items.get(key);
    if (e) {
      e.add -= add;
      e.del -= del;
    }
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}
