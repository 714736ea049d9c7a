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

/**
 * One instance of each repeated message and fieldPath ("Started container web", "spec.containers{web}"),
 * shared by every event that carries it instead of a fresh rope per event. Bounded: cleared when full, so
 * one-off messages ("Successfully assigned default/web-1 to node-2") cannot grow it. Only the identity of
 * equal strings is shared, which nothing can observe, so one table serves every cluster in the process.
 */
const interned = new Map<string, string>();
const INTERN_LIMIT = 1024;

function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size >= INTERN_LIMIT) interned.clear();
  interned.set(s, s);
  return s;
}

export class EventRecorder {
  private readonly correlator = new EventCorrelator();
  /** Shared by every event this recorder writes: stored objects are never mutated (frozen to be sure). */
  private readonly sourceObject: KubeEvent["source"];
  /**
   * The involvedObject of the last event() call: the kubelet reports Pulled, Created and Started about the
   * same pod version and container, so consecutive events share one frozen reference.
   */
  private lastRef: ObjectReference | undefined;
  /** When false (component stopped), nothing is recorded. */
  enabled = true;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: SimClock,
    private readonly source: EventSource,
    private readonly names: EventNameClock = new EventNameClock(),
  ) {
    this.sourceObject = Object.freeze(source.host ? { component: source.component, host: source.host } : { component: source.component });
  }

  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string, fieldPath?: string): void {
    if (!this.enabled) return;
    const meta = obj.metadata;
    let ref = this.lastRef;
    if (
      ref === undefined ||
      ref.uid !== meta.uid ||
      ref.resourceVersion !== meta.resourceVersion ||
      ref.name !== meta.name ||
      ref.namespace !== meta.namespace ||
      ref.kind !== obj.kind ||
      ref.apiVersion !== obj.apiVersion ||
      ref.fieldPath !== (fieldPath || undefined)
    ) {
      // Same shape and key order as always: JSON output of the stored event must not change.
      ref = Object.freeze(
        fieldPath
          ? { kind: obj.kind, namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, resourceVersion: meta.resourceVersion, fieldPath: intern(fieldPath) }
          : { kind: obj.kind, namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, resourceVersion: meta.resourceVersion },
      );
      this.lastRef = ref;
    }
    this.write(ref, ref, type, reason, message);
  }

  record(ref: ObjectReference, type: "Normal" | "Warning", reason: string, message: string): void {
    if (!this.enabled) return;
    // The caller keeps `ref`: the stored event gets its own copy.
    this.write(ref, undefined, type, reason, message);
  }

  /** `involved` is the stored involvedObject when the caller built it for us (frozen, shareable). */
  private write(ref: ObjectReference, involved: ObjectReference | undefined, type: "Normal" | "Warning", reason: string, message: string): void {
    // Simulated ms rather than absolute: the correlator only compares differences, and small integers
    // keep its records free of boxed doubles.
    const now = this.clock.now();
    const nowAbs = this.clock.absolute(now);
    const kind = ref.kind ?? "";
    const namespace = ref.namespace ?? "";
    const name = ref.name ?? "";
    const uid = ref.uid ?? "";
    const apiVersion = ref.apiVersion ?? "";
    // The correlator's keys without their leading source component and host: a prefix constant for this
    // correlator changes no equality (correlateKeys). The aggregate key keeps its reporting controller and
    // instance suffix: the eventLogger's cache holds event keys and aggregate keys side by side, and
    // without it an aggregate key could equal the key of an event with an empty message.
    // join("") builds flat strings: a template literal would be a rope of one 32-byte node per piece.
    const source = this.source;
    const c = this.correlator.correlateKeys(
      [kind, namespace, name, uid, apiVersion, type, reason, source.component, source.host ?? ""].join(""),
      [kind, namespace, name, ref.fieldPath ?? "", uid, apiVersion, type, reason, message].join(""),
      [kind, namespace, name, uid, apiVersion].join(""),
      message,
      now,
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
            ev.message = intern(c.message);
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
      const first = c.firstTimestamp === now ? ts : rfc3339(this.clock.absolute(c.firstTimestamp));
      const eventMessage = intern(c.message);
      for (let attempt = 0; ; attempt++) {
        const ev: KubeEvent = {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name: `${ref.name}.${(attempt === 0 ? nanos : this.names.last).toString(16)}`, namespace: ref.namespace || "default" } as KubeEvent["metadata"],
          involvedObject: involved ?? { ...ref },
          reason,
          message: eventMessage,
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
