// ProbeWorker mirrors pkg/kubelet/prober/worker.go: one worker per container and probe type. It probes
// every periodSeconds from the container's start, skips probes inside initialDelaySeconds (readiness
// then reads Failure, liveness and startup Success), and flips its result only after failureThreshold
// consecutive failures or successThreshold consecutive successes. Liveness and readiness wait until the
// startup probe has succeeded.
import type { Probe } from "../api/types";
import type { ScheduledTask } from "../sim/eventQueue";
import type { ProbeAnswer } from "./containerModel";

export type ProbeType = "liveness" | "readiness" | "startup";

export interface ProbeHost {
  now(): number;
  after(ms: number, label: string, fn: () => void): ScheduledTask;
  /** Runs the probe against the container; undefined when the container is gone. */
  run(probe: Probe, now: number): ProbeAnswer | undefined;
  /** Startup done? (liveness/readiness do nothing until then) */
  startupDone(): boolean;
  /** A failure the kubelet records as an Unhealthy event. */
  unhealthy(type: ProbeType, output: string, errored?: boolean): void;
  /** The result flipped (Success ↔ Failure). */
  changed(type: ProbeType, ok: boolean): void;
}

const CAPITALIZED: Record<ProbeType, string> = { liveness: "Liveness", readiness: "Readiness", startup: "Startup" };

/** The Unhealthy event message (prober.go recordContainerEvent). */
export function probeFailedMessage(type: ProbeType, output: string, errored = false): string {
  return errored ? `${CAPITALIZED[type]} probe errored and resulted in unknown state: ${output}` : `${CAPITALIZED[type]} probe failed: ${output}`;
}

export class ProbeWorker {
  /** Last result; readiness starts as Failure, liveness/startup as Success (prober/results). */
  ok: boolean;
  private resultRun = 0;
  private task: ScheduledTask | undefined;
  private stopped = false;

  constructor(
    readonly type: ProbeType,
    private readonly probe: Probe,
    private readonly startedAt: number,
    private readonly host: ProbeHost,
  ) {
    this.ok = type !== "readiness";
    this.schedule(startedAt);
  }

  stop(): void {
    this.stopped = true;
    if (this.task) this.task.cancelled = true;
  }

  private get periodMs(): number {
    return (this.probe.periodSeconds ?? 10) * 1000;
  }

  private schedule(at: number): void {
    if (this.stopped) return;
    this.task = this.host.after(at - this.host.now(), `probe:${this.type}`, () => this.doProbe());
  }

  private doProbe(): void {
    const now = this.host.now();
    this.schedule(now + this.periodMs);
    if (this.type !== "startup" && !this.host.startupDone()) return;
    if (this.type === "startup" && this.host.startupDone()) {
      this.stop();
      return;
    }
    if (now - this.startedAt < (this.probe.initialDelaySeconds ?? 0) * 1000) return;
    const answer = this.host.run(this.probe, now);
    if (!answer) return;
    if (!answer.ok) this.host.unhealthy(this.type, answer.output, answer.errored);
    // Consecutive results of the same kind count towards the threshold that flips the result.
    if (answer.ok === this.ok) {
      this.resultRun = 0;
      return;
    }
    this.resultRun++;
    const threshold = answer.ok ? (this.probe.successThreshold ?? 1) : (this.probe.failureThreshold ?? 3);
    if (this.resultRun < threshold) return;
    this.resultRun = 0;
    this.ok = answer.ok;
    this.host.changed(this.type, answer.ok);
    if (this.type === "startup" && answer.ok) this.stop();
  }
}
