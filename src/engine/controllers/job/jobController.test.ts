import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject, Pod } from "../../api/types";
import type { Kernel } from "../../testing/kernel";
import { JobController } from "./jobController";
import type { Job } from "./jobTypes";
import { FakeKubelet, type PodProgram } from "./testing/fakeKubelet";
import { backoffLimitPerIndexJob, createdPodNames, defaultingKernel, events, getJob, piJob, podFailurePolicyJob, podsOf, simpleJob } from "./testing/fixtures";

const NAME_SUFFIX = "[bcdfghjklmnpqrstvwxz2456789]{5}";

function setup(program: PodProgram, seed = 1): Kernel {
  const k = defaultingKernel(seed);
  new JobController(k.ctx).start();
  new FakeKubelet(k, program).start();
  k.informers.startAll();
  return k;
}

const conditionTypes = (j: Job): string[] => (j.status?.conditions ?? []).map((c) => `${c.type}=${c.status}:${c.reason ?? ""}`);
const indexOf = (p: Pod): number => Number(p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"]);
const secs = (t: string | undefined): number => Date.parse(t ?? "") / 1000;

describe("JobController: job.yaml pi (oracle 05)", () => {
  it("runs one pod to completion: Complete, succeeded 1, the pod is kept", () => {
    const k = setup(() => ({ runMs: 10_000, exitCode: 0 }));
    const job = k.api.create("kubectl", piJob()) as Job;
    k.advance(3_000);
    const [pod] = podsOf(k);
    expect(pod!.metadata.name).toMatch(new RegExp(`^pi-${NAME_SUFFIX}$`));
    expect(pod!.metadata.labels).toEqual({
      "batch.kubernetes.io/controller-uid": job.metadata.uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": job.metadata.uid,
      "job-name": "pi",
    });
    expect(pod!.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "Job", name: "pi", uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pod!.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    expect(getJob(k, "pi").status).toMatchObject({ active: 1, ready: 1, terminating: 0, uncountedTerminatedPods: {} });

    k.advance(60_000);
    const done = getJob(k, "pi");
    const st = done.status!;
    expect(conditionTypes(done)).toEqual(["SuccessCriteriaMet=True:CompletionsReached", "Complete=True:CompletionsReached"]);
    expect(st.conditions![1]!.message).toBe("Reached expected number of succeeded pods");
    expect(st).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(st.active).toBeUndefined();
    expect(st.failed).toBeUndefined();
    expect(secs(st.completionTime)).toBeGreaterThanOrEqual(secs(st.startTime) + 11);
    // Completed pods are kept, counted (finalizer removed).
    const kept = podsOf(k);
    expect(kept.map((p) => p.metadata.name)).toEqual([pod!.metadata.name]);
    expect(kept[0]!.status?.phase).toBe("Succeeded");
    expect(kept[0]!.metadata.finalizers).toBeUndefined();
    expect(events(k, "Job")).toEqual([`Normal SuccessfulCreate Created pod: ${pod!.metadata.name}`, "Normal Completed Job completed"]);
    expect(k.errors).toEqual([]);
  });

  it("keeps at most parallelism pods active and completes after `completions` successes", () => {
    const k = setup(() => ({ runMs: 5_000, exitCode: 0 }));
    k.api.create("kubectl", simpleJob("para", { completions: 5, parallelism: 2 }));
    let maxActive = 0;
    for (let t = 0; t < 60; t++) {
      k.advance(1_000);
      const running = podsOf(k).filter((p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed").length;
      maxActive = Math.max(maxActive, running);
    }
    expect(maxActive).toBe(2);
    const job = getJob(k, "para");
    expect(job.status).toMatchObject({ succeeded: 5 });
    expect(conditionTypes(job)).toContain("Complete=True:CompletionsReached");
    expect(createdPodNames(k)).toHaveLength(5);
    for (const n of createdPodNames(k)) expect(n).toMatch(new RegExp(`^para-${NAME_SUFFIX}$`));
  });
});

describe("JobController: pod failure policy (job-pod-failure-policy-example.yaml)", () => {
  it("exit code 42 fails the Job (reason PodFailurePolicy) without exhausting backoffLimit; running pods are terminated", () => {
    let first = "";
    const k = setup((pod) => {
      // The first pod exits 42 after its 5s sleep; the others are still running.
      if (!first) first = pod.metadata.name;
      return pod.metadata.name === first ? { runMs: 5_000, exitCode: 42 } : {};
    });
    k.api.create("kubectl", podFailurePolicyJob());
    // Pods start at 1s and the first exits at 6s; pod events are batched for 1s.
    k.advance(7_500);
    const mid = getJob(k, "job-pod-failure-policy-example");
    const message = `Container main for pod default/${first} failed with exit code 42 matching FailJob rule at index 0`;
    expect(conditionTypes(mid)).toEqual(["FailureTarget=True:PodFailurePolicy"]);
    expect(mid.status!.conditions![0]!.message).toBe(message);
    expect(podsOf(k).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(2);

    k.advance(30_000);
    const job = getJob(k, "job-pod-failure-policy-example");
    expect(conditionTypes(job)).toEqual(["FailureTarget=True:PodFailurePolicy", "Failed=True:PodFailurePolicy"]);
    expect(job.status!.conditions![1]!.message).toBe(message);
    // 3 pods created, none replaced; the two running pods were deleted and count as failed too.
    expect(createdPodNames(k)).toHaveLength(3);
    expect(job.status).toMatchObject({ failed: 3, terminating: 0, ready: 0, uncountedTerminatedPods: {} });
    expect(job.status!.active).toBeUndefined();
    expect(podsOf(k).map((p) => p.metadata.name)).toEqual([first]);
    const ev = events(k, "Job");
    expect(ev.filter((e) => e.startsWith("Normal SuccessfulDelete Deleted pod: "))).toHaveLength(2);
    expect(ev).toContain(`Warning PodFailurePolicy ${message}`);
    expect(k.errors).toEqual([]);
  });

  it("an Ignore rule (DisruptionTarget) does not count the failure and the pod is replaced", () => {
    const k = setup(() => ({}));
    k.api.create("kubectl", simpleJob("ign", {
      backoffLimit: 0,
      podFailurePolicy: { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] },
    }));
    k.advance(3_000);
    const [pod] = podsOf(k);
    const rt = k.api.typeOf(pod!);
    k.api.patch("kubelet/node-1", rt, "default", pod!.metadata.name, (p) => {
      p.status.phase = "Failed";
      p.status.conditions = [...p.status.conditions, { type: "DisruptionTarget", status: "True", reason: "EvictionByEvictionAPI", lastTransitionTime: "2025-01-01T00:00:03Z" }];
    }, "status");
    k.advance(5_000);
    // Ignored failures still feed the pod-failure backoff: the replacement waits 10s.
    expect(createdPodNames(k)).toHaveLength(1);
    k.advance(10_000);
    const job = getJob(k, "ign");
    expect(job.status!.failed).toBeUndefined();
    expect(conditionTypes(job)).toEqual([]);
    expect(createdPodNames(k)).toHaveLength(2);
  });
});

describe("JobController: backoffLimitPerIndex (job-backoff-limit-per-index-example.yaml)", () => {
  it("odd indexes succeed, even indexes fail twice: completedIndexes 1,3,5,7,9, failedIndexes 0,2,4,6,8, Failed", () => {
    const k = setup((pod) => ({ runMs: 2_000, exitCode: indexOf(pod) % 2 === 0 ? 1 : 0 }));
    k.api.create("kubectl", backoffLimitPerIndexJob());
    k.advance(3_000);
    const first = podsOf(k);
    expect(first.map(indexOf).sort()).toEqual([0, 1, 2]);
    for (const p of first) {
      const i = indexOf(p);
      expect(p.metadata.name).toMatch(new RegExp(`^job-backoff-limit-per-index-example-${i}-${NAME_SUFFIX}$`));
      expect(p.spec.hostname).toBe(`job-backoff-limit-per-index-example-${i}`);
      expect(p.metadata.labels?.["batch.kubernetes.io/job-completion-index"]).toBe(String(i));
      expect(p.metadata.annotations?.["batch.kubernetes.io/job-index-failure-count"]).toBe("0");
      expect(p.spec.containers[0]!.env).toEqual([
        // apiVersion v1 is the API server's default for an ObjectFieldSelector.
        { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
      ]);
    }
    k.advance(300_000);
    const job = getJob(k, "job-backoff-limit-per-index-example");
    expect(job.status).toMatchObject({ completedIndexes: "1,3,5,7,9", failedIndexes: "0,2,4,6,8", succeeded: 5, failed: 10 });
    expect(conditionTypes(job)).toEqual(["FailureTarget=True:FailedIndexes", "Failed=True:FailedIndexes"]);
    expect(job.status!.conditions![1]!.message).toBe("Job has failed indexes");
    // Each even index ran twice; the retry carries the failure count of the pod it replaces.
    const created = createdPodNames(k);
    expect(created).toHaveLength(15);
    const retries = podsOf(k).filter((p) => p.metadata.annotations?.["batch.kubernetes.io/job-index-failure-count"] === "1");
    expect(retries.map(indexOf).sort()).toEqual([0, 2, 4, 6, 8]);
    expect(events(k, "Job")).toContain("Warning FailedIndexes Job has failed indexes");
    expect(k.errors).toEqual([]);
  });
});

describe("JobController: backoff, deadline, suspend", () => {
  it("recreates failed pods after 10s, 20s, 40s, then fails with BackoffLimitExceeded", () => {
    const k = setup(() => ({ runMs: 1_000, exitCode: 1 }));
    k.api.create("kubectl", simpleJob("retry", { backoffLimit: 3 }));
    k.advance(600_000);
    const pods = podsOf(k).sort((a, b) => secs(a.metadata.creationTimestamp) - secs(b.metadata.creationTimestamp));
    expect(pods).toHaveLength(4);
    const gaps = pods.slice(1).map((p, i) => secs(p.metadata.creationTimestamp) - secs(pods[i]!.status!.containerStatuses![0]!.state.terminated!.finishedAt));
    expect(gaps).toEqual([10, 20, 40]);
    const job = getJob(k, "retry");
    expect(conditionTypes(job)).toEqual(["FailureTarget=True:BackoffLimitExceeded", "Failed=True:BackoffLimitExceeded"]);
    expect(job.status!.conditions![1]!.message).toBe("Job has reached the specified backoff limit");
    expect(job.status!.failed).toBe(4);
    expect(events(k, "Job")).toContain("Warning BackoffLimitExceeded Job has reached the specified backoff limit");
  });

  it("activeDeadlineSeconds: the Job fails with DeadlineExceeded and its running pod is terminated", () => {
    const k = setup(() => ({}));
    k.api.create("kubectl", simpleJob("deadline", { activeDeadlineSeconds: 10 }));
    k.advance(9_000);
    expect(conditionTypes(getJob(k, "deadline"))).toEqual([]);
    k.advance(2_000);
    expect(conditionTypes(getJob(k, "deadline"))).toEqual(["FailureTarget=True:DeadlineExceeded"]);
    k.advance(10_000);
    const job = getJob(k, "deadline");
    expect(conditionTypes(job)).toEqual(["FailureTarget=True:DeadlineExceeded", "Failed=True:DeadlineExceeded"]);
    expect(job.status!.conditions![1]!.message).toBe("Job was active longer than specified deadline");
    expect(secs(job.status!.conditions![0]!.lastTransitionTime) - secs(job.status!.startTime)).toBe(10);
    expect(job.status).toMatchObject({ failed: 1, terminating: 0 });
    expect(podsOf(k)).toEqual([]);
    expect(events(k, "Job")).toContain("Warning DeadlineExceeded Job was active longer than specified deadline");
  });

  it("suspend: no pods and Suspended=True; resume creates pods; suspending again deletes them uncounted", () => {
    const k = setup(() => ({}));
    k.api.create("kubectl", simpleJob("sus", { suspend: true, parallelism: 2, completions: 4 }));
    k.advance(5_000);
    let job = getJob(k, "sus");
    expect(podsOf(k)).toEqual([]);
    expect(conditionTypes(job)).toEqual(["Suspended=True:JobSuspended"]);
    expect(job.status!.conditions![0]!.message).toBe("Job suspended");
    expect(job.status!.startTime).toBeUndefined();

    const rt = k.api.typeOf(job);
    k.api.patch("kubectl", rt, "default", "sus", (j) => {
      j.spec.suspend = false;
    });
    k.advance(5_000);
    job = getJob(k, "sus");
    expect(podsOf(k)).toHaveLength(2);
    expect(conditionTypes(job)).toEqual(["Suspended=False:JobResumed"]);
    expect(job.status!.conditions![0]!.message).toBe("Job resumed");
    expect(job.status!.startTime).toBe("2025-01-01T00:00:05Z");

    k.api.patch("kubectl", rt, "default", "sus", (j) => {
      j.spec.suspend = true;
    });
    k.advance(10_000);
    job = getJob(k, "sus");
    expect(podsOf(k)).toEqual([]);
    expect(conditionTypes(job)).toEqual(["Suspended=True:JobSuspended"]);
    expect(job.status!.active).toBeUndefined();
    expect(job.status!.failed).toBeUndefined();
    // The second Suspended event is aggregated into the first (same reason and message): count 2.
    const ev = (k.store.list("events") as KubeEvent[]).filter((e) => e.reason === "Suspended" || e.reason === "Resumed");
    expect(ev.map((e) => `${e.reason} ${e.message} x${e.count}`)).toEqual(["Suspended Job suspended x2", "Resumed Job resumed x1"]);
  });

  it("a pod deleted while running counts as failed and is replaced (podReplacementPolicy TerminatingOrFailed)", () => {
    const k = setup(() => ({}));
    k.api.create("kubectl", simpleJob("gone"));
    k.advance(3_000);
    const [pod] = podsOf(k);
    k.api.delete("kubectl", k.api.typeOf(pod! as KubeObject), "default", pod!.metadata.name);
    k.advance(15_000);
    const job = getJob(k, "gone");
    expect(job.status!.failed).toBe(1);
    const live = podsOf(k);
    expect(live).toHaveLength(1);
    expect(live[0]!.metadata.name).not.toBe(pod!.metadata.name);
  });
});
