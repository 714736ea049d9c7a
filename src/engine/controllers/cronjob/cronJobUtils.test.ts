import { describe, expect, it } from "vitest";
import type { CronJob, Job } from "../job/jobTypes";
import { parseStandard } from "./cronSchedule";
import { byJobStartTime, getJobFromTemplate2, getJobName, mostRecentScheduleTime, nextScheduleTimeDuration } from "./cronJobUtils";

const at = (iso: string): number => Date.parse(iso);

function cj(created: string, spec: Partial<CronJob["spec"]> = {}, lastScheduleTime?: string): CronJob {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "hello", namespace: "default", uid: "cj-uid", resourceVersion: "1", creationTimestamp: created },
    spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } } }, ...spec },
    status: lastScheduleTime ? { lastScheduleTime } : {},
  } as CronJob;
}

describe("cronjob utils.go", () => {
  const hourly = parseStandard("0 * * * *");

  it("mostRecentScheduleTime: none before the first time, the latest missed time after", () => {
    const c = cj("2025-01-01T10:00:00Z");
    expect(mostRecentScheduleTime(c, at("2025-01-01T10:30:00Z"), hourly, false)).toEqual({ earliest: at("2025-01-01T10:00:00Z"), missed: "none" });
    expect(mostRecentScheduleTime(c, at("2025-01-01T11:05:00Z"), hourly, false).mostRecent).toBe(at("2025-01-01T11:00:00Z"));
    expect(mostRecentScheduleTime(c, at("2025-01-01T13:05:00Z"), hourly, false)).toEqual({ earliest: at("2025-01-01T10:00:00Z"), mostRecent: at("2025-01-01T13:00:00Z"), missed: "few" });
    const fromLast = cj("2025-01-01T10:00:00Z", {}, "2025-01-01T12:00:00Z");
    expect(mostRecentScheduleTime(fromLast, at("2025-01-01T12:30:00Z"), hourly, false).mostRecent).toBeUndefined();
  });

  it("more than 100 missed times is 'many'; startingDeadlineSeconds moves the earliest time up", () => {
    const every = parseStandard("*/1 * * * *");
    const c = cj("2025-01-01T00:00:00Z", { schedule: "*/1 * * * *" });
    expect(mostRecentScheduleTime(c, at("2025-01-01T02:00:30Z"), every, false)).toMatchObject({ mostRecent: at("2025-01-01T02:00:00Z"), missed: "many" });
    const withDeadline = cj("2025-01-01T00:00:00Z", { schedule: "*/1 * * * *", startingDeadlineSeconds: 200 });
    expect(mostRecentScheduleTime(withDeadline, at("2025-01-01T02:00:30Z"), every, true)).toMatchObject({ earliest: at("2025-01-01T01:57:10Z"), mostRecent: at("2025-01-01T02:00:00Z"), missed: "few" });
  });

  it("an impossible schedule reports upstream's error", () => {
    const never = parseStandard("59 23 31 2 *");
    expect(mostRecentScheduleTime(cj("2025-01-01T00:00:00Z"), at("2025-06-01T00:00:00Z"), never, true).error).toBe("time difference between two schedules is less than 1 second");
  });

  it("nextScheduleTimeDuration: the next time after the most recent one, plus 100ms", () => {
    expect(nextScheduleTimeDuration(cj("2025-01-01T10:00:00Z"), at("2025-01-01T10:30:00Z"), hourly)).toBe(30 * 60_000 + 100);
    expect(nextScheduleTimeDuration(cj("2025-01-01T10:00:00Z"), at("2025-01-01T13:05:00Z"), hourly)).toBe(55 * 60_000 + 100);
  });

  it("getJobName uses minutes since the epoch; getJobFromTemplate2 annotates the scheduled time in the CronJob's zone", () => {
    expect(getJobName(cj("2025-01-01T00:00:00Z"), at("2025-01-01T00:01:00Z"))).toBe("hello-28928161");
    const job = getJobFromTemplate2(cj("2025-01-01T00:00:00Z", { timeZone: "America/New_York" }), at("2025-07-01T13:00:00Z"));
    expect(job.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2025-07-01T09:00:00-04:00" });
    expect(job.metadata.name).toBe(`hello-${at("2025-07-01T13:00:00Z") / 60_000}`);
  });

  it("byJobStartTime: started Jobs oldest first, then unstarted, ties by name", () => {
    const j = (name: string, startTime?: string): Job => ({ apiVersion: "batch/v1", kind: "Job", metadata: { name }, spec: {}, status: startTime ? { startTime } : {} }) as unknown as Job;
    const sorted = [j("d"), j("c", "2025-01-01T00:02:00Z"), j("b", "2025-01-01T00:01:00Z"), j("a"), j("e", "2025-01-01T00:01:00Z")].sort(byJobStartTime);
    expect(sorted.map((x) => x.metadata.name)).toEqual(["b", "e", "c", "a", "d"]);
  });
});
