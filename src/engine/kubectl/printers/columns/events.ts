// `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT SOURCE FIRST SEEN COUNT
// NAME. The server builds the wide cell order (GenerateOptions{Wide: true}); the column definitions
// follow it, so the priority filter leaves exactly the five default columns.
// mirrors printEvent, formatEventSource (k/k pkg/printers/internalversion/printers.go).
import type { KubeEvent, KubeObject } from "../../../api/types";
import { translateTimestampSince } from "../duration";
import { col, field, int, str, type Cell, type KindPrinter } from "./types";

function firstNonEmpty(...ss: string[]): string {
  for (const s of ss) if (s.length > 0) return s;
  return "";
}

// mirrors formatEventSource: component (or reportingController), then ", host" (or reportingInstance).
export function formatEventSource(e: KubeEvent): string {
  const component = firstNonEmpty(e.source?.component ?? "", e.reportingComponent ?? str(field(e, "reportingController")));
  const instance = firstNonEmpty(e.source?.host ?? "", e.reportingInstance ?? "");
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

export const eventPrinter: KindPrinter = {
  columns: [
    col("Last Seen"),
    col("Type"),
    col("Reason"),
    col("Object"),
    col("Subobject", 1),
    col("Source", 1),
    col("Message"),
    col("First Seen", 1),
    col("Count", 1),
    { name: "Name", priority: 1, format: "name" },
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const e = obj as KubeEvent;
    // core/v1 Events from the new events API carry eventTime and series instead of the legacy stamps.
    let firstTimestamp = translateTimestampSince(e.firstTimestamp, now);
    if (!e.firstTimestamp) firstTimestamp = translateTimestampSince(str(field(e, "eventTime")), now);
    let lastTimestamp = translateTimestampSince(e.lastTimestamp, now);
    if (!e.lastTimestamp) lastTimestamp = firstTimestamp;
    let count = int(e.count);
    const series = field(e, "series");
    if (series !== undefined && series !== null) {
      lastTimestamp = translateTimestampSince(str(field(series, "lastObservedTime")), now);
      count = int(field(series, "count"));
    } else if (count === 0) {
      // Singleton events don't have a count set in the new API.
      count = 1;
    }
    const kind = (e.involvedObject?.kind ?? "").toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      lastTimestamp,
      e.type ?? "",
      e.reason ?? "",
      target,
      e.involvedObject?.fieldPath ?? "",
      formatEventSource(e),
      (e.message ?? "").trim(),
      firstTimestamp,
      count,
      e.metadata.name,
    ];
  },
};
