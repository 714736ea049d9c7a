// Backoff mirrors client-go util/flowcontrol/backoff.go (without jitter, as NewBackOff builds it): a per-key
// delay that starts at `initial`, doubles on every Next up to `max`, and is forgotten once 2×max passed
// without a new step. The DaemonSet controller keys it by DaemonSet/generation/node so that a pod the
// kubelet keeps rejecting is not deleted and recreated in a hot loop.
// Times are simulated milliseconds.

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** Get: the current delay for `id` (0 when unknown). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Next: moves `id` one step (initial, then ×2 up to max), or restarts it after a stable period. */
  next(id: string, now: number): void {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(now, e.lastUpdate)) {
      this.entries.set(id, { backoff: this.initialMs, lastUpdate: now });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = now;
  }

  /** IsInBackOffSinceUpdate: true while less than the current delay passed since the last Next. */
  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** GC: drops entries stable for more than 2×max (upstream runs it every BackoffGCInterval = 1m). */
  gc(now: number): void {
    for (const [id, e] of this.entries) if (this.hasExpired(now, e.lastUpdate)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  // hasExpired: "consider stable if it's ok for twice the maxDuration".
  private hasExpired(now: number, lastUpdate: number): boolean {
    return now - lastUpdate > this.maxMs * 2;
  }
}
