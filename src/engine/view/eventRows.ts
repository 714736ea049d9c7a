// EventRow: a core/v1 Event as one `kubectl get events` row. The OBJECT, SOURCE and COUNT cells come from
// kubectl's own event printer so the event log and the terminal agree. An aggregated event (count > 1)
// keeps its uid, so the page replaces the old row instead of adding one.
import type { KubeEvent } from "../api/types";
import { eventPrinter, formatEventSource } from "../kubectl/printers/columns/events";
import type { EventRow } from "../protocol";
import { simMs } from "./viewItems";

export function eventRow(e: KubeEvent): EventRow {
  const cells = eventPrinter.row(e, 0);
  const series = (e as { series?: { lastObservedTime?: string } }).series;
  const eventTime = (e as { eventTime?: string }).eventTime;
  const last = series?.lastObservedTime || e.lastTimestamp || e.firstTimestamp || eventTime;
  const o = e.involvedObject ?? ({} as KubeEvent["involvedObject"]);
  const row: { -readonly [K in keyof EventRow]: EventRow[K] } = {
    id: e.metadata.uid,
    t: simMs(last),
    namespace: e.metadata.namespace ?? "",
    type: e.type === "Warning" ? "Warning" : "Normal",
    reason: e.reason ?? "",
    object: String(cells[3] ?? ""),
    objectKind: o.kind ?? "",
    objectName: o.name ?? "",
    message: String(cells[6] ?? ""),
    count: typeof cells[8] === "number" ? cells[8] : 1,
    source: formatEventSource(e),
  };
  if (o.uid) row.objectId = o.uid;
  return row;
}
