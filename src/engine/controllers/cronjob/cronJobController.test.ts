import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject } from "../../api/types";
import type { Kernel } from "../../testing/kernel";
import { JobController } from "../job/jobController";
import type { CronJob, Job } from "../job/jobTypes";
import { FakeKubelet, type PodProgram } from "../job/testing/fakeKubelet";
import { defaultingKernel } from "../job/testing/fixtures";
import { CronJobController } from "./cronJobController";

/** Minutes since the Unix epoch of 2025-01-01T00:00:00Z (the simulation's day zero). */
const M0 = Date.UTC(2025, 0, 1) / 60_000;

/** corpus: website/application/job/cronjob.yaml, stored as batch/v1beta1 (removed in 1.25): here as batch/v1. */
function hello(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "hello" },
    spec: {
      schedule: "*/1 * * * *",
      jobTemplate: {
        spec: {
          template: {
            spec: {
              containers: [{ name: "hello", image: "busybox", imagePullPolicy: "IfNotPresent", args: ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"] }],
              restartPolicy: "OnFailure",
            },
          },
        },
      },
      ...spec,
    },
  } as unknown as KubeObject;
}

function setup(program: PodProgram): { k: Kernel; cjc: CronJobController } {
  const k = defaultingKernel();
  new JobController(k.ctx).start();
  const cjc = new CronJobController(k.ctx);
  cjc.start();
  new FakeKubelet(k, program).start();
  k.informers.startAll();
  return { k, cjc };
}

const jobs = (k: Kernel): Job[] => k.store.list("jobs", "default") as Job[];
const cronJob = (k: Kernel): CronJob => k.store.get("cronjobs", "cronjobs/default/hello") as CronJob;
const cjEvents = (k: Kernel): string[] =>
  (k.store.list("events") as KubeEvent[])
    .filter((e) => e.involvedObject.kind === "CronJob")
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
const jobCreates = (k: Kernel): [number, string][] =>
  k.audit.since(0).filter((e) => e.actor === "cronjob-controller" && e.verb === "create" && e.resource === "jobs" && e.code === 201).map((e) => [e.t, e.name!]);

