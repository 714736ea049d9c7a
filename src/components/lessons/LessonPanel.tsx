// LessonPanel: the lesson the URL names (#/lessons/:id/:step). Before the lesson's cluster runs it shows
// the lesson's introduction and a Start button; then one step at a time (text, what to do, what the check
// waits for, hints, Show me, Next), the quiz, and a completion screen.
import { useCallback, useState } from "react";
import { findLesson } from "../../lessons/catalogue";
import type { Lesson } from "../../lessons/types";
import { navigate, useRoute } from "../../state/route";
import { useLessonProgress } from "./progress";
import { startLessonCluster } from "./pageActions";
import { LessonDone, LessonIntro } from "./LessonIntro";
import { LessonQuiz } from "./LessonQuiz";
import { LessonStep } from "./LessonStep";
import "./lessons.css";

/** Where in a lesson the URL points: a step (1-based), the quiz, or the completion screen. */
export type Place = { readonly at: "step"; readonly step: number } | { readonly at: "quiz" } | { readonly at: "done" };

export function parsePlace(lesson: Lesson, step: string): Place {
  if (step === "quiz") return { at: "quiz" };
  if (step === "done") return { at: "done" };
  const n = Number(step);
  if (!Number.isInteger(n) || n < 1) return { at: "step", step: 1 };
  if (n > lesson.steps.length) return { at: "quiz" };
  return { at: "step", step: n };
}

export function LessonPanel() {
  const route = useRoute();
  const id = route.name === "lesson" ? route.id : "";
  const lesson = findLesson(id);
  if (!lesson) {
    return (
      <section className="lesson-panel" aria-label="Lesson">
        <p>
          There is no lesson <code>{id}</code>. <a href="#/lessons">See all lessons</a>.
        </p>
      </section>
    );
  }
  return <LessonView key={lesson.id} lesson={lesson} place={parsePlace(lesson, route.name === "lesson" ? route.step : "1")} />;
}

function LessonView(props: { lesson: Lesson; place: Place }) {
  const { lesson, place } = props;
  const active = useLessonProgress((s) => s.active === lesson.id);
  const startLesson = useLessonProgress((s) => s.startLesson);
  const [epoch, setEpoch] = useState(0);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const start = useCallback(async () => {
    setStarting(true);
    setError(undefined);
    try {
      await startLessonCluster(lesson);
      startLesson(lesson.id);
      setEpoch((e) => e + 1);
      navigate({ name: "lesson", id: lesson.id, step: "1" });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  }, [lesson, startLesson]);

  let body;
  if (place.at === "done") body = <LessonDone lesson={lesson} onRestart={start} />;
  else if (!active) body = <LessonIntro lesson={lesson} starting={starting} onStart={start} />;
  else if (place.at === "quiz") body = <LessonQuiz lesson={lesson} epoch={epoch} onRestart={start} />;
  else body = <LessonStep lesson={lesson} step={place.step} epoch={epoch} onRestart={start} restarting={starting} />;

  return (
    <section className="lesson-panel" aria-label="Lesson">
      <nav className="lesson-crumbs" aria-label="Lesson navigation">
        <a href="#/lessons">All lessons</a>
        <span aria-hidden="true"> / </span>
        <span>
          Lesson {lesson.number}: {lesson.title}
        </span>
      </nav>
      {error && (
        <p className="lesson-error" role="alert">
          The lesson's cluster could not start: {error}
        </p>
      )}
      {body}
    </section>
  );
}
