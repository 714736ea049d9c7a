// Backoff mirrors client-go's flowcontrol.Backoff as the kubelet uses it for crashing containers and
// failing image pulls: 10s initially, doubling to a 300s cap, forgotten once 2×cap (600s) passes between
// two failures (hasExpired). Times are simulated ms.
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export interface BackoffEntry {
  ms: number;
  lastUpdate: number;
}

/** IsInBackOffSince: still waiting after a failure at `eventTime`? */
export function isInBackOffSince(entry: BackoffEntry | undefined, eventTime: number, now: number): boolean {
  if (!entry) return false;
  if (eventTime - entry.lastUpdate > 2 * BACKOFF_MAX_MS) return false;
  return now - eventTime < entry.ms;
}

/** Next: the backoff after a failure at `eventTime`. */
export function nextBackoff(entry: BackoffEntry | undefined, eventTime: number): BackoffEntry {
  if (!entry || eventTime - entry.lastUpdate > 2 * BACKOFF_MAX_MS) return { ms: BACKOFF_INITIAL_MS, lastUpdate: eventTime };
  return { ms: Math.min(entry.ms * 2, BACKOFF_MAX_MS), lastUpdate: eventTime };
}
