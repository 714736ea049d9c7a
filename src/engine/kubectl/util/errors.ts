// How kubectl turns errors into stderr text. Every command funnels its failures through here so the
// wording matches cmdutil.CheckErr (kubectl pkg/cmd/util/helpers.go):
// - one error: API status errors print as `Error from server (Reason): message`, Invalid errors from
//   their details (`The Deployment "x" is invalid: ...`), anything else as `error: message`;
// - several errors (utilerrors.Aggregate): MultipleErrors, one line each, status errors still decorated
//   but plain errors WITHOUT the `error: ` prefix.
import { ApiError } from "../../apiserver/errors";
import { KubectlError } from "../env";
import { FlagError } from "../flags";
import { TokenizeError } from "../tokenize";

/** One error as Go's err.Error() reads, plus what CheckErr needs to decorate it. */
export interface Failure {
  /** err.Error(): the undecorated text (no "error: " prefix, no "Error from server"). */
  readonly text: string;
  /** Set for API status errors (StatusError): the metav1.Status reason. */
  readonly reason?: string;
  /** CheckErr's rendering when this is the only error, when it is not the default (Invalid details). */
  readonly single?: string;
  /** Exit code (cmdutil.DefaultErrorExitCode is 1). */
  readonly code?: number;
  /**
   * Kubelab's addition under kubectl's text: where in which manifest the problem is
   * ("file.yaml, document 2, line 7, column 3, field spec.replicas").
   */
  readonly location?: string;
}

/** The location line for a manifest: file, 1-based document number, line/column, and the field if known. */
export function locationOf(fileName: string, documentIndex: number | undefined, line: number | undefined, column: number | undefined, fieldPath?: string): string {
  const parts = [fileName];
  if (documentIndex !== undefined) parts.push(`document ${documentIndex + 1}`);
  if (line !== undefined) parts.push(`line ${line}`);
  if (column !== undefined) parts.push(`column ${column}`);
  if (fieldPath) parts.push(`field ${fieldPath}`);
  return parts.join(", ");
}

/** Attaches a manifest location to a failure (kept when it already has one). */
export function withLocation(f: Failure, location: string | undefined): Failure {
  return location === undefined || f.location !== undefined ? f : { ...f, location };
}

/** A plain Go error (fmt.Errorf). */
export function plain(text: string): Failure {
  return { text };
}

/** cmdutil.UsageErrorf: the message plus a pointer to `-h`. */
export function usageError(commandPath: string, message: string): Failure {
  return { text: `${message}\nSee '${commandPath} -h' for help and examples` };
}

/** cmdutil.ErrExit: fail with exit code 1 and print nothing more. */
export const ERR_EXIT: Failure = { text: "", single: "" };

/** Thrown by a command to stop with these failures (CheckErr exits after printing them). */
export class CommandFailure extends Error {
  constructor(readonly failures: readonly Failure[]) {
    super(failures.map((f) => f.text).join("; "));
  }
}

/** Throws a single plain error: the common `return fmt.Errorf(...)` of a command's Validate/Run. */
export function fail(text: string): never {
  throw new CommandFailure([plain(text)]);
}

const ERROR_PREFIX = "error: ";
const SERVER_PREFIX = /^Error from server \(([A-Za-z]+)\): /;

/** Converts anything a command may throw into the Failures kubectl would print. */
export function toFailures(e: unknown): Failure[] {
  if (e instanceof CommandFailure) return [...e.failures];
  return [toFailure(e)];
}

export function toFailure(e: unknown): Failure {
  if (e instanceof ApiError) {
    const kubectl = e.toKubectl();
    // InvalidError overrides toKubectl with the details rendering; a plain ApiError with a reason renders the
    // default "Error from server (Reason): ..."; one without (etcd errors) prints its own single line.
    const single = kubectl.startsWith("Error from server (") ? undefined : kubectl;
    return single === undefined ? { text: e.message, reason: e.reason } : { text: e.message, reason: e.reason, single };
  }
  if (e instanceof KubectlError) return fromPrinted(e.message);
  if (e instanceof FlagError || e instanceof TokenizeError) return plain(e.message);
  if (e instanceof Error) return fromPrinted(e.message);
  return plain(String(e));
}

/** A message already worded as kubectl prints it (`error: x` or `Error from server (R): x`). */
export function fromPrinted(message: string): Failure {
  const m = SERVER_PREFIX.exec(message);
  if (m) return { text: message.slice(m[0].length), reason: m[1] as string };
  return plain(message.startsWith(ERROR_PREFIX) ? message.slice(ERROR_PREFIX.length) : message);
}

/**
 * cmdutil.AddSourceToErr: `error when <verb> "<file>": <message>`; a status error stays a status error
 * (and an Invalid one keeps its details rendering).
 */
export function withSource(f: Failure, verb: string, source: string | undefined): Failure {
  if (!source) return f;
  return { ...f, text: `error when ${verb} ${JSON.stringify(source)}: ${f.text}` };
}

// mirrors StandardErrorMessage + the `error: ` fallback of checkErr's default case.
function singleMessage(f: Failure): string {
  if (f.single !== undefined) return f.single;
  if (f.reason !== undefined) return `Error from server (${f.reason}): ${f.text}`;
  return f.text.startsWith(ERROR_PREFIX) ? f.text : ERROR_PREFIX + f.text;
}

// mirrors messageForError: status errors decorated, plain errors as they are.
function aggregateLine(f: Failure): string {
  if (f.reason !== undefined) return `Error from server (${f.reason}): ${f.text}`;
  return f.text;
}

function withNewline(s: string): string {
  return s.endsWith("\n") ? s : s + "\n";
}

function located(text: string, f: Failure): string {
  return f.location === undefined || text === "" ? text : `${withNewline(text)}  at ${f.location}`;
}

/** The stderr text CheckErr prints for these failures ("" for none). */
export function renderFailures(failures: readonly Failure[]): string {
  if (failures.length === 0) return "";
  if (failures.length === 1) {
    // cmdutil.ErrExit: exit 1 without a message (the command already printed what it had to say).
    const msg = located(singleMessage(failures[0] as Failure), failures[0] as Failure);
    return msg === "" ? "" : withNewline(msg);
  }
  let s = "";
  for (const f of failures) s += withNewline(located(aggregateLine(f), f));
  return s;
}

/** The exit code for these failures: 0 for none, else the first explicit code or 1. */
export function exitCodeOf(failures: readonly Failure[]): number {
  if (failures.length === 0) return 0;
  for (const f of failures) if (f.code !== undefined) return f.code;
  return 1;
}
