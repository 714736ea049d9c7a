// The question at the end of a lesson. The worker reads it from the cluster the learner just used (which
// node the scheduler picked, what the Secret holds), so its answer is what they saw.
import { useEffect, useState } from "react";
import type { LessonQuizView } from "../../lessons/status";
import type { Lesson } from "../../lessons/types";
import { engine } from "../../state/bridge";
import { navigate } from "../../state/route";
import { useKubelab } from "../../state/store";
import { useLessonProgress } from "./progress";

export function LessonQuiz(props: { lesson: Lesson; epoch: number; onRestart: () => void }) {
  const { lesson } = props;
  const connected = useKubelab((s) => s.connected);
  const complete = useLessonProgress((s) => s.complete);
  const setStep = useLessonProgress((s) => s.setStep);
  const [quiz, setQuiz] = useState<LessonQuizView | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const [answered, setAnswered] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    setStep(lesson.id, lesson.steps.length + 1);
    void (async () => {
      await engine.request({ kind: "lesson", op: "begin", lessonId: lesson.id, step: lesson.steps.length + 1 });
      const r = await engine.request({ kind: "lesson", op: "quiz" });
      if (cancelled) return;
      if (r.kind === "lesson" && r.status?.quiz) setQuiz(r.status.quiz);
      else setFailed(r.kind === "error" ? r.message : "the lesson is not running on this cluster any more");
    })();
    return () => {
      cancelled = true;
    };
  }, [lesson, connected, setStep, props.epoch]);

  if (failed) {
    return (
      <div className="lesson-quiz">
        <p className="lesson-check lesson-check-lost" role="status">
          The question could not be read from the cluster: {failed}.
        </p>
        <button type="button" onClick={props.onRestart}>
          Restart lesson
        </button>
      </div>
    );
  }
  if (!quiz) return <p role="status">Reading the question from the cluster…</p>;

  const right = answered !== undefined && answered === quiz.answer;
  return (
    <form
      className="lesson-quiz"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== undefined) setAnswered(choice);
      }}
    >
      <h2 className="lesson-title">Quiz</h2>
      <fieldset>
        <legend>{quiz.question}</legend>
        {quiz.choices.map((c, i) => (
          <label key={c} className="lesson-choice">
            <input
              type="radio"
              name="quiz"
              value={i}
              checked={choice === i}
              disabled={right}
              onChange={() => {
                setChoice(i);
                setAnswered(undefined);
              }}
            />
            <span>{c}</span>
          </label>
        ))}
      </fieldset>
      {answered !== undefined && (
        <p className={right ? "lesson-check lesson-check-passed" : "lesson-check lesson-check-wrong"} role="status">
          {right ? `Right. ${quiz.explanation}` : "Not quite. Think back to what the cluster showed you, and try another answer."}
        </p>
      )}
      <div className="lesson-actions">
        <button type="button" onClick={() => navigate({ name: "lesson", id: lesson.id, step: String(lesson.steps.length) })}>
          Back
        </button>
        <span className="lesson-spacer" />
        {right ? (
          <button
            type="button"
            className="lesson-primary"
            onClick={() => {
              complete(lesson.id);
              navigate({ name: "lesson", id: lesson.id, step: "done" });
            }}
          >
            Finish lesson
          </button>
        ) : (
          <button type="submit" className="lesson-primary" disabled={choice === undefined}>
            Check answer
          </button>
        )}
      </div>
    </form>
  );
}
