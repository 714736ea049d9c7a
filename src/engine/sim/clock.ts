// SimClock owns simulated time: a number of milliseconds since the simulation's epoch. Nothing in the
// engine reads the wall clock; the page and the CLI only decide how fast this clock is advanced.

/** The simulated cluster's day zero. Fixed so that same seed + same commands = same timestamps. */
export const SIM_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

export class SimClock {
  /** Milliseconds since SIM_EPOCH_MS. Only the event queue moves it, and only forward. */
  private t = 0;

  now(): number {
    return this.t;
  }

  /** Absolute time (ms since the Unix epoch) for timestamps written into objects. */
  absolute(t: number = this.t): number {
    return SIM_EPOCH_MS + t;
  }

  set(t: number): void {
    if (t < this.t) throw new Error(`SimClock: time cannot go backwards (${t} < ${this.t})`);
    this.t = t;
  }
}

/** A power of two: the slot is the low bits of the second. */
const RFC3339_CACHE_SLOTS = 64;
const cachedSec: number[] = new Array<number>(RFC3339_CACHE_SLOTS).fill(Number.NaN);
const cachedText: string[] = new Array<string>(RFC3339_CACHE_SLOTS).fill("");

/** metav1.Time as serialized by the API server: RFC 3339, second precision. */
export function rfc3339(absMs: number): string {
  const sec = Math.floor(absMs / 1000);
  // Timestamps of the same second are one (flat) string: thousands of pods and events then share their
  // creationTimestamp/lastTimestamp in memory. A small direct-mapped cache rather than one slot, because
  // writers interleave "now" with recent past seconds (an event's firstTimestamp, a container's startedAt)
  // and a single slot would then build a fresh copy of "now" after each of them.
  const slot = sec & (RFC3339_CACHE_SLOTS - 1);
  if (cachedSec[slot] === sec) return cachedText[slot]!;
  const text = flat(new Date(sec * 1000).toISOString().slice(0, 19) + "Z");
  cachedSec[slot] = sec;
  cachedText[slot] = text;
  return text;
}
/** A flat copy of a string V8 may hold as a rope of concatenations (ropes cost ~32 bytes per piece). */
export function flat(s: string): string {
  return s.length === 0 ? s : JSON.parse(JSON.stringify(s)) as string;
}

/** metav1.MicroTime (Lease renewTime, Event eventTime): RFC 3339 with microseconds. */
export function rfc3339Micro(absMs: number): string {
  const iso = new Date(absMs).toISOString(); // 2025-01-01T00:00:00.123Z
  return `${iso.slice(0, 23)}000Z`;
}

/** Parses an RFC 3339 timestamp back to absolute ms; NaN when malformed. */
export function parseTime(s: string | undefined): number {
  return s ? Date.parse(s) : NaN;
}
