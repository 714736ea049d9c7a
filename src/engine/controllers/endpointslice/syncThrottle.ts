// SyncThrottle spaces out pod-triggered syncs of one Service to at most one per minIntervalMs.
//
// Why: in a real kube-controller-manager a sync is not instantaneous and its writes go through a client
// limited to --kube-api-qps=20 (50ms a request), so while 500 pods of a Deployment turn Ready the
// controller sees them in batches. In the simulation a sync takes no simulated time, so without this each
// pod would cost a full O(pods) resync. A pod change long after the previous sync is handled at once, so
// small cases behave exactly as without the throttle.
import type { SimClock } from "../../sim/clock";
import type { WorkQueue } from "../../client/workqueue";

/** One request at kube-controller-manager's default --kube-api-qps of 20. */
export const CONTROLLER_CLIENT_REQUEST_INTERVAL_MS = 50;

export class SyncThrottle {
  private readonly lastSync = new Map<string, number>();

  constructor(
    private readonly queue: WorkQueue,
    private readonly clock: SimClock,
    private readonly minIntervalMs: number = CONTROLLER_CLIENT_REQUEST_INTERVAL_MS,
  ) {}

  /** Queues `key` after `delayMs`, or later if its previous sync was less than minIntervalMs ago. */
  add(key: string, delayMs = 0): void {
    const last = this.lastSync.get(key);
    const wait = last === undefined ? delayMs : Math.max(delayMs, last + this.minIntervalMs - this.clock.now());
    if (wait > 0) this.queue.addAfter(key, wait);
    else this.queue.add(key);
  }

  /** Records that `key` was just synced. */
  synced(key: string): void {
    this.lastSync.set(key, this.clock.now());
  }

  forget(key: string): void {
    this.lastSync.delete(key);
  }
}
