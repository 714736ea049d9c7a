// Drives an exec-mode command (probe, hook, kubectl exec) to completion at once: the command's waits are
// added up instead of scheduled, and a wait past the timeout abandons it.

import { ShellExit, type ExecContext, type Run, type Sink } from "./context";

/** Steps one advance() or exec may run; protects the simulation against sub-millisecond loops. */
export const MAX_STEPS = 100_000;

export interface DriveResult {
  readonly status: number;
  /** Simulated time the command waited in total (the timeout, or Infinity, when abandoned). */
  readonly elapsedMs: number;
  readonly timedOut: boolean;
}

/**
 * Turns `exit N` thrown out of a script into a return value. A failure of the model itself must not take
 * the kubelet down: it ends the command with status 1 and says so on stderr.
 */
export function* wrapExit(run: Run, err?: Sink): Run {
  try {
    return yield* run;
  } catch (e) {
    if (e instanceof ShellExit) return e.code;
    err?.write(`kubelab: behaviour model error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

export function driveToCompletion(ctx: ExecContext, run: Run, nowMs: number, timeoutMs: number | undefined): DriveResult {
  ctx.now = nowMs;
  let elapsed = 0;
  for (let guard = 0; ; guard++) {
    const r = run.next();
    if (r.done) return { status: r.value, elapsedMs: elapsed, timedOut: false };
    const wait = r.value;
    if (wait === Infinity || guard > MAX_STEPS || (timeoutMs !== undefined && elapsed + wait > timeoutMs)) {
      return { status: -1, elapsedMs: timeoutMs ?? Infinity, timedOut: true };
    }
    if (wait > 0) ctx.budget = 0;
    elapsed += wait;
    ctx.now = nowMs + elapsed;
  }
}
