// Inspector: the selected object as kubectl shows it — Describe, YAML, Events, Relations (owners and
// dependents, each selectable) and, for a pod, the scheduler's reasoning ("Why this node?" or "Why
// Pending?"). Details come from the engine (`details` request) and are refreshed whenever the store
// replaces the selected item, i.e. whenever the object changed in the cluster.
import { useEffect, useState, type KeyboardEvent } from "react";
import type { ObjectDetails, ViewItem } from "../../engine/protocol";
import { humanDuration } from "../../engine/kubectl/printers/duration";
import { useKubelab } from "../../state/store";
import { useThrottledNow } from "../eventlog/useThrottledNow";
import { itemStatus, itemTitle } from "./itemSummary";
import { SchedulingTable } from "./SchedulingTable";
import { useObjectDetails } from "./useObjectDetails";
import "./Inspector.css";

type Tab = "describe" | "yaml" | "events" | "relations" | "scheduling";

export function Inspector() {
  const selectedId = useKubelab((s) => s.selectedId);
  const item = useKubelab((s) => (s.selectedId === undefined ? undefined : s.items.get(s.selectedId)));
  const select = useKubelab((s) => s.select);
  const state = useObjectDetails(selectedId, item);
  const [tab, setTab] = useState<Tab>("describe");

  // A pod opens on its scheduling story only when asked; switching to a non-pod leaves that tab.
  useEffect(() => {
    if (tab === "scheduling" && item?.kind !== "Pod") setTab("describe");
  }, [item?.kind, tab]);

  if (selectedId === undefined) {
    return (
      <section className="inspector" aria-label="Inspector">
        <p className="inspector-empty">Select a node, pod or other object in the graph or the event log to inspect it.</p>
      </section>
    );
  }

  const details = state.id === selectedId ? state.details : undefined;
  const tabs: [Tab, string][] = [
    ["describe", "Describe"],
    ["yaml", "YAML"],
    ["events", `Events${details ? ` (${details.events.length})` : ""}`],
    ["relations", "Relations"],
  ];
  if (item?.kind === "Pod") tabs.push(["scheduling", details?.scheduling?.nodeName || item.nodeName ? "Why this node?" : "Why Pending?"]);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = tabs.findIndex(([t]) => t === tab);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]![0];
    setTab(next);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next}"]`)?.focus();
  };

  return (
    <section className="inspector" aria-label="Inspector">
      <header className="inspector-header">
        <div className="inspector-heading">
          <span className="inspector-kind">{item?.kind ?? "Object"}</span>
          <h2 className="inspector-name">{item ? itemTitle(item) : selectedId}</h2>
          {item && <span className="inspector-status">{itemStatus(item)}</span>}
        </div>
        <button type="button" className="inspector-close" aria-label="Close inspector" onClick={() => select(undefined)}>
          ×
        </button>
      </header>
      {!item && <p className="inspector-gone">This object no longer exists in the cluster.</p>}
      <div role="tablist" aria-label="Inspector views" className="inspector-tabs" onKeyDown={onTabKey}>
        {tabs.map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            data-tab={t}
            id={`inspector-tab-${t}`}
            aria-selected={tab === t}
            aria-controls="inspector-panel"
            tabIndex={tab === t ? 0 : -1}
            className="inspector-tab"
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="inspector-panel" aria-labelledby={`inspector-tab-${tab}`} className="inspector-panel" aria-busy={state.loading}>
        {state.error && state.id === selectedId ? (
          <p className="inspector-error" role="alert">
            {state.error}
          </p>
        ) : details === undefined ? (
          <p className="inspector-empty">Loading…</p>
        ) : details === null ? (
          <p className="inspector-empty">The engine has no details for this object.</p>
        ) : (
          <TabBody tab={tab} details={details} item={item} />
        )}
      </div>
    </section>
  );
}

function TabBody({ tab, details, item }: { tab: Tab; details: ObjectDetails; item: ViewItem | undefined }) {
  switch (tab) {
    case "describe":
      return <pre className="inspector-pre">{details.describe}</pre>;
    case "yaml":
      return <pre className="inspector-pre">{details.yaml || "(no API object)"}</pre>;
    case "events":
      return <EventsTable details={details} />;
    case "relations":
      return <Relations details={details} />;
    case "scheduling":
      return details.scheduling ? (
        <SchedulingTable explanation={details.scheduling} />
      ) : (
        <p className="inspector-empty">
          {item?.kind === "Pod" && item.nodeName
            ? "No scheduling decision is recorded for this pod: it was placed without the scheduler (a static pod, a DaemonSet pod bound by spec.nodeName, or a decision from before the page started)."
            : "The scheduler has not tried to place this pod yet."}
        </p>
      );
  }
}

function EventsTable({ details }: { details: ObjectDetails }) {
  const now = useThrottledNow();
  if (details.events.length === 0) return <p className="inspector-empty">No events.</p>;
  return (
    <table className="inspector-table" aria-label="Object events">
      <thead>
        <tr>
          <th scope="col">TYPE</th>
          <th scope="col">REASON</th>
          <th scope="col">AGE</th>
          <th scope="col">FROM</th>
          <th scope="col">MESSAGE</th>
        </tr>
      </thead>
      <tbody>
        {details.events.map((e) => (
          <tr key={e.id} className={e.type === "Warning" ? "is-warning" : undefined}>
            <td>{e.type}</td>
            <td>{e.reason}</td>
            <td>{e.count > 1 ? `${humanDuration(now - e.t)} (x${e.count})` : humanDuration(now - e.t)}</td>
            <td>{e.source}</td>
            <td className="wrap">{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Relations({ details }: { details: ObjectDetails }) {
  const items = useKubelab((s) => s.items);
  const select = useKubelab((s) => s.select);
  const list = (title: string, refs: ObjectDetails["owners"], none: string) => (
    <div className="inspector-relations">
      <h3>{title}</h3>
      {refs.length === 0 ? (
        <p className="inspector-empty">{none}</p>
      ) : (
        <ul>
          {refs.map((r) => (
            <li key={r.id}>
              {items.has(r.id) ? (
                <button type="button" className="inspector-link" onClick={() => select(r.id)}>
                  {r.kind} {r.name}
                </button>
              ) : (
                <span>
                  {r.kind} {r.name}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <>
      {list("Owners", details.owners, "No owner: nothing recreates this object if it is deleted.")}
      {list("Dependents", details.dependents, "No dependents.")}
    </>
  );
}
