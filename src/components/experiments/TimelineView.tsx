// The run's timeline: each mark with its time since the failure, the component that acted, what it did
// and why then. Selecting a mark selects its object in the graph.
import type { ObjectRef, TimelineMark } from "../../experiments/types";
import { formatOffset } from "../../experiments/report";
import type { ViewItem } from "../../engine/protocol";
import { useKubelab } from "../../state/store";

/** The graph item a mark points at: by uid, else by kind/namespace/name (a replaced object). */
export function itemFor(objects: readonly ObjectRef[], items: ReadonlyMap<string, ViewItem>): string | undefined {
  for (const o of objects) if (o.uid && items.has(o.uid)) return o.uid;
  for (const o of objects) {
    for (const it of items.values()) {
      if (it.kind !== o.kind || it.name !== o.name) continue;
      if ("namespace" in it && o.namespace !== undefined && it.namespace !== o.namespace) continue;
      return it.id;
    }
  }
  return undefined;
}

export function TimelineView(props: { marks: readonly TimelineMark[] }) {
  const select = useKubelab((s) => s.select);
  if (props.marks.length === 0) return <p className="xp-muted">The timeline starts at the failure.</p>;
  return (
    <ol className="xp-timeline" aria-label="Timeline">
      {props.marks.map((m) => {
        const when = formatOffset(m.dt);
        const onSelect = () => {
          const id = itemFor(m.objects, useKubelab.getState().items);
          if (id) select(id);
        };
        return (
          <li key={m.seq} className={`xp-mark xp-mark-${m.kind}`}>
            <button type="button" className="xp-mark-button" onClick={onSelect} disabled={m.objects.length === 0} aria-label={`${when} ${m.actor}: ${m.text}`}>
              <span className="xp-mark-time">{when}</span>
              <span className="xp-mark-actor">{m.actor}</span>
              <span className="xp-mark-text">{m.text}</span>
            </button>
            {m.why && <p className="xp-mark-why">{m.why}</p>}
          </li>
        );
      })}
    </ol>
  );
}
