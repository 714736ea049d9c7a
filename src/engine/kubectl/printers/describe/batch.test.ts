// Expected strings follow describeJob / describeCronJob (kubectl pkg/describe/describe.go) and the
// `kubectl describe jobs/pi` output of the Job docs page (corpus oracle 05-job.md).
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject } from "../../../api/types";
import { capIndexesListOrNone, describeCronJob, describeJob } from "./batch";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const template = { metadata: { labels: { "job-name": "pi" } }, spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] }] } };

function job(spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi", namespace: "default", uid: "u1", labels: { "controller-uid": "c9948307", "job-name": "pi" } },
    spec: { selector: { matchLabels: { "controller-uid": "c9948307" } }, template, ...spec },
    status,
  } as unknown as KubeObject;
}

describe("describeJob", () => {
  it("prints the docs page's pi Job the way kubectl does", () => {
    const ev = { apiVersion: "v1", kind: "Event", metadata: { name: "e" }, type: "Normal", reason: "SuccessfulCreate", message: "Created pod: pi-5rwd7", source: { component: "job-controller" }, firstTimestamp: iso(NOW - 14 * MIN), count: 1 } as unknown as KubeEvent;
    const out = describeJob(job({ parallelism: 1, completions: 1 }, { startTime: iso(NOW - 15 * MIN), completionTime: iso(NOW - 15 * MIN + 65_000), succeeded: 1 }), [ev], NOW);
    for (const s of [
      "Name:           pi\nNamespace:      default\nSelector:       controller-uid=c9948307\n",
      "Labels:         controller-uid=c9948307\n                job-name=pi\n",
      "Parallelism:    1\nCompletions:    1\n",
      "Duration:       65s\n",
      "Pods Statuses:  0 Active / 1 Succeeded / 0 Failed\n",
      "Pod Template:\n  Labels:  job-name=pi\n",
      "  Normal  SuccessfulCreate  14m   job-controller  Created pod: pi-5rwd7",
    ]) expect(out).toContain(s);
  });

  it("prints the defaulted v1.34 fields, Ready count and Indexed completions", () => {
    const out = describeJob(job({ parallelism: 2, completions: 4, completionMode: "Indexed", suspend: false, backoffLimit: 6 }, { active: 2, ready: 1, succeeded: 2, completedIndexes: "0,2" }), undefined, NOW);
    // The widest label of the block is "Completed Indexes:" (18 + 2 padding).
    expect(out).toContain("Completion Mode:    Indexed\n");
    expect(out).toContain("Suspend:            false\n");
    expect(out).toContain("Backoff Limit:      6\n");
    expect(out).toContain("Pods Statuses:      2 Active (1 Ready) / 2 Succeeded / 0 Failed\n");
    expect(out).toContain("Completed Indexes:  0,2\n");
    expect(out).not.toContain("Events:");
    expect(out).not.toContain("Duration:");
  });

  it("says <unset> for unset completions", () => {
    expect(describeJob(job({}, {}), [], NOW)).toContain("Completions:    <unset>\n");
  });
});

describe("capIndexesListOrNone", () => {
  // TestDescribeJob-style: cut after the first comma past the soft limit.
  it("caps long lists", () => {
    expect(capIndexesListOrNone("", 50)).toBe("<none>");
    expect(capIndexesListOrNone("0-3,5", 3)).toBe("0-3,...");
    expect(capIndexesListOrNone("0-3,5", 10)).toBe("0-3,5");
  });
});

describe("describeCronJob", () => {
  it("prints schedule, unset limits and active jobs", () => {
    const cj = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "hello", namespace: "default" },
      spec: { schedule: "* * * * *", concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, jobTemplate: { spec: { template } } },
      status: { active: [{ name: "hello-1" }, { name: "hello-2" }], lastScheduleTime: "2026-01-01T11:59:00Z" },
    } as unknown as KubeObject;
    const out = describeCronJob(cj, [], NOW);
    for (const s of [
      "Schedule:                      * * * * *\n",
      "Concurrency Policy:            Allow\n",
      "Suspend:                       False\n",
      "Successful Job History Limit:  3\n",
      "Failed Job History Limit:      <unset>\n",
      "Starting Deadline Seconds:     <unset>\n",
      "Selector:                      <unset>\n",
      "Parallelism:                   <unset>\n",
      // Untabbed template lines end the column block: the last three align on their own.
      "Last Schedule Time:  Thu, 01 Jan 2026 11:59:00 +0000\n",
      "Active Jobs:         hello-1, hello-2\n",
      "Events:              <none>\n",
    ]) expect(out).toContain(s);
  });
});
