// EventTTL: kube-apiserver stores Events under an etcd lease of --event-ttl (default 1h). Every write of an
// event (its creation, and each count patch from the recorder's correlator) attaches a fresh lease; when
// the lease expires etcd deletes the key. Watchers see DELETED; nobody made an API request, so there is no
// audit entry. This is why `kubectl get events` only reaches back about an hour on a real cluster, and it
// keeps a long-running simulation's memory bounded.
// mirrors the event registry's TTLFunc (pkg/registry/core/event/storage/storage.go) and etcd lease expiry.
import type { SimClock } from "../sim/clock";
import type { Store } from "./store";

/** --event-ttl default (cmd/kube-apiserver/app/options: EventTTL 1h). */
export const DEFAULT_EVENT_TTL_MS = 60 * 60 * 1000;
/** How often expired leases are collected: etcd's lessor checks expiry continuously; a minute is close. */
export const EVENT_TTL_SWEEP_MS = 60 * 1000;

export class EventTTL {
  /**
   * Store key → expiry (ms). Every write moves its key to the end, and every lease is equally long, so the
   * map is in expiry order: a sweep stops at the first live key.
   */
  private readonly expiry = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: SimClock,
    private readonly ttlMs = DEFAULT_EVENT_TTL_MS,
  ) {
    store.onEvent((e) => {
      if (e.resource !== "events") return;
      this.expiry.delete(e.key);
      if (e.type !== "DELETED") this.expiry.set(e.key, this.clock.now() + this.ttlMs);
    });
  }

  /** Deletes every event whose lease has expired; returns how many. */
  sweep(): number {
    const now = this.clock.now();
    let n = 0;
    for (const [key, at] of this.expiry) {
      if (at > now) break;
      this.expiry.delete(key);
      if (this.store.remove("events", key)) n++;
    }
    return n;
  }

  /** Events waiting for their lease to expire. */
  get size(): number {
    return this.expiry.size;
  }
}
