// Time zones for CronJob schedules: Go's time.LoadLocation and time.Date, with IANA offsets read from
// Intl.DateTimeFormat given an explicit timeZone (the tz database of the JS engine: deterministic for a
// given instant; the host's local zone is never consulted). kube-controller-manager runs in UTC, so Go's
// time.Local — a schedule without TZ and a CronJob without spec.timeZone — is UTC here.

export class UnknownTimeZoneError extends Error {}

export interface Location {
  readonly name: string;
  /** Milliseconds east of UTC in effect at the instant `utcMs`. */
  offsetAt(utcMs: number): number;
}

export const UTC: Location = { name: "UTC", offsetAt: () => 0 };

const cache = new Map<string, Location>();

function ianaLocation(name: string, fmt: Intl.DateTimeFormat): Location {
  return {
    name,
    offsetAt(utcMs: number): number {
      const sec = Math.floor(utcMs / 1000) * 1000;
      const f: Record<string, number> = {};
      for (const p of fmt.formatToParts(new Date(sec))) if (p.type !== "literal") f[p.type] = Number(p.value);
      const wall = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour! % 24, f.minute!, f.second!);
      return wall - sec;
    },
  };
}

/**
 * time.LoadLocation: "" and "UTC" are UTC, "Local" is the process zone (UTC here), any other name must
 * be an IANA zone, matched case-sensitively as Go's zoneinfo lookup is.
 * Throws UnknownTimeZoneError("unknown time zone <name>") or ("time: invalid location name").
 */
// mirrors time.LoadLocation (Go src/time/zoneinfo.go)
export function loadLocation(name: string): Location {
  if (name === "" || name === "UTC" || name === "Local") return UTC;
  const hit = cache.get(name);
  if (hit) return hit;
  if (name.includes("..") || name.startsWith("/") || name.startsWith("\\")) throw new UnknownTimeZoneError("time: invalid location name");
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new UnknownTimeZoneError(`unknown time zone ${name}`);
  }
  // Intl matches names case-insensitively; Go reads zoneinfo files by exact name.
  const resolved = fmt.resolvedOptions().timeZone;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) throw new UnknownTimeZoneError(`unknown time zone ${name}`);
  const loc = ianaLocation(name, fmt);
  cache.set(name, loc);
  return loc;
}

/** Wall-clock fields of an instant in a location (month 1–12, weekday 0 = Sunday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

export function wallClock(utcMs: number, loc: Location): WallClock {
  const d = new Date(utcMs + loc.offsetAt(utcMs));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * time.Date: normalizes out-of-range fields (month 13, day 32, ...), then resolves the wall time to an
 * instant the way Go does — the offset in effect at the wall time read as UTC, corrected once if the
 * resulting instant falls in another zone period (which decides times in DST gaps and overlaps).
 */
// mirrors time.Date (Go src/time/time.go)
export function dateIn(loc: Location, year: number, month: number, day: number, hour: number, min: number, sec: number): number {
  const unixWall = Date.UTC(year, month - 1, day, hour, min, sec);
  if (loc === UTC) return unixWall;
  const offset = loc.offsetAt(unixWall);
  const corrected = loc.offsetAt(unixWall - offset);
  return unixWall - corrected;
}

/** Go's RFC 3339 in a location: "2025-01-01T09:01:00+09:00", or "…Z" when the offset is zero. */
export function formatRFC3339In(utcMs: number, loc: Location): string {
  const off = loc.offsetAt(utcMs);
  const wall = new Date(Math.floor(utcMs / 1000) * 1000 + off).toISOString().slice(0, 19);
  if (off === 0) return `${wall}Z`;
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${wall}${off < 0 ? "-" : "+"}${hh}:${mm}`;
}
