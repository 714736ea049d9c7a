// EventCorrelator mirrors client-go's tools/record/events_cache.go: before an event reaches the API server,
//  1. the EventAggregator folds events that differ only in message: from the 10th distinct message about
//     the same object and reason within 10 minutes, they become one event "(combined from similar events):
//     <latest message>" whose count rises (why `kubectl describe rs` of a big scale-up shows ~10 "Created
//     pod" events and one combined event, not one per pod);
//  2. the eventLogger counts repeats of the same event: the first is created, later ones patch its count,
//     lastTimestamp and message;
//  3. the spam filter lets a source say at most 25 things about one object, then 1 every 5 minutes (a
//     token bucket per source and object). Filtered occurrences still count (step 2 ran), so the next write
//     that gets through carries the full count.
// Each of the three caches is an LRU of 4096 entries (maxLruCacheEntries).

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const DEFAULT_AGGREGATE_MAX_EVENTS = 10;
export const DEFAULT_AGGREGATE_INTERVAL_MS = 600_000;
export const DEFAULT_SPAM_BURST = 25;
/** defaultSpamQPS = 1/300: one token every 5 minutes. */
export const DEFAULT_SPAM_REFILL_MS = 300_000;
export const AGGREGATE_MESSAGE_PREFIX = "(combined from similar events): ";

/** The parts of a v1.Event the correlator keys on. */
export interface CorrelatedEvent {
  sourceComponent: string;
  sourceHost: string;
  kind: string;
  namespace: string;
  name: string;
  fieldPath: string;
  uid: string;
  apiVersion: string;
  type: string;
  reason: string;
  message: string;
  reportingController: string;
  reportingInstance: string;
}

/** What was last written for a cache key (eventLog). */
export interface EventLog {
  count: number;
  /** Absolute ms of the first occurrence. */
  firstTimestamp: number;
  name: string;
}

export interface CorrelateResult {
  /** The message to write: the event's own, or the aggregate's. */
  message: string;
  /** True when this is the aggregate event (no reporting controller/instance, as upstream's copy). */
  aggregate: boolean;
  /** The logger's previous observation of this key: undefined → create; otherwise patch that event. */
  previous: EventLog | undefined;
  /** The count to write. */
  count: number;
  /** The first occurrence's time to write (absolute ms). */
  firstTimestamp: number;
  /** False when the spam filter drops this write. */
  send: boolean;
  /** Call with the created/patched event's name once it is stored (eventLogger's cache entry). */
  key: string;
}

/** EventAggregate's record of one aggregate key: the distinct messages seen, and when last. */
interface AggregateRecord {
  /**
   * The distinct messages in insertion order: a lone string until a second one arrives (most objects
   * only ever get one message per reason), then a Set. Upstream's sets.String; see PopAny below.
   */
  localKeys: string | Set<string>;
  last: number;
}

/** The spam filter's token bucket for one source and object. */
interface SpamBucket {
  tokens: number;
  last: number;
}

export class EventCorrelator {
  private readonly aggregates = new Lru<AggregateRecord>();
  private readonly logs = new Lru<EventLog>();
  private readonly spam = new Lru<SpamBucket>();

  /** EventCorrelate at absolute time `nowAbs` (ms). */
  correlate(e: CorrelatedEvent, nowAbs: number): CorrelateResult {
    // getEventKey / EventAggregatorByReasonFunc / getSpamKey: the fields joined without a separator.
    const aggregateKey = [e.sourceComponent, e.sourceHost, e.kind, e.namespace, e.name, e.uid, e.apiVersion, e.type, e.reason, e.reportingController, e.reportingInstance].join("");
    const eventKey = [e.sourceComponent, e.sourceHost, e.kind, e.namespace, e.name, e.fieldPath, e.uid, e.apiVersion, e.type, e.reason, e.message].join("");
    const spamKey = [e.sourceComponent, e.sourceHost, e.kind, e.namespace, e.name, e.uid, e.apiVersion].join("");
    return this.correlateKeys(aggregateKey, eventKey, spamKey, e.message, nowAbs);
  }

