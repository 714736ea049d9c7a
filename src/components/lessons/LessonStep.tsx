// One lesson step: its explanation, what to do, what the check waits for (live), hints one at a time,
// Show me (opens the step's files and runs its lines, printing what they printed), Back/Next and Restart.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Lesson } from "../../lessons/types";
import { engine } from "../../state/bridge";
import { setSpeed } from "../../state/controls";
import { navigate } from "../../state/route";
import { useKubelab } from "../../state/store";
import { Markdown } from "./Markdown";
import { openInEditor, prefillTerminal, runLines } from "./pageActions";
import { useLessonProgress } from "./progress";
import { resolveSpotlight, spotlightCss } from "./spotlight";
import { useLessonStatus, type Following } from "./useLessonStatus";

export function LessonStep(props: { lesson: Lesson; step: number; epoch: number; onRestart: () => void; restarting: boolean }) {
  const { lesson, step } = props;
  const s = lesson.steps[step - 1]!;
  const following = useLessonStatus(lesson, step, true, props.epoch);
  const setStep = useLessonProgress((st) => st.setStep);
  const loseActive = useLessonProgress((st) => st.loseActive);
  const [hints, setHints] = useState(0);
  const [shown, setShown] = useState<string | undefined>(undefined);
  const [showing, setShowing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Arriving at a step: remember it, set its clock, pre-fill what it asks for, and move focus to it.
  useEffect(() => {
    setStep(lesson.id, step);
    setHints(0);
    setShown(undefined);
    if (s.speed !== undefined) void setSpeed(s.speed);
    if (s.prefill?.file) openInEditor([s.prefill.file]);
    if (s.prefill?.terminal) prefillTerminal(s.prefill.terminal);
    heading.current?.focus({ preventScroll: false });
  }, [lesson.id, step, s, setStep, props.epoch]);

  const passed = following.state === "following" && following.status.passed;
  const last = step === lesson.steps.length;

  const showMe = async () => {
    setShowing(true);
    try {
      const r = await engine.request({ kind: "lesson", op: "showMe" });
      if (r.kind !== "lesson" || !r.status?.showMe) {
        setShown(r.kind === "error" ? `error: ${r.message}\n` : "The lesson is not running on this cluster: restart it.\n");
        return;
      }
      const { files, lines } = r.status.showMe;
      openInEditor(files);
      const opened = files.length > 0 ? `# opened ${files.map((f) => f.name).join(", ")} in the Editor tab\n` : "";
      setShown(opened + (await runLines(lines)));
    } finally {
      setShowing(false);
    }
  };

  return (
    <div className="lesson-step">
      <SpotlightStyle spots={s.spotlight ?? []} />
      <StepProgress lesson={lesson} step={step} />
      <h2 className="lesson-title" ref={heading} tabIndex={-1}>
        {s.title}
      </h2>
      <Markdown text={s.text} />
      <div className="lesson-todo" role="group" aria-label="Your turn">
        <div className="lesson-todo-label">Your turn</div>
        <Markdown text={s.todo} />
        {s.prefill?.file && <p className="lesson-note">{s.prefill.file.name} is open in the Editor tab.</p>}
      </div>
      <CheckStatus following={following} onRestart={props.onRestart} onLost={loseActive} restarting={props.restarting} />
      {hints > 0 && (
        <ol className="lesson-hints" aria-label="Hints">
          {s.hints.slice(0, hints).map((h) => (
            <li key={h}>
              <Markdown text={h} />
            </li>
          ))}
        </ol>
      )}
      {shown !== undefined && (
        <pre className="lesson-shown" aria-label="Show me output">
          {shown}
        </pre>
      )}
      <div className="lesson-actions">
        <button type="button" onClick={() => setHints((n) => n + 1)} disabled={hints >= s.hints.length}>
          {hints === 0 ? "Hint" : hints >= s.hints.length ? "No more hints" : "Another hint"}
        </button>
        <button type="button" onClick={() => void showMe()} disabled={showing || passed}>
          {showing ? "Showing…" : "Show me"}
        </button>
        <span className="lesson-spacer" />
        {step > 1 && (
          <button type="button" onClick={() => navigate({ name: "lesson", id: lesson.id, step: String(step - 1) })}>
            Back
          </button>
        )}
        <button
          type="button"
          className={passed ? "lesson-primary" : ""}
          disabled={!passed}
          onClick={() => navigate({ name: "lesson", id: lesson.id, step: last ? "quiz" : String(step + 1) })}
        >
          {last ? "Next: quiz" : "Next"}
        </button>
      </div>
      <div className="lesson-footer">
        {!passed && (
          <button type="button" className="lesson-link" onClick={() => navigate({ name: "lesson", id: lesson.id, step: last ? "quiz" : String(step + 1) })}>
            Skip this step
          </button>
        )}
        <button type="button" className="lesson-link" onClick={props.onRestart} disabled={props.restarting}>
          Restart lesson
        </button>
      </div>
    </div>
  );
}

function StepProgress(props: { lesson: Lesson; step: number }) {
  const total = props.lesson.steps.length;
  return (
    <div className="lesson-progress">
      <span>
        Step {props.step} of {total}
      </span>
      <progress max={total + 1} value={props.step - 1} aria-label={`Step ${props.step} of ${total}`} />
    </div>
  );
}

function CheckStatus(props: { following: Following; onRestart: () => void; onLost: () => void; restarting: boolean }) {
  const f = props.following;
  const { onLost } = props;
  useEffect(() => {
    if (f.state === "lost") onLost();
  }, [f.state, onLost]);
  if (f.state === "lost") {
    return (
      <div className="lesson-check lesson-check-lost" role="status">
        The cluster changed since this lesson started (Reset cluster, an experiment or another lesson), so the lesson can no longer follow it.{" "}
        <button type="button" onClick={props.onRestart} disabled={props.restarting}>
          Restart lesson
        </button>
      </div>
    );
  }
  if (f.state === "error") {
    return (
      <div className="lesson-check lesson-check-lost" role="status">
        The lesson cannot follow the cluster: {f.message}
      </div>
    );
  }
  if (f.state === "starting") {
    return (
      <div className="lesson-check" role="status">
        Checking the cluster…
      </div>
    );
  }
  const st = f.status;
  if (st.passed) {
    return (
      <div className="lesson-check lesson-check-passed" role="status">
        <span aria-hidden="true">✓ </span>Done: the lesson saw it happen in the cluster. Continue with Next.
      </div>
    );
  }
  return (
    <div className="lesson-check" role="status">
      <span className="lesson-waiting" aria-hidden="true" />
      <span>
        Waiting for: {st.waitingFor}
        {st.progress ? <span className="lesson-check-progress"> ({st.progress})</span> : null}
      </span>
    </div>
  );
}

/** Outlines the step's spotlit graph items while the step is shown. */
function SpotlightStyle(props: { spots: readonly string[] }) {
  const items = useKubelab((s) => s.items);
  const css = useMemo(() => spotlightCss(resolveSpotlight(items, props.spots)), [items, props.spots]);
  return css ? <style>{css}</style> : null;
}
