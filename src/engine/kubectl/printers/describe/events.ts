// The "Events:" section every describer ends with.
// mirrors DescribeEvents (kubectl pkg/describe/describe.go) and SortableEvents / eventTime
// (kubectl pkg/util/event/sorted_event_list.go).
import type { KubeEvent } from "../../../api/types";
import { parseTimestamp, translateTimestampSince } from "../duration";
import { field, int, str } from "../columns/types";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./prefixWriter";

// mirrors eventTime: the series' last observation, else lastTimestamp, else eventTime.
function eventTime(e: KubeEvent): number {
  const series = field(e, "series");
  if (series !== undefined && series !== null) return parseTimestamp(str(field(series, "lastObservedTime"))) ?? -Infinity;
  return parseTimestamp(e.lastTimestamp) ?? parseTimestamp(str(field(e, "eventTime"))) ?? -Infinity;
}

/**
 * Writes the Events table. `events` undefined means events were not requested (--show-events=false):
 * nothing is written. Upstream sorts with sort.Sort (not stable); ties keep their input order here.
 */
export function describeEvents(events: readonly KubeEvent[] | undefined, w: PrefixWriter, now: number): void {
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  // A flush ends the previous section's column blocks: the table aligns on its own.
  w.flush();
  const sorted = events
    .map((e, i) => ({ e, i, t: eventTime(e) }))
    .sort((a, b) => (a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.i - b.i))
    .map((x) => x.e);
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const eventTimeStr = str(field(e, "eventTime"));
    const firstTimestampSince = eventTimeStr ? translateTimestampSince(eventTimeStr, now) : translateTimestampSince(e.firstTimestamp, now);
    const series = field(e, "series");
    let interval: string;
    if (series !== undefined && series !== null) {
      interval = `${translateTimestampSince(str(field(series, "lastObservedTime")), now)} (x${int(field(series, "count"))} over ${firstTimestampSince})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstTimestampSince})`;
    } else {
      interval = firstTimestampSince;
    }
    const source = e.source?.component || str(field(e, "reportingController")) || e.reportingComponent || "";
    w.write(LEVEL_1, `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`);
  }
}
