// CronJobController mirrors pkg/controller/cronjob/cronjob_controllerv2.go (ControllerV2): each sync
// reconciles a CronJob with the Jobs it controls (active list, lastSuccessfulTime, history limits), then
// — unless suspended — starts the most recent missed schedule time (within startingDeadlineSeconds,
// honouring concurrencyPolicy) as Job <cronjob>-<minutes since epoch>, and requeues itself for 100ms
// after the next schedule time on the simulated clock.
import { controllerRefOf } from "../../api/podutil";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import { parseTime, rfc3339 } from "../../sim/clock";
import type { Controller, ControllerContext } from "../context";
import type { CronJob, CronJobStatus, Job } from "../job/jobTypes";
import { finishedCondition, isJobFinished, isJobSucceeded, sameControllerRef } from "../job/jobUtil";
import { CronParseError, parseStandard } from "./cronSchedule";
import {
  byJobStartTime, deleteFromActiveList, formatSchedule, getJobFromTemplate2, getJobName, inActiveList, inActiveListByName,
  jobRef, nextScheduleTime, nextScheduleTimeDuration,
} from "./cronJobUtils";
import { loadLocation } from "./timeZone";

const IDX_CONTROLLER_NAME = "cronjob/controllerName";

interface SyncResult {
  requeueAfter?: number;
  updateStatus: boolean;
  error?: Error;
}

/** Go's RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700" (in UTC). */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}

