// EventLog: the cluster's Events as `kubectl get events -A` prints them (NAMESPACE, LAST SEEN, TYPE,
// REASON, OBJECT, MESSAGE; LAST SEEN relative to the simulated clock), newest at the bottom, with a text
// filter and a "Warnings only" switch. Each row selects the object it is about, for the inspector.
import { memo, useDeferredValue, useMemo, useState } from "react";
import type { EventRow } from "../../engine/protocol";
import { humanDuration } from "../../engine/kubectl/printers/duration";
import { useKubelab } from "../../state/store";
import { filterEvents } from "./eventFilter";
import { useThrottledEvents } from "./useThrottledEvents";
import { useThrottledNow } from "./useThrottledNow";
import { useLogWindow } from "./useLogWindow";
import "./EventLog.css";

/** Rows drawn at most: the newest ones. Older events stay reachable through the filter. */
export const RENDERED_ROWS = 200;
/** Rows drawn while the log follows new events (a few panels' worth); scrolling up towards the oldest
 *  drawn row draws this many more, up to RENDERED_ROWS. Every drawn row is laid out again when its
 *  LAST SEEN ticks, so a live log keeps few of them. */
export const LIVE_ROWS = 20;

export function EventLog() {
  const events = useThrottledEvents();
  const selectedId = useKubelab((s) => s.selectedId);
  const select = useKubelab((s) => s.select);
  const now = useThrottledNow();
  const [query, setQuery] = useState("");
  const [warningsOnly, setWarningsOnly] = useState(false);
  const deferredQuery = useDeferredValue(query);
  const matching = useMemo(() => filterEvents(events, deferredQuery, warningsOnly), [events, deferredQuery, warningsOnly]);
  const win = useLogWindow(matching.length, LIVE_ROWS, LIVE_ROWS, RENDERED_ROWS);
  const rows = matching.length > win.drawn ? matching.slice(-win.drawn) : matching;

  return (
    <section className="eventlog" aria-label="Event log">
      <div className="eventlog-toolbar">
        <input
          type="search"
          className="eventlog-filter"
          aria-label="Filter events"
          placeholder="Filter events (reason, object, message…)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="eventlog-warnings">
          <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} />
          Warnings only
        </label>
        <span className="eventlog-count" aria-live="polite">
          {matching.length === events.length ? `${events.length} events` : `${matching.length} of ${events.length} events`}
        </span>
      </div>
      <div ref={win.scroller} className="eventlog-scroll">
        <div ref={win.start} className="eventlog-sentinel" />
        <table ref={win.content} className="eventlog-table" role="table" aria-label="Events">
          <thead role="rowgroup">
            <tr role="row">
              {["NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"].map((h) => (
                <th key={h} scope="col" role="columnheader">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((e) => (
              <EventLine key={e.id} event={e} age={humanDuration(now - e.t)} selected={e.objectId !== undefined && e.objectId === selectedId} onSelect={select} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="eventlog-empty">{events.length === 0 ? "No events yet." : "No events match the filter."}</p>}
        <div ref={win.end} className="eventlog-sentinel" />
      </div>
    </section>
  );
}

interface LineProps {
  event: EventRow;
  age: string;
  selected: boolean;
  onSelect: (id: string | undefined) => void;
}

/** One row; memoised so a new event or a clock tick re-renders only the rows whose cells changed. */
const EventLine = memo(function EventLine({ event: e, age, selected, onSelect }: LineProps) {
  const id = e.objectId;
  const choose = id === undefined ? undefined : () => onSelect(id);
  return (
    <tr role="row" className={`eventlog-row${e.type === "Warning" ? " is-warning" : ""}${selected ? " is-selected" : ""}`} onClick={choose}>
      <td role="cell">{e.namespace}</td>
      <td role="cell" title={e.count > 1 ? `${e.count} times` : undefined}>
        {age}
      </td>
      <td role="cell" className="eventlog-type">
        {e.type}
      </td>
      <td role="cell">{e.reason}</td>
      <td role="cell">
        {choose ? (
          <button type="button" className="eventlog-object" onClick={(ev) => { ev.stopPropagation(); choose(); }} aria-label={`Select ${e.object}`}>
            {e.object}
          </button>
        ) : (
          e.object
        )}
      </td>
      <td role="cell" className="eventlog-message">
        {e.message}
      </td>
    </tr>
  );
});
