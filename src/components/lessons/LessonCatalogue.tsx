// LessonCatalogue (#/lessons): every lesson as a card with its number, title, goal, length and the
// learner's progress. A card's link opens the lesson where the learner left it.
import { LESSONS } from "../../lessons/catalogue";
import { fractionDone, useLessonProgress, type LessonProgress } from "./progress";
import "./lessons.css";

function state(p: LessonProgress | undefined, active: boolean, stepCount: number): string {
  if (p?.completed) return "Completed";
  if (active && p) return p.step > stepCount ? "At the quiz" : `In progress: step ${p.step} of ${stepCount}`;
  if (p && p.passed.length > 0) return `Started: ${p.passed.length} of ${stepCount} steps done`;
  return "Not started";
}

export function LessonCatalogue() {
  const lessons = useLessonProgress((s) => s.lessons);
  const active = useLessonProgress((s) => s.active);
  const done = LESSONS.filter((l) => lessons[l.id]?.completed).length;
  return (
    <section className="lesson-catalogue" aria-label="Lessons">
      <header className="lesson-catalogue-head">
        <h2 className="lesson-title">Lessons</h2>
        <p className="lesson-meta">
          Learn Kubernetes by doing: each lesson watches the cluster and moves on when you have done the step, whichever way you do it. {done} of {LESSONS.length} completed.
        </p>
      </header>
      <ol className="lesson-cards">
        {LESSONS.map((l) => {
          const p = lessons[l.id];
          const isActive = active === l.id;
          const step = isActive && p ? (p.step > l.steps.length ? "quiz" : String(p.step)) : "1";
          const pct = Math.round(fractionDone(p, l.steps.length) * 100);
          return (
            <li key={l.id} className={`lesson-card${isActive ? " lesson-card-active" : ""}${p?.completed ? " lesson-card-done" : ""}`}>
              <div className="lesson-card-top">
                <span className="lesson-card-number" aria-hidden="true">
                  {l.number}
                </span>
                <a className="lesson-card-title" href={`#/lessons/${l.id}/${step}`}>
                  {l.title}
                </a>
                <span className="lesson-card-minutes">{l.minutes} min</span>
              </div>
              <p className="lesson-card-goal">{l.goal}</p>
              <div className="lesson-card-progress">
                <progress max={100} value={pct} aria-label={`${l.title}: ${pct}% done`} />
                <span>{state(p, isActive, l.steps.length)}</span>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
