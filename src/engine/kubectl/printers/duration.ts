// How kubectl turns an elapsed time into "18s", "5m10s", "3h5m" or "15d": the AGE column, "(5m ago)" after
// RESTARTS, "Age" in `kubectl describe` events.
// Mirrors k8s.io/apimachinery pkg/util/duration/duration.go (HumanDuration, ShortHumanDuration) and
// translateTimestampSince (k/k pkg/printers/internalversion/printers.go; kubectl pkg/describe/describe.go).
//
// Durations are simulated milliseconds. Go truncates toward zero when it converts a Duration to whole
// seconds/minutes/hours; Math.trunc does the same, so every boundary lands where upstream's does.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// mirrors duration.ShortHumanDuration: one unit only (used by `kubectl get events` in old releases and by
// callers that want the coarse form).
export function shortHumanDuration(ms: number): string {
  // Allow deviation no more than 2 seconds (excluded) to tolerate machine time inconsistency.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// mirrors duration.HumanDuration: ~2-3 significant figures ("3m10s", "2d1h", "2y1d").
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Milliseconds since the epoch for an RFC 3339 timestamp, or undefined for an absent/zero/bad one. */
export function parseTimestamp(ts: string | null | undefined): number | undefined {
  if (ts === undefined || ts === null || ts === "") return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

// mirrors translateTimestampSince: "<unknown>" for a zero time, otherwise HumanDuration(now - t).
export function translateTimestampSince(ts: string | null | undefined, now: number): string {
  const t = parseTimestamp(ts);
  return t === undefined ? "<unknown>" : humanDuration(now - t);
}
