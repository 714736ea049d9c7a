// EventRecorder mirrors client-go's record.EventRecorder: events pass its EventCorrelator (aggregation of
// similar events, counting of repeats — what `kubectl describe` shows as "(x3 over 5m)" — and the
// per-object spam filter) and are then created or patched through the API server.
import type { KubeEvent, KubeObject, ObjectReference } from "../api/types";
import { rfc3339 } from "../sim/clock";
import type { SimClock } from "../sim/clock";
import type { ApiClient } from "./apiClient";
import { ApiError } from "../apiserver/errors";
import { EventCorrelator } from "./eventCorrelator";

export interface EventSource {
  component: string;
  host?: string;
}

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
  private readonly correlator = new EventCorrelator();
  /** Shared by every event this recorder writes: stored objects are never mutated. */
  private readonly sourceObject: KubeEvent["source"];
  /** When false (component stopped), nothing is recorded. */
  enabled = true;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: SimClock,
    private readonly source: EventSource,
    private readonly names: EventNameClock = new EventNameClock(),
  ) {
    this.sourceObject = source.host ? { component: source.component, host: source.host } : { component: source.component };
  }

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
    const nowAbs = this.clock.absolute();
    const source = this.source;
    const c = this.correlator.correlate(
      {
        sourceComponent: source.component,
        sourceHost: source.host ?? "",
        kind: ref.kind ?? "",
        namespace: ref.namespace ?? "",
        name: ref.name ?? "",
        fieldPath: ref.fieldPath ?? "",
        uid: ref.uid ?? "",
        apiVersion: ref.apiVersion ?? "",
        type,
        reason,
        message,
        reportingController: source.component,
        reportingInstance: source.host ?? "",
      },
      nowAbs,
    );
    if (!c.send) return;
    const ts = rfc3339(nowAbs);
    try {
      if (c.previous) {
        // The repeat of an event already written: PATCH its count, lastTimestamp and message.
        try {
          this.client.patch<KubeEvent>("Event", ref.namespace || "default", c.previous.name, (ev) => {
            ev.count = c.count;
            ev.lastTimestamp = ts;
            ev.message = c.message;
          });
          return;
        } catch (e) {
          // Deleted meanwhile (TTL, namespace cleanup): create it again, as recordToSink does.
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
      }
      // Event names are "<object>.<hex nanoseconds>" (record/event.go makeEvent); keep them unique.
      // Nanoseconds since 1970 exceed 2^53: BigInt keeps "+1ns" for events recorded in the same instant.
      const nanos = this.names.next(nowAbs);
      const first = c.firstTimestamp === nowAbs ? ts : rfc3339(c.firstTimestamp);
      for (let attempt = 0; ; attempt++) {
        const ev: KubeEvent = {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name: `${ref.name}.${(attempt === 0 ? nanos : this.names.last).toString(16)}`, namespace: ref.namespace || "default" } as KubeEvent["metadata"],
          involvedObject: { ...ref },
          reason,
          message: c.message,
          source: this.sourceObject,
          firstTimestamp: first,
          lastTimestamp: ts,
          count: c.count,
          type,
          // The aggregate event is a fresh copy without the reporting fields (EventAggregate's eventCopy).
          reportingComponent: c.aggregate ? "" : source.component,
          reportingInstance: c.aggregate ? "" : (source.host ?? ""),
        };
        try {
          // `ev` is built for this request alone: stored without another copy.
          const stored = this.client.createOwned(ev);
          this.correlator.written(c.key, stored.metadata.name);
          return;
        } catch (e) {
          // Another component named an event after the same object in the same nanosecond: move on.
          if (attempt >= 8 || (e as { code?: number }).code !== 409) throw e;
          this.names.last += 1n;
        }
      }
    } catch (e) {
      // Events are best effort upstream too: a refused write (API server down, namespace gone) is dropped,
      // not retried. Anything else is a bug and must surface.
      this.correlator.forget(c.key);
      if (!(e instanceof ApiError)) throw e;
    }
  }

}