describe("CronJobController (cronjob_controllerv2.go): hello every minute (oracle 06)", () => {
  it("creates hello-<minutes since epoch> 100ms after each minute, tracks active/last times, keeps 3 successful Jobs", () => {
    const { k } = setup(() => ({ runMs: 5_000, exitCode: 0 }));
    const cj = k.api.create("kubectl", hello()) as CronJob;
    k.advance(30_000);
    expect(jobs(k)).toEqual([]);
    expect(cronJob(k).status).toEqual({});

    k.advance(31_000); // t = 61s
    const [first] = jobs(k);
    expect(first!.metadata.name).toBe(`hello-${M0 + 1}`);
    expect(first!.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2025-01-01T00:01:00Z" });
    expect(first!.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "hello", uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(first!.spec.template.spec.containers[0]!.image).toBe("busybox");
    const st = cronJob(k).status!;
    expect(st.lastScheduleTime).toBe("2025-01-01T00:01:00Z");
    const createdRV = k.audit.since(0).find((e) => e.verb === "create" && e.resource === "jobs")!.rv;
    expect(st.active).toEqual([{ kind: "Job", namespace: "default", name: `hello-${M0 + 1}`, uid: first!.metadata.uid, apiVersion: "batch/v1", resourceVersion: createdRV }]);

    k.advance(60_000 * 5); // t = 6m1s
    expect(jobCreates(k)).toEqual([1, 2, 3, 4, 5, 6].map((m) => [m * 60_000 + 100, `hello-${M0 + m}`]));
    // successfulJobsHistoryLimit 3: the oldest completed Jobs are deleted; the running one stays.
    expect(jobs(k).map((j) => j.metadata.name)).toEqual([3, 4, 5, 6].map((m) => `hello-${M0 + m}`));
    const status = cronJob(k).status!;
    expect(status.lastScheduleTime).toBe("2025-01-01T00:06:00Z");
    expect(status.active?.map((r) => r.name)).toEqual([`hello-${M0 + 6}`]);
    expect(status.lastSuccessfulTime).toBe(jobs(k).find((j) => j.metadata.name === `hello-${M0 + 5}`)!.status!.completionTime);
    const ev = cjEvents(k);
    expect(ev.slice(0, 2)).toEqual([`Normal SuccessfulCreate Created job hello-${M0 + 1}`, `Normal SawCompletedJob Saw completed job: hello-${M0 + 1}, condition: Complete`]);
    expect(ev).toContain(`Normal SuccessfulDelete Deleted job hello-${M0 + 1}`);
    expect(ev).toContain(`Normal SuccessfulDelete Deleted job hello-${M0 + 2}`);
    expect(k.errors).toEqual([]);
  });

  it("failedJobsHistoryLimit 1 keeps only the newest failed Job", () => {
    const { k } = setup(() => ({ runMs: 1_000, exitCode: 1 }));
    const spec = (hello() as CronJob).spec;
    k.api.create("kubectl", hello({ jobTemplate: { spec: { ...spec.jobTemplate.spec, backoffLimit: 0, template: { spec: { ...spec.jobTemplate.spec.template.spec, restartPolicy: "Never" } } } } }));
    k.advance(4 * 60_000 + 30_000);
    const left = jobs(k);
    expect(left.map((j) => j.metadata.name)).toEqual([`hello-${M0 + 4}`]);
    expect(left[0]!.status!.conditions!.some((c) => c.type === "Failed")).toBe(true);
    expect(cjEvents(k)).toContain(`Normal SawCompletedJob Saw completed job: hello-${M0 + 1}, condition: Failed`);
    expect(cronJob(k).status!.lastSuccessfulTime).toBeUndefined();
  });
});

describe("CronJobController: concurrencyPolicy", () => {
  it("Forbid skips a run while the previous Job is active; the missed run starts when it finishes unless past startingDeadlineSeconds", () => {
    for (const [deadline, expected] of [[undefined, [`hello-${M0 + 1}`, `hello-${M0 + 2}`]], [10, [`hello-${M0 + 1}`, `hello-${M0 + 3}`]]] as const) {
      // Each run takes ~91s: 00:01 is still running at 00:02 and finishes at ~00:02:32.
      const { k } = setup(() => ({ runMs: 90_000, exitCode: 0 }));
      k.api.create("kubectl", hello({ concurrencyPolicy: "Forbid", ...(deadline ? { startingDeadlineSeconds: deadline } : {}) }));
      k.advance(3 * 60_000 + 30_000);
      expect(jobCreates(k).map(([, n]) => n)).toEqual(expected);
      expect(cjEvents(k)).toContain("Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid");
      if (deadline === undefined) expect(jobCreates(k)[1]![0]).toBeGreaterThan(150_000); // late, after 00:01 completed
    }
  });

  it("Replace deletes the running Job and starts the new one", () => {
    const { k } = setup(() => ({}));
    k.api.create("kubectl", hello({ concurrencyPolicy: "Replace" }));
    k.advance(2 * 60_000 + 30_000);
    expect(jobCreates(k).map(([, n]) => n)).toEqual([`hello-${M0 + 1}`, `hello-${M0 + 2}`]);
    expect(jobs(k).map((j) => j.metadata.name)).toEqual([`hello-${M0 + 2}`]);
    const ev = cjEvents(k);
    const del = ev.indexOf(`Normal SuccessfulDelete Deleted job hello-${M0 + 1}`);
    expect(del).toBeGreaterThan(0);
    expect(ev[del + 1]).toBe(`Normal SuccessfulCreate Created job hello-${M0 + 2}`);
    expect(cronJob(k).status!.active!.map((r) => r.name)).toEqual([`hello-${M0 + 2}`]);
  });

  it("Allow (default) lets runs overlap", () => {
    const { k } = setup(() => ({}));
    k.api.create("kubectl", hello());
    k.advance(3 * 60_000 + 30_000);
    expect(cronJob(k).status!.active!.map((r) => r.name)).toEqual([1, 2, 3].map((m) => `hello-${M0 + m}`));
  });
});

describe("CronJobController: time zones, suspend, missed schedules, bad specs", () => {
  it("spec.timeZone: 0 9 * * * in Asia/Tokyo runs at 00:00 UTC with the scheduled time annotated in JST", () => {
    const { k } = setup(() => ({ runMs: 1_000, exitCode: 0 }));
    k.api.create("kubectl", hello({ schedule: "0 9 * * *", timeZone: "Asia/Tokyo" }));
    k.advance(24 * 3_600_000 + 1_000);
    const [job] = jobs(k);
    expect(job!.metadata.name).toBe(`hello-${M0 + 24 * 60}`);
    expect(job!.metadata.annotations!["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2025-01-02T09:00:00+09:00");
    expect(jobCreates(k)).toEqual([[24 * 3_600_000 + 100, `hello-${M0 + 24 * 60}`]]);
  });

  it("suspend: nothing runs; after resuming, the most recent missed time starts at once", () => {
    const { k } = setup(() => ({}));
    k.api.create("kubectl", hello({ suspend: true }));
    k.advance(3 * 60_000 + 30_000);
    expect(jobs(k)).toEqual([]);
    k.api.patch("kubectl", k.api.typeOf(hello()), "default", "hello", (o) => {
      o.spec.suspend = false;
    });
    k.advance(1_000);
    expect(jobCreates(k).map(([, n]) => n)).toEqual([`hello-${M0 + 3}`]);
  });

  it("controller down: without a deadline the latest missed run starts on resume; with startingDeadlineSeconds it is skipped", () => {
    for (const [deadline, expected] of [[undefined, [`hello-${M0 + 6}`, `hello-${M0 + 7}`]], [30, [`hello-${M0 + 7}`]]] as const) {
      const { k, cjc } = setup(() => ({}));
      k.api.create("kubectl", hello(deadline === undefined ? {} : { startingDeadlineSeconds: deadline }));
      k.advance(30_000);
      cjc.stop();
      k.advance(6 * 60_000 + 15_000); // down until 00:06:45
      cjc.resume();
      k.advance(30_000);
      expect(jobCreates(k).map(([, n]) => n)).toEqual(expected);
    }
  });

  it("more than 100 missed times: TooManyMissedTimes, and the latest one still starts", () => {
    const { k, cjc } = setup(() => ({}));
    k.api.create("kubectl", hello());
    k.advance(30_000);
    cjc.stop();
    k.advance(2 * 3_600_000);
    cjc.resume();
    k.advance(1_000);
    expect(cjEvents(k)).toContain("Warning TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    expect(jobCreates(k).map(([, n]) => n)).toEqual([`hello-${M0 + 120}`]);
  });

  it("an unparseable schedule or an unknown time zone only produces a warning", () => {
    const { k } = setup(() => ({}));
    k.api.create("kubectl", hello({ schedule: "* * *" }));
    k.api.create("kubectl", { ...hello({ timeZone: "Mars/Base" }), metadata: { name: "mars" } } as KubeObject);
    k.advance(5 * 60_000);
    expect(jobs(k)).toEqual([]);
    const ev = (k.store.list("events") as KubeEvent[]).map((e) => `${e.involvedObject.name} ${e.type} ${e.reason} ${e.message}`);
    expect(ev).toContain('hello Warning UnparseableSchedule unparseable schedule: "* * *" : expected exactly 5 fields, found 3: [* * *]');
    expect(ev).toContain('mars Warning UnknownTimeZone invalid timeZone: "Mars/Base": unknown time zone Mars/Base');
  });
});
