import { describe, expect, it } from "vitest";
import { EngineHost } from "../engine/host/engineHost";
import type { ReplyBody } from "../engine/protocol";
import { LESSONS } from "./catalogue";
import { startingState } from "./start";
import type { LessonStatus } from "./status";

function lesson(reply: ReplyBody): LessonStatus | null {
  if (reply.kind !== "lesson") throw new Error(`expected a lesson reply, got ${JSON.stringify(reply)}`);
  return reply.status;
}

const selfHealing = LESSONS.find((l) => l.id === "self-healing")!;

function started(): EngineHost {
  const host = new EngineHost();
  expect(host.handle({ kind: "init", state: startingState(selfHealing) }).reply.kind).toBe("ok");
  return host;
}

describe("EngineHost lesson requests", () => {
  it("begins a step and reports what its check waits for", () => {
    const host = started();
    const s = lesson(host.handle({ kind: "lesson", op: "begin", lessonId: "self-healing", step: 1 }).reply)!;
    expect(s).toMatchObject({ lessonId: "self-healing", step: 1, stepCount: 4, passed: false, waitingFor: "the Deployment web to have all its Pods ready" });
  });

  it("sees the learner's command pass the check once the cluster catches up", () => {
    const host = started();
    host.handle({ kind: "files", files: selfHealing.start.files });
    host.handle({ kind: "lesson", op: "begin", lessonId: "self-healing", step: 1 });
    host.handle({ kind: "run", line: "kubectl apply -f web.yaml" });
    expect(lesson(host.handle({ kind: "lesson", op: "status" }).reply)!.passed).toBe(false);
    host.advance(60_000);
    expect(lesson(host.handle({ kind: "lesson", op: "status" }).reply)!.passed).toBe(true);
  });

  it("stays passed when the cluster changes after the check passed", () => {
    const host = started();
    host.handle({ kind: "files", files: selfHealing.start.files });
    host.handle({ kind: "lesson", op: "begin", lessonId: "self-healing", step: 1 });
    host.handle({ kind: "run", line: "kubectl apply -f web.yaml" });
    host.advance(60_000);
    expect(lesson(host.handle({ kind: "lesson", op: "status" }).reply)!.passed).toBe(true);
    host.handle({ kind: "run", line: "kubectl delete deployment web" });
    host.advance(5_000);
    expect(lesson(host.handle({ kind: "lesson", op: "status" }).reply)!.passed).toBe(true);
  });

  it("resolves show-me lines against the live cluster", () => {
    const host = started();
    host.handle({ kind: "files", files: selfHealing.start.files });
    host.handle({ kind: "run", line: "kubectl apply -f web.yaml" });
    host.advance(60_000);
    host.handle({ kind: "lesson", op: "begin", lessonId: "self-healing", step: 3 });
    const s = lesson(host.handle({ kind: "lesson", op: "showMe" }).reply)!;
    expect(s.showMe!.lines).toHaveLength(1);
    expect(s.showMe!.lines[0]).toMatch(/^kubectl delete pod web-[a-z0-9]+-[a-z0-9]{5}$/);
  });

  it("answers null once the cluster it followed is replaced", () => {
    const host = started();
    host.handle({ kind: "lesson", op: "begin", lessonId: "self-healing", step: 2 });
    host.handle({ kind: "init", nodes: 1 });
    expect(lesson(host.handle({ kind: "lesson", op: "status" }).reply)).toBeNull();
  });

  it("treats the step after the last as the quiz, already passed", () => {
    const host = started();
    const s = lesson(host.handle({ kind: "lesson", op: "begin", lessonId: "self-healing", step: 5 }).reply)!;
    expect(s).toMatchObject({ step: 5, passed: true });
    const q = lesson(host.handle({ kind: "lesson", op: "quiz" }).reply)!.quiz!;
    expect(q.choices[q.answer]).toBe("the replicaset controller");
  });

  it("refuses an unknown lesson and a begin before init", () => {
    expect(new EngineHost().handle({ kind: "lesson", op: "begin", lessonId: "tour", step: 1 }).reply.kind).toBe("error");
    const host = started();
    const r = host.handle({ kind: "lesson", op: "begin", lessonId: "no-such-lesson", step: 1 }).reply;
    expect(r).toEqual({ kind: "error", message: 'unknown lesson "no-such-lesson"' });
    expect(lesson(host.handle({ kind: "lesson", op: "end" }).reply)).toBeNull();
  });
});
