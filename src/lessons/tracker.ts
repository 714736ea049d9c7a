// LessonTracker follows one learner through one lesson on one live cluster: it begins a step (recording
// where the cluster stood), evaluates the step's check whenever asked, and remembers that it passed.
// Pure like the engine: it reads the Cluster and its audit log, never the wall clock, and never writes.
//
// Invariants:
//   - a step's check sees only what happened after the step began (audit entries, events);
//   - once a step's check passed, the step stays passed until another step begins: later changes in the
//     cluster (a pod that comes back, a node restored) cannot take the learner's success away;
//   - a check that throws has not passed (a half-built object must not crash the lesson).
import type { AuditEntry } from "../engine/apiserver/audit";
import type { KubeEvent, KubeObject } from "../engine/api/types";
import type { EditorFile } from "../engine/protocol";
import type { Cluster } from "../engine/sim/cluster";
import { LEARNER_ACTORS } from "./checks";
import type { CheckContext, Lesson, QuizQuestion } from "./types";

/** Audit entries kept per step at most (a step left open for hours must not grow without bound). */
const MAX_AUDIT = 50_000;
/** Components' bookkeeping the checks never need: lease renewals and Event writes (events() reads
 *  Events). The learner's own reads of them are kept (`kubectl get leases` is a lesson step). */
const SKIPPED_RESOURCES: ReadonlySet<string> = new Set(["leases", "events"]);

class StepContext implements CheckContext {
  readonly memo: Record<string, unknown> = {};
  private readonly entries: AuditEntry[] = [];
  private readonly eventCounts = new Map<string, number>();

  constructor(
    readonly cluster: Cluster,
    readonly since: number,
  ) {
    for (const e of cluster.list<KubeEvent>("events")) this.eventCounts.set(e.metadata.uid, e.count ?? 1);
  }

  record(e: AuditEntry): void {
    if (e.verb === "watch" || (SKIPPED_RESOURCES.has(e.resource) && !LEARNER_ACTORS.has(e.actor))) return;
    if (this.entries.length >= MAX_AUDIT) this.entries.splice(0, MAX_AUDIT >> 2);
    this.entries.push(e);
  }

  audit(): readonly AuditEntry[] {
    return this.entries;
  }

  events(): readonly KubeEvent[] {
    const out: KubeEvent[] = [];
    for (const e of this.cluster.list<KubeEvent>("events")) {
      const before = this.eventCounts.get(e.metadata.uid);
      if (before === undefined || (e.count ?? 1) > before) out.push(e);
    }
    return out;
  }

  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[] {
    return this.cluster.list<T>(resource, namespace);
  }

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const key = namespace ? `${resource}/${namespace}/${name}` : `${resource}/${name}`;
    return this.cluster.store.get(resource, key) as T | undefined;
  }
}

export interface StepEvaluation {
  readonly passed: boolean;
  readonly progress?: string;
  /** A check that threw (a bug in the lesson): the message, for the panel's fine print. */
  readonly error?: string;
}

export class LessonTracker {
  /** 0-based step index; steps.length means the quiz. */
  private index = 0;
  private ctx: StepContext;
  private passed = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly lesson: Lesson,
    readonly cluster: Cluster,
    step = 0,
  ) {
    this.ctx = new StepContext(cluster, cluster.now());
    this.unsubscribe = cluster.audit.subscribe((e) => this.ctx.record(e));
    this.begin(step);
  }

  get step(): number {
    return this.index;
  }

  get atQuiz(): boolean {
    return this.index >= this.lesson.steps.length;
  }

  /** Starts step `index` (clamped to the steps and the quiz) from the cluster as it is now. */
  begin(index: number): void {
    this.index = Math.max(0, Math.min(this.lesson.steps.length, Math.floor(index)));
    this.ctx = new StepContext(this.cluster, this.cluster.now());
    this.passed = this.atQuiz;
    const check = this.lesson.steps[this.index]?.check;
    if (check?.begin) {
      try {
        check.begin(this.ctx);
      } catch {
        // A begin that cannot read the cluster leaves the memo empty; test() then waits as it can.
      }
    }
  }

  /** Evaluates the current step's check (latching: once passed, passed). */
  evaluate(): StepEvaluation {
    const step = this.lesson.steps[this.index];
    if (!step) return { passed: true };
    let error: string | undefined;
    if (!this.passed) {
      try {
        this.passed = step.check.test(this.ctx);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    let progress: string | undefined;
    if (!this.passed && step.check.progress) {
      try {
        progress = step.check.progress(this.ctx);
      } catch {
        progress = undefined;
      }
    }
    return { passed: this.passed, ...(progress ? { progress } : {}), ...(error ? { error } : {}) };
  }

  /** The current step's "show me", with lines that depend on the cluster resolved now. */
  showMe(): { files: EditorFile[]; lines: string[] } {
    const s = this.lesson.steps[this.index]?.showMe;
    if (!s) return { files: [], lines: [] };
    const lines = typeof s.lines === "function" ? s.lines(this.ctx) : (s.lines ?? []);
    return { files: (s.files ?? []).map((f) => ({ name: f.name, text: f.text })), lines: [...lines] };
  }

  /** The lesson's quiz question, read from the cluster as it is now. */
  quiz(): QuizQuestion {
    return this.lesson.quiz.ask(new StepContext(this.cluster, this.cluster.now()));
  }

  dispose(): void {
    this.unsubscribe();
  }
}
