// Schedule arithmetic and Job construction of the CronJob controller. mirrors pkg/controller/cronjob/utils.go
// (mostRecentScheduleTime, nextScheduleTimeDuration, nextScheduleTime, getJobFromTemplate2,
// getTimeHashInMinutes, byJobStartTime, inActiveList, deleteFromActiveList) and formatSchedule /
// getJobName (cronjob_controllerv2.go). Times are absolute (Unix) milliseconds.
import type { ObjectReference } from "../../api/types";
import type { EventRecorder } from "../../client/eventRecorder";
import { deepCopy } from "../../sim/clone";
import { parseTime } from "../../sim/clock";
import { newControllerRef } from "../job/podControl";
import { BatchKeys, type CronJob, type Job } from "../job/jobTypes";
import type { Schedule } from "./cronSchedule";
import { formatRFC3339In, loadLocation } from "./timeZone";

/** nextScheduleDelta: requeues land 100ms after the scheduled time (clock skew margin). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export type MissedSchedules = "none" | "few" | "many";

export interface MostRecent {
  /** lastScheduleTime, else creationTimestamp (possibly moved up to now − startingDeadlineSeconds). */
  earliest: number;
  /** The latest schedule time ≤ now after `earliest`, if any. */
  mostRecent?: number;
  missed: MissedSchedules;
  error?: string;
}

/**
 * The latest missed schedule time. The number of missed times is approximated from the interval
 * between the next two schedule times; more than 100 counts as "many".
 */
// mirrors mostRecentScheduleTime
export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, includeStartingDeadlineSeconds: boolean): MostRecent {
  let earliest = parseTime(cj.metadata.creationTimestamp);
  const last = parseTime(cj.status?.lastScheduleTime);
  if (!Number.isNaN(last)) earliest = last;
  if (includeStartingDeadlineSeconds && cj.spec.startingDeadlineSeconds != null) {
    // Nothing older than the deadline will be started.
    const deadline = now - cj.spec.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && now < t1) return { earliest, missed: "none" };
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed: "none" };
  // An impossible date ("59 23 31 2 *") never fires: no interval between two schedule times.
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: "none", error: "time difference between two schedules is less than 1 second" };
  const elapsed = Math.trunc((now - t1!) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  // Start one interval early and let the schedule find the exact times (irregular specs such as "30 6-16/4 * * 1-5").
  const potentialEarliest = t1! + (missedCount - 2) * between * 1000;
  let mostRecent: number | undefined;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: MissedSchedules = missedCount > 100 ? "many" : missedCount > 0 ? "few" : "none";
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/** How long until the next schedule time (+100ms); undefined when the schedule never fires again. */
// mirrors nextScheduleTimeDuration
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === "none" ? r.earliest : now;
  else from = r.mostRecent;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** The schedule time to start now, if any; warns TooManyMissedTimes past 100 missed times. */
// mirrors nextScheduleTime
export function nextScheduleTime(cj: CronJob, now: number, schedule: Schedule, recorder: EventRecorder): { time?: number; error?: string } {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecent === undefined || r.mostRecent > now) return { error: r.error };
  if (r.missed === "many") {
    recorder.event(cj, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
  }
  return { time: r.mostRecent, error: r.error };
}

/** getTimeHashInMinutes: the scheduled time in minutes since the Unix epoch. */
export function getTimeHashInMinutes(scheduledTime: number): number {
  return Math.floor(Math.floor(scheduledTime / 1000) / 60);
}

/** "<cronjob>-<minutes since epoch>": deterministic, so one schedule time never gets two Jobs. */
// mirrors getJobName
export function getJobName(cj: CronJob, scheduledTime: number): string {
  return `${cj.metadata.name}-${getTimeHashInMinutes(scheduledTime)}`;
}

/**
 * A Job for one scheduled time: the template's labels, annotations (plus the scheduled timestamp in
 * the CronJob's time zone) and spec, a controller ownerReference. Throws when spec.timeZone is unknown.
 */
// mirrors getJobFromTemplate2
export function getJobFromTemplate2(cj: CronJob, scheduledTime: number): Job {
  const tmpl = cj.spec.jobTemplate ?? { spec: { template: { spec: { containers: [] } } } };
  const labels = { ...(tmpl.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(tmpl.metadata?.annotations ?? {}) };
  annotations[BatchKeys.cronJobScheduledTimestamp] = formatRFC3339In(scheduledTime, loadLocation(cj.spec.timeZone ?? ""));
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: getJobName(cj, scheduledTime),
      namespace: cj.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations,
      ownerReferences: [newControllerRef(cj)],
    },
    spec: deepCopy(tmpl.spec),
  } as unknown as Job;
}

/** CRON_TZ/TZ in the schedule wins (with a warning); otherwise spec.timeZone becomes a TZ= prefix. */
// mirrors formatSchedule
export function formatSchedule(cj: CronJob, recorder: EventRecorder | undefined): string {
  const schedule = cj.spec.schedule ?? "";
  if (schedule.includes("TZ")) {
    recorder?.event(cj, "Warning", "UnsupportedSchedule", `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    return schedule;
  }
  if (cj.spec.timeZone != null) {
    try {
      loadLocation(cj.spec.timeZone);
    } catch {
      return schedule;
    }
    return `TZ=${cj.spec.timeZone} ${schedule}`;
  }
  return schedule;
}

export function inActiveList(cj: CronJob, uid: string): boolean {
  return (cj.status?.active ?? []).some((r) => r.uid === uid);
}

export function inActiveListByName(cj: CronJob, namespace: string | undefined, name: string): boolean {
  return (cj.status?.active ?? []).some((r) => r.name === name && r.namespace === namespace);
}

export function deleteFromActiveList(cj: CronJob, uid: string): void {
  const status = (cj.status ??= {});
  status.active = (status.active ?? []).filter((r) => r.uid !== uid);
}

/** ref.GetReference for a Job. */
export function jobRef(job: Job): ObjectReference {
  return {
    kind: "Job",
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: "batch/v1",
    resourceVersion: job.metadata.resourceVersion,
  };
}

/** Jobs with a start time first, oldest first; ties and unstarted Jobs by name. */
// mirrors byJobStartTime.Less
export function byJobStartTime(a: Job, b: Job): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  const na = Number.isNaN(sa);
  const nb = Number.isNaN(sb);
  if (na !== nb) return na ? 1 : -1;
  if (na || sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return sa - sb;
}
