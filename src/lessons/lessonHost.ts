// LessonHost answers the `lesson` requests of protocol.ts inside the worker's EngineHost: it keeps one
// LessonTracker on the live cluster and reports the current step's check to the lesson panel, which asks
// after every batch it draws. Starting a lesson's cluster is not its job: the page sends the lesson's
// starting state as an ordinary `init` (see start.ts) and then `begin`s the step here.
//
// A tracker belongs to the cluster it was begun on: when the cluster is replaced (Reset cluster, an
// experiment, a restarted worker) `status` answers null and the panel offers to restart the lesson.
import type { ReplyBody, RequestBody } from "../engine/protocol";
import type { Cluster } from "../engine/sim/cluster";
import { findLesson } from "./catalogue";
import type { LessonStatus } from "./status";
import { LessonTracker } from "./tracker";

export type LessonRequestBody = Extract<RequestBody, { readonly kind: "lesson" }>;
export type LessonOp = LessonRequestBody["op"];
export type LessonReply = Extract<ReplyBody, { readonly kind: "lesson" }> | Extract<ReplyBody, { readonly kind: "error" }>;

export class LessonHost {
  private tracker: LessonTracker | undefined;

  /** The tracker, for tests and the host. */
  get current(): LessonTracker | undefined {
    return this.tracker;
  }

  handle(cluster: Cluster | undefined, body: LessonRequestBody): LessonReply {
    if (body.op === "end") {
      this.drop();
      return { kind: "lesson", status: null };
    }
    if (body.op === "begin") {
      if (!cluster) return { kind: "error", message: "the cluster is not started yet (send init first)" };
      const lesson = body.lessonId === undefined ? undefined : findLesson(body.lessonId);
      if (!lesson) return { kind: "error", message: `unknown lesson ${JSON.stringify(body.lessonId)}` };
      const step = Number.isInteger(body.step) ? (body.step as number) - 1 : 0;
      if (this.tracker && this.tracker.lesson === lesson && this.tracker.cluster === cluster) this.tracker.begin(step);
      else {
        this.drop();
        this.tracker = new LessonTracker(lesson, cluster, step);
      }
      return { kind: "lesson", status: this.status() };
    }
    const t = this.tracker;
    // The cluster was replaced since the lesson began: nothing to follow any more.
    if (!t || t.cluster !== cluster) {
      this.drop();
      return { kind: "lesson", status: null };
    }
    if (body.op === "showMe") return { kind: "lesson", status: { ...this.status(), showMe: t.showMe() } };
    if (body.op === "quiz") return { kind: "lesson", status: { ...this.status(), quiz: t.quiz() } };
    return { kind: "lesson", status: this.status() };
  }

  private status(): LessonStatus {
    const t = this.tracker!;
    const lesson = t.lesson;
    const ev = t.evaluate();
    const step = lesson.steps[t.step];
    return {
      lessonId: lesson.id,
      step: t.step + 1,
      stepCount: lesson.steps.length,
      passed: ev.passed,
      waitingFor: step?.check.waitingFor ?? "your answer",
      ...(ev.progress ? { progress: ev.progress } : {}),
      ...(ev.error ? { error: ev.error } : {}),
    };
  }

  private drop(): void {
    this.tracker?.dispose();
    this.tracker = undefined;
  }
}
