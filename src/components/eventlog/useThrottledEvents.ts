// The store's events, re-read at most every `intervalMs` of real time. During a 3,000-pod rollout the
// worker reports events with almost every batch; re-rendering (and re-laying out) the table that often
// would take the main thread away from the graph, and nobody reads a table that changes 60 times a second.
import { useEffect, useState } from "react";
import type { EventRow } from "../../engine/protocol";
import { useKubelab } from "../../state/store";

export function useThrottledEvents(intervalMs = 250): readonly EventRow[] {
  const [events, setEvents] = useState(() => useKubelab.getState().events);
  useEffect(() => {
    let shown = useKubelab.getState().events;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      shown = useKubelab.getState().events;
      setEvents(shown);
    };
    const unsubscribe = useKubelab.subscribe((s) => {
      if (s.events === shown || timer !== undefined) return;
      timer = setTimeout(flush, intervalMs);
    });
    flush();
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs]);
  return events;
}