export class CronJobController implements Controller {
  readonly name = "cronjob-controller";
  private readonly cronJobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly queue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.cronJobs = ctx.informers.for<CronJob>("cronjobs");
    this.jobs = ctx.informers.for<Job>("jobs");
    this.queue = ctx.workqueue("cronjob", (k) => this.sync(k));
    this.client = ctx.client(this.name);
    this.recorder = ctx.recorder("cronjob-controller");
  }

  start(): void {
    this.jobs.addIndexer(IDX_CONTROLLER_NAME, (j) => {
      const ref = controllerRefOf(j);
      return ref ? [`${j.metadata.namespace ?? ""}/${ref.name}`] : [];
    });
    this.jobs.addEventHandler({
      add: (j) => this.enqueueOwner(j),
      update: (old, cur) => this.updateJob(old, cur),
      delete: (j) => this.enqueueOwner(j),
    });
    this.cronJobs.addEventHandler({
      add: (cj) => this.queue.add(keyOf(cj)),
      update: (old, cur) => this.updateCronJob(old, cur),
      delete: (cj) => this.queue.add(keyOf(cj)),
    });
  }

  stop(): void {
    this.queue.paused = true;
  }

  resume(): void {
    this.queue.resume();
  }

  private now(): number {
    return this.ctx.clock.absolute();
  }

  // ---- event handlers ----

  // mirrors resolveControllerRef
  private resolveControllerRef(namespace: string | undefined, ref: { kind: string; name: string; uid: string }): CronJob | undefined {
    if (ref.kind !== "CronJob") return undefined;
    const cj = this.cronJobs.get(`${namespace ?? "default"}/${ref.name}`);
    return cj && cj.metadata.uid === ref.uid ? cj : undefined;
  }

  /** addJob / deleteJob: wake the controlling CronJob. */
  private enqueueOwner(job: Job): void {
    const ref = controllerRefOf(job);
    if (!ref) return;
    const cj = this.resolveControllerRef(job.metadata.namespace, ref);
    if (cj) this.queue.add(keyOf(cj));
  }

  // mirrors ControllerV2.updateJob
  private updateJob(old: Job, cur: Job): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    if (oldRef && !sameControllerRef(curRef, oldRef)) this.enqueueOwner(old);
    if (curRef) this.enqueueOwner(cur);
  }

  /** A changed schedule or time zone requeues for the new next time; anything else syncs now. */
  // mirrors ControllerV2.updateCronJob
  private updateCronJob(old: CronJob, cur: CronJob): void {
    if (old.spec.schedule !== cur.spec.schedule || old.spec.timeZone !== cur.spec.timeZone) {
      let sched;
      try {
        sched = parseStandard(formatSchedule(cur, undefined));
      } catch (e) {
        if (!(e instanceof CronParseError)) throw e;
        this.recorder.event(cur, "Warning", "UnParseableCronJobSchedule", `unparseable schedule for cronjob: ${cur.spec.schedule}`);
        return;
      }
      const t = nextScheduleTimeDuration(cur, this.now(), sched);
      if (t !== undefined) this.queue.addAfter(keyOf(cur), t);
      return;
    }
    this.queue.add(keyOf(cur));
  }

  // ---- sync ----

  // mirrors ControllerV2.sync
  private sync(key: string): void {
    const cronJob = this.cronJobs.get(key);
    if (!cronJob) return; // deleted
    // Upstream lists every Job of the namespace whose controllerRef names this CronJob.
    const jobs = this.jobs.byIndex(IDX_CONTROLLER_NAME, key).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const copy = deepCopy(cronJob);
    const updateAfterCleanup = this.cleanupFinishedJobs(copy, jobs);
    const r = this.syncCronJob(copy, jobs);
    if (updateAfterCleanup || r.updateStatus) this.writeStatus(copy);
    if (r.requeueAfter !== undefined) {
      this.queue.addAfter(key, r.requeueAfter);
      return;
    }
    if (r.error) throw r.error;
  }

  private writeStatus(cj: CronJob): void {
    const s: CronJobStatus = cj.status ?? {};
    const status: CronJobStatus = {
      ...(s.active?.length ? { active: s.active } : {}),
      ...(s.lastScheduleTime ? { lastScheduleTime: s.lastScheduleTime } : {}),
      ...(s.lastSuccessfulTime ? { lastSuccessfulTime: s.lastSuccessfulTime } : {}),
    };
    this.client.updateStatus<CronJob>({ ...cj, status });
  }

  // mirrors ControllerV2.syncCronJob
  private syncCronJob(cronJobIn: CronJob, jobs: readonly Job[]): SyncResult {
    let cronJob = cronJobIn;
    const now = this.now();
    let updateStatus = false;
    const children = new Set<string>();
    for (const j of jobs) {
      children.add(j.metadata.uid);
      const found = inActiveList(cronJob, j.metadata.uid);
      if (!found && !isJobFinished(j)) {
        // The cache may not show our own status update yet: ask the API server.
        let fresh: CronJob;
        try {
          fresh = this.client.get<CronJob>("CronJob", cronJob.metadata.namespace, cronJob.metadata.name);
        } catch (e) {
          return { updateStatus, error: e as Error };
        }
        if (inActiveList(fresh, j.metadata.uid)) {
          // As upstream, later changes go to this fresh copy, not the one the caller writes.
          cronJob = deepCopy(fresh);
          continue;
        }
        this.recorder.event(cronJob, "Warning", "UnexpectedJob", `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && isJobFinished(j)) {
        deleteFromActiveList(cronJob, j.metadata.uid);
        this.recorder.event(cronJob, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, condition: ${finishedCondition(j)}`);
        updateStatus = true;
      } else if (isJobSucceeded(j)) {
        // A completed Job need not be active: its completion time still counts.
        const status = (cronJob.status ??= {});
        const completion = j.status?.completionTime;
        if (!status.lastSuccessfulTime) {
          status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
        if (completion && parseTime(completion) > parseTime(status.lastSuccessfulTime)) {
          status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
      }
    }

    // Active references whose Job is gone (confirmed by the API server) are dropped.
    for (const ref of [...(cronJob.status?.active ?? [])]) {
      if (children.has(ref.uid ?? "")) continue;
      try {
        this.client.get<Job>("Job", ref.namespace, ref.name ?? "");
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) {
          this.recorder.event(cronJob, "Normal", "MissingJob", `Active job went missing: ${ref.name}`);
          deleteFromActiveList(cronJob, ref.uid ?? "");
          updateStatus = true;
          continue;
        }
        return { updateStatus, error: e as Error };
      }
    }

    if (cronJob.metadata.deletionTimestamp) return { updateStatus };

    if (cronJob.spec.timeZone != null) {
      try {
        loadLocation(cronJob.spec.timeZone);
      } catch (e) {
        this.recorder.event(cronJob, "Warning", "UnknownTimeZone", `invalid timeZone: ${JSON.stringify(cronJob.spec.timeZone)}: ${(e as Error).message}`);
        return { updateStatus };
      }
    }
    if (cronJob.spec.suspend === true) return { updateStatus };

    let sched;
    try {
      sched = parseStandard(formatSchedule(cronJob, this.recorder));
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      this.recorder.event(cronJob, "Warning", "UnparseableSchedule", `unparseable schedule: ${JSON.stringify(cronJob.spec.schedule)} : ${e.message}`);
      return { updateStatus };
    }
    const next = nextScheduleTime(cronJob, now, sched, this.recorder);
    if (next.error) {
      this.recorder.event(cronJob, "Warning", "InvalidSchedule", `invalid schedule: ${cronJob.spec.schedule} : ${next.error}`);
      return { updateStatus };
    }
    const requeue = (): SyncResult => ({ requeueAfter: nextScheduleTimeDuration(cronJob, now, sched), updateStatus });
    if (next.time === undefined) return requeue(); // no unmet start time
    const scheduledTime = next.time;

    const deadline = cronJob.spec.startingDeadlineSeconds;
    if (deadline != null && scheduledTime + deadline * 1000 < now) {
      this.recorder.event(cronJob, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduledTime)}`);
      return requeue();
    }
    if (inActiveListByName(cronJob, cronJob.metadata.namespace, getJobName(cronJob, scheduledTime)) || parseTime(cronJob.status?.lastScheduleTime) === scheduledTime) {
      return requeue(); // already processed
    }
    if (cronJob.spec.concurrencyPolicy === "Forbid" && (cronJob.status?.active?.length ?? 0) > 0) {
      this.recorder.event(cronJob, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
      return requeue();
    }
    if (cronJob.spec.concurrencyPolicy === "Replace") {
      for (const ref of [...(cronJob.status?.active ?? [])]) {
        let job: Job;
        try {
          job = this.client.get<Job>("Job", ref.namespace, ref.name ?? "");
        } catch (e) {
          this.recorder.event(cronJob, "Warning", "FailedGet", `Get job: ${(e as Error).message}`);
          return { updateStatus, error: e as Error };
        }
        if (!this.deleteJob(cronJob, job)) return { updateStatus, error: new Error(`could not replace job ${job.metadata.namespace}/${job.metadata.name}`) };
        updateStatus = true;
      }
    }

    let jobReq: Job;
    try {
      jobReq = getJobFromTemplate2(cronJob, scheduledTime);
    } catch (e) {
      return { updateStatus, error: e as Error };
    }
    let jobResp: Job;
    try {
      jobResp = this.client.create<Job>(jobReq);
      this.recorder.event(cronJob, "Normal", "SuccessfulCreate", `Created job ${jobResp.metadata.name}`);
    } catch (e) {
      if (e instanceof ApiError && e.message.includes("because it is being terminated")) return { updateStatus, error: e };
      if (!(e instanceof ApiError && e.reason === "AlreadyExists")) {
        this.recorder.event(cronJob, "Warning", "FailedCreate", `Error creating job: ${(e as Error).message}`);
        return { updateStatus, error: e as Error };
      }
      // Created earlier but not recorded in the active list: record it now (if it is ours).
      try {
        jobResp = this.client.get<Job>("Job", jobReq.metadata.namespace, jobReq.metadata.name);
      } catch (err) {
        return { updateStatus, error: err as Error };
      }
      if (controllerRefOf(jobResp)?.uid !== cronJob.metadata.uid) return { updateStatus };
      if (inActiveList(cronJob, jobResp.metadata.uid)) return { updateStatus };
    }
    const status = (cronJob.status ??= {});
    status.active = [...(status.active ?? []), jobRef(jobResp)];
    status.lastScheduleTime = rfc3339(scheduledTime);
    updateStatus = true;
    return requeue();
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit. */
  // mirrors ControllerV2.cleanupFinishedJobs + removeOldestJobs
  private cleanupFinishedJobs(cj: CronJob, jobs: readonly Job[]): boolean {
    const { successfulJobsHistoryLimit: okLimit, failedJobsHistoryLimit: failLimit } = cj.spec;
    if (okLimit == null && failLimit == null) return false;
    const succeeded = jobs.filter((j) => finishedCondition(j) === "Complete");
    const failed = jobs.filter((j) => finishedCondition(j) === "Failed");
    let update = false;
    for (const [list, limit] of [[succeeded, okLimit], [failed, failLimit]] as const) {
      if (limit == null || list.length <= limit) continue;
      const sorted = [...list].sort(byJobStartTime);
      for (const j of sorted.slice(0, list.length - limit)) if (this.deleteJob(cj, j)) update = true;
    }
    return update;
  }

  /** Deletes a Job (Background propagation) and its active-list entry. */
  // mirrors deleteJob (cronjob_controllerv2.go) with realJobControl.DeleteJob
  private deleteJob(cj: CronJob, job: Job): boolean {
    try {
      this.client.delete("Job", job.metadata.namespace, job.metadata.name, { propagationPolicy: "Background" });
    } catch (e) {
      this.recorder.event(cj, "Warning", "FailedDelete", `Deleted job: ${(e as Error).message}`);
      return false;
    }
    deleteFromActiveList(cj, job.metadata.uid);
    this.recorder.event(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
    return true;
  }
}
