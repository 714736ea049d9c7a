// "Why this node?" / "Why Pending?": the scheduler's last decision for a pod, one row per evaluated node —
// whether it passed every Filter plugin (or which ones rejected it, and why), each Score plugin's
// weighted score, and the total the scheduler compared. The chosen node comes first.
import { Fragment, useState } from "react";
import type { SchedulingExplanation } from "../../engine/protocol";

type NodeRow = SchedulingExplanation["nodes"][number];

/** CamelCase plugin names may break between words in narrow headers. */
function Breakable({ name }: { name: string }) {
  const parts = name.split(/(?=[A-Z][a-z])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}

function rejections(row: NodeRow): [string, string][] {
  return Object.entries(row.filters).filter(([, why]) => why !== "");
}

export function orderRows(x: SchedulingExplanation): NodeRow[] {
  return [...x.nodes].sort((a, b) => {
    if ((a.node === x.nodeName) !== (b.node === x.nodeName)) return a.node === x.nodeName ? -1 : 1;
    const fa = a.total !== undefined;
    const fb = b.total !== undefined;
    if (fa !== fb) return fa ? -1 : 1;
    if (fa && fb && a.total !== b.total) return b.total! - a.total!;
    return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
  });
}

export function SchedulingTable({ explanation: x }: { explanation: SchedulingExplanation }) {
  const [perPlugin, setPerPlugin] = useState(false);
  const rows = orderRows(x);
  const filterPlugins = [...new Set(rows.flatMap((r) => Object.keys(r.filters)))];
  const best = rows.find((r) => r.node === x.nodeName)?.total;
  const tied = best === undefined ? 0 : rows.filter((r) => r.total === best).length;
  return (
    <div className="inspector-scheduling">
      {x.nodeName ? (
        <p className="inspector-verdict">
          Bound to <strong>{x.nodeName}</strong>: it passed every filter and had the highest total score
          {tied > 1 ? ` (${tied} nodes tied; the scheduler picked one of them at random)` : ""}.
        </p>
      ) : (
        <p className="inspector-verdict is-pending" role="note">
          {x.message ?? "The scheduler has not placed this pod yet."}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="inspector-empty">No node was evaluated{x.message ? "" : " (the pod was bound without the scheduler)"}.</p>
      ) : (
        <>
          <table className="inspector-table inspector-sched" aria-label="Scheduler decision per node">
            <thead>
              <tr>
                <th scope="col">NODE</th>
                <th scope="col">FILTERS</th>
                <th scope="col" className="num">
                  TOTAL
                </th>
              </tr>
            </thead>
            {rows.map((r) => {
              const rejected = rejections(r);
              const cls = r.node === x.nodeName ? "is-chosen" : rejected.length > 0 ? "is-filtered" : undefined;
              return (
                <tbody key={r.node} className={cls}>
                  <tr>
                    <th scope="row">
                      {r.node}
                      {r.node === x.nodeName && <span className="inspector-chosen"> ✓ chosen</span>}
                    </th>
                    <td className="wrap">
                      {rejected.length === 0 ? (
                        <span className="inspector-pass">passed</span>
                      ) : (
                        <ul className="inspector-reasons">
                          {rejected.map(([plugin, why]) => (
                            <li key={plugin}>
                              <strong>{plugin}</strong>: {why}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="num">
                      <strong>{r.total ?? "—"}</strong>
                    </td>
                  </tr>
                  {r.scores && (
                    <tr className="inspector-score-row">
                      <td colSpan={3}>
                        <ul className="inspector-scores" aria-label={`Scores on ${r.node}`}>
                          {Object.entries(r.scores).map(([plugin, score]) => (
                            <li key={plugin}>
                              <Breakable name={plugin} /> <strong>{score}</strong>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  )}
                </tbody>
              );
            })}
          </table>
          <label className="inspector-toggle">
            <input type="checkbox" checked={perPlugin} onChange={(e) => setPerPlugin(e.target.checked)} /> Show every filter plugin
          </label>
          {perPlugin && (
            <table className="inspector-table inspector-filters" aria-label="Filter plugin verdicts per node">
              <thead>
                <tr>
                  <th scope="col">NODE</th>
                  {filterPlugins.map((p) => (
                    <th scope="col" key={p}>
                      <Breakable name={p} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.node}>
                    <th scope="row">{r.node}</th>
                    {filterPlugins.map((p) => {
                      const v = r.filters[p];
                      return (
                        <td key={p} title={v || undefined} className={v ? "is-fail" : undefined}>
                          {v === undefined ? (
                            <span title="not run on this node">·</span>
                          ) : v === "" ? (
                            <>
                              ✓<span className="sr-only"> passed</span>
                            </>
                          ) : (
                            <>
                              ✗<span className="sr-only"> {v}</span>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
