// ExperimentPanel: pick a ready-made experiment, turn its knobs, press Run, and watch the timeline of
// what each component did until the report says whether the hypothesis held. Runs happen in the worker
// on a fresh cluster (the graph shows it live); "Skip to report" runs the rest of the watch at once.
// Reports can be kept to compare runs side by side (e.g. tolerationSeconds 300 vs 30).
import { useEffect, useMemo, useState } from "react";
import { EXPERIMENTS, findExperiment } from "../../experiments/catalogue";
import { formatOffset } from "../../experiments/report";
import type { ExperimentReport, ExperimentRunView } from "../../experiments/types";
import { navigate, useRoute } from "../../state/route";
import { useKubelab } from "../../state/store";
import { KnobsForm } from "./KnobsForm";
import { ComparisonView, ReportView } from "./ReportView";
import { TimelineView } from "./TimelineView";
import { useExperimentRun } from "./useExperimentRun";
import "./ExperimentPanel.css";

/** Simulated seconds per real second while a run plays (8 minutes of watch ≈ 20 s). */
const RUN_SPEEDS = [5, 10, 25, 50, 100] as const;
const DEFAULT_SPEED = 25;
/** Reports kept for the side-by-side comparison. */
const MAX_KEPT = 3;

export function ExperimentPanel() {
  const route = useRoute();
  const [selected, setSelected] = useState<string>(EXPERIMENTS[0]!.name);
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [speed, setSpeedChoice] = useState<number>(DEFAULT_SPEED);
  const [kept, setKept] = useState<ExperimentReport[]>([]);
  const { run, error, busy, start, finish, stop } = useExperimentRun();

  useEffect(() => {
    if (route.name === "experiment" && findExperiment(route.id)) setSelected(route.id);
  }, [route]);

  const exp = findExperiment(selected) ?? EXPERIMENTS[0]!;
  const knobValues = values[exp.name] ?? {};
  const running = run !== null && (run.phase === "setup" || run.phase === "running");
  const choose = (name: string) => {
    setSelected(name);
    navigate({ name: "experiment", id: name });
  };
  const changed = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of exp.knobs) if (knobValues[k.key] !== undefined && knobValues[k.key] !== k.default) out[k.key] = knobValues[k.key]!;
    return out;
  }, [exp, knobValues]);

  return (
    <section className="xp-panel" aria-label="Experiments">
      <h2 className="xp-title">Experiments</h2>
      {/* While a run is shown the list steps aside so the timeline stays in view; Stop brings it back. */}
      {run === null && (
        <ul className="xp-list" aria-label="Ready-made experiments">
          {EXPERIMENTS.map((e) => (
            <li key={e.name}>
              <button type="button" className="xp-pick" aria-pressed={e.name === exp.name} onClick={() => choose(e.name)}>
                {e.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="xp-detail">
        <h3>{exp.title}</h3>
        <p className="xp-description">{exp.description}</p>
        <details className="xp-knobs-box" open={run === null}>
          <summary>{Object.keys(changed).length === 0 ? "Knobs (defaults)" : `Knobs (${Object.entries(changed).map(([k, v]) => `${k}=${v}`).join(", ")})`}</summary>
          <KnobsForm knobs={exp.knobs} values={knobValues} disabled={running} onChange={(key, value) => setValues((v) => ({ ...v, [exp.name]: { ...(v[exp.name] ?? {}), [key]: value } }))} />
        </details>
        <div className="xp-actions">
          <label className="xp-speed">
            Run speed
            <select value={speed} onChange={(e) => setSpeedChoice(Number(e.target.value))} disabled={running}>
              {RUN_SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="xp-run" onClick={() => void start(exp.name, changed, speed)} disabled={running || busy}>
            Run
          </button>
          <button type="button" onClick={() => void finish()} disabled={!running || busy}>
            Skip to report
          </button>
          {run !== null && (
            <button type="button" onClick={() => void stop()} disabled={busy}>
              {running ? "Stop" : "Choose another experiment"}
            </button>
          )}
        </div>
        {error && (
          <p role="alert" className="xp-error">
            {error}
          </p>
        )}
      </div>
      {run && <RunView run={run} kept={kept} onKeep={(r) => setKept((k) => [...k.filter((x) => x !== r), r].slice(-MAX_KEPT))} onClear={() => setKept([])} />}
    </section>
  );
}

function RunView(props: { run: ExperimentRunView; kept: readonly ExperimentReport[]; onKeep(r: ExperimentReport): void; onClear(): void }) {
  const { run } = props;
  const clockNow = useKubelab((s) => s.clock.now);
  const now = Math.max(run.now, clockNow);
  const total = run.endAt !== undefined && run.failureAt !== undefined ? run.endAt - run.failureAt : 0;
  const elapsed = run.failureAt === undefined ? 0 : Math.min(total, Math.max(0, now - run.failureAt));
  const report = run.report;
  const kept = report && props.kept.includes(report);
  const compared = report && !kept ? [...props.kept, report] : props.kept;
  return (
    <div className="xp-run-view">
      <p role="status" className="xp-status">
        {statusText(run, elapsed, total)}
      </p>
      {run.phase === "running" && total > 0 && <progress aria-label="Watch progress" value={elapsed} max={total} />}
      {report && <ReportView report={report} />}
      <h3>Timeline</h3>
      <TimelineView marks={run.marks} />
      {report && (
        <div className="xp-actions">
          <button type="button" onClick={() => props.onKeep(report)} disabled={kept}>
            Keep for comparison
          </button>
          {props.kept.length > 0 && (
            <button type="button" onClick={props.onClear}>
              Clear comparison
            </button>
          )}
        </div>
      )}
      <ComparisonView reports={compared} />
    </div>
  );
}

function statusText(run: ExperimentRunView, elapsed: number, total: number): string {
  switch (run.phase) {
    case "setup":
      return `${run.title}: setting up…`;
    case "running":
      return `${run.title}: watching, ${formatOffset(elapsed)} of ${formatOffset(total).slice(1)}`;
    case "done":
      return `${run.title}: done. ${run.report?.held ? "The hypothesis held." : "The hypothesis broke."}`;
    case "failed":
      return `${run.title}: could not run. ${run.report?.error ?? ""}`.trim();
  }
}
