// Which events the log shows, oldest first (like `kubectl get events --sort-by=.lastTimestamp`).
import type { EventRow } from "../../engine/protocol";

/** Case-insensitive match of every word of `query` against the row's namespace, type, reason, object and message. */
export function filterEvents(events: readonly EventRow[], query: string, warningsOnly: boolean): EventRow[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== "");
  const out: EventRow[] = [];
  for (const e of events) {
    if (warningsOnly && e.type !== "Warning") continue;
    if (words.length > 0) {
      const hay = `${e.namespace} ${e.type} ${e.reason} ${e.object} ${e.message} ${e.source}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) continue;
    }
    out.push(e);
  }
  // Stable: rows with the same time keep the order the worker sent them in.
  return out.sort((a, b) => a.t - b.t);
}
