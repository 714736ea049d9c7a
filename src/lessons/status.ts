// What the worker tells the lesson panel about the lesson it follows (protocol.ts `lesson` replies).
// Plain data, structured-clone safe.

export interface LessonQuizView {
  readonly question: string;
  readonly choices: readonly string[];
  /** Index into choices. */
  readonly answer: number;
  readonly explanation: string;
}

export interface LessonStatus {
  readonly lessonId: string;
  /** 1-based step number, as in the URL; stepCount + 1 is the quiz. */
  readonly step: number;
  readonly stepCount: number;
  /** The step's check has passed (it stays passed until another step begins). */
  readonly passed: boolean;
  /** What the check waits for ("a pod of web to be deleted and replaced"). */
  readonly waitingFor: string;
  /** Where things stand ("2 of 3 pods ready"). */
  readonly progress?: string;
  /** A check that failed to run (a lesson bug), for the panel's fine print. */
  readonly error?: string;
  /** op "showMe": the editor files to open and the lines to run, resolved against the cluster. */
  readonly showMe?: { readonly files: readonly { readonly name: string; readonly text: string }[]; readonly lines: readonly string[] };
  /** op "quiz": the question, read from the cluster as it is now. */
  readonly quiz?: LessonQuizView;
}
