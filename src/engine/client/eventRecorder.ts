// EventRecorder mirrors client-go's record.EventRecorder with its EventCorrelator: an event identical to
// a recent one (same source, object, type, reason and message) is not created again; its count goes up
// and lastTimestamp moves — that is what `kubectl describe` shows as "(x3 over 5m)".
import type { KubeEvent, KubeObject, ObjectReference } from "../api/types";
import { rfc3339 } from "../sim/clock";
import type { SimClock } from "../sim/clock";
import type { ApiClient } from "./apiClient";
import { ApiError } from "../apiserver/errors";

export interface EventSource {
  component: string;
  host?: string;
}

/** How long an event stays eligible for aggregation (upstream's 10-minute correlation window). */
const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
/** The correlator's LRU size (maxLruCacheEntries). */
const MAX_CACHE = 4096;

/**
 * The last nanosecond timestamp used in an event name, shared by every recorder of one cluster, so two
 * components naming events after the same object in the same instant never collide.
 */
export class EventNameClock {
  last = 0n;
  private lastMs = -1;
  private msNanos = 0n;

  /** The next name timestamp at or after `ms` (BigInt work only when the millisecond changes). */
  next(ms: number): bigint {
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.msNanos = BigInt(ms) * 1_000_000n;
    }
    this.last = this.msNanos > this.last ? this.msNanos : this.last + 1n;
    return this.last;
  }
}

export class EventRecorder {
  private readonly recent = new Map<string, { event: KubeEvent; at: number }>();
  /** When false (component stopped), nothing is recorded. */
  enabled = true;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: SimClock,
    private readonly source: EventSource,
    private readonly names: EventNameClock = new EventNameClock(),
  ) {}

  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string, fieldPath?: string): void {
    if (!this.enabled) return;
    const ref: ObjectReference = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    this.record(ref, type, reason, message);
  }

  record(ref: ObjectReference, type: "Normal" | "Warning", reason: string, message: string): void {
    if (!this.enabled) return;
    const now = this.clock.now();
    const ts = rfc3339(this.clock.absolute());
    const key = `${ref.kind}\u0000${ref.namespace}\u0000${ref.name}\u0000${ref.uid}\u0000${ref.fieldPath}\u0000${type}\u0000${reason}\u0000${message}`;
    const hit = this.recent.get(key);
    try {
      if (hit && now - hit.at <= AGGREGATION_WINDOW_MS) {
        const updated: KubeEvent = { ...hit.event, count: hit.event.count + 1, lastTimestamp: ts, metadata: { ...hit.event.metadata } };
        const stored = this.client.update(updated);
        this.remember(key, stored, now);
        return;
      }
      // Event names are "<object>.<hex nanoseconds>" (record/event.go makeEvent); keep them unique.
      // Nanoseconds since 1970 exceed 2^53: BigInt keeps "+1ns" for events recorded in the same instant.
      const nanos = this.names.next(this.clock.absolute());
      const ev: KubeEvent = {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `${ref.name}.${nanos.toString(16)}`, namespace: ref.namespace || "default" } as KubeEvent["metadata"],
        involvedObject: { ...ref },
        reason,
        message,
        source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        type,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? "",
      };
      // Another component may have named an event after the same object in the same nanosecond: move on.
      for (let attempt = 0; ; attempt++) {
        try {
          // `ev` is built for this request alone: stored without another copy.
          this.remember(key, this.client.createOwned(ev), now);
          break;
        } catch (e) {
          if (attempt >= 8 || (e as { code?: number }).code !== 409) throw e;
          this.names.last += 1n;
          ev.metadata.name = `${ref.name}.${this.names.last.toString(16)}`;
        }
      }
    } catch (e) {
      // Events are best effort upstream too: a refused write (API server down, namespace gone) is dropped,
      // not retried. Anything else is a bug and must surface.
      this.recent.delete(key);
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private remember(key: string, event: KubeEvent, at: number): void {
    this.recent.delete(key);
    this.recent.set(key, { event, at });
    // Evict the older half at once: V8's Map iterator walks deleted slots, so popping the oldest key one
    // at a time would make every event O(cache size).
    if (this.recent.size > MAX_CACHE) {
      const keep = [...this.recent].slice(this.recent.size - MAX_CACHE / 2);
      this.recent.clear();
      for (const [k, v] of keep) this.recent.set(k, v);
    }
  }
}
