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
   * One entry per write of an event, in write order: its store key, the revision it wrote and when that
   * lease expires (ms). Every lease is equally long, so entries are in expiry order: a sweep stops at the
   * first live one. A key written again leaves its older entries behind; they are skipped at expiry
   * because the stored object no longer carries their revision. Parallel arrays with a moving head cost
   * three slots per write, where a Map entry and a boxed expiry per key cost several times that.
   */
  private keys: string[] = [];
  private revs: number[] = [];
  private expiries: number[] = [];
  private head = 0;
  /** Events in the store with a lease (each has exactly one live entry). */
  private live = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: SimClock,
    private readonly ttlMs = DEFAULT_EVENT_TTL_MS,
  ) {
    store.onEvent((e) => {
      if (e.resource !== "events") return;
      if (e.type === "DELETED") {
        this.live--;
        return;
      }
      if (e.type === "ADDED") this.live++;
      this.keys.push(e.key);
      this.revs.push(e.rev);
      this.expiries.push(this.clock.now() + this.ttlMs);
    });
  }

  /** Deletes every event whose lease has expired; returns how many. */
  sweep(): number {
    const now = this.clock.now();
    let n = 0;
    let i = this.head;
    for (; i < this.keys.length; i++) {
      if (this.expiries[i]! > now) break;
      const key = this.keys[i]!;
      // Only the latest write of a key holds its lease: an older entry's revision is no longer stored.
      const stored = this.store.get("events", key);
      if (stored && Number(stored.metadata.resourceVersion) === this.revs[i] && this.store.remove("events", key)) n++;
    }
    this.head = i;
    this.compact();
    return n;
  }

  /** Events waiting for their lease to expire. */
  get size(): number {
    return this.live;
  }

  /** Drops the swept prefix once it is at least half of the arrays (amortised O(1) per write). */
  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.keys.length) return;
    this.keys = this.keys.slice(this.head);
    this.revs = this.revs.slice(this.head);
    this.expiries = this.expiries.slice(this.head);
    this.head = 0;
  }
}
