// TTLAfterFinishedController mirrors pkg/controller/ttlafterfinished/ttlafterfinished_controller.go:
// a finished Job (Complete or Failed) with spec.ttlSecondsAfterFinished is deleted — Foreground, with a
// UID precondition — once that many seconds have passed since its terminal condition's
// lastTransitionTime. Before deleting it re-reads the Job from the API server: the TTL may have changed.
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { parseTime } from "../../sim/clock";
import type { Controller, ControllerContext } from "../context";
import type { Job } from "./jobTypes";
import { isJobFinished } from "./jobUtil";

// mirrors needsCleanup
function needsCleanup(job: Job): boolean {
  return job.spec.ttlSecondsAfterFinished != null && isJobFinished(job);
}

/** jobFinishTime: the lastTransitionTime of the Complete/Failed condition. */
// mirrors jobFinishTime
export function jobFinishTime(job: Job): number {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === "Complete" || c.type === "Failed") && c.status === "True") {
      const t = parseTime(c.lastTransitionTime);
      if (Number.isNaN(t)) throw new Error(`unable to find the time when the Job ${job.metadata.namespace}/${job.metadata.name} finished`);
      return t;
    }
  }
  throw new Error(`unable to find the status of the finished Job ${job.metadata.namespace}/${job.metadata.name}`);
}

export class TTLAfterFinishedController implements Controller {
  readonly name = "ttl-after-finished-controller";
  private readonly jobs: Informer<Job>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;

  constructor(private readonly ctx: ControllerContext) {
    this.jobs = ctx.informers.for<Job>("jobs");
    this.queue = ctx.workqueue("ttl_jobs_to_delete", (k) => this.processJob(k));
    this.client = ctx.client(this.name);
  }

  start(): void {
    const enqueue = (job: Job): void => {
      if (!job.metadata.deletionTimestamp && needsCleanup(job)) this.queue.add(keyOf(job));
    };
    this.jobs.addEventHandler({ add: enqueue, update: (_old, cur) => enqueue(cur) });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  // mirrors Controller.processJob
  private processJob(key: string): void {
    const job = this.jobs.get(key);
    if (!job || !this.processTTL(key, job)) return;
    // The cached TTL may be stale: confirm against the API server before deleting.
    let fresh: Job;
    try {
      fresh = this.client.get<Job>("Job", job.metadata.namespace, job.metadata.name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
    if (!this.processTTL(key, fresh)) return;
    try {
      this.client.delete("Job", fresh.metadata.namespace, fresh.metadata.name, { propagationPolicy: "Foreground", uid: fresh.metadata.uid });
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
  }

  /** True when the TTL has expired; otherwise requeues the Job for when it will. */
  // mirrors Controller.processTTL + timeLeft
  private processTTL(key: string, job: Job): boolean {
    if (job.metadata.deletionTimestamp || !needsCleanup(job)) return false;
    const expireAt = jobFinishTime(job) + job.spec.ttlSecondsAfterFinished! * 1000;
    const remaining = expireAt - this.ctx.clock.absolute();
    if (remaining <= 0) return true;
    this.queue.addAfter(key, remaining);
    return false;
  }
}
