// The store's events, re-read at most every `intervalMs` of real time. During a 3,000-pod rollout the
// worker reports events with almost every batch; re-rendering (and re-laying out) the table that often
// would take the main thread away from the graph, and nobody reads a table that changes 60 times a second.
// When events pour in (more than `burst` new ones at the last re-read) the log slows to `busyMs`: rows
// scroll past faster than anyone reads them either way, and each re-read replaces most drawn rows.
import { useEffect, useState } from "react";
import type { EventRow } from "../../engine/protocol";
import { useKubelab } from "../../state/store";

export const EVENTS_INTERVAL_MS = 250;
export const EVENTS_BUSY_MS = 1000;
export const EVENTS_BURST = 20;

/** How many events of `next` are new since `prev` (both oldest first; rows are replaced, not edited). */
export function newEventCount(prev: readonly EventRow[], next: readonly EventRow[]): number {
  const last = prev[prev.length - 1];
  if (!last) return next.length;
  for (let i = next.length - 1, n = 0; i >= 0; i--, n++) if (next[i]!.id === last.id) return n;
  return next.length;
}

export function useThrottledEvents(intervalMs = EVENTS_INTERVAL_MS, busyMs = EVENTS_BUSY_MS, burst = EVENTS_BURST): readonly EventRow[] {
  const [events, setEvents] = useState(() => useKubelab.getState().events);
  useEffect(() => {
    let shown = useKubelab.getState().events;
    let wait = intervalMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const next = useKubelab.getState().events;
      wait = newEventCount(shown, next) > burst ? busyMs : intervalMs;
      shown = next;
      setEvents(shown);
    };
    const unsubscribe = useKubelab.subscribe((s) => {
      if (s.events === shown || timer !== undefined) return;
      timer = setTimeout(flush, wait);
    });
    flush();
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, busyMs, burst]);
  return events;
}
