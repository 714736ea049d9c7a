// The screens around a lesson's steps: its introduction (before its cluster runs) and its completion.
import { findLesson, LESSONS } from "../../lessons/catalogue";
import type { Lesson } from "../../lessons/types";
import { navigate } from "../../state/route";
import { useLessonProgress } from "./progress";

export function LessonIntro(props: { lesson: Lesson; starting: boolean; onStart: () => void }) {
  const { lesson } = props;
  const done = useLessonProgress((s) => s.lessons[lesson.id]?.completed === true);
  const lost = useLessonProgress((s) => s.lost === lesson.id);
  const prereqs = lesson.prerequisites.map((p) => findLesson(p)).filter((l): l is Lesson => l !== undefined);
  return (
    <div className="lesson-intro">
      <h2 className="lesson-title">{lesson.title}</h2>
      {lost && (
        <p className="lesson-check lesson-check-lost" role="status">
          The cluster was replaced (Reset cluster, an experiment or another lesson), so this lesson stopped following it. Start the lesson again to continue.
        </p>
      )}
      <p className="lesson-goal">{lesson.goal}</p>
      <p className="lesson-meta">
        About {lesson.minutes} minutes · {lesson.steps.length} steps and a question{done ? " · completed" : ""}
      </p>
      {prereqs.length > 0 && (
        <p className="lesson-meta">
          Helps to have done:{" "}
          {prereqs.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ", " : ""}
              <a href={`#/lessons/${p.id}/1`}>{p.title}</a>
            </span>
          ))}
        </p>
      )}
      <ol className="lesson-outline" aria-label="Steps">
        {lesson.steps.map((s) => (
          <li key={s.title}>{s.title}</li>
        ))}
      </ol>
      <p className="lesson-note">Starting the lesson replaces the cluster with a fresh one set up for it. Your editor files stay.</p>
      <button type="button" className="lesson-primary" onClick={props.onStart} disabled={props.starting}>
        {props.starting ? "Starting…" : "Start lesson"}
      </button>
    </div>
  );
}

export function LessonDone(props: { lesson: Lesson; onRestart: () => void }) {
  const { lesson } = props;
  const next = LESSONS.find((l) => l.number === lesson.number + 1);
  return (
    <div className="lesson-done">
      <h2 className="lesson-title">Lesson complete</h2>
      <p>
        You finished <strong>{lesson.title}</strong>. {lesson.goal}
      </p>
      <div className="lesson-actions">
        {next && (
          <button type="button" className="lesson-primary" onClick={() => navigate({ name: "lesson", id: next.id, step: "1" })}>
            Next lesson: {next.title}
          </button>
        )}
        <button type="button" onClick={() => navigate({ name: "lessons" })}>
          All lessons
        </button>
        <button type="button" onClick={props.onRestart}>
          Restart lesson
        </button>
      </div>
    </div>
  );
}
