// Lessons as data (issue 7). A lesson leads a learner through one idea: each step explains a little, asks
// the learner to do something, and a check watches the simulated cluster until it happens. Checks read
// cluster state and the audit/event stream, never the text the learner typed, so any correct way passes
// (an Apply button, `kubectl apply -f`, `kubectl create`, a click in the graph).
//
// Everything a step shows is plain data (the page renders it); checks and quiz answers are functions that
// run in the engine's worker against the live Cluster (and in Node tests, unchanged).
import type { AuditEntry } from "../engine/apiserver/audit";
import type { KubeEvent, KubeObject } from "../engine/api/types";
import type { EditorFile } from "../engine/protocol";
import type { Cluster } from "../engine/sim/cluster";

/** What a check reads: the live cluster and what happened since the step began. */
export interface CheckContext {
  /** The live cluster. Read only: checks never write (they would change what they watch). */
  readonly cluster: Cluster;
  /** Simulated ms when the step began. */
  readonly since: number;
  /** API requests answered since the step began (every actor, reads included), oldest first. */
  audit(): readonly AuditEntry[];
  /** Events created or repeated (count went up) since the step began. */
  events(): readonly KubeEvent[];
  /** Objects of a resource as stored, sorted by namespace/name. */
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[];
  /** One object, or undefined. */
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
  /**
   * Scratch space that lives as long as the step: `Check.begin` records what the cluster looked like when
   * the step began (the pods that existed, the Service's IP) so `test` can tell what changed.
   */
  readonly memo: Record<string, unknown>;
}

export interface Check {
  /** Finishes "waiting for: …" in the lesson panel: "a pod of web to be deleted and replaced". */
  readonly waitingFor: string;
  /** Records the starting point of the step in `ctx.memo` (called once, when the step begins). */
  begin?(ctx: CheckContext): void;
  /** True once the learner has done the step. Must be false when the step begins. */
  test(ctx: CheckContext): boolean;
  /** Where things stand while waiting ("2 of 3 pods ready"), or undefined. */
  progress?(ctx: CheckContext): string | undefined;
}

/**
 * Graph items to spotlight: a control-plane component ("kube-scheduler"), "kubectl", a node
 * ("node:node-2"), or an object "Kind/name" in the default namespace ("Deployment/web",
 * "Service/default/web" with a namespace).
 */
export type Spotlight = string;

/** What "Show me" does: editor files opened (replacing same-named tabs) and command lines run in order. */
export interface ShowMe {
  readonly files?: readonly EditorFile[];
  /** Command-language lines; a function when they name something only the cluster knows (a pod's name). */
  readonly lines?: readonly string[] | ((ctx: CheckContext) => readonly string[]);
}

export interface LessonStep {
  readonly title: string;
  /** Short Markdown: paragraphs, `code`, **bold**, lists, fenced code blocks. */
  readonly text: string;
  /** What to do, one or two sentences of Markdown. */
  readonly todo: string;
  readonly check: Check;
  /** Revealed one at a time. */
  readonly hints: readonly string[];
  readonly showMe: ShowMe;
  readonly spotlight?: readonly Spotlight[];
  /** Clock speed (simulated seconds per real second) set when the step begins. */
  readonly speed?: number;
  /** An editor tab opened when the step begins, and/or a line typed into the terminal (not run). */
  readonly prefill?: { readonly file?: EditorFile; readonly terminal?: string };
  /**
   * The step asks the learner only to watch time pass (a node going NotReady): its check may pass without
   * any action. Every other check must still fail after time passes with nothing done.
   */
  readonly waitOnly?: boolean;
  /** Simulated time the show-me needs at most before its check passes (tests; default 3 minutes). */
  readonly settleMs?: number;
}

/** A quiz question as asked: its choices and the right one, read from the cluster the learner just used. */
export interface QuizQuestion {
  readonly question: string;
  readonly choices: readonly string[];
  /** Index into choices. */
  readonly answer: number;
  /** Shown after answering. */
  readonly explanation: string;
}

export interface Quiz {
  ask(ctx: CheckContext): QuizQuestion;
}

export interface LessonStart {
  readonly seed: number;
  /** Worker nodes (besides the control-plane node). */
  readonly nodes: number;
  /** Command-language lines run on the fresh cluster before the first step (they may read `files`). */
  readonly setup: readonly string[];
  /** The editor's tabs when the lesson starts. */
  readonly files: readonly EditorFile[];
  /** Clock speed when the lesson starts. */
  readonly speed?: number;
}

export interface Lesson {
  /** URL id: #/lessons/<id>/<step>. */
  readonly id: string;
  /** Position in the curriculum (1–16). */
  readonly number: number;
  readonly title: string;
  /** One sentence: what the learner will understand. */
  readonly goal: string;
  readonly minutes: number;
  /** Ids of lessons that help to have done first. */
  readonly prerequisites: readonly string[];
  readonly start: LessonStart;
  readonly steps: readonly LessonStep[];
  readonly quiz: Quiz;
}
