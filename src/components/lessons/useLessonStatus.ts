// Keeps the worker following the step the URL names, and asks for the step's check after the batches the
// page draws (at most every POLL_MS of real time): so a check is evaluated after every command the learner
// runs and as simulated time passes, without flooding the worker.
import { useEffect, useRef, useState } from "react";
import type { LessonStatus } from "../../lessons/status";
import type { Lesson } from "../../lessons/types";
import { engine } from "../../state/bridge";
import { useKubelab } from "../../state/store";
import { useLessonProgress } from "./progress";

export const POLL_MS = 300;

export type Following =
  | { readonly state: "starting" }
  | { readonly state: "following"; readonly status: LessonStatus }
  /** The worker follows nothing for this cluster any more (reset, another lesson, an experiment). */
  | { readonly state: "lost" }
  | { readonly state: "error"; readonly message: string };

/** `step`: 1-based, stepCount + 1 for the quiz. `epoch` changes when the lesson's cluster is (re)started. */
export function useLessonStatus(lesson: Lesson, step: number, active: boolean, epoch: number): Following {
  const [following, setFollowing] = useState<Following>({ state: "starting" });
  const version = useKubelab((s) => s.version);
  const connected = useKubelab((s) => s.connected);
  const begun = useRef(false);
  const inflight = useRef(false);
  const lastPoll = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const markPassed = useLessonProgress((s) => s.markPassed);

  // Begin the step (again) whenever the lesson, the step or the lesson's cluster changes.
  useEffect(() => {
    if (!active || !connected) return;
    let cancelled = false;
    begun.current = false;
    setFollowing({ state: "starting" });
    void engine.request({ kind: "lesson", op: "begin", lessonId: lesson.id, step }).then((r) => {
      if (cancelled) return;
      if (r.kind === "lesson" && r.status) {
        begun.current = true;
        setFollowing({ state: "following", status: r.status });
      } else setFollowing({ state: "error", message: r.kind === "error" ? r.message : "the engine did not begin the step" });
    });
    return () => {
      cancelled = true;
    };
  }, [lesson.id, step, active, connected, epoch]);

  // Ask for the check after batches, throttled; one request at a time.
  useEffect(() => {
    if (!active || !begun.current || following.state !== "following" || following.status.passed) return;
    const poll = () => {
      timer.current = undefined;
      if (inflight.current) return;
      inflight.current = true;
      lastPoll.current = performance.now();
      void engine
        .request({ kind: "lesson", op: "status" })
        .then((r) => {
          if (r.kind !== "lesson") return;
          if (!r.status) setFollowing({ state: "lost" });
          else if (r.status.lessonId === lesson.id && r.status.step === step) setFollowing({ state: "following", status: r.status });
        })
        .finally(() => {
          inflight.current = false;
        });
    };
    const wait = POLL_MS - (performance.now() - lastPoll.current);
    if (wait <= 0) poll();
    else timer.current ??= setTimeout(poll, wait);
  }, [version, active, following, lesson.id, step]);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (following.state === "following" && following.status.passed && step <= lesson.steps.length) markPassed(lesson.id, step);
  }, [following, lesson, step, markPassed]);

  return following;
}