  /**
   * EventCorrelate on keys the caller built. A caller whose source (component and host) never changes —
   * an EventRecorder owns its correlator — may leave that constant prefix out of all three keys: it does
   * not change which keys are equal, and the keys are shorter in memory. (Only a prefix: the logs cache
   * holds event keys and aggregate keys together, so the aggregate key's reporting suffix must stay.)
   * Times may be in any frame (absolute or simulated ms), the same for every call.
   */
  correlateKeys(aggregateKey: string, eventKey: string, spamKey: string, message: string, now: number): CorrelateResult {
    // EventAggregate
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.last > DEFAULT_AGGREGATE_INTERVAL_MS) record = { localKeys: message, last: now };
    else if (typeof record.localKeys === "string") {
      if (record.localKeys !== message) record.localKeys = new Set([record.localKeys, message]);
    } else record.localKeys.add(message);
    record.last = now;
    this.aggregates.set(aggregateKey, record);
    let key = eventKey;
    let eventMessage = message;
    let aggregate = false;
    const localKeys = record.localKeys;
    if (typeof localKeys !== "string" && localKeys.size >= DEFAULT_AGGREGATE_MAX_EVENTS) {
      // PopAny: Go's map order is random; the oldest message is as good a pick and deterministic.
      const first = localKeys.values().next().value as string;
      localKeys.delete(first);
      key = aggregateKey;
      eventMessage = AGGREGATE_MESSAGE_PREFIX + message;
      aggregate = true;
    }
    // eventObserve: the observation is recorded whether or not the spam filter lets the write through.
    const previous = this.logs.get(key);
    const count = previous ? previous.count + 1 : 1;
    const firstTimestamp = previous ? previous.firstTimestamp : now;
    this.logs.set(key, { count, firstTimestamp, name: previous?.name ?? "" });
    // EventSourceObjectSpamFilter.Filter
    let bucket = this.spam.get(spamKey);
    if (!bucket) bucket = { tokens: DEFAULT_SPAM_BURST, last: now };
    bucket.tokens = Math.min(DEFAULT_SPAM_BURST, bucket.tokens + (now - bucket.last) / DEFAULT_SPAM_REFILL_MS);
    bucket.last = now;
    const send = bucket.tokens >= 1;
    if (send) bucket.tokens -= 1;
    this.spam.set(spamKey, bucket);
    return { message: eventMessage, aggregate, previous: previous?.name ? previous : undefined, count, firstTimestamp, send, key };
  }

  /** The event written for `key` is stored under `name` (so later repeats patch it). */
  written(key: string, name: string): void {
    const log = this.logs.get(key);
    if (log) log.name = name;
  }

  /** A write failed: forget the observation so the next occurrence starts over (creates). */
  forget(key: string): void {
    this.logs.delete(key);
  }
}

/**
 * A small LRU on a Map (insertion order = recency). Evicts the older half at once when full: V8's Map
 * iterator walks deleted slots, so popping the oldest key one at a time would make every insert O(size).
 */
class Lru<V> {
  private readonly m = new Map<string, V>();
  private lastKey: string | undefined;

  /** A lookup; recency is refreshed by the set() that always follows it in EventCorrelate. */
  get(k: string): V | undefined {
    return this.m.get(k);
  }

  set(k: string, v: V): void {
    // The key set last is already the most recent (or, if deleted since, set() appends it at the end):
    // no need to delete and re-insert it, which would leave a dead slot behind until the next rehash.
    if (k !== this.lastKey) {
      this.m.delete(k);
      this.lastKey = k;
    }
    this.m.set(k, v);
    if (this.m.size > MAX_LRU_CACHE_ENTRIES) {
      const keep = [...this.m].slice(this.m.size - MAX_LRU_CACHE_ENTRIES / 2);
      this.m.clear();
      for (const [key, val] of keep) this.m.set(key, val);
    }
  }

  delete(k: string): void {
    this.m.delete(k);
  }
}
