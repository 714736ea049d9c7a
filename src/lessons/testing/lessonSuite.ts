// One Vitest suite per lesson: every step is begun, shown not to pass by itself, performed through its
// "show me", and shown to pass; then the quiz is asked. Steps share one cluster, in order, as a learner
// goes through them (a failing step makes the following ones fail too: read the first failure).
import { describe, expect, it } from "vitest";
import type { LessonQuizView } from "../status";
import type { Lesson } from "../types";
import { LessonHarness, runStep } from "./harness";

export interface SuiteOptions {
  /** Show-me lines allowed to exit non-zero (e.g. `kubectl get pods` while the API server is stopped). */
  readonly mayFail?: readonly RegExp[];
  /** Extra assertions on the quiz (its right answer, read from the cluster). */
  readonly quiz?: (q: LessonQuizView, h: LessonHarness) => void;
}

export function lessonSuite(lesson: Lesson, opts: SuiteOptions = {}): void {
  describe(`lesson ${lesson.number}: ${lesson.title}`, () => {
    let h: LessonHarness;

    it("starts from its starting state", () => {
      h = new LessonHarness(lesson);
      expect(h.cluster.now()).toBeGreaterThan(0);
    });

    lesson.steps.forEach((step, i) => {
      it(`step ${i + 1}: ${step.title}`, () => {
        const o = runStep(h, i + 1);
        const transcript = o.runs.map((r) => `$ ${r.line}\n${r.output}`).join("");
        expect(o.passedAtBegin, "the check passes as soon as the step begins").toBe(false);
        if (!step.waitOnly) expect(o.passedWhenIdle, "the check passes after a minute of doing nothing").toBe(false);
        for (const r of o.runs) {
          if (opts.mayFail?.some((re) => re.test(r.line))) continue;
          expect(r.code, `show-me line failed:\n$ ${r.line}\n${r.output}`).toBe(0);
        }
        const why = `still waiting for: ${o.status.waitingFor}${o.status.progress ? ` (${o.status.progress})` : ""}${o.status.error ? ` [check error: ${o.status.error}]` : ""}\n${transcript}`;
        expect(o.passedAfterShowMe, why).toBe(true);
      });
    });

    it("asks a quiz question whose answer is among its choices", () => {
      const q = h.quiz();
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
      expect(q.answer).toBeGreaterThanOrEqual(0);
      expect(q.answer).toBeLessThan(q.choices.length);
      expect(new Set(q.choices).size).toBe(q.choices.length);
      opts.quiz?.(q, h);
    });
  });
}
