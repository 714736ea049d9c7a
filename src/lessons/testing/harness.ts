// Runs a lesson without a browser, the way the page does: the starting state goes to an EngineHost as
// `init`, the editor's tabs as `files`, each step is begun through LessonHost, its "show me" files are
// opened and its lines run as `run` requests, and simulated time passes a second at a time while the
// check is asked, as the panel asks after every batch.
//
// Each step is checked twice: it must NOT pass when it begins (and, unless the step only asks the
// learner to watch, not after a minute of doing nothing either), and it MUST pass within its settle time
// after the show-me ran.
import { EngineHost } from "../../engine/host/engineHost";
import type { EditorFile } from "../../engine/protocol";
import { LessonHost, type LessonReply } from "../lessonHost";
import { startingState } from "../start";
import type { LessonStatus } from "../status";
import type { Lesson } from "../types";

export const POLL_MS = 1_000;
export const IDLE_MS = 60_000;
export const DEFAULT_SETTLE_MS = 3 * 60_000;

export interface CommandRun {
  readonly line: string;
  readonly code: number;
  readonly output: string;
}

export class LessonHarness {
  readonly host = new EngineHost();
  readonly lessons = new LessonHost();
  files: EditorFile[];
  /** Every show-me line run so far, with what it printed. */
  readonly runs: CommandRun[] = [];

  constructor(readonly lesson: Lesson) {
    const r = this.host.handle({ kind: "init", state: startingState(lesson) });
    if (r.reply.kind !== "ok") throw new Error(`lesson ${lesson.id}: starting state refused: ${JSON.stringify(r.reply)}`);
    this.files = lesson.start.files.map((f) => ({ name: f.name, text: f.text }));
    this.host.handle({ kind: "files", files: this.files });
  }

  get cluster() {
    return this.host.cluster!;
  }

  private ask(body: Parameters<LessonHost["handle"]>[1]): LessonStatus {
    const r: LessonReply = this.lessons.handle(this.host.cluster, body);
    if (r.kind !== "lesson" || !r.status) throw new Error(`lesson ${this.lesson.id}: ${JSON.stringify(r)}`);
    return r.status;
  }

  /** Begins 1-based step `n`. */
  begin(n: number): LessonStatus {
    return this.ask({ kind: "lesson", op: "begin", lessonId: this.lesson.id, step: n });
  }

  status(): LessonStatus {
    return this.ask({ kind: "lesson", op: "status" });
  }

  /** Lets `ms` pass a poll at a time; returns true as soon as the step passed. */
  waitForPass(ms: number): boolean {
    const deadline = this.cluster.now() + ms;
    for (;;) {
      if (this.status().passed) return true;
      if (this.cluster.now() >= deadline) return false;
      this.host.advance(Math.min(POLL_MS, deadline - this.cluster.now()));
    }
  }

  /** Opens the step's show-me files in the "editor" and runs its lines. */
  showMe(): CommandRun[] {
    const s = this.ask({ kind: "lesson", op: "showMe" }).showMe!;
    if (s.files.length > 0) {
      for (const f of s.files) {
        const i = this.files.findIndex((x) => x.name === f.name);
        if (i >= 0) this.files[i] = { name: f.name, text: f.text };
        else this.files.push({ name: f.name, text: f.text });
      }
      this.host.handle({ kind: "files", files: this.files.map((f) => ({ ...f })) });
    }
    const out: CommandRun[] = [];
    for (const line of s.lines) {
      const r = this.host.handle({ kind: "run", line });
      const o = r.reply.kind === "command" ? r.reply.output : { out: "", err: JSON.stringify(r.reply), code: 1 };
      const run = { line, code: o.code, output: o.out + o.err };
      out.push(run);
      this.runs.push(run);
    }
    return out;
  }

  quiz() {
    return this.ask({ kind: "lesson", op: "quiz" }).quiz!;
  }
}

export interface StepOutcome {
  readonly passedAtBegin: boolean;
  /** Undefined for watch-only steps (time alone may pass them). */
  readonly passedWhenIdle?: boolean;
  readonly runs: readonly CommandRun[];
  readonly passedAfterShowMe: boolean;
  readonly status: LessonStatus;
}

/** Runs 1-based step `n` of the harness's lesson: begin, idle, show me, wait. */
export function runStep(h: LessonHarness, n: number): StepOutcome {
  const step = h.lesson.steps[n - 1]!;
  const passedAtBegin = h.begin(n).passed;
  let passedWhenIdle: boolean | undefined;
  if (!step.waitOnly) passedWhenIdle = h.waitForPass(IDLE_MS);
  const runs = h.showMe();
  const passedAfterShowMe = h.waitForPass(step.settleMs ?? DEFAULT_SETTLE_MS);
  return { passedAtBegin, ...(passedWhenIdle !== undefined ? { passedWhenIdle } : {}), runs, passedAfterShowMe, status: h.status() };
}
