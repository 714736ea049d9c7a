// uidTrackingExpectations: the pods (by UID) whose tracking-finalizer removal the Job controller has
// requested but not yet observed in its informer. Until observed, such a pod is treated as already
// counted, so a stale cache cannot count it twice. mirrors pkg/controller/job/tracking_utils.go
const EMPTY: ReadonlySet<string> = new Set();

export class UIDTrackingExpectations {
  private readonly byJob = new Map<string, Set<string>>();

  /** A snapshot of the expected UIDs for `jobKey` (getExpectedUIDs returns a clone upstream). */
  getExpectedUIDs(jobKey: string): ReadonlySet<string> {
    const s = this.byJob.get(jobKey);
    return s && s.size > 0 ? new Set(s) : EMPTY;
  }

  expectFinalizersRemoved(jobKey: string, uids: readonly string[]): void {
    let s = this.byJob.get(jobKey);
    if (!s) this.byJob.set(jobKey, (s = new Set()));
    for (const u of uids) s.add(u);
  }

  finalizerRemovalObserved(jobKey: string, uid: string): void {
    this.byJob.get(jobKey)?.delete(uid);
  }

  deleteExpectations(jobKey: string): void {
    this.byJob.delete(jobKey);
  }
}
