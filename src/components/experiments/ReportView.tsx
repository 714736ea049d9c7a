// The report at the end of a run (hypotheses held or broken, with numbers) and the comparison of kept
// runs side by side.
import type { ExperimentReport } from "../../experiments/types";
import { comparisonTable, metricRows } from "../../experiments/report";

export function ReportView(props: { report: ExperimentReport }) {
  const r = props.report;
  return (
    <section className="xp-report" aria-label="Report">
      <h3 className={r.held ? "xp-held" : "xp-broken"}>{r.held ? "Hypothesis held" : "Hypothesis broken"}</h3>
      {r.error && (
        <p role="alert" className="xp-error">
          {r.error}
        </p>
      )}
      <ul className="xp-hypotheses" aria-label="Hypotheses">
        {r.hypotheses.map((h) => (
          <li key={h.text} className={h.held ? "xp-held" : "xp-broken"}>
            <strong>{h.held ? "Held" : "Broken"}:</strong> {h.text} — {h.detail}
          </li>
        ))}
      </ul>
      <table className="xp-metrics" aria-label="Metrics">
        <tbody>
          {metricRows(r).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ComparisonView(props: { reports: readonly ExperimentReport[] }) {
  if (props.reports.length < 2) return null;
  const { heads, rows } = comparisonTable(props.reports);
  return (
    <table className="xp-compare" aria-label="Comparison">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Metric</span>
          </th>
          {heads.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, ...cells]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
