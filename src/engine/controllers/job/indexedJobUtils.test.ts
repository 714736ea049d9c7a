import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { firstPendingIndexes, podGenerateNameWithIndex } from "./indexedJobUtils";
import type { Job } from "./jobTypes";
import type { SyncJobCtx } from "./syncJobCtx";

const pod = (ix: number): Pod => ({
  apiVersion: "v1", kind: "Pod",
  metadata: { name: `j-${ix}-abcde`, uid: `u${ix}`, resourceVersion: "1", creationTimestamp: "", annotations: { "batch.kubernetes.io/job-completion-index": String(ix) } },
  spec: { containers: [] },
  status: { phase: "Running" },
}) as Pod;

function ctx(active: number[], succeeded: [number, number][], failed?: [number, number][]): SyncJobCtx {
  const job = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { completions: 10, completionMode: "Indexed", template: { spec: { containers: [] } } } } as unknown as Job;
  return {
    job, pods: active.map(pod), activePods: active.map(pod), succeeded: 0, failed: 0, prevSucceededIndexes: [],
    succeededIndexes: succeeded.map(([first, last]) => ({ first, last })),
    failedIndexes: failed?.map(([first, last]) => ({ first, last })),
    newBackoffRecord: { key: "k", failuresAfterLastSuccess: 0 }, expectedRmFinalizers: new Set(), uncounted: { succeeded: new Set(), failed: new Set() },
    terminating: 0, ready: 0,
  };
}

describe("indexed_job_utils.go", () => {
  it("podGenerateNameWithIndex: <job>-<index>-, the job name truncated to fit 58 characters", () => {
    expect(podGenerateNameWithIndex("pi", 3)).toBe("pi-3-");
    const long = "a".repeat(60);
    const g = podGenerateNameWithIndex(long, 12);
    expect(g).toBe(`${"a".repeat(54)}-12-`);
    expect(g.length).toBe(58);
  });

  it("firstPendingIndexes skips active, succeeded and failed indexes", () => {
    expect(firstPendingIndexes(ctx([0, 2], [[1, 1], [4, 5]]), 4, 10)).toEqual([3, 6, 7, 8]);
    expect(firstPendingIndexes(ctx([], [[0, 7]], [[8, 8]]), 5, 10)).toEqual([9]);
    expect(firstPendingIndexes(ctx([], []), 0, 10)).toEqual([]);
  });
});
